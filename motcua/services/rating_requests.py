"""What a counter's rating tablet shows: its idle screen and the pending rating request.

The pending request is derived from the database every time (never kept in
memory), so a tablet that reconnects, to any server process or after a restart,
gets the same answer: the counter's most recently finished ticket, if it finished
within ``rating.timeout_s``, is not rated yet, and no later call was made at the
counter (a call made by the same key-press that finished it keeps the request).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, select

from hallcore.errors import CounterNotFound
from hallcore.model import TicketStatus
from hallcore.rating import levels_for
from motcua.services.context import Hall, HallSettings
from motcua.storage import hall_repo, user_repo
from motcua.storage.tables import ratings, sectors, tickets, users

DEFAULT_TIMEOUT_S = 30


def timeout_s(st: HallSettings) -> int:
    """Return how long a rating request stays open (seconds)."""
    return int(st.sections.get("rating", {}).get("timeout_s", DEFAULT_TIMEOUT_S))


def pending_request(conn: Connection, counter_id: int, now: datetime, st: HallSettings):
    """Return the counter's open rating request as a dict, or None."""
    window = timeout_s(st)
    stmt = (
        select(
            tickets.c.id,
            tickets.c.number,
            tickets.c.finished_at,
            tickets.c.officer_id,
            sectors.c.code,
            sectors.c.name,
            sectors.c.name_en,
        )
        .join(sectors, sectors.c.id == tickets.c.sector_id)
        .where(
            tickets.c.counter_id == counter_id,
            tickets.c.status == TicketStatus.DONE,
            tickets.c.finished_at > now - timedelta(seconds=window),
        )
        .order_by(tickets.c.finished_at.desc(), tickets.c.id.desc())
        .limit(1)
    )
    row = conn.execute(stmt).first()
    if row is None:
        return None
    rated = conn.execute(select(ratings.c.id).where(ratings.c.ticket_id == row.id)).first()
    called_since = conn.execute(
        select(tickets.c.id)
        .where(tickets.c.counter_id == counter_id, tickets.c.called_at > row.finished_at)
        .limit(1)
    ).first()
    if rated or called_since:
        return None
    expires = row.finished_at + timedelta(seconds=window)
    officer = conn.execute(select(users.c.full_name).where(users.c.id == row.officer_id)).scalar()
    return {
        "ticket": row.id,
        "number": row.number,
        "sector": row.code,
        "sector_name": row.name,
        "sector_name_en": row.name_en,
        "officer": officer,
        "finished_at": row.finished_at.isoformat(timespec="seconds"),
        "expires_at": expires.isoformat(timespec="seconds"),
        "remaining_s": max(0, round((expires - now).total_seconds())),
    }


def _scale(st: HallSettings) -> dict:
    reasons = st.sections.get("rating", {}).get("reasons", [])
    return {
        "levels": [str(level) for level in levels_for(st.rating_scale)],
        "reasons": [
            {"code": r["code"], "name": r["name"], "name_en": r.get("name_en") or r["name"]}
            for r in reasons
        ],
        "timeout_s": timeout_s(st),
    }


def rating_scale(hall: Hall) -> dict:
    """Return the hall's rating levels, low-rating reasons and timeout."""
    with hall.db.read() as conn:
        return _scale(hall.data(conn).settings)


def rating_request(hall: Hall, number: int) -> dict | None:
    """Return the request the counter's tablet should show now (with levels), or None."""
    now = hall.now()
    with hall.db.read() as conn:
        st = hall.data(conn).settings
        row = hall_repo.get_counter_row(conn, number)
        if row is None:
            raise CounterNotFound(counter=number)
        pending = pending_request(conn, row.id, now, st)
        if pending is None:
            return None
        return {**pending, "counter": number, "counter_name": row.name, **_scale(st)}


def tablet_state(hall: Hall, number: int) -> dict:
    """Return the tablet's idle screen: hall, counter and the officer serving there."""
    with hall.db.read() as conn:
        st = hall.data(conn).settings
        row = hall_repo.get_counter_row(conn, number)
        if row is None:
            raise CounterNotFound(counter=number)
        officer = user_repo.get_user(conn, row.officer_id) if row.officer_id else None
        hall_info = st.sections.get("hall", {})
        return {
            "hall": {"name": hall_info.get("name", ""), "name_en": hall_info.get("name_en", "")},
            "counter": {"number": number, "name": row.name, "status": row.status},
            "officer": officer.full_name if officer else None,
            **_scale(st),
        }
