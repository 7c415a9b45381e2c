"""Service days and whether a sector may issue a number now."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from hallcore.errors import DailyCapReached, SectorClosed
from hallcore.model import Sector


def service_day(now: datetime, tz: ZoneInfo) -> date:
    """Return the hall's calendar day for an aware instant; numbering restarts daily."""
    return now.astimezone(tz).date()


def closed_reason(sector: Sector, now: datetime, tz: ZoneInfo, issued_today: int) -> str | None:
    """Return why the sector cannot issue now (``closed``/``cap``), or None if it can."""
    if not sector.active:
        return "closed"
    if sector.hours is not None and not sector.hours.is_open(now.astimezone(tz)):
        return "closed"
    if sector.daily_cap is not None and issued_today >= sector.daily_cap:
        return "cap"
    return None


def check_can_issue(sector: Sector, now: datetime, tz: ZoneInfo, issued_today: int) -> None:
    """Raise if the sector cannot issue a number at ``now``."""
    reason = closed_reason(sector, now, tz, issued_today)
    if reason == "closed":
        raise SectorClosed(sector=sector.code)
    if reason == "cap":
        raise DailyCapReached(sector=sector.code, cap=sector.daily_cap)


def series_clashes(sectors: list[Sector]) -> list[tuple[str, str]]:
    """Return pairs of sector codes whose display numbers could coincide on one day.

    A sector without a daily cap owns every number from its start upwards, so it
    clashes with any later series that shares its prefix.
    """
    clashes: list[tuple[str, str]] = []
    for i, a in enumerate(sectors):
        for b in sectors[i + 1 :]:
            if a.prefix != b.prefix:
                continue
            a_end = a.start + a.daily_cap - 1 if a.daily_cap else None
            b_end = b.start + b.daily_cap - 1 if b.daily_cap else None
            if (a_end is None or b.start <= a_end) and (b_end is None or a.start <= b_end):
                clashes.append((a.code, b.code))
    return clashes
