"""When a hall leader should be alerted: long waits, idle counters with a queue, devices.

Plain values in, alerts out; the service gathers the values from the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CounterState:
    number: int
    state: str  # serving | idle | paused | closed
    since: datetime | None
    sectors: tuple[str, ...]


@dataclass(frozen=True)
class SectorLoad:
    code: str
    waiting: int
    oldest_since: datetime | None  # when the longest-waiting citizen joined the line


@dataclass(frozen=True)
class DeviceHealth:
    name: str
    kind: str
    online: bool
    print_failed: str | None = None  # the last print's error, if it failed


@dataclass(frozen=True)
class Alert:
    kind: str  # long_wait | idle_counter | print_failed | device_offline
    subject: str
    seconds: int | None = None
    detail: str = ""


def _seconds(since: datetime | None, now: datetime) -> int:
    return int((now - since).total_seconds()) if since else 0


def hall_alerts(
    counters: Sequence[CounterState],
    sectors: Sequence[SectorLoad],
    devices: Sequence[DeviceHealth],
    *,
    now: datetime,
    wait_alert_s: int,
    idle_alert_s: int,
) -> list[Alert]:
    """Return what needs a leader's attention now, most urgent kinds first."""
    found: list[Alert] = []
    for sector in sectors:
        waited = _seconds(sector.oldest_since, now)
        if sector.waiting and waited >= wait_alert_s:
            found.append(Alert("long_wait", sector.code, waited))
    queued = {s.code for s in sectors if s.waiting}
    for counter in counters:
        idle = _seconds(counter.since, now)
        if counter.state == "idle" and idle >= idle_alert_s and queued & set(counter.sectors):
            found.append(Alert("idle_counter", str(counter.number), idle))
    for device in devices:
        if device.print_failed:
            found.append(Alert("print_failed", device.name, detail=device.print_failed))
        if not device.online:
            found.append(Alert("device_offline", device.name, detail=device.kind))
    return found
