"""Which staffed counters a fact concerns: whose workstation must be drawn again."""

from __future__ import annotations

from sqlalchemy import select

from hallcore.events import HallEvent, TicketCalled, TicketChanged, TicketTransferred
from motcua.services.context import Hall
from motcua.storage.tables import counter_sectors, counters, sectors

# Changes of a waiting ticket that move it in (or into) its sector's line.
QUEUE_ACTIONS = ("requeued", "prioritized")


def counters_whose_queue_changed(hall: Hall, event: HallEvent) -> list[int]:
    """Return the staffed counters (other than the acting one) whose queue this fact changed.

    The acting counter is refreshed by its own CounterChanged (a requeue has none).
    """
    if isinstance(event, TicketTransferred):
        codes, acting = {event.previous.sector, event.ticket.sector}, event.previous.counter
    elif isinstance(event, TicketCalled) and event.recall:
        return []
    elif isinstance(event, TicketChanged) and event.action not in QUEUE_ACTIONS:
        return []
    else:
        codes, acting = {event.ticket.sector}, event.ticket.counter
    return [n for n in counters_serving(hall, codes) if n != acting]


def counters_serving(hall: Hall, codes: set[str]) -> list[int]:
    """Return the staffed counters whose queue includes any of these sectors."""
    if not codes:
        return []
    with hall.db.read() as conn:
        stmt = (
            select(counters.c.number)
            .distinct()
            .join(counter_sectors, counter_sectors.c.counter_id == counters.c.id)
            .join(sectors, sectors.c.id == counter_sectors.c.sector_id)
            .where(
                sectors.c.code.in_(codes),
                counters.c.officer_id.is_not(None),
                counters.c.active.is_(True),
            )
        )
        return sorted(conn.execute(stmt).scalars())


def staffed_counters(hall: Hall) -> list[int]:
    """Return the counters an officer is signed in to."""
    with hall.db.read() as conn:
        stmt = select(counters.c.number).where(
            counters.c.officer_id.is_not(None), counters.c.active.is_(True)
        )
        return sorted(conn.execute(stmt).scalars())
