"""Administrators add, edit, reorder, deactivate and reactivate sectors, counters and
priority categories — each an edit of the whole configuration (see admin_config).

Nothing is ever deleted: a row no longer in the configuration is deactivated, and
tickets, ratings and reports keep pointing at it.
"""

from __future__ import annotations

from sqlalchemy import func, select

from hallcore.errors import (
    CounterNotFound,
    DomainError,
    PriorityNotFound,
    SectorNotFound,
)
from hallcore.model import TicketStatus
from hallcore.numbering import service_day
from motcua.services.admin_config import edit_config, require_admin
from motcua.services.context import Actor, Hall
from motcua.storage import hall_repo
from motcua.storage.tables import counter_sectors, counters, priorities, sectors, tickets

KINDS = {
    "sector": ("code", SectorNotFound),
    "counter": ("number", CounterNotFound),
    "priority": ("code", PriorityNotFound),
}


class StillInUse(DomainError):
    """A sector with citizens waiting, or a counter serving one, cannot be deactivated now."""

    code = "still_in_use"


def _index(data: dict, kind: str, ident) -> int:
    key, missing = KINDS[kind]
    for i, item in enumerate(data[kind]):
        if item[key] == ident:
            return i
    raise missing(**{key: ident})


def save_item(hall: Hall, actor: Actor, kind: str, values: dict, ident=None) -> list[dict]:
    """Add an item (``ident`` None) or change one; its code or number never changes."""
    key, _ = KINDS[kind]

    def edit(data: dict) -> None:
        if ident is None:
            data[kind].append(values)
        else:
            i = _index(data, kind, ident)
            data[kind][i] = {**data[kind][i], **values, key: ident}

    label = values.get(key) if ident is None else ident
    action = f"{kind}.add" if ident is None else f"{kind}.edit"
    return edit_config(hall, actor, edit, action=action, target=f"{kind} {label}")


def move_item(hall: Hall, actor: Actor, kind: str, ident, offset: int) -> list[dict]:
    """Move a sector or priority category up (-1) or down (+1) in the order shown."""

    def edit(data: dict) -> None:
        items = data[kind]
        i = _index(data, kind, ident)
        j = max(0, min(len(items) - 1, i + offset))
        items.insert(j, items.pop(i))

    return edit_config(hall, actor, edit, action=f"{kind}.move", target=f"{kind} {ident}")


def deactivate_item(hall: Hall, actor: Actor, kind: str, ident) -> list[dict]:
    """Take an item out of service; a sector also leaves the counters that served it."""
    require_admin(actor)
    if kind == "sector":
        _refuse_if_waiting(hall, ident)
    elif kind == "counter":
        _refuse_if_serving(hall, ident)

    def edit(data: dict) -> None:
        data[kind].pop(_index(data, kind, ident))
        if kind == "sector":
            for counter in data["counter"]:
                counter["sectors"] = [c for c in counter["sectors"] if c != ident]

    return edit_config(hall, actor, edit, action=f"{kind}.deactivate", target=f"{kind} {ident}")


def reactivate_item(hall: Hall, actor: Actor, kind: str, ident) -> list[dict]:
    """Bring a deactivated item back with the values it had (validated like any edit)."""
    require_admin(actor)
    item = next((i for i in inactive_items(hall, kind) if i[KINDS[kind][0]] == ident), None)
    if item is None:
        raise KINDS[kind][1](**{KINDS[kind][0]: ident})
    values = {k: v for k, v in item.items() if not k.startswith("_")}

    def edit(data: dict) -> None:
        data[kind].append(values)

    return edit_config(hall, actor, edit, action=f"{kind}.reactivate", target=f"{kind} {ident}")


def inactive_items(hall: Hall, kind: str) -> list[dict]:
    """Return the deactivated sectors, counters or priority categories, as config items."""
    with hall.db.read() as conn:
        if kind == "sector":
            rows = conn.execute(
                select(sectors).where(sectors.c.active.is_(False)).order_by(sectors.c.code)
            )
            fields = ("code", "name", "name_en", "prefix", "start", "daily_cap", "hours")
            return [{f: getattr(r, f) for f in fields} for r in rows]
        if kind == "priority":
            rows = conn.execute(
                select(priorities).where(priorities.c.active.is_(False)).order_by(priorities.c.code)
            )
            return [{"code": r.code, "name": r.name, "name_en": r.name_en} for r in rows]
        return _inactive_counters(conn)


def _inactive_counters(conn) -> list[dict]:
    rows = conn.execute(
        select(counters.c.id, counters.c.number, counters.c.name)
        .where(counters.c.active.is_(False))
        .order_by(counters.c.number)
    ).all()
    served = conn.execute(
        select(counter_sectors.c.counter_id, sectors.c.code)
        .join(sectors, sectors.c.id == counter_sectors.c.sector_id)
        .where(sectors.c.active.is_(True))
        .order_by(counter_sectors.c.rank)
    ).all()
    return [
        {"number": r.number, "name": r.name, "sectors": [c for i, c in served if i == r.id]}
        for r in rows
    ]


def _refuse_if_waiting(hall: Hall, code: str) -> None:
    with hall.db.read() as conn:
        day = service_day(hall.now(), hall.data(conn).settings.tz)
        sector = hall_repo.get_sector(conn, code)
        if sector is None or not sector.active:
            raise SectorNotFound(sector=code)
        waiting = conn.execute(
            select(func.count()).where(
                tickets.c.sector_id == sector.id,
                tickets.c.service_day == day,
                tickets.c.status.in_([TicketStatus.WAITING, TicketStatus.CALLED]),
            )
        ).scalar_one()
    if waiting:
        raise StillInUse(sector=code, count=waiting)


def _refuse_if_serving(hall: Hall, number: int) -> None:
    with hall.db.read() as conn:
        row = hall_repo.get_counter_row(conn, number)
        if row is None:
            raise CounterNotFound(counter=number)
        serving = conn.execute(
            select(tickets.c.number).where(
                tickets.c.counter_id == row.id, tickets.c.status == TicketStatus.CALLED
            )
        ).first()
    if serving is not None:
        raise StillInUse(counter=number, ticket=serving.number)
