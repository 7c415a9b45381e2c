"""The reports page's choice of period and grouping, read from its GET form.

The form offers pickers people understand (month of a year, quarter, first or
last six months, a day, a range) and also accepts the API's own query
(``period``, ``date``, ``from``, ``to``, ``group``), so a link from the API
documentation opens the same report on the page.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from hallcore.periods import (
    InvalidPeriod,
    Period,
    PeriodKind,
    anchor_day,
    parse_day,
    resolve_period,
)
from motcua.services.reports import GROUPINGS

PART_FIELD = {"month": "month", "quarter": "quarter", "half_year": "half"}
YEAR_PARTS = ("month", "quarter", "half_year", "nine_months", "year")  # chosen by year + part
DEFAULT_GROUP = "sector"


@dataclass(frozen=True)
class Choice:
    period: Period
    group: str

    def query(self) -> dict:
        """Return the API-style query naming exactly this report (for downloads)."""
        if self.period.kind is PeriodKind.RANGE:
            days = {"from": self.period.first.isoformat(), "to": self.period.last.isoformat()}
        else:
            days = {"date": self.period.first.isoformat()}
        return {"period": str(self.period.kind), **days, "group": self.group}


def _number(text: str, field: str) -> int:
    if not (text.isdigit() and len(text) <= 4):
        raise InvalidPeriod("expected a number", field=field, reason="bad_date")
    return int(text)


def read_choice(raw: Mapping[str, str], today: date) -> Choice:
    """Return the period and grouping the form asks for (InvalidPeriod if it makes none)."""
    args = {key: raw[key] for key in raw if raw[key] != ""}  # an empty field means "not given"
    group = args.get("group", DEFAULT_GROUP)
    if group not in GROUPINGS:
        raise InvalidPeriod("unknown grouping", field="group", reason="unknown")
    kind = args.get("period", "month")
    if kind == PeriodKind.RANGE:
        period = resolve_period(
            kind, first=parse_day(args.get("from"), "from"), last=parse_day(args.get("to"), "to")
        )
    elif kind in YEAR_PARTS and "year" in args:
        part = args.get(PART_FIELD.get(kind, ""), "1")
        day = anchor_day(kind, _number(args["year"], "year"), _number(part, kind))
        period = resolve_period(kind, day)
    else:
        period = resolve_period(kind, parse_day(args.get("date"), "date") or today)
    return Choice(period, group)


def form_values(choice: Choice | None, today: date, typed: Mapping[str, str] | None = None) -> dict:
    """Return what the form's fields show: the report on screen, else what was typed
    (a refused choice is shown again to be corrected, never lost), else today's month."""
    period = choice.period if choice else resolve_period("month", today)
    first = period.first
    values = {
        "period": str(period.kind),
        "group": choice.group if choice else DEFAULT_GROUP,
        "year": first.year,
        "month": first.month,
        "quarter": (first.month - 1) // 3 + 1,
        "half": 1 if first.month <= 6 else 2,
        "date": (first if period.kind is PeriodKind.DAY else today).isoformat(),
        "from": first.isoformat(),
        "to": period.last.isoformat(),
    }
    typed = typed or {}
    for key in ("period", "group", "date", "from", "to"):
        if typed.get(key):
            values[key] = typed[key][:10]
    for key in ("year", "month", "quarter", "half"):
        if typed.get(key, "").isdigit() and len(typed[key]) <= 4:
            values[key] = int(typed[key])
    return values


def problem_text(err: InvalidPeriod) -> str:
    """Return what went wrong, in words a hall leader understands."""
    reason = err.params.get("reason")
    if err.params.get("field") == "group":
        return _("Choose how to group the figures.")
    return {
        "missing": _("Choose both the first and the last day of the range."),
        "reversed": _("The last day is before the first day."),
        "too_long": _(
            "A range may span at most %(days)s days; for a whole year choose “Year”.",
            days=err.params.get("max_days", 366),
        ),
        "bad_year": _("Choose a year between 2000 and 2999."),
    }.get(reason, _("This period is not valid; please choose it again."))


def period_choices() -> list[tuple[str, str]]:
    return [
        ("day", _("Day")),
        ("month", _("Month")),
        ("quarter", _("Quarter")),
        ("half_year", _("Six months")),
        ("nine_months", _("Nine months (January–September)")),
        ("year", _("Year")),
        ("range", _("From a day to a day")),
    ]


def group_choices() -> list[tuple[str, str]]:
    return [
        ("total", _("Whole hall")),
        ("sector", _("By service area")),
        ("counter", _("By counter")),
        ("officer", _("By officer")),
        ("hour", _("By hour of the day")),
    ]
