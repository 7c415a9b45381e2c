"""Report periods: a day, month, quarter, half year, nine months, year or a range of days.

Every period resolves to an inclusive ``[first, last]`` pair of hall-local service
days (``tickets.service_day``). The fixed kinds are named by any day inside them:
``month`` of 2026-11-17 is 1–30 November 2026. ``half_year`` is January–June or
July–December (whichever holds the day); ``nine_months`` is always January–September
of the day's year (the "9 tháng đầu năm" report); ``range`` takes ``first``/``last``.

A range may span at most ``MAX_RANGE_DAYS`` (366) days: the longest period anyone
reports is a year — calendar or cut-off (e.g. 15 December to 14 December under
Decree 09/2019/NĐ-CP), 366 days in a leap year — and the bound keeps one request's
work to a year of tickets (about 1.8 million at 5,000 a day).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from hallcore.errors import DomainError

MAX_RANGE_DAYS = 366
# Days outside these years are refused: no hall has records before 2000, and the
# bound keeps every date computation (a day after the last, epoch arithmetic) safe.
FIRST_YEAR, LAST_YEAR = 2000, 2999
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class InvalidPeriod(DomainError):
    """The period asked for does not make sense; ``field`` and ``reason`` say why."""

    code = "invalid_period"


class PeriodKind(StrEnum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    NINE_MONTHS = "nine_months"
    YEAR = "year"
    RANGE = "range"


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def index(self) -> int:
        """Return the month (1–12), quarter (1–4) or half (1–2) number; 0 for other kinds."""
        month = self.first.month
        return {
            PeriodKind.MONTH: month,
            PeriodKind.QUARTER: (month - 1) // 3 + 1,
            PeriodKind.HALF_YEAR: (month - 1) // 6 + 1,
        }.get(self.kind, 0)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _months(on: date, span: int, start_month: int | None = None) -> tuple[date, date]:
    """Return the ``span``-month block holding ``on`` (blocks start in January)."""
    start = start_month or (on.month - 1) // span * span + 1
    return date(on.year, start, 1), _month_end(on.year, start + span - 1)


def resolve_period(
    kind: str, on: date | None = None, first: date | None = None, last: date | None = None
) -> Period:
    """Return the inclusive service days of a period; raise InvalidPeriod if it makes none."""
    try:
        which = PeriodKind(kind)
    except ValueError:
        raise InvalidPeriod(
            "unknown period", field="period", reason="unknown", allowed=[str(k) for k in PeriodKind]
        ) from None
    if which is PeriodKind.RANGE:
        return _range(on, first, last)
    if first is not None or last is not None:
        raise InvalidPeriod("from/to go with period=range", field="from", reason="not_range")
    if on is None:
        raise InvalidPeriod("a day inside the period is needed", field="date", reason="missing")
    if which is PeriodKind.DAY:
        bounds = on, on
    elif which is PeriodKind.MONTH:
        bounds = _months(on, 1)
    elif which is PeriodKind.QUARTER:
        bounds = _months(on, 3)
    elif which is PeriodKind.HALF_YEAR:
        bounds = _months(on, 6)
    elif which is PeriodKind.NINE_MONTHS:
        bounds = _months(on, 9, start_month=1)
    else:
        bounds = _months(on, 12)
    return Period(which, *bounds)


def _range(on: date | None, first: date | None, last: date | None) -> Period:
    if on is not None:
        raise InvalidPeriod("date does not go with period=range", field="date", reason="range_date")
    if first is None or last is None:
        field = "from" if first is None else "to"
        raise InvalidPeriod("a range needs from and to", field=field, reason="missing")
    if last < first:
        raise InvalidPeriod("the range ends before it starts", field="to", reason="reversed")
    if (last - first).days + 1 > MAX_RANGE_DAYS:
        raise InvalidPeriod(
            f"a range may span at most {MAX_RANGE_DAYS} days",
            field="to",
            reason="too_long",
            max_days=MAX_RANGE_DAYS,
        )
    return Period(PeriodKind.RANGE, first, last)


def parse_day(text: str | None, field: str) -> date | None:
    """Parse an ISO ``YYYY-MM-DD`` day (only that form); None when absent."""
    if text is None:
        return None
    if not ISO_DAY.match(text):
        raise InvalidPeriod("expected a day as YYYY-MM-DD", field=field, reason="bad_date")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise InvalidPeriod("no such day", field=field, reason="bad_date") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise InvalidPeriod(f"years {FIRST_YEAR}-{LAST_YEAR} only", field=field, reason="bad_year")
    return day


def anchor_day(kind: str, year: int, index: int = 1) -> date:
    """Return the first day of month/quarter/half ``index`` of ``year`` (for pickers)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise InvalidPeriod(f"years {FIRST_YEAR}-{LAST_YEAR} only", field="year", reason="bad_year")
    span = {"month": 1, "quarter": 3, "half_year": 6}.get(kind)
    if span is None:
        return date(year, 1, 1)
    if not 1 <= index <= 12 // span:
        raise InvalidPeriod("no such part of the year", field=kind, reason="bad_date")
    return date(year, (index - 1) * span + 1, 1)


def offset_changes(period: Period, tz: ZoneInfo) -> tuple[int, list[tuple[datetime, int]]]:
    """Return the UTC offset (s) at the period's start and each later (UTC instant, offset).

    Hours of the day are counted in the hall's time; a zone with daylight saving
    changes offset inside a period, so the change instants are found here
    (to the quarter hour, the finest step any zone uses) and the query applies them.
    """
    start = datetime.combine(period.first, time(), tz)
    offset = _offset(start)
    changes: list[tuple[datetime, int]] = []
    day_start = start
    for _ in range(period.days):
        next_start = datetime.combine(day_start.date() + timedelta(days=1), time(), tz)
        if _offset(next_start) != offset:
            instant = _first_change(day_start, next_start, offset)
            offset = _offset(instant.astimezone(tz))
            changes.append((instant, offset))
        day_start = next_start
    return _offset(start), changes


def _offset(moment: datetime) -> int:
    return int(moment.utcoffset().total_seconds())


def _first_change(begin: datetime, end: datetime, offset: int) -> datetime:
    """Return the first quarter-hour instant in (begin, end] whose offset differs."""
    utc = begin.astimezone(UTC)
    step = timedelta(minutes=15)
    moment = utc + step
    while moment < end and _offset(moment.astimezone(begin.tzinfo)) == offset:
        moment += step
    return moment
