"""Hall data rows: settings sections, sectors, counters, priorities and the audit log."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from hallcore.hours import parse_hours
from hallcore.model import Counter, CounterStatus, PriorityCategory, Sector
from motcua.storage.tables import (
    audit_log,
    counter_sectors,
    counters,
    priorities,
    sectors,
    settings,
)

# A counter bumped by every configuration change, so each process knows at once
# whether its cached copy of the configuration is still right (see hallcache).
VERSION_KEY = "_version"


def load_settings(conn: Connection) -> dict[str, dict]:
    """Return every settings section as {name: dict}."""
    rows = conn.execute(select(settings.c.key, settings.c.value))
    return {row.key: row.value for row in rows if not row.key.startswith("_")}


# Every transaction reads this first; straight to the driver it costs 5 us instead of 55
# (SQLAlchemy's own work per statement). The key is a constant: nothing is interpolated.
_VERSION_SQL = f"SELECT value FROM settings WHERE key = '{VERSION_KEY}'"


def config_version(conn: Connection) -> int:
    """Return the configuration's version (0 before any configuration)."""
    row = conn.connection.driver_connection.execute(_VERSION_SQL).fetchone()
    if row is None:
        return 0
    value = json.loads(row[0]) if isinstance(row[0], str) else row[0]  # SQLite: JSON text
    return int(value["n"])


def _upsert_setting(conn: Connection, key: str, value: dict, now: datetime) -> None:
    done = conn.execute(
        update(settings).where(settings.c.key == key).values(value=value, updated_at=now)
    ).rowcount
    if not done:
        conn.execute(insert(settings).values(key=key, value=value, updated_at=now))


def save_setting(conn: Connection, key: str, value: dict, now: datetime) -> None:
    """Create or replace one settings section (and bump the configuration's version)."""
    _upsert_setting(conn, key, value, now)
    bump_config_version(conn, now)


def bump_config_version(conn: Connection, now: datetime) -> None:
    """Tell every process that the configuration changed (call inside the change's transaction)."""
    _upsert_setting(conn, VERSION_KEY, {"n": config_version(conn) + 1}, now)


def to_sector(row, default_hours: str | None = None) -> Sector:
    return Sector(
        id=row.id,
        code=row.code,
        name=row.name,
        name_en=row.name_en,
        prefix=row.prefix,
        start=row.start,
        daily_cap=row.daily_cap,
        hours=parse_hours(row.hours or default_hours),
        active=row.active,
    )


def list_sectors(conn: Connection, default_hours: str | None = None, *, active_only=True):
    """Return sectors in display order."""
    stmt = select(sectors).order_by(sectors.c.position, sectors.c.id)
    if active_only:
        stmt = stmt.where(sectors.c.active.is_(True))
    return [to_sector(row, default_hours) for row in conn.execute(stmt)]


def get_sector(conn: Connection, code: str, default_hours: str | None = None) -> Sector | None:
    row = conn.execute(select(sectors).where(sectors.c.code == code)).first()
    return to_sector(row, default_hours) if row else None


def counter_sector_codes(conn: Connection) -> dict[int, tuple[str, ...]]:
    stmt = (
        select(counter_sectors.c.counter_id, sectors.c.code)
        .join(sectors, sectors.c.id == counter_sectors.c.sector_id)
        .where(sectors.c.active.is_(True))
        .order_by(counter_sectors.c.counter_id, counter_sectors.c.rank)
    )
    result: dict[int, list[str]] = defaultdict(list)
    for counter_id, code in conn.execute(stmt):
        result[counter_id].append(code)
    return {k: tuple(v) for k, v in result.items()}


def to_counter(row, sector_codes: tuple[str, ...]) -> Counter:
    return Counter(
        id=row.id,
        number=row.number,
        name=row.name,
        sectors=sector_codes,
        status=CounterStatus(row.status),
        pause_reason=row.pause_reason,
        normals_since_priority=row.normals_since_priority,
    )


