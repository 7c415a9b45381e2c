"""Report figures against the hand-computed day (tests/reportday.py), on SQLite and PostgreSQL.

Waits (seconds, from joining the queue to the call): A 600, B 960, C 1020, C' 120,
D 600, F 300. Services (call to finish, served steps): A 360, D 720, C' 1920, F 180.
p90 is nearest-rank: rank ceil(0.9 × n) of the sorted durations.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from hallcore.periods import resolve_period
from hallcore.rating import RatingInput
from motcua.hallconfig import load_config
from motcua.services import calls, ratings, tickets
from motcua.services.report_figures import Durations, nearest_rank, summarize
from motcua.services.reports import build_report
from motcua.services.setup import apply_config
from tests.helpers import device, signed_in
from tests.reportday import DAY, local, play_report_day


@pytest.fixture
def day(hall, clock):
    return play_report_day(hall, clock)


def report(hall, group, kind="month", on=DAY):
    return build_report(hall, resolve_period(kind, on), group)


def rows(rep) -> dict:
    return {row.key: row.figures for row in rep.rows}


def test_the_whole_hall_month_matches_the_hand_computed_day(hall, day):
    total = report(hall, "total").total
    # issued: A B C D E F (C' is a transfer step, not a new number)
    assert total.issued == 6
    assert (total.served, total.no_show, total.transferred, total.expired, total.open) == (
        4,  # A, C', D, F
        1,  # B
        1,  # C (its next step C' counts as served in DD)
        1,  # E, never called
        0,
    )
    # waits: (600 + 960 + 1020 + 120 + 600 + 300) / 6 = 3600 / 6 = 600.0;
    # sorted 120 300 600 600 960 1020, rank ceil(5.4) = 6 → 1020
    assert total.wait == Durations(6, 600.0, 1020)
    # services: (360 + 720 + 1920 + 180) / 4 = 3180 / 4 = 795.0; sorted 180 360 720 1920,
    # rank ceil(3.6) = 4 → 1920
    assert total.service == Durations(4, 795.0, 1920)
    # ratings: very satisfied A, C'; satisfied D; unsatisfied F → 2/4, 1/4, 1/4
    assert total.rated == 4
    assert total.levels == {"very_satisfied": 2, "satisfied": 1, "unsatisfied": 1}
    assert total.level_percent == {"very_satisfied": 50.0, "satisfied": 25.0, "unsatisfied": 25.0}
    assert total.satisfied_percent == 75.0  # (2 + 1) / 4
    assert total.reasons == {"attitude": 1, "waiting_time": 1, "guidance": 0, "processing_time": 0}


def test_per_sector_a_transfer_counts_in_both_sectors(hall, day):
    by = rows(report(hall, "sector"))
    assert list(by) == ["HT", "CT", "DD", "VHXH", "TKQ"]  # every sector, in hall order
    ht, ct, dd = by["HT"], by["CT"], by["DD"]
    # HT: A B F issued; waits 600 960 300 → 1860 / 3 = 620.0, rank ceil(2.7) = 3 → 960;
    # services 360 180 → 270.0, rank ceil(1.8) = 2 → 360; ratings A very, F unsatisfied
    assert (ht.issued, ht.served, ht.no_show) == (3, 2, 1)
    assert (ht.wait, ht.service) == (Durations(3, 620.0, 960), Durations(2, 270.0, 360))
    assert ht.level_percent == {"very_satisfied": 50.0, "satisfied": 0.0, "unsatisfied": 50.0}
    assert ht.satisfied_percent == 50.0
    # CT: C issued, called after 1020 s and transferred on; nothing served here
    assert (ct.issued, ct.served, ct.transferred) == (1, 0, 1)
    assert (ct.wait, ct.service) == (Durations(1, 1020.0, 1020), Durations(0, None, None))
    assert ct.level_percent["satisfied"] is None  # no ratings: no share, not 0 %
    # DD: D issued; D and C' served; waits 600 120 → 360.0, p90 600; services 720 1920
    assert (dd.issued, dd.served, dd.transferred) == (1, 2, 0)
    assert (dd.wait, dd.service) == (Durations(2, 360.0, 600), Durations(2, 1320.0, 1920))
    assert dd.satisfied_percent == 100.0
    assert (by["VHXH"].issued, by["VHXH"].expired, by["VHXH"].wait.count) == (1, 1, 0)
    assert by["TKQ"].issued == 0


def test_per_counter_issued_has_no_meaning_and_uncalled_steps_stand_apart(hall, day):
    by = rows(report(hall, "counter"))
    assert list(by) == [1, 2, 3, 4, None]
    one, three = by[1], by[3]
    assert one.issued is None and three.issued is None
    # counter 1 called A B C F: waits 600 960 1020 300 → 2880 / 4 = 720.0, rank 4 → 1020
    assert (one.served, one.no_show, one.transferred) == (2, 1, 1)
    assert one.wait == Durations(4, 720.0, 1020)
    assert one.service == Durations(2, 270.0, 360)
    # counter 3 called D and C'
    assert three.wait == Durations(2, 360.0, 600)
    assert three.service == Durations(2, 1320.0, 1920)
    assert by[2].served == 0
    assert (by[None].expired, by[None].served) == (1, 0)  # E was never called


def test_per_officer_lists_counter_staff_with_their_figures(hall, day):
    rep = report(hall, "officer")
    by = rows(rep)
    assert list(by) == ["an", "binh", None]
    assert (by["an"].issued, by["an"].served, by["an"].rated) == (None, 2, 2)
    assert by["binh"].level_percent == {
        "very_satisfied": 50.0,
        "satisfied": 50.0,
        "unsatisfied": 0.0,
    }
    assert rep.total.issued == 6


def test_per_hour_counts_the_hour_each_step_joined_its_queue(hall, day):
    by = rows(report(hall, "hour"))
    assert list(by) == [9, 10]
    nine, ten = by[9], by[10]
    # 9h: A B C D issued; steps A B C D and C' (joined 09:30)
    assert (nine.issued, nine.served, nine.no_show, nine.transferred) == (4, 3, 1, 1)
    # waits 600 960 1020 600 120 → 3300 / 5 = 660.0, rank ceil(4.5) = 5 → 1020
    assert nine.wait == Durations(5, 660.0, 1020)
    # services A 360, D 720, C' 1920 → 3000 / 3 = 1000.0
    assert nine.service == Durations(3, 1000.0, 1920)
    # very satisfied A, C'; satisfied D → 66.7 / 33.3
    assert nine.level_percent == {"very_satisfied": 66.7, "satisfied": 33.3, "unsatisfied": 0.0}
    assert (ten.issued, ten.served, ten.expired) == (2, 1, 1)
    assert ten.wait == Durations(1, 300.0, 300)


def test_days_are_the_halls_days_not_utc_days(hall, clock):
    kiosk = device(hall, "kiosk")
    clock.now = local(6, 30, date(2026, 11, 1))  # 31 Oct 23:30 UTC
    tickets.issue_ticket(hall, "HT", None, kiosk)
    clock.now = local(23, 50, date(2026, 10, 31))  # 31 Oct 16:50 UTC
    tickets.issue_ticket(hall, "HT", None, kiosk)
    assert report(hall, "total", "month", date(2026, 11, 1)).total.issued == 1
    assert report(hall, "total", "month", date(2026, 10, 1)).total.issued == 1
    assert report(hall, "total", "quarter", date(2026, 11, 1)).total.issued == 2
    assert list(rows(report(hall, "hour", "day", date(2026, 11, 1)))) == [6]


def test_a_month_without_tickets_lists_sectors_with_zeros_and_no_averages(hall, day):
    rep = report(hall, "sector", "month", date(2026, 12, 1))
    assert [r.figures.issued for r in rep.rows] == [0, 0, 0, 0, 0]
    assert rep.total.wait == Durations(0, None, None)
    assert rep.total.satisfied_percent is None
    assert report(hall, "hour", "month", date(2026, 12, 1)).rows == []


def test_a_requeued_no_show_counts_once_by_how_it_ended(hall, clock):
    kiosk = device(hall, "kiosk")
    an = signed_in(hall, "an", 1)
    clock.now = local(9, 0)
    ticket = tickets.issue_ticket(hall, "HT", None, kiosk).ticket
    clock.now = local(9, 10)
    calls.call_next(hall, 1, an)
    calls.no_show(hall, 1, an)
    clock.now = local(9, 30)
    calls.requeue(hall, 1, an, ticket.id, "came back")
    clock.now = local(9, 32)
    calls.call_next(hall, 1, an)
    clock.now = local(9, 40)
    calls.finish(hall, 1, an)
    total = report(hall, "total").total
    # one step, done; its wait runs from the requeue (09:30) to the second call (09:32)
    assert (total.issued, total.served, total.no_show) == (1, 1, 0)
    assert total.wait == Durations(1, 120.0, 120)
    assert total.service == Durations(1, 480.0, 480)


def test_a_four_level_hall_reports_neutral(hall, clock):
    cfg = load_config(None)
    apply_config(
        hall, cfg.model_copy(update={"rating": cfg.rating.model_copy(update={"scale": 4})})
    )
    kiosk = device(hall, "kiosk")
    an = signed_in(hall, "an", 1)
    clock.now = local(9, 0)
    for level in ("neutral", "satisfied", "neutral"):
        ticket = tickets.issue_ticket(hall, "HT", None, kiosk).ticket
        calls.call_next(hall, 1, an)
        calls.finish(hall, 1, an)
        ratings.rate(hall, ticket.id, RatingInput(level), an)
    total = report(hall, "total").total
    assert list(total.levels) == ["very_satisfied", "satisfied", "neutral", "unsatisfied"]
    # 2 of 3 neutral = 66.7 %, 1 of 3 satisfied = 33.3 %; satisfied or better 1 / 3
    assert total.level_percent["neutral"] == 66.7
    assert total.satisfied_percent == 33.3


@pytest.mark.parametrize(
    ("durations", "p90"),
    [
        ([7], 7),
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 9),  # rank ceil(9.0) = 9
        ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 10),  # rank ceil(9.9) = 10
        ([5, 5, 5, 100], 100),  # rank ceil(3.6) = 4
    ],
)
def test_p90_is_the_nearest_rank_value(durations, p90):
    histogram: dict[int, int] = {}
    for d in durations:
        histogram[d] = histogram.get(d, 0) + 1
    assert nearest_rank(histogram, 9, 10) == p90
    assert summarize(histogram).p90_s == p90


def test_no_durations_have_no_average_and_no_p90():
    assert summarize({}) == Durations(0, None, None)


def test_hours_follow_a_daylight_saving_change_inside_the_period(hall, clock):
    cfg = load_config(None)
    berlin = cfg.hall.model_copy(update={"timezone": "Europe/Berlin"})
    apply_config(hall, cfg.model_copy(update={"hall": berlin}))
    kiosk = device(hall, "kiosk")
    # 10:00 in Berlin before (UTC+1) and after (UTC+2) the change of 29 March 2026
    for moment in (
        datetime(2026, 3, 28, 9, 0, tzinfo=UTC),
        datetime(2026, 3, 30, 8, 0, tzinfo=UTC),
    ):
        clock.now = moment
        tickets.issue_ticket(hall, "HT", None, kiosk)
    by = rows(report(hall, "hour", "month", date(2026, 3, 1)))
    assert list(by) == [10] and by[10].issued == 2
