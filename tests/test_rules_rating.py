"""Queue rules, tested without an app: ratings, estimates, number series, supervision alerts."""

from dataclasses import replace
from datetime import timedelta

import pytest

from hallcore import lifecycle
from hallcore.errors import AlreadyRated, InvalidRating, RatingRefused
from hallcore.estimates import estimated_wait_seconds, mean_service_seconds
from hallcore.model import Sector, TicketStatus
from hallcore.rating import RatingInput, validate_rating
from tests.rule_values import T0, make_ticket

# ratings


def done_at(counter=3):
    return lifecycle.finish(lifecycle.call(make_ticket(), counter, 9, T0), counter, T0)


def rate(ticket, level="satisfied", counter=3, rated=False, scale=3, reasons=()):
    return validate_rating(
        ticket,
        RatingInput(level, tuple(reasons)),
        from_counter=counter,
        already_rated=rated,
        scale=scale,
        known_reasons=["attitude", "waiting_time"],
    )


def test_a_done_ticket_can_be_rated_once_by_its_counter():
    assert rate(done_at()) == "satisfied"
    with pytest.raises(AlreadyRated):
        rate(done_at(), rated=True)


def test_a_ticket_still_waiting_cannot_be_rated():
    with pytest.raises(RatingRefused):
        rate(make_ticket())


def test_another_counter_cannot_rate_the_ticket():
    with pytest.raises(RatingRefused):
        rate(done_at(counter=3), counter=4)


def test_neutral_exists_only_on_a_four_level_scale():
    with pytest.raises(InvalidRating):
        rate(done_at(), level="neutral")
    assert rate(done_at(), level="neutral", scale=4) == "neutral"


def test_unknown_reasons_are_refused():
    assert rate(done_at(), level="unsatisfied", reasons=["attitude"]) == "unsatisfied"
    with pytest.raises(InvalidRating):
        rate(done_at(), level="unsatisfied", reasons=["weather"])


# estimates


def test_estimate_uses_the_default_before_any_service_was_measured():
    assert mean_service_seconds([], 300) == 300
    assert estimated_wait_seconds(4, 300, 2) == 600


def test_estimate_uses_todays_mean_and_open_counters():
    assert mean_service_seconds([100, 200], 300) == 150
    assert estimated_wait_seconds(3, 150, 1) == 450
    assert estimated_wait_seconds(0, 150, 1) == 0


def test_estimate_assumes_one_counter_when_none_is_open_yet():
    assert estimated_wait_seconds(2, 100, 0) == 200


def test_tickets_are_immutable_values():
    t = make_ticket()
    assert replace(t, status=TicketStatus.DONE) != t


def test_series_that_could_print_the_same_number_clash():
    from hallcore.numbering import series_clashes

    capped = [Sector("HT", "a", start=1001, daily_cap=999), Sector("CT", "b", start=2001)]
    assert series_clashes(capped) == []
    uncapped = [Sector("HT", "a", start=1001), Sector("CT", "b", start=2001)]
    assert series_clashes(uncapped) == [("HT", "CT")]
    prefixed = [Sector("HT", "a", prefix="A", start=1), Sector("CT", "b", prefix="B", start=1)]
    assert series_clashes(prefixed) == []


# supervision alerts


def test_supervisors_are_alerted_to_long_waits_and_idle_counters_with_a_queue():
    from hallcore.supervision import CounterState, DeviceHealth, SectorLoad, hall_alerts

    sectors = [
        SectorLoad("HT", waiting=3, oldest_since=T0 - timedelta(minutes=40)),
        SectorLoad("CT", waiting=1, oldest_since=T0 - timedelta(minutes=5)),
        SectorLoad("DD", waiting=0, oldest_since=None),
    ]
    counters = [
        CounterState(1, "idle", T0 - timedelta(minutes=7), ("HT",)),  # idle with a queue
        CounterState(2, "idle", T0 - timedelta(minutes=2), ("CT",)),  # not long enough
        CounterState(3, "idle", T0 - timedelta(minutes=30), ("DD",)),  # nobody waits for it
        CounterState(4, "paused", T0 - timedelta(minutes=30), ("HT",)),  # paused: says why
    ]
    devices = [
        DeviceHealth("Kiosk A", "kiosk", online=True, print_failed="offline"),
        DeviceHealth("Tablet 2", "rating", online=False),
    ]
    found = hall_alerts(
        counters, sectors, devices, now=T0, wait_alert_s=30 * 60, idle_alert_s=5 * 60
    )
    assert [(a.kind, a.subject, a.seconds) for a in found] == [
        ("long_wait", "HT", 2400),
        ("idle_counter", "1", 420),
        ("print_failed", "Kiosk A", None),
        ("device_offline", "Tablet 2", None),
    ]
