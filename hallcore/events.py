"""Facts the services publish after a transaction commits (consumed by realtime, voice...)."""

from __future__ import annotations

from dataclasses import dataclass

from hallcore.model import Ticket


@dataclass(frozen=True)
class TicketIssued:
    ticket: Ticket


@dataclass(frozen=True)
class TicketCalled:
    ticket: Ticket
    recall: bool


@dataclass(frozen=True)
class TicketChanged:
    """Finished, absent, requeued, expired or reprinted: its holder should know."""

    ticket: Ticket
    action: str


@dataclass(frozen=True)
class TicketTransferred:
    previous: Ticket
    ticket: Ticket


@dataclass(frozen=True)
class TicketFinished:
    """A served ticket that the counter's rating tablet should ask about."""

    ticket: Ticket


@dataclass(frozen=True)
class CounterChanged:
    counter: int


@dataclass(frozen=True)
class RatingRecorded:
    ticket: Ticket
    level: str


@dataclass(frozen=True)
class HallChanged:
    """Configuration changed (sectors, counters, settings): screens reload their view."""

    section: str


@dataclass(frozen=True)
class DeviceChanged:
    """A paired device was edited or revoked: its open page must take the new pairing."""

    device: int
    kind: str


HallEvent = (
    TicketIssued
    | TicketCalled
    | TicketChanged
    | TicketTransferred
    | TicketFinished
    | CounterChanged
    | RatingRecorded
    | HallChanged
    | DeviceChanged
)
