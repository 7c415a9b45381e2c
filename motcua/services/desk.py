"""The officer's workstation: which counters they may use and everything one counter shows.

Read-only: every change goes through the counter services (calls, counters, ratings);
this module only assembles what the counter page draws, from the database, so any
server process gives the same answer.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select

from hallcore.errors import CounterNotFound
from hallcore.model import ACTIVE_STATUSES, TicketStatus
from hallcore.numbering import service_day
from hallcore.ordering import Candidate, choose_next
from motcua.services.context import Actor, Hall
from motcua.services.rating_requests import pending_request
from motcua.services.snapshot import waiting_lines
from motcua.storage import hall_repo, ticket_repo, user_repo
from motcua.storage.tables import (
    counters,
    priorities,
    ratings,
    sectors,
    tickets,
    users,
)
from motcua.storage.types import seconds_between

NEXT_SHOWN = 6
RECENT_SHOWN = 8
FINISHED = (TicketStatus.DONE, TicketStatus.NO_SHOW, TicketStatus.TRANSFERRED)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def allowed_counters(hall: Hall, actor: Actor) -> list[dict]:
    """Return the counters the officer may sign in to (an admin: all), with who holds each."""
    with hall.db.read() as conn:
        allowed = None if actor.is_admin else set(user_repo.user_counter_numbers(conn, actor.id))
        names = dict(conn.execute(select(sectors.c.code, sectors.c.name)).all())
        holders = dict(conn.execute(select(counters.c.number, counters.c.officer_id)).all())
        officers = dict(conn.execute(select(users.c.id, users.c.full_name)).all())
        result = []
        for counter in hall_repo.list_counters(conn):
            if allowed is not None and counter.number not in allowed:
                continue
            holder = holders.get(counter.number)
            result.append(
                {
                    "number": counter.number,
                    "name": counter.name,
                    "status": str(counter.status),
                    "sectors": [names[code] for code in counter.sectors],
                    "officer": officers.get(holder) if holder else None,
                    "mine": holder is not None and holder == actor.id,
                }
            )
    return result


def signed_in_counter(hall: Hall, officer_id: int) -> int | None:
    """Return the number of the counter the officer is signed in to, if any."""
    with hall.db.read() as conn:
        return conn.execute(
            select(counters.c.number).where(
                counters.c.officer_id == officer_id, counters.c.active.is_(True)
            )
        ).scalar()


def _current(conn: Connection, counter_id: int, now: datetime) -> dict | None:
    ticket = ticket_repo.current_ticket(conn, counter_id)
    if ticket is None:
        return None
    names = dict(conn.execute(select(sectors.c.code, sectors.c.name)).all())
    priority_name = None
    if ticket.priority:
        priority_name = conn.execute(
            select(priorities.c.name).where(priorities.c.code == ticket.priority)
        ).scalar()
    came_from = None
    if ticket.parent_id:
        came_from = ticket_repo.get_ticket(conn, ticket.parent_id)
    return {
        "id": ticket.id,
        "number": ticket.number,
        "sector": ticket.sector,
        "sector_name": names.get(ticket.sector, ticket.sector),
        "priority": ticket.priority,
        "priority_name": priority_name or ticket.priority,
        "call_count": ticket.call_count,
        "called_at": _iso(ticket.called_at),
        "waited_s": int((ticket.called_at - ticket.entered_at).total_seconds()),
        "serving_s": int((now - ticket.called_at).total_seconds()),
        "transferred_from": names.get(came_from.sector) if came_from else None,
    }


def _tally(conn: Connection, officer_id: int | None, day) -> dict:
    tally = {"served": 0, "no_show": 0, "transferred": 0, "avg_service_s": None}
    tally["ratings"] = {"total": 0, "by_level": {}}
    if officer_id is None:
        return tally
    mine = (tickets.c.officer_id == officer_id, tickets.c.service_day == day)
    stmt = (
        select(
            tickets.c.status,
            func.count(),
            func.avg(seconds_between(tickets.c.finished_at, tickets.c.called_at)),
        )
        .where(*mine, tickets.c.status.in_(FINISHED))
        .group_by(tickets.c.status)
    )
    for status, count, avg in conn.execute(stmt):
        key = {"done": "served"}.get(status, status)
        tally[key] = count
        if status == TicketStatus.DONE and avg is not None:
            tally["avg_service_s"] = round(float(avg))
    stmt = (
        select(ratings.c.level, func.count())
        .join(tickets, tickets.c.id == ratings.c.ticket_id)
        .where(ratings.c.officer_id == officer_id, tickets.c.service_day == day)
        .group_by(ratings.c.level)
    )
    by_level = {level: count for level, count in conn.execute(stmt)}
    tally["ratings"] = {"total": sum(by_level.values()), "by_level": by_level}
    return tally


def _recent(conn: Connection, counter_id: int, day) -> list[dict]:
    stmt = (
        select(
            tickets.c.id,
            tickets.c.number,
            tickets.c.status,
            tickets.c.priority,
            tickets.c.finished_at,
            tickets.c.token,
            sectors.c.code,
            sectors.c.name,
            ratings.c.id.label("rating_id"),
        )
        .join(sectors, sectors.c.id == tickets.c.sector_id)
        .outerjoin(ratings, ratings.c.ticket_id == tickets.c.id)
        .where(
            tickets.c.counter_id == counter_id,
            tickets.c.service_day == day,
            tickets.c.status.in_(FINISHED),
        )
        .order_by(tickets.c.finished_at.desc(), tickets.c.id.desc())
        .limit(RECENT_SHOWN)
    )
    return [
        {
            "id": row.id,
            "number": row.number,
            "status": row.status,
            "priority": row.priority,
            "sector": row.code,
            "sector_name": row.name,
            "finished_at": _iso(row.finished_at),
            "rated": row.rating_id is not None,
            "reprintable": _still_waiting(conn, row),
        }
        for row in conn.execute(stmt)
    ]


def _still_waiting(conn: Connection, row) -> bool:
    """A transferred citizen still in line elsewhere may need a fresh paper (same number)."""
    if row.status != TicketStatus.TRANSFERRED:
        return False
    latest = ticket_repo.latest_step(conn, row.token)
    return latest is not None and latest.status in ACTIVE_STATUSES


def _queue(lines: dict[str, list[dict]], codes: tuple[str, ...], names: dict) -> list[dict]:
    return [
        {
            "code": code,
            "name": names.get(code, code),
            "waiting": len(lines.get(code, [])),
            "priority_waiting": sum(1 for t in lines.get(code, []) if t["priority"]),
            "next": [
                {"id": t["id"], "number": t["number"], "priority": t["priority"]}
                for t in lines.get(code, [])[:NEXT_SHOWN]
            ],
        }
        for code in codes
    ]


def _next_call(lines: dict[str, list[dict]], counter, rules, names: dict) -> dict | None:
    """Return the ticket call-next would take now, by the same pure rule the call uses."""
    heads = []
    for code, line in lines.items():
        for is_priority in (True, False):
            head = next((t for t in line if t["priority"] == is_priority), None)
            if head is not None:
                # Each (sector, class) has one head, so the sector's rank decides, not the time.
                heads.append(Candidate(head["id"], code, is_priority, datetime.min))
    chosen = choose_next(heads, counter.sectors, rules, counter.normals_since_priority)
    if chosen is None:
        return None
    number = next(t["number"] for t in lines[chosen.sector] if t["id"] == chosen.ticket_id)
    sector = names.get(chosen.sector)
    return {"number": number, "sector_name": sector, "priority": chosen.is_priority}


def desk_state(hall: Hall, number: int) -> dict:
    """Return everything the counter page shows: status, current ticket, queue, tally, recent."""
    now = hall.now()
    with hall.db.read() as conn:
        st = hall.data(conn).settings
        day = service_day(now, st.tz)
        row = hall_repo.get_counter_row(conn, number)
        if row is None:
            raise CounterNotFound(counter=number)
        counter = hall_repo.get_counter(conn, number)
        names = dict(conn.execute(select(sectors.c.code, sectors.c.name)).all())
        officer = user_repo.get_user(conn, row.officer_id) if row.officer_id else None
        state = {
            "counter": {
                "number": number,
                "name": counter.name,
                "status": str(counter.status),
                "pause_reason": counter.pause_reason,
                "status_since": _iso(row.status_since),
                "officer": {"id": officer.id, "name": officer.full_name} if officer else None,
                "sectors": [{"code": c, "name": names.get(c, c)} for c in counter.sectors],
            },
            "current": _current(conn, row.id, now),
            "tally": _tally(conn, row.officer_id, day),
            "recent": _recent(conn, row.id, day),
            "pending_rating": pending_request(conn, row.id, now, st),
            "server_now": _iso(now),
        }
    lines = waiting_lines(hall, list(counter.sectors))
    state["queue"] = _queue(lines, counter.sectors, names)
    state["next_call"] = _next_call(lines, counter, st.rules, names)
    return state
