"""Which paired devices are connected: each process knows its own sockets, the database all.

A device page holds a Socket.IO connection all day. This process remembers the
paired devices connected to it and stamps their ``last_seen_at`` when they connect,
when they leave and every ``STAMP_EVERY_S`` while they stay; a device counts as
online if it was seen in the last ``ONLINE_S``, whichever process or host it is on.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

from sqlalchemy import update

from motcua.services.context import Actor, Hall
from motcua.storage.tables import devices

STAMP_EVERY_S = 30
ONLINE_S = 75


class Presence:
    def __init__(self, hall: Hall) -> None:
        self.hall = hall
        self._by_sid: dict[str, int] = {}
        self._lock = threading.Lock()

    def joined(self, sid: str, actor: Actor | None) -> None:
        """Note a connected socket of a paired device (anything else is ignored)."""
        if actor is None or actor.kind != "device" or actor.id is None:
            return
        with self._lock:
            self._by_sid[sid] = actor.id
        self._stamp([actor.id])

    def left(self, sid: str) -> None:
        with self._lock:
            device_id = self._by_sid.pop(sid, None)
        if device_id is not None:
            self._stamp([device_id])

    def stamp_connected(self) -> int:
        """Stamp every device connected to this process (the housekeeping loop calls it)."""
        with self._lock:
            ids = sorted(set(self._by_sid.values()))
        self._stamp(ids)
        return len(ids)

    def _stamp(self, ids: list[int]) -> None:
        if not ids:
            return
        with self.hall.db.write() as conn:
            conn.execute(
                update(devices).where(devices.c.id.in_(ids)).values(last_seen_at=self.hall.now())
            )


def is_online(last_seen: datetime | None, now: datetime) -> bool:
    """Return whether a device seen at ``last_seen`` still counts as connected."""
    return last_seen is not None and now - last_seen <= timedelta(seconds=ONLINE_S)


def device_connected(actor: Actor | None) -> None:
    """Call from a device namespace's connect handler."""
    from flask import current_app, request

    current_app.extensions["motcua_presence"].joined(request.sid, actor)


def device_disconnected() -> None:
    """Call from a device namespace's disconnect handler."""
    from flask import current_app, request

    current_app.extensions["motcua_presence"].left(request.sid)
