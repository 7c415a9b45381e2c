"""Administrators list, edit and revoke paired devices (kiosks, displays, rating tablets).

Pairing itself is ``setup.pair_device`` (``/devices/pair`` or ``motcua device pair``).
A revoked device's token is refused at its very next request. What a device shows
(a kiosk's sectors and printer, a display's counters, sectors and sound) is in its
``options``.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select, update

from hallcore.errors import NotFound
from hallcore.events import DeviceChanged
from motcua.services.admin_config import require_admin
from motcua.services.context import Actor, Hall
from motcua.services.refusal import Refused, problem
from motcua.storage import hall_repo, user_repo
from motcua.storage.tables import counters, devices, users
from printers.transports import PrinterUrlError, parse_printer_url

log = logging.getLogger(__name__)
SEEN_EVERY = timedelta(seconds=60)  # "last seen" is written at most once a minute per device


class DeviceNotFound(NotFound):
    code = "device_not_found"


def list_devices(hall: Hall) -> list[dict]:
    """Return every device, newest first, revoked ones included (marked)."""
    creator = users.alias("creator")
    stmt = (
        select(
            devices,
            counters.c.number.label("counter_number"),
            creator.c.username.label("created_by_name"),
        )
        .outerjoin(counters, counters.c.id == devices.c.counter_id)
        .outerjoin(creator, creator.c.id == devices.c.created_by)
        .order_by(devices.c.revoked_at.is_not(None), devices.c.created_at.desc())
    )
    with hall.db.read() as conn:
        rows = conn.execute(stmt).all()
    return [
        {
            "id": r.id,
            "kind": r.kind,
            "name": r.name,
            "counter": r.counter_number,
            "options": dict(r.options or {}),
            "created_at": r.created_at,
            "created_by": r.created_by_name,
            "last_seen_at": r.last_seen_at,
            "revoked_at": r.revoked_at,
        }
        for r in rows
    ]


def get_device(hall: Hall, device_id: int) -> dict:
    """Return one device as ``list_devices`` describes it."""
    device = next((d for d in list_devices(hall) if d["id"] == device_id), None)
    if device is None:
        raise DeviceNotFound(device=device_id)
    return device


def _options(conn, kind: str, values: dict) -> tuple[dict, list]:
    """Return the device options for its kind from form values, and what is wrong."""
    codes = {s.code for s in hall_repo.list_sectors(conn)}
    numbers = {c.number for c in hall_repo.list_counters(conn)}
    options: dict = {}
    problems = []
    sectors = list(values.get("sectors") or [])
    if kind in ("kiosk", "display") and sectors:
        unknown = [c for c in sectors if c not in codes]
        if unknown:
            problems.append(problem("sectors", "unknown_sector", "unknown", value=unknown[0]))
        options["sectors"] = sectors
    if kind == "kiosk":
        url = (values.get("printer_url") or "").strip()
        if url:
            try:
                parse_printer_url(url)
            except PrinterUrlError as err:
                problems.append(problem("printer_url", "printer_url", str(err), detail=str(err)))
            options["printer_url"] = url
    if kind == "display":
        shown = list(values.get("counters") or [])
        if set(shown) - numbers:
            problems.append(problem("counters", "unknown_counter", "unknown", n=shown[0]))
        if shown:
            options["counters"] = shown
        if values.get("sound") is False:
            options["sound"] = False
    if kind == "rating" and values.get("counter") not in numbers:
        problems.append(problem("counter", "unknown_counter", "unknown", n=values.get("counter")))
    return options, problems


def update_device(hall: Hall, actor: Actor, device_id: int, values: dict) -> list[dict]:
    """Rename a device and change what it shows (or a tablet's counter); return the changes."""
    require_admin(actor)
    now = hall.now()
    with hall.db.write() as conn:
        row = conn.execute(select(devices).where(devices.c.id == device_id)).first()
        if row is None or row.revoked_at is not None:
            raise DeviceNotFound(device=device_id)
        name = (values.get("name") or "").strip()
        options, problems = _options(conn, row.kind, values)
        if not name or len(name) > 100:
            problems.insert(0, problem("name", "name", "give a name of 1 to 100 characters"))
        if problems:
            raise Refused(*problems)
        counter_id = row.counter_id
        if row.kind == "rating":
            counter_id = hall_repo.get_counter_row(conn, values["counter"]).id
        before = {"name": row.name, "options": dict(row.options or {}), "counter": row.counter_id}
        after = {"name": name, "options": options, "counter": counter_id}
        changes = _changes(conn, before, after)
        if changes:
            conn.execute(
                update(devices)
                .where(devices.c.id == device_id)
                .values(name=name, options=options, counter_id=counter_id)
            )
            _audit(conn, now, actor, "device.edit", row.name, {"changes": changes})
    if changes:
        hall.bus.publish(DeviceChanged(device_id, row.kind))
    return changes


def _changes(conn, before: dict, after: dict) -> list[dict]:
    numbers = dict(conn.execute(select(counters.c.id, counters.c.number)).all())
    old, new = dict(before["options"]), dict(after["options"])
    old["name"], new["name"] = before["name"], after["name"]
    old["counter"], new["counter"] = numbers.get(before["counter"]), numbers.get(after["counter"])
    return [
        {"kind": "changed", "what": key, "old": old.get(key), "new": new.get(key)}
        for key in ("name", "counter", "sectors", "counters", "printer_url", "sound")
        if old.get(key) != new.get(key)
    ]


def revoke_device(hall: Hall, actor: Actor, device_id: int) -> None:
    """Revoke a device: its token is refused from its next request on."""
    require_admin(actor)
    now = hall.now()
    with hall.db.write() as conn:
        row = conn.execute(select(devices).where(devices.c.id == device_id)).first()
        if row is None or not user_repo.revoke_device(conn, device_id, now):
            raise DeviceNotFound(device=device_id)
        _audit(conn, now, actor, "device.revoke", row.name, {"kind": row.kind})
    hall.bus.publish(DeviceChanged(device_id, row.kind))


def note_seen(hall: Hall, device_id: int, last_seen: datetime | None) -> None:
    """Record that a device made a request (at most once a minute; never fails a request)."""
    now = hall.now()
    if last_seen is not None and abs(now - last_seen) < SEEN_EVERY:
        return
    try:
        with hall.db.write() as conn:
            user_repo.touch_device(conn, device_id, now)
    except Exception:  # bookkeeping only: the device's request goes on
        log.warning("could not record that device %s was seen", device_id, exc_info=True)


def _audit(conn, now, actor: Actor, action: str, target: str, detail: dict) -> None:
    hall_repo.write_audit(
        conn,
        at=now,
        actor=actor.name,
        actor_id=actor.officer_id,
        action=action,
        target=target,
        detail=detail,
    )