def list_counters(conn: Connection, *, active_only: bool = True) -> list[Counter]:
    """Return counters by number, each with its sectors in preference order."""
    stmt = select(counters).order_by(counters.c.number)
    if active_only:
        stmt = stmt.where(counters.c.active.is_(True))
    codes = counter_sector_codes(conn)
    return [to_counter(row, codes.get(row.id, ())) for row in conn.execute(stmt)]


COUNTER_ROW = select(counters).where(
    counters.c.number == bindparam("number"), counters.c.active.is_(True)
)
COUNTER_ROW_LOCKED = COUNTER_ROW.with_for_update()
OPEN_FOR_SECTOR = (
    select(func.count())
    .select_from(counters.join(counter_sectors, counter_sectors.c.counter_id == counters.c.id))
    .where(
        counter_sectors.c.sector_id == bindparam("sector_id"),
        counters.c.status == CounterStatus.OPEN.value,
        counters.c.active.is_(True),
    )
)
SET_TALLY = (
    update(counters)
    .where(counters.c.number == bindparam("b_number"))
    .values(normals_since_priority=bindparam("b_tally"))
)


def get_counter_row(conn: Connection, number: int, *, lock: bool = False):
    """Return the raw counter row (with officer and status times), optionally locked."""
    return conn.execute(COUNTER_ROW_LOCKED if lock else COUNTER_ROW, {"number": number}).first()


def set_interleave_tally(conn: Connection, number: int, tally: int) -> None:
    """Record how many normal tickets the counter called since its last priority one."""
    conn.execute(SET_TALLY, {"b_number": number, "b_tally": tally})


def get_counter(conn: Connection, number: int, *, lock: bool = False) -> Counter | None:
    row = get_counter_row(conn, number, lock=lock)
    if row is None:
        return None
    stmt = (
        select(sectors.c.code)
        .join(counter_sectors, counter_sectors.c.sector_id == sectors.c.id)
        .where(counter_sectors.c.counter_id == row.id, sectors.c.active.is_(True))
        .order_by(counter_sectors.c.rank)
    )
    return to_counter(row, tuple(conn.execute(stmt).scalars()))


def update_counter(conn: Connection, number: int, **values) -> None:
    conn.execute(update(counters).where(counters.c.number == number).values(**values))


def set_counter_sectors(conn: Connection, counter_id: int, sector_ids: list[int]) -> None:
    """Replace the sectors a counter serves (in preference order)."""
    conn.execute(delete(counter_sectors).where(counter_sectors.c.counter_id == counter_id))
    for rank, sector_id in enumerate(sector_ids):
        conn.execute(
            insert(counter_sectors).values(counter_id=counter_id, sector_id=sector_id, rank=rank)
        )


def open_counters_for(conn: Connection, sector_id: int) -> int:
    """Count open counters that serve a sector."""
    return conn.execute(OPEN_FOR_SECTOR, {"sector_id": sector_id}).scalar_one()


def list_priorities(conn: Connection, *, active_only: bool = True) -> list[PriorityCategory]:
    stmt = select(priorities).order_by(priorities.c.position, priorities.c.id)
    if active_only:
        stmt = stmt.where(priorities.c.active.is_(True))
    return [
        PriorityCategory(id=r.id, code=r.code, name=r.name, name_en=r.name_en)
        for r in conn.execute(stmt)
    ]


def write_audit(
    conn: Connection,
    *,
    at: datetime,
    actor: str,
    action: str,
    actor_id: int | None = None,
    target: str = "",
    reason: str = "",
    detail: dict | None = None,
) -> None:
    """Record who did what, to what, and why."""
    conn.execute(
        insert(audit_log).values(
            at=at,
            actor_id=actor_id,
            actor=actor,
            action=action,
            target=target,
            reason=reason,
            detail=detail or {},
        )
    )
