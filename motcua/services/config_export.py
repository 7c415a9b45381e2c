"""Read the hall's live configuration back out of the database as a HallConfig."""

from __future__ import annotations

from pydantic import ValidationError
from sqlalchemy import Connection, select

from motcua.hallconfig import HallConfig
from motcua.services.context import Hall
from motcua.storage import hall_repo
from motcua.storage.tables import sectors


def config_data(conn: Connection) -> dict:
    """Return the configuration stored in the database as plain data (not yet validated)."""
    data = dict(hall_repo.load_settings(conn))
    sector_rows = conn.execute(
        select(sectors).where(sectors.c.active.is_(True)).order_by(sectors.c.position)
    ).all()
    data["sector"] = [
        {
            "code": r.code,
            "name": r.name,
            "name_en": r.name_en,
            "prefix": r.prefix,
            "start": r.start,
            "daily_cap": r.daily_cap,
            "hours": r.hours,
        }
        for r in sector_rows
    ]
    data["counter"] = [
        {"number": c.number, "name": c.name, "sectors": list(c.sectors)}
        for c in hall_repo.list_counters(conn)
    ]
    data["priority"] = [
        {"code": p.code, "name": p.name, "name_en": p.name_en}
        for p in hall_repo.list_priorities(conn)
    ]
    return data


def stored_config(conn: Connection) -> dict | None:
    """Return the stored configuration as ``HallConfig.model_dump()``, or None before set-up."""
    try:
        return HallConfig.model_validate(config_data(conn)).model_dump()
    except ValidationError:
        return None


def export_config(hall: Hall) -> HallConfig:
    """Return the configuration now in force (what `motcua config import` would restore)."""
    with hall.db.read() as conn:
        data = config_data(conn)
    return HallConfig.model_validate(data)
