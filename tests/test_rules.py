"""Queue rules, tested without an app: numbering, hours, ordering, lifecycle."""

from datetime import UTC, date, datetime, timedelta

import pytest

from hallcore import lifecycle
from hallcore.errors import (
    ConfigError,
    DailyCapReached,
    InvalidTransition,
    SectorClosed,
    WrongCounter,
)
from hallcore.hours import parse_hours
from hallcore.model import QueueMode, QueueRules, Sector, TicketStatus
from hallcore.numbering import check_can_issue, service_day
from hallcore.ordering import Candidate, choose_next, normals_after_call
from tests.rule_values import HCM, T0, make_ticket

# numbering and hours


def test_display_number_follows_the_sector_series():
    sector = Sector(code="HT", name="Hộ tịch", start=1001)
    assert sector.number_for(1) == "1001"
    assert sector.number_for(25) == "1025"
    assert Sector(code="CT", name="Chứng thực", prefix="B", start=1).number_for(7) == "B7"


def test_service_day_is_the_hall_calendar_day_not_utc():
    late_utc = datetime(2026, 11, 23, 18, 30, tzinfo=UTC)  # 01:30 next day in Vietnam
    assert service_day(late_utc, HCM) == date(2026, 11, 24)


def test_sector_outside_its_hours_refuses_to_issue():
    sector = Sector(code="HT", name="Hộ tịch", hours=parse_hours("mon-fri 07:30-11:30"))
    check_can_issue(sector, T0, HCM, issued_today=0)
    with pytest.raises(SectorClosed):
        check_can_issue(sector, T0 + timedelta(hours=4), HCM, issued_today=0)  # 12:00
    with pytest.raises(SectorClosed):
        check_can_issue(sector, T0 + timedelta(days=5), HCM, issued_today=0)  # Saturday


def test_sector_at_its_daily_cap_refuses_to_issue():
    sector = Sector(code="DD", name="Đất đai", daily_cap=2)
    check_can_issue(sector, T0, HCM, issued_today=1)
    with pytest.raises(DailyCapReached):
        check_can_issue(sector, T0, HCM, issued_today=2)


def test_sector_without_hours_is_always_open():
    check_can_issue(Sector(code="HT", name="Hộ tịch"), T0 + timedelta(hours=14), HCM, 0)


def test_hours_accept_several_windows_and_day_lists():
    hours = parse_hours("mon-fri 07:30-11:30, 13:30-17:00; sat 07:30-11:30")
    local = datetime(2026, 11, 28, 9, 0, tzinfo=HCM)  # Saturday 09:00
    assert hours.is_open(local)
    assert not hours.is_open(local.replace(hour=14))
    assert hours.is_open(datetime(2026, 11, 23, 13, 30, tzinfo=HCM))
    assert not hours.is_open(datetime(2026, 11, 23, 17, 0, tzinfo=HCM))


@pytest.mark.parametrize(
    "spec", ["mon-fri", "7:30-11:30x", "fri-mon 08:00-09:00", "11:00-10:00", "xyz 08:00-09:00"]
)
def test_malformed_hours_are_rejected_with_a_reason(spec):
    with pytest.raises(ConfigError) as err:
        parse_hours(spec)
    assert str(err.value)


# ordering


def cand(tid, sector, minutes, priority=False):
    return Candidate(tid, sector, priority, T0 + timedelta(minutes=minutes))


STRICT = QueueRules(mode=QueueMode.STRICT)
INTERLEAVE_2 = QueueRules(mode=QueueMode.INTERLEAVE, interleave=2)


def test_priority_ticket_is_called_before_older_normal_ticket_in_strict_mode():
    heads = [cand(1, "HT", 0), cand(2, "HT", 5, priority=True)]
    assert choose_next(heads, ["HT"], STRICT, 0).ticket_id == 2


def test_interleave_calls_one_priority_after_every_n_normals():
    heads = [cand(1, "HT", 0), cand(2, "HT", 5, priority=True)]
    assert choose_next(heads, ["HT"], INTERLEAVE_2, 0).ticket_id == 1
    assert choose_next(heads, ["HT"], INTERLEAVE_2, 1).ticket_id == 1
    assert choose_next(heads, ["HT"], INTERLEAVE_2, 2).ticket_id == 2


