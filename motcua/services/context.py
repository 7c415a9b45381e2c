"""What every service needs: the database, the event bus, the clock, hall settings."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Connection

from hallcore.events import HallEvent
from motcua.services.hallcache import ConfigCache, HallData
from motcua.services.hallsettings import HallSettings
from motcua.storage.database import Database

__all__ = ["Actor", "EventBus", "Hall", "HallSettings", "SYSTEM", "utc_now"]

log = logging.getLogger(__name__)
Subscriber = Callable[[HallEvent], None]


def utc_now() -> datetime:
    return datetime.now(UTC)


class EventBus:
    """Hands committed facts to subscribers; one failing subscriber never stops the others."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []

    def subscribe(self, fn: Subscriber) -> None:
        self._subscribers.append(fn)

    def publish(self, *events: HallEvent) -> None:
        for event in events:
            for fn in self._subscribers:
                try:
                    fn(event)
                except Exception:
                    log.exception("subscriber %r failed on %r", fn, event)


@dataclass(frozen=True)
class Actor:
    """Who asks: an officer (role counter/supervisor/admin), a paired device, or the system."""

    kind: Literal["officer", "device", "system"]
    name: str
    id: int | None = None
    role: str | None = None
    device_kind: str | None = None
    counter: int | None = None  # a rating tablet's counter
    options: dict = field(default_factory=dict, compare=False)

    @property
    def is_admin(self) -> bool:
        return self.kind == "officer" and self.role == "admin"

    @property
    def may_administer(self) -> bool:
        """An administrator, or the server's own command line (a request is never "system")."""
        return self.is_admin or self.kind == "system"

    @property
    def officer_id(self) -> int | None:
        return self.id if self.kind == "officer" else None


SYSTEM = Actor(kind="system", name="system")


@dataclass
class Hall:
    """The service context handed to every use case."""

    db: Database
    bus: EventBus = field(default_factory=EventBus)
    clock: Callable[[], datetime] = utc_now
    cache: ConfigCache = field(default_factory=lambda: ConfigCache())

    def now(self) -> datetime:
        return self.clock()

    def data(self, conn: Connection) -> HallData:
        """Return the hall's configuration (cached; see hallcache)."""
        return self.cache.get(conn)

    def config(self) -> HallData:
        """Return the hall's configuration outside a transaction (a short read of its version)."""
        with self.db.read() as conn:
            return self.cache.get(conn)

    def config_changed(self) -> None:
        """Forget the cached configuration (call after committing a change to it)."""
        self.cache.invalidate()
