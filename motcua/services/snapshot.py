"""The hall at a glance: sectors with queues, counters with their current ticket, recent calls.

The public ``GET /api/v1/hall`` and the display's ``board`` are both this snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select

from hallcore.model import TicketStatus
from hallcore.numbering import closed_reason, service_day
from motcua.services.context import Hall
from motcua.storage import hall_repo, line_repo, ticket_repo
from motcua.storage.tables import counters, sectors, tickets, users

NEXT_SHOWN = 5  # upcoming numbers listed per sector


@dataclass(frozen=True)
class Snapshot:
    hall: dict
    sectors: list[dict]
    counters: list[dict]
    recent_calls: list[dict]
    service_day: str
    priorities: list[dict]


RECENT_CALLS = (
    select(tickets.c.number, tickets.c.called_at, sectors.c.code, counters.c.number)
    .join(sectors, sectors.c.id == tickets.c.sector_id)
    .join(counters, counters.c.id == tickets.c.counter_id)
    .where(tickets.c.service_day == bindparam("day"), tickets.c.called_at.is_not(None))
    .order_by(tickets.c.called_at.desc(), tickets.c.id.desc())
    .limit(bindparam("limit"))
)
CURRENT_TICKETS = (
    select(
        tickets.c.id,
        tickets.c.number,
        tickets.c.priority,
        tickets.c.called_at,
        tickets.c.call_count,
        sectors.c.code,
        tickets.c.counter_id,
    )
    .join(sectors, sectors.c.id == tickets.c.sector_id)
    .where(tickets.c.service_day == bindparam("day"), tickets.c.status == TicketStatus.CALLED)
)
COUNTER_ROWS = (
    select(
        counters.c.id,
        counters.c.number,
        counters.c.status,
        counters.c.pause_reason,
        counters.c.status_since,
        users.c.full_name.label("officer"),
    )
    .outerjoin(users, users.c.id == counters.c.officer_id)
    .where(counters.c.active.is_(True))
)


def _recent_calls(conn, day, limit: int) -> list[dict]:
    if limit <= 0:
        return []
    return [
        {"number": n, "sector": s, "counter": c, "called_at": at.isoformat()}
        for n, at, s, c in conn.execute(RECENT_CALLS, {"day": day, "limit": limit})
    ]


def _current_by_counter(conn, day) -> dict[int, dict]:
    return {
        row.counter_id: {
            "id": row.id,
            "number": row.number,
            "sector": row.code,
            "priority": row.priority,
            "called_at": row.called_at.isoformat(),
            "call_count": row.call_count,
        }
        for row in conn.execute(CURRENT_TICKETS, {"day": day})
    }


def _counter_rows(conn) -> dict:
    return {row.number: row for row in conn.execute(COUNTER_ROWS)}


def _sector_list(data, waiting: dict, issued: dict, upcoming: dict, now) -> list[dict]:
    result = []
    for s in data.sectors:
        reason = closed_reason(s, now, data.settings.tz, issued.get(s.id, 0))
        result.append(
            {
                "code": s.code,
                "name": s.name,
                "name_en": s.name_en,
                "waiting": waiting.get(s.id, 0),
                "open": reason is None,
                "closed_reason": reason,
                "hours": str(s.hours) if s.hours else None,
                "next": upcoming.get(s.id, []),
            }
        )
    return result


def hall_snapshot(hall: Hall, recent: int | None = None) -> Snapshot:
    """Return the public state of the hall now."""
    now = hall.now()
    with hall.db.read() as conn:
        data = hall.data(conn)
        st = data.settings
        day = service_day(now, st.tz)
        sector_list = _sector_list(
            data,
            line_repo.waiting_counts(conn, day),
            ticket_repo.issued_counts(conn, day),
            line_repo.next_numbers(conn, day, NEXT_SHOWN),
            now,
        )
        current = _current_by_counter(conn, day)
        rows = _counter_rows(conn)
        counter_list = []
        for info in data.counters:
            row = rows[info.number]
            counter_list.append(
                {
                    "number": info.number,
                    "name": info.name,
                    "status": row.status,
                    "pause_reason": row.pause_reason,
                    "sectors": list(info.sectors),
                    "officer": row.officer,
                    "status_since": row.status_since.isoformat() if row.status_since else None,
                    "current": current.get(row.id),
                }
            )
        limit = st.sections.get("display", {}).get("recent", 5) if recent is None else recent
        hall_info = st.sections.get("hall", {})
        return Snapshot(
            hall={
                "name": hall_info.get("name", ""),
                "name_en": hall_info.get("name_en", ""),
                "timezone": str(st.tz),
            },
            sectors=sector_list,
            counters=counter_list,
            recent_calls=_recent_calls(conn, day, limit),
            service_day=day.isoformat(),
            priorities=[
                {"code": p.code, "name": p.name, "name_en": p.name_en} for p in data.priorities
            ],
        )


def waiting_lines(hall: Hall, codes: list[str] | None = None) -> dict[str, list[dict]]:
    """Return each sector's waiting line in call order with each ticket's estimated wait.

    Phones compute nothing: they find their ticket id in the line they receive.
    """
    from hallcore.estimates import estimated_wait_seconds, mean_service_seconds
    from hallcore.ordering import queue_order_key

    now = hall.now()
    with hall.db.read() as conn:
        data = hall.data(conn)
        st = data.settings
        day = service_day(now, st.tz)
        stmt = (
            select(
                tickets.c.id,
                tickets.c.number,
                tickets.c.priority,
                tickets.c.queued_at,
                sectors.c.code,
                sectors.c.id.label("sector_id"),
            )
            .join(sectors, sectors.c.id == tickets.c.sector_id)
            .where(tickets.c.service_day == day, tickets.c.status == TicketStatus.WAITING)
        )
        if codes is not None:
            stmt = stmt.where(sectors.c.code.in_(codes))
        rows = sorted(
            conn.execute(stmt),
            key=lambda r: queue_order_key(r.priority is not None, r.queued_at, r.id),
        )
        sector_ids = {r.code: r.sector_id for r in rows}
        lines: dict[str, list[dict]] = {code: [] for code in (codes or [])}
        for code, sector_id in sector_ids.items():
            durations = line_repo.service_durations(conn, sector_id, day)
            mean = mean_service_seconds(durations, st.rules.default_service_s)
            open_count = hall_repo.open_counters_for(conn, sector_id)
            line = [r for r in rows if r.code == code]
            lines[code] = [
                {
                    "id": r.id,
                    "number": r.number,
                    "priority": r.priority is not None,
                    "ahead": i,
                    "wait_s": estimated_wait_seconds(i, mean, open_count),
                }
                for i, r in enumerate(line)
            ]
    return lines
