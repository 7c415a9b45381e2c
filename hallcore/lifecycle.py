"""Ticket state transitions: each returns a new Ticket or raises InvalidTransition."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from hallcore.errors import InvalidTransition, WrongCounter
from hallcore.model import Ticket, TicketStatus


def _require(ticket: Ticket, *allowed: TicketStatus) -> None:
    if ticket.status not in allowed:
        raise InvalidTransition(
            ticket=ticket.number, status=str(ticket.status), allowed=[str(a) for a in allowed]
        )


def _require_counter(ticket: Ticket, counter: int) -> None:
    if ticket.counter != counter:
        raise WrongCounter(ticket=ticket.number, counter=counter, owner=ticket.counter)


def call(ticket: Ticket, counter: int, officer_id: int | None, now: datetime) -> Ticket:
    """Hand a waiting ticket to a counter."""
    _require(ticket, TicketStatus.WAITING)
    return replace(
        ticket,
        status=TicketStatus.CALLED,
        counter=counter,
        officer_id=officer_id,
        called_at=now,
        call_count=1,
    )


def recall(ticket: Ticket, counter: int) -> Ticket:
    """Announce a called ticket again; the call count goes up, the call time stays."""
    _require(ticket, TicketStatus.CALLED)
    _require_counter(ticket, counter)
    return replace(ticket, call_count=ticket.call_count + 1)


def finish(ticket: Ticket, counter: int, now: datetime) -> Ticket:
    """Close a served ticket."""
    _require(ticket, TicketStatus.CALLED)
    _require_counter(ticket, counter)
    return replace(ticket, status=TicketStatus.DONE, finished_at=now)


def no_show(ticket: Ticket, counter: int, now: datetime) -> Ticket:
    """Mark a called citizen as absent."""
    _require(ticket, TicketStatus.CALLED)
    _require_counter(ticket, counter)
    return replace(ticket, status=TicketStatus.NO_SHOW, finished_at=now)


def requeue(ticket: Ticket, now: datetime) -> Ticket:
    """Put a no-show back in line at its original place (the citizen came back)."""
    _require(ticket, TicketStatus.NO_SHOW)
    return replace(
        ticket,
        status=TicketStatus.WAITING,
        counter=None,
        officer_id=None,
        called_at=None,
        finished_at=None,
        call_count=0,
        entered_at=now,
    )


def transfer(ticket: Ticket, counter: int, to_sector: str, now: datetime) -> tuple[Ticket, Ticket]:
    """End this step as transferred and open the next step in ``to_sector``'s queue.

    The new step keeps the number, token and original queue time, so the citizen
    keeps their paper ticket and their place.
    """
    _require(ticket, TicketStatus.CALLED)
    _require_counter(ticket, counter)
    if to_sector == ticket.sector:
        raise InvalidTransition(ticket=ticket.number, reason="same_sector")
    closed = replace(ticket, status=TicketStatus.TRANSFERRED, finished_at=now)
    step = replace(
        ticket,
        id=None,
        sector=to_sector,
        status=TicketStatus.WAITING,
        counter=None,
        officer_id=None,
        called_at=None,
        finished_at=None,
        call_count=0,
        entered_at=now,
        parent_id=ticket.id,
    )
    return closed, step


def expire(ticket: Ticket, now: datetime) -> Ticket:
    """End a ticket left waiting or called when its service day is over."""
    _require(ticket, TicketStatus.WAITING, TicketStatus.CALLED)
    return replace(ticket, status=TicketStatus.EXPIRED, finished_at=now)
