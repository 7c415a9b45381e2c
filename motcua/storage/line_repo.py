"""The waiting lines: who is ahead, how long service takes, what comes next.

Read-only statistics over the tickets table, built once at import like ticket_repo's.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, and_, bindparam, func, or_, select

from hallcore.model import Ticket
from motcua.storage.hall_repo import OPEN_FOR_SECTOR
from motcua.storage.tables import tickets
from motcua.storage.ticket_repo import DONE, WAITING
from motcua.storage.types import seconds_between

_WAITING_IN_SECTOR = (
    tickets.c.service_day == bindparam("day"),
    tickets.c.status == WAITING,
    tickets.c.sector_id == bindparam("sector_id"),
    tickets.c.id != bindparam("tid"),
)
_EARLIER = or_(
    tickets.c.queued_at < bindparam("queued_at"),
    and_(tickets.c.queued_at == bindparam("queued_at"), tickets.c.id < bindparam("tid")),
)
AHEAD = {
    # A priority ticket waits only for earlier priority tickets; a normal one for every
    # priority ticket and the earlier normal ones.
    True: select(func.count()).where(
        *_WAITING_IN_SECTOR, and_(tickets.c.priority.is_not(None), _EARLIER)
    ),
    False: select(func.count()).where(
        *_WAITING_IN_SECTOR, or_(tickets.c.priority.is_not(None), _EARLIER)
    ),
}
# One statement for a new ticket's answer: its place and the counters sharing the line.
PLACE = {
    priority: select(ahead.scalar_subquery(), OPEN_FOR_SECTOR.scalar_subquery())
    for priority, ahead in AHEAD.items()
}
DURATIONS = (
    select(seconds_between(tickets.c.finished_at, tickets.c.called_at))
    .where(
        tickets.c.service_day == bindparam("day"),
        tickets.c.sector_id == bindparam("sector_id"),
        tickets.c.status == DONE,
    )
    .order_by(tickets.c.finished_at.desc())
    .limit(bindparam("limit"))
)
WAITING_COUNTS = (
    select(tickets.c.sector_id, func.count())
    .where(tickets.c.service_day == bindparam("day"), tickets.c.status == WAITING)
    .group_by(tickets.c.sector_id)
)


def _next_numbers():
    rank = (
        func.row_number()
        .over(
            partition_by=tickets.c.sector_id,
            order_by=(tickets.c.priority.is_(None), tickets.c.queued_at, tickets.c.id),
        )
        .label("rank")
    )
    ranked = (
        select(tickets.c.sector_id, tickets.c.number, rank)
        .where(tickets.c.service_day == bindparam("day"), tickets.c.status == WAITING)
        .subquery()
    )
    return (
        select(ranked.c.sector_id, ranked.c.number)
        .where(ranked.c.rank <= bindparam("per_sector"))
        .order_by(ranked.c.sector_id, ranked.c.rank)
    )


NEXT_NUMBERS = _next_numbers()


def place_in_line(conn: Connection, ticket: Ticket, sector_id: int) -> tuple[int, int]:
    """Return (waiting tickets of the sector that go before this one, counters open for it)."""
    params = {
        "day": ticket.service_day,
        "sector_id": sector_id,
        "tid": ticket.id,
        "queued_at": ticket.queued_at,
    }
    ahead, open_counters = conn.execute(PLACE[ticket.is_priority], params).one()
    return ahead, open_counters


def service_durations(conn: Connection, sector_id: int, day: date, limit: int = 30) -> list[float]:
    """Return the latest service times (seconds) of the sector's tickets done on ``day``."""
    params = {"day": day, "sector_id": sector_id, "limit": limit}
    return [float(v) for v in conn.execute(DURATIONS, params).scalars()]


def waiting_counts(conn: Connection, day: date) -> dict[int, int]:
    """Return {sector_id: waiting tickets} for ``day``."""
    return dict(conn.execute(WAITING_COUNTS, {"day": day}).all())


def next_numbers(conn: Connection, day: date, per_sector: int) -> dict[int, list[str]]:
    """Return {sector_id: the next numbers in call order}, at most ``per_sector`` each."""
    result: dict[int, list[str]] = {}
    for sector_id, number in conn.execute(NEXT_NUMBERS, {"day": day, "per_sector": per_sector}):
        result.setdefault(sector_id, []).append(number)
    return result
