"""Calling and serving: call next, recall, finish, no-show, requeue, transfer."""

from __future__ import annotations

from dataclasses import dataclass, replace

from hallcore import lifecycle
from hallcore.errors import (
    CounterBusy,
    CounterNotOpen,
    InvalidTransition,
    SectorNotFound,
    TicketNotFound,
)
from hallcore.events import (
    CounterChanged,
    TicketCalled,
    TicketChanged,
    TicketFinished,
    TicketTransferred,
)
from hallcore.model import CounterStatus, Ticket
from hallcore.numbering import service_day
from hallcore.ordering import choose_next, normals_after_call
from motcua.services.context import Actor, Hall
from motcua.services.counters import authorize_counter, load_counter
from motcua.services.hallcache import HallData
from motcua.storage import hall_repo, ticket_repo

UNSET = object()


@dataclass(frozen=True)
class CallResult:
    ticket: Ticket | None
    finished: Ticket | None
    config: HallData  # the configuration the call was made under (to describe both tickets)


def call_next(hall: Hall, number: int, actor: Actor, expect_current=UNSET) -> CallResult:
    """Finish the counter's current ticket, if any, and call the next one by the hall's rules.

    ``expect_current`` (the ticket id the officer's screen shows, or None) guards a
    double key-press: if the counter has moved on meanwhile, nothing happens.
    """
    now = hall.now()
    with hall.db.write() as conn:
        data = hall.data(conn)
        st = data.settings
        counter, row = load_counter(conn, number, data)
        authorize_counter(row, actor)
        if counter.status is not CounterStatus.OPEN:
            raise CounterNotOpen(counter=number, status=str(counter.status))
        current = ticket_repo.current_ticket(conn, row.id, lock=True)
        if expect_current is not UNSET and (current.id if current else None) != expect_current:
            raise CounterBusy(counter=number, current=current.number if current else None)
        finished = None
        if current is not None:
            finished = lifecycle.finish(current, number, now)
            ticket_repo.save_state(conn, finished, row.id)
        ids = data.sector_ids(counter.sectors)
        heads = ticket_repo.queue_heads(conn, service_day(now, st.tz), ids)
        chosen = choose_next(heads, counter.sectors, st.rules, counter.normals_since_priority)
        called = None
        if chosen is not None:
            officer = actor.officer_id
            called = ticket_repo.mark_called(conn, chosen, row.id, number, officer, now)
            if called is None:
                raise RuntimeError("queue head changed under a write lock")
            tally = normals_after_call(chosen.is_priority, counter.normals_since_priority)
            hall_repo.set_interleave_tally(conn, number, tally)
    if called is not None:  # the hall hears the call first; the tablet's question follows
        hall.bus.publish(TicketCalled(called, recall=False))
    if finished is not None:
        hall.bus.publish(TicketChanged(finished, "finished"), TicketFinished(finished))
    if finished is not None or called is not None:  # an empty queue changes nothing
        hall.bus.publish(CounterChanged(number))
    return CallResult(called, finished, data)


def _act_on_current(hall: Hall, number: int, actor: Actor, action: str) -> Ticket:
    now = hall.now()
    with hall.db.write() as conn:
        _, row = load_counter(conn, number, hall.data(conn))
        authorize_counter(row, actor)
        current = ticket_repo.current_ticket(conn, row.id, lock=True)
        if current is None:
            raise InvalidTransition(counter=number, reason="no_current_ticket")
        if action == "recall":
            ticket = lifecycle.recall(current, number)
        elif action == "finish":
            ticket = lifecycle.finish(current, number, now)
        else:
            ticket = lifecycle.no_show(current, number, now)
        ticket_repo.save_state(conn, ticket, row.id)
    if action == "recall":
        hall.bus.publish(TicketCalled(ticket, recall=True))
    else:
        hall.bus.publish(TicketChanged(ticket, action))
        if action == "finish":
            hall.bus.publish(TicketFinished(ticket))
    hall.bus.publish(CounterChanged(number))
    return ticket


def recall(hall: Hall, number: int, actor: Actor) -> Ticket:
    """Announce the counter's current ticket again."""
    return _act_on_current(hall, number, actor, "recall")


def finish(hall: Hall, number: int, actor: Actor) -> Ticket:
    """Close the counter's current ticket as served (the rating tablet then asks)."""
    return _act_on_current(hall, number, actor, "finish")


def no_show(hall: Hall, number: int, actor: Actor) -> Ticket:
    """Mark the counter's current ticket as absent."""
    return _act_on_current(hall, number, actor, "no_show")


def requeue(hall: Hall, number: int, actor: Actor, ticket_id: int, reason: str) -> Ticket:
    """Put today's no-show back in line at its place (audited with who and why)."""
    now = hall.now()
    with hall.db.write() as conn:
        data = hall.data(conn)
        st = data.settings
        _, row = load_counter(conn, number, data)
        authorize_counter(row, actor)
        ticket = ticket_repo.get_ticket(conn, ticket_id, lock=True)
        if ticket is None:
            raise TicketNotFound(ticket=ticket_id)
        if ticket.service_day != service_day(now, st.tz):
            raise InvalidTransition(ticket=ticket.number, reason="not_today")
        back = lifecycle.requeue(ticket, now)
        ticket_repo.save_state(conn, back, None)
        hall_repo.write_audit(
            conn,
            at=now,
            actor=actor.name,
            actor_id=actor.id,
            action="ticket.requeue",
            target=ticket.number,
            reason=reason,
            detail={"ticket": ticket.id, "counter": number, "sector": ticket.sector},
        )
    hall.bus.publish(TicketChanged(back, "requeued"))
    return back


def transfer(hall: Hall, number: int, actor: Actor, to_sector: str) -> Ticket:
    """Send the current ticket to another sector's queue for its next step (liên thông)."""
    now = hall.now()
    with hall.db.write() as conn:
        _, row = load_counter(conn, number, hall.data(conn))
        authorize_counter(row, actor)
        target_sector = hall.data(conn).sector(to_sector)
        if target_sector is None:
            raise SectorNotFound(sector=to_sector)
        target = target_sector.id
        current = ticket_repo.current_ticket(conn, row.id, lock=True)
        if current is None:
            raise InvalidTransition(counter=number, reason="no_current_ticket")
        closed, step = lifecycle.transfer(current, number, to_sector, now)
        ticket_repo.save_state(conn, closed, row.id)
        step = replace(step, id=ticket_repo.insert_ticket(conn, step, target))
    hall.bus.publish(TicketTransferred(closed, step), CounterChanged(number))
    return step
