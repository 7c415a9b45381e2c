"""The hall's nouns as immutable dataclasses."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from hallcore.hours import OpeningHours


class TicketStatus(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    DONE = "done"
    NO_SHOW = "no_show"
    TRANSFERRED = "transferred"
    EXPIRED = "expired"


ACTIVE_STATUSES = frozenset({TicketStatus.WAITING, TicketStatus.CALLED})


class CounterStatus(StrEnum):
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"


class QueueMode(StrEnum):
    STRICT = "strict"
    INTERLEAVE = "interleave"


@dataclass(frozen=True)
class Sector:
    code: str
    name: str
    name_en: str = ""
    prefix: str = ""
    start: int = 1
    daily_cap: int | None = None
    hours: OpeningHours | None = None
    active: bool = True
    id: int | None = None

    def number_for(self, seq: int) -> str:
        """Return the display number of the seq-th ticket of a day (seq starts at 1)."""
        return f"{self.prefix}{self.start + seq - 1}"


@dataclass(frozen=True)
class PriorityCategory:
    code: str
    name: str
    name_en: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Counter:
    number: int
    name: str
    sectors: tuple[str, ...]
    status: CounterStatus = CounterStatus.CLOSED
    pause_reason: str = ""
    normals_since_priority: int = 0
    id: int | None = None


@dataclass(frozen=True)
class QueueRules:
    mode: QueueMode = QueueMode.STRICT
    interleave: int = 3
    default_service_s: int = 300


@dataclass(frozen=True)
class Ticket:
    """One service step of a citizen's visit.

    ``queued_at`` orders the queue; a transfer creates a new step that keeps the
    original ``queued_at`` so the citizen does not go to the back again, while
    ``entered_at`` records when this step joined its queue (for waiting times).
    """

    sector: str
    seq: int
    number: str
    service_day: date
    issued_at: datetime
    queued_at: datetime
    entered_at: datetime
    token: str
    status: TicketStatus = TicketStatus.WAITING
    priority: str | None = None
    counter: int | None = None
    officer_id: int | None = None
    called_at: datetime | None = None
    finished_at: datetime | None = None
    call_count: int = 0
    parent_id: int | None = None
    id: int | None = None
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    @property
    def is_priority(self) -> bool:
        return self.priority is not None
