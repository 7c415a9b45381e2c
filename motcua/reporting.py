"""Reports as people read them: the query, period labels and the translated table.

The JSON API, the CSV and XLSX files and the reports page all show the same table,
built here once: columns with translated headers and raw values (counts as
integers, durations in minutes, shares as fractions of 1), so every output
formats the same numbers its own way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel import get_locale
from flask_babel import gettext as _

from hallcore.periods import InvalidPeriod, Period, PeriodKind, parse_day, resolve_period
from motcua.services.report_figures import Durations, Figures
from motcua.services.reports import GROUPINGS, Report, Row

ROMAN = ("", "I", "II", "III", "IV")


def parse_report_query(args: Mapping[str, str], today: date) -> tuple[Period, str]:
    """Read ``period``, ``date`` (default today), ``from``, ``to`` and ``group`` from a query."""
    group = args.get("group", "total")
    if group not in GROUPINGS:
        raise InvalidPeriod("unknown grouping", field="group", reason="unknown")
    kind = args.get("period", "month")
    first, last = parse_day(args.get("from"), "from"), parse_day(args.get("to"), "to")
    on = parse_day(args.get("date"), "date")
    if on is None and kind != PeriodKind.RANGE:
        on = today
    return resolve_period(kind, on, first, last), group


def day_text(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def period_label(period: Period) -> str:
    """Return the period as a report heading says it, e.g. "Tháng 11/2026", "Quý IV/2026"."""
    year = period.first.year
    kind = period.kind
    if kind is PeriodKind.DAY:
        return _("Day %(day)s", day=day_text(period.first))
    if kind is PeriodKind.MONTH:
        return _("Month %(month)s/%(year)s", month=period.first.month, year=year)
    if kind is PeriodKind.QUARTER:
        return _("Quarter %(roman)s/%(year)s", roman=ROMAN[period.index], year=year)
    if kind is PeriodKind.HALF_YEAR:
        if period.index == 1:
            return _("First six months of %(year)s", year=year)
        return _("Last six months of %(year)s", year=year)
    if kind is PeriodKind.NINE_MONTHS:
        return _("First nine months of %(year)s", year=year)
    if kind is PeriodKind.YEAR:
        return _("Year %(year)s", year=year)
    return _("From %(first)s to %(last)s", first=day_text(period.first), last=day_text(period.last))


def period_span(period: Period) -> str:
    """Return the period's first and last day, e.g. "01/11/2026 – 30/11/2026"."""
    return f"{day_text(period.first)} – {day_text(period.last)}"


def group_title(group: str) -> str:
    return {
        "total": _("Whole hall"),
        "sector": _("Service area"),
        "counter": _("Counter"),
        "officer": _("Officer"),
        "hour": _("Hour of the day"),
    }[group]


def level_name(level: str) -> str:
    return {
        "very_satisfied": _("Very satisfied"),
        "satisfied": _("Satisfied"),
        "neutral": _("Neutral"),
        "unsatisfied": _("Unsatisfied"),
    }.get(level, level)


def english() -> bool:
    return str(get_locale()) == "en"


def row_label(report: Report, row: Row) -> str:
    """Return the name a reader sees for a row (the hall, a sector, a counter, ...)."""
    if report.group == "total":
        return (english() and report.hall_name_en) or report.hall_name
    if row.key is None:
        return _("Never called (expired while waiting)")
    return (english() and row.name_en) or row.name


@dataclass(frozen=True)
class Column:
    key: str
    title: str
    kind: str  # label | count | minutes | percent


def columns(report: Report) -> list[Column]:
    """Return the table's columns, headers translated, for this report's levels and reasons."""
    cols = [
        Column("name", group_title(report.group), "label"),
        Column("issued", _("Tickets issued"), "count"),
        Column("served", _("Served"), "count"),
        Column("no_show", _("No-show"), "count"),
        Column("transferred", _("Transferred to another area"), "count"),
        Column("expired", _("Expired unserved"), "count"),
        Column("open", _("Still waiting or being served"), "count"),
        Column("wait_avg", _("Average wait (minutes)"), "minutes"),
        Column("wait_p90", _("90th percentile wait (minutes)"), "minutes"),
        Column("service_avg", _("Average service (minutes)"), "minutes"),
        Column("service_p90", _("90th percentile service (minutes)"), "minutes"),
        Column("rated", _("Number of ratings"), "count"),
    ]
    for level in report.levels:
        name = level_name(level)
        cols.append(Column(f"level_{level}", name, "count"))
        cols.append(Column(f"share_{level}", _("%(level)s (%%)", level=name), "percent"))
    cols.append(Column("satisfied_share", _("Satisfied or better (%)"), "percent"))
    for reason in report.reasons:
        name = (english() and reason.name_en) or reason.name
        cols.append(Column(f"reason_{reason.code}", _("Reason: %(reason)s", reason=name), "count"))
    return cols


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 60


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def values(report: Report, label: str, f: Figures) -> list:
    """Return one table row's raw values, in the order of ``columns``."""
    wait, service = f.wait, f.service
    out = [
        label,
        f.issued,
        f.served,
        f.no_show,
        f.transferred,
        f.expired,
        f.open,
        *_durations(wait),
        *_durations(service),
        f.rated,
    ]
    for level in report.levels:
        out += [f.levels.get(level, 0), _share(f.levels.get(level, 0), f.rated)]
    satisfied = f.levels.get("very_satisfied", 0) + f.levels.get("satisfied", 0)
    out.append(_share(satisfied, f.rated))
    out += [f.reasons.get(reason.code, 0) for reason in report.reasons]
    return out


def _durations(d: Durations) -> list:
    return [_minutes(d.avg_s), _minutes(d.p90_s)]


def table(report: Report) -> tuple[list[Column], list[list], list | None]:
    """Return (columns, body rows, total row) of a report; no total row for the whole hall,
    whose one row already is the total."""
    body = [values(report, row_label(report, row), row.figures) for row in report.rows]
    total = None if report.group == "total" else values(report, _("Total"), report.total)
    return columns(report), body, total