def test_interleave_calls_priority_when_no_normal_waits():
    assert choose_next([cand(2, "HT", 5, True)], ["HT"], INTERLEAVE_2, 0).ticket_id == 2


def test_interleave_tally_resets_after_a_priority_call():
    assert normals_after_call(True, 5) == 0
    assert normals_after_call(False, 1) == 2


def test_counter_prefers_its_first_sector_over_an_older_ticket_of_its_second():
    heads = [cand(1, "CT", 0), cand(2, "HT", 10)]
    assert choose_next(heads, ["HT", "CT"], STRICT, 0).ticket_id == 2
    assert choose_next([cand(1, "CT", 0)], ["HT", "CT"], STRICT, 0).ticket_id == 1


def test_counter_never_calls_a_sector_it_does_not_serve():
    assert choose_next([cand(1, "DD", 0)], ["HT"], STRICT, 0) is None


def test_first_come_first_served_within_a_class_and_sector():
    heads = [cand(3, "HT", 7), cand(1, "HT", 2)]
    assert choose_next(heads, ["HT"], STRICT, 0).ticket_id == 1


def test_nobody_waiting_gives_no_ticket():
    assert choose_next([], ["HT"], STRICT, 0) is None


# lifecycle


def test_a_ticket_goes_waiting_called_done():
    t = lifecycle.call(make_ticket(), counter=3, officer_id=9, now=T0)
    assert (t.status, t.counter, t.officer_id, t.call_count) == (TicketStatus.CALLED, 3, 9, 1)
    done = lifecycle.finish(t, 3, T0 + timedelta(minutes=4))
    assert done.status is TicketStatus.DONE and done.finished_at > done.called_at


def test_recall_keeps_the_call_and_counts_it():
    t = lifecycle.recall(lifecycle.call(make_ticket(), 3, None, T0), 3)
    assert t.status is TicketStatus.CALLED and t.call_count == 2 and t.called_at == T0


def test_another_counter_cannot_finish_a_ticket():
    t = lifecycle.call(make_ticket(), 3, None, T0)
    with pytest.raises(WrongCounter):
        lifecycle.finish(t, 4, T0)


def test_a_waiting_ticket_cannot_be_finished_or_recalled():
    with pytest.raises(InvalidTransition):
        lifecycle.finish(make_ticket(), 3, T0)
    with pytest.raises(InvalidTransition):
        lifecycle.recall(make_ticket(), 3)


def test_no_show_can_be_put_back_in_line_at_its_place():
    absent = lifecycle.no_show(lifecycle.call(make_ticket(), 3, None, T0), 3, T0)
    back = lifecycle.requeue(absent, T0 + timedelta(minutes=20))
    assert back.status is TicketStatus.WAITING and back.queued_at == T0 and back.counter is None


def test_only_a_no_show_can_be_requeued():
    with pytest.raises(InvalidTransition):
        lifecycle.requeue(make_ticket(), T0)


def test_transfer_keeps_number_token_and_original_queue_time():
    called = lifecycle.call(make_ticket(), 3, None, T0 + timedelta(minutes=10))
    later = T0 + timedelta(minutes=15)
    closed, step = lifecycle.transfer(called, 3, "CT", later)
    assert closed.status is TicketStatus.TRANSFERRED and closed.finished_at == later
    assert (step.sector, step.status, step.number, step.token) == ("CT", "waiting", "1001", "tok")
    assert step.queued_at == T0 and step.entered_at == later and step.parent_id == 1


def test_transfer_to_the_same_sector_is_refused():
    called = lifecycle.call(make_ticket(), 3, None, T0)
    with pytest.raises(InvalidTransition):
        lifecycle.transfer(called, 3, "HT", T0)


def test_finished_tickets_do_not_expire():
    done = lifecycle.finish(lifecycle.call(make_ticket(), 3, None, T0), 3, T0)
    with pytest.raises(InvalidTransition):
        lifecycle.expire(done, T0)
    assert lifecycle.expire(make_ticket(), T0).status is TicketStatus.EXPIRED
