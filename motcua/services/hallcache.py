"""The hall's configuration (settings, sectors, counters, priorities), read once and reused.

It changes a few times a year but is needed by every request, so each process keeps
a copy and checks one number per transaction: the configuration's version, bumped
by every change (hall_repo.bump_config_version). A change made by any process, or
by the CLI, is therefore seen by the very next request everywhere.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from hallcore.model import PriorityCategory, Sector
from motcua.services.hallsettings import HallSettings, read_settings
from motcua.storage import hall_repo
from motcua.storage.tables import counters


@dataclass(frozen=True)
class CounterInfo:
    """The configured part of a counter (its status lives in the database)."""

    id: int
    number: int
    name: str
    sectors: tuple[str, ...]


@dataclass(frozen=True)
class HallData:
    settings: HallSettings
    sectors: tuple[Sector, ...]
    counters: tuple[CounterInfo, ...]
    priorities: tuple[PriorityCategory, ...]
    # Active and retired: a number issued before a sector was retired is still called,
    # spoken and shown with its sector's name.
    every_sector: tuple[Sector, ...]
    _by_code: dict[str, Sector] = field(default_factory=dict, compare=False)

    def sector(self, code: str) -> Sector | None:
        """Return the active sector with this code."""
        return self._by_code.get(code)

    def any_sector(self, code: str) -> Sector:
        """Return the sector with this code, active or retired (every ticket's sector is one)."""
        found = self._by_code.get(code) or next(
            (s for s in self.every_sector if s.code == code), None
        )
        if found is None:  # sectors are only added with a version bump: this cannot happen
            raise LookupError(f"sector {code!r} is not in the configuration")
        return found

    def counter(self, number: int) -> CounterInfo | None:
        return next((c for c in self.counters if c.number == number), None)

    def sector_ids(self, codes) -> dict[int, str]:
        """Return {sector id: code} for the given codes, keeping their order."""
        return {self._by_code[c].id: c for c in codes if c in self._by_code}


def load_hall_data(conn: Connection) -> HallData:
    """Read the configuration from the database (five small queries)."""
    st = read_settings(conn)
    every_sector = tuple(hall_repo.list_sectors(conn, st.default_hours, active_only=False))
    sector_list = tuple(s for s in every_sector if s.active)
    codes = hall_repo.counter_sector_codes(conn)
    rows = conn.execute(
        select(counters.c.id, counters.c.number, counters.c.name)
        .where(counters.c.active.is_(True))
        .order_by(counters.c.number)
    )
    counter_list = tuple(CounterInfo(r.id, r.number, r.name, codes.get(r.id, ())) for r in rows)
    return HallData(
        settings=st,
        sectors=sector_list,
        counters=counter_list,
        priorities=tuple(hall_repo.list_priorities(conn)),
        every_sector=every_sector,
        _by_code={s.code: s for s in sector_list},
    )


class ConfigCache:
    """A per-process copy of HallData, reloaded when the configuration's version moves."""

    def __init__(self) -> None:
        self._data: HallData | None = None
        self._version = -1
        self._lock = threading.Lock()

    def get(self, conn: Connection) -> HallData:
        """Return the configuration as of ``conn``'s transaction (one small query if unchanged)."""
        version = hall_repo.config_version(conn)
        data = self._data
        if data is not None and version == self._version:
            return data
        fresh = load_hall_data(conn)
        with self._lock:
            self._data, self._version = fresh, version
        return fresh

    def invalidate(self) -> None:
        """Forget the copy (after a change made behind the services' back, e.g. in tests)."""
        with self._lock:
            self._data, self._version = None, -1
