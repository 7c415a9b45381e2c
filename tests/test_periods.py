"""Report periods: pure rules, no app and no database."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from hallcore.periods import (
    MAX_RANGE_DAYS,
    InvalidPeriod,
    PeriodKind,
    anchor_day,
    offset_changes,
    parse_day,
    resolve_period,
)

NOV_17 = date(2026, 11, 17)


@pytest.mark.parametrize(
    ("kind", "on", "first", "last"),
    [
        ("day", NOV_17, date(2026, 11, 17), date(2026, 11, 17)),
        ("month", NOV_17, date(2026, 11, 1), date(2026, 11, 30)),
        ("month", date(2028, 2, 10), date(2028, 2, 1), date(2028, 2, 29)),  # leap year
        ("month", date(2026, 2, 10), date(2026, 2, 1), date(2026, 2, 28)),
        ("quarter", NOV_17, date(2026, 10, 1), date(2026, 12, 31)),
        ("quarter", date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31)),
        ("quarter", date(2026, 6, 30), date(2026, 4, 1), date(2026, 6, 30)),
        ("half_year", date(2026, 6, 30), date(2026, 1, 1), date(2026, 6, 30)),
        ("half_year", date(2026, 7, 1), date(2026, 7, 1), date(2026, 12, 31)),
        ("nine_months", NOV_17, date(2026, 1, 1), date(2026, 9, 30)),
        ("nine_months", date(2026, 3, 3), date(2026, 1, 1), date(2026, 9, 30)),
        ("year", NOV_17, date(2026, 1, 1), date(2026, 12, 31)),
        ("year", date(2999, 12, 31), date(2999, 1, 1), date(2999, 12, 31)),
    ],
)
def test_each_period_kind_resolves_to_its_inclusive_days(kind, on, first, last):
    period = resolve_period(kind, on)
    assert (period.kind, period.first, period.last) == (PeriodKind(kind), first, last)
    assert period.days == (last - first).days + 1


def test_a_range_keeps_its_days():
    period = resolve_period("range", first=date(2025, 12, 15), last=date(2026, 6, 14))
    assert (period.first, period.last, period.days) == (date(2025, 12, 15), date(2026, 6, 14), 182)


def test_a_leap_years_whole_year_fits_a_range():
    period = resolve_period("range", first=date(2028, 1, 1), last=date(2028, 12, 31))
    assert period.days == MAX_RANGE_DAYS == 366


@pytest.mark.parametrize(
    ("kwargs", "field", "reason"),
    [
        ({"first": date(2026, 11, 30), "last": date(2026, 11, 1)}, "to", "reversed"),
        ({"first": date(2026, 1, 1), "last": date(2027, 1, 2)}, "to", "too_long"),
        ({"first": date(2026, 1, 1)}, "to", "missing"),
        ({"last": date(2026, 1, 1)}, "from", "missing"),
        ({"on": NOV_17, "first": NOV_17, "last": NOV_17}, "date", "range_date"),
    ],
)
def test_a_range_that_makes_no_sense_says_which_field_and_why(kwargs, field, reason):
    with pytest.raises(InvalidPeriod) as err:
        resolve_period("range", **kwargs)
    assert (err.value.params["field"], err.value.params["reason"]) == (field, reason)


def test_from_and_to_only_go_with_a_range():
    with pytest.raises(InvalidPeriod) as err:
        resolve_period("month", NOV_17, first=NOV_17)
    assert err.value.params["reason"] == "not_range"


def test_an_unknown_period_lists_the_known_ones():
    with pytest.raises(InvalidPeriod) as err:
        resolve_period("week", NOV_17)
    assert "nine_months" in err.value.params["allowed"]


def test_a_fixed_period_needs_a_day_inside_it():
    with pytest.raises(InvalidPeriod) as err:
        resolve_period("month")
    assert err.value.params["field"] == "date"


@pytest.mark.parametrize("text", ["2026-11-31", "20261117", "2026-W47-2", "17/11/2026", ""])
def test_only_real_iso_days_parse(text):
    with pytest.raises(InvalidPeriod):
        parse_day(text, "date")


@pytest.mark.parametrize("text", ["1999-12-31", "3000-01-01"])
def test_days_outside_2000_to_2999_are_refused(text):
    with pytest.raises(InvalidPeriod) as err:
        parse_day(text, "from")
    assert err.value.params == {"field": "from", "reason": "bad_year"}


def test_an_absent_day_is_none():
    assert parse_day(None, "date") is None
    assert parse_day("2026-11-17", "date") == NOV_17


@pytest.mark.parametrize(
    ("kind", "year", "index", "day"),
    [
        ("month", 2026, 11, date(2026, 11, 1)),
        ("quarter", 2026, 4, date(2026, 10, 1)),
        ("half_year", 2026, 2, date(2026, 7, 1)),
        ("nine_months", 2026, 1, date(2026, 1, 1)),
        ("year", 2026, 1, date(2026, 1, 1)),
    ],
)
def test_pickers_name_a_period_by_year_and_part(kind, year, index, day):
    assert anchor_day(kind, year, index) == day


@pytest.mark.parametrize(("kind", "index"), [("month", 13), ("quarter", 0), ("half_year", 3)])
def test_a_part_that_does_not_exist_is_refused(kind, index):
    with pytest.raises(InvalidPeriod):
        anchor_day(kind, 2026, index)


def test_vietnam_keeps_one_offset_all_year():
    year = resolve_period("year", NOV_17)
    assert offset_changes(year, ZoneInfo("Asia/Ho_Chi_Minh")) == (7 * 3600, [])


def test_a_daylight_saving_zone_reports_its_changes_to_the_minute():
    year = resolve_period("year", NOV_17)
    start, changes = offset_changes(year, ZoneInfo("Europe/Berlin"))
    # 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC
    assert start == 3600
    assert changes == [
        (datetime(2026, 3, 29, 1, 0, tzinfo=UTC), 7200),
        (datetime(2026, 10, 25, 1, 0, tzinfo=UTC), 3600),
    ]


def test_a_half_hour_zone_changes_on_the_half_hour():
    # Lord Howe Island moves by 30 minutes, at 02:00 local (+10:30) = 15:30 UTC the day before
    period = resolve_period("month", date(2026, 10, 1))
    start, changes = offset_changes(period, ZoneInfo("Australia/Lord_Howe"))
    assert start == int(10.5 * 3600)
    assert changes == [(datetime(2026, 10, 3, 15, 30, tzinfo=UTC), 11 * 3600)]
