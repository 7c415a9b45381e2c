"""Calling and serving through the services: rules, counters, transfers, ratings (both engines)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from hallcore.errors import (
    AlreadyRated,
    CounterBusy,
    CounterNotOpen,
    Forbidden,
    InvalidTransition,
    RatingRefused,
    SectorNotFound,
    TicketNotFound,
)
from hallcore.events import TicketCalled, TicketFinished, TicketTransferred
from hallcore.model import TicketStatus
from hallcore.rating import RatingInput
from motcua.services import calls, counters, ratings, tickets
from motcua.services.snapshot import hall_snapshot
from motcua.storage.tables import audit_log, sectors
from motcua.storage.tables import ratings as ratings_table
from tests.helpers import device, issue, officer, signed_in


def test_priority_ticket_is_called_before_older_normal_ticket(hall, kiosk):
    a = signed_in(hall, "an", 1)
    issue(hall, kiosk)
    p = issue(hall, kiosk, priority="elderly")
    assert calls.call_next(hall, 1, a).ticket.id == p.id


def test_interleave_mode_calls_one_priority_after_n_normals(hall, kiosk):
    from motcua.storage.hall_repo import save_setting

    with hall.db.write() as conn:
        save_setting(conn, "queue", {"mode": "interleave", "interleave": 2}, hall.now())
    hall.config_changed()  # edited behind the services' back
    a = signed_in(hall, "an", 1)
    normals = [issue(hall, kiosk) for _ in range(3)]
    p = issue(hall, kiosk, priority="elderly")
    order = [calls.call_next(hall, 1, a).ticket.id for _ in range(4)]
    assert order == [normals[0].id, normals[1].id, p.id, normals[2].id]


def test_counter_calls_its_preferred_sector_first(hall, kiosk):
    a = signed_in(hall, "an", 1)  # counter 1 serves HT, then CT
    ct = issue(hall, kiosk, "CT")
    ht = issue(hall, kiosk, "HT")
    assert calls.call_next(hall, 1, a).ticket.id == ht.id
    assert calls.call_next(hall, 1, a).ticket.id == ct.id


def test_call_next_finishes_the_current_ticket(hall, kiosk, events):
    a = signed_in(hall, "an", 1)
    first, second = issue(hall, kiosk), issue(hall, kiosk)
    calls.call_next(hall, 1, a)
    result = calls.call_next(hall, 1, a)
    assert result.finished.id == first.id and result.finished.status is TicketStatus.DONE
    assert result.ticket.id == second.id
    assert [e.ticket.id for e in events.of(TicketFinished)] == [first.id]
    # The hall hears the next number before the finished citizen's tablet and phone react.
    last_press = [type(e).__name__ for e in events.events[-4:]]
    assert last_press == ["TicketCalled", "TicketChanged", "TicketFinished", "CounterChanged"]


def test_call_next_with_nobody_waiting_returns_nothing(hall):
    a = signed_in(hall, "an", 1)
    assert calls.call_next(hall, 1, a).ticket is None


def test_a_double_key_press_does_not_skip_a_citizen(hall, kiosk):
    a = signed_in(hall, "an", 1)
    issue(hall, kiosk)
    issue(hall, kiosk)
    first = calls.call_next(hall, 1, a, expect_current=None).ticket
    with pytest.raises(CounterBusy):
        calls.call_next(hall, 1, a, expect_current=None)
    assert tickets.ticket_by_id(hall, first.id).ticket.status is TicketStatus.CALLED


def test_only_the_signed_in_officer_or_an_admin_acts_on_a_counter(hall, kiosk):
    signed_in(hall, "an", 1)
    other = officer(hall, "binh", (1,))
    issue(hall, kiosk)
    with pytest.raises(Forbidden):
        calls.call_next(hall, 1, other)
    admin = officer(hall, "boss", (), role="admin")
    assert calls.call_next(hall, 1, admin).ticket.number == "1001"


def test_an_officer_cannot_sign_in_to_a_counter_not_assigned(hall):
    with pytest.raises(Forbidden):
        counters.open_counter(hall, 3, officer(hall, "an", (1,)))


def test_a_paused_counter_does_not_call_until_resumed(hall, kiosk):
    a = signed_in(hall, "an", 1)
    issue(hall, kiosk)
    paused = counters.pause_counter(hall, 1, a, "Nghỉ trưa")
    assert (paused.status, paused.pause_reason) == ("paused", "Nghỉ trưa")
    with pytest.raises(CounterNotOpen):
        calls.call_next(hall, 1, a)
    counters.resume_counter(hall, 1, a)
    assert calls.call_next(hall, 1, a).ticket is not None


def test_a_counter_serving_a_ticket_cannot_close(hall, kiosk):
    a = signed_in(hall, "an", 1)
    issue(hall, kiosk)
    calls.call_next(hall, 1, a)
    with pytest.raises(CounterBusy):
        counters.close_counter(hall, 1, a)
    calls.finish(hall, 1, a)
    assert counters.close_counter(hall, 1, a).status == "closed"


def test_signing_in_elsewhere_closes_the_officers_previous_counter(hall):
    a = officer(hall, "an", (1, 2))
    counters.open_counter(hall, 1, a)
    counters.open_counter(hall, 2, a)
    by_number = {c["number"]: c for c in hall_snapshot(hall).counters}
    assert by_number[1]["status"] == "closed" and by_number[2]["status"] == "open"


def test_recall_announces_again_and_counts(hall, kiosk, events):
    a = signed_in(hall, "an", 1)
    issue(hall, kiosk)
    calls.call_next(hall, 1, a)
    assert calls.recall(hall, 1, a).call_count == 2
    assert [e.recall for e in events.of(TicketCalled)] == [False, True]


def test_recall_without_a_current_ticket_is_refused(hall):
    with pytest.raises(InvalidTransition):
        calls.recall(hall, 1, signed_in(hall, "an", 1))


def test_no_show_put_back_in_line_is_audited_and_called_next(hall, kiosk, clock):
    a = signed_in(hall, "an", 1)
    absent = issue(hall, kiosk)
    later = issue(hall, kiosk)
    calls.call_next(hall, 1, a)
    calls.no_show(hall, 1, a)
    clock.advance(minutes=10)
    back = calls.requeue(hall, 1, a, absent.id, "Công dân quay lại")
    assert back.status is TicketStatus.WAITING
    assert calls.call_next(hall, 1, a).ticket.id == absent.id
    assert later.status is TicketStatus.WAITING
    with hall.db.read() as conn:
        row = conn.execute(select(audit_log).where(audit_log.c.action == "ticket.requeue")).one()
    assert (row.actor, row.reason, row.target) == ("an", "Công dân quay lại", "1001")


def test_only_a_no_show_can_be_requeued(hall, kiosk):
    a = signed_in(hall, "an", 1)
    t = issue(hall, kiosk)
    with pytest.raises(InvalidTransition):
        calls.requeue(hall, 1, a, t.id, "x")
    with pytest.raises(TicketNotFound):
        calls.requeue(hall, 1, a, 99999, "x")


def test_transfer_keeps_the_citizens_place_in_the_next_queue(hall, kiosk, events, clock):
    a = signed_in(hall, "an", 1)
    b = signed_in(hall, "binh", 2)  # counter 2 prefers CT
    ht = issue(hall, kiosk, "HT")
    clock.advance(minutes=5)
    ct = issue(hall, kiosk, "CT")
    calls.call_next(hall, 1, a)
    step = calls.transfer(hall, 1, a, "CT")
    assert (step.sector, step.number, step.token, step.queued_at) == (
        "CT",
        "1001",
        ht.token,
        ht.queued_at,
    )
    assert calls.call_next(hall, 2, b).ticket.id == step.id  # ahead of the later 2001
    assert tickets.ticket_status(hall, ht.token).ticket.id == step.id
    assert tickets.ticket_by_id(hall, ht.id).ticket.status is TicketStatus.TRANSFERRED
    assert len(events.of(TicketTransferred)) == 1
    assert ct.status is TicketStatus.WAITING


def test_transfer_to_an_unknown_sector_is_refused(hall, kiosk):
    a = signed_in(hall, "an", 1)
    issue(hall, kiosk)
    calls.call_next(hall, 1, a)
    with pytest.raises(SectorNotFound):
        calls.transfer(hall, 1, a, "NOPE")


def serve(hall, kiosk, actor, counter=1):
    issue(hall, kiosk)
    calls.call_next(hall, counter, actor)
    return calls.finish(hall, counter, actor)


def rating_count(hall) -> int:
    with hall.db.read() as conn:
        return conn.execute(select(func.count()).select_from(ratings_table)).scalar_one()


def test_the_counters_tablet_rates_a_served_ticket_once(hall, kiosk):
    a = signed_in(hall, "an", 1)
    done = serve(hall, kiosk, a)
    tablet = device(hall, "rating", counter=1)
    saved = ratings.rate(hall, done.id, RatingInput("very_satisfied"), tablet)
    assert (saved["counter"], saved["sector"], saved["officer_id"], saved["source"]) == (
        1,
        "HT",
        a.id,
        "device",
    )
    with pytest.raises(AlreadyRated):
        ratings.rate(hall, done.id, RatingInput("satisfied"), tablet)
    assert rating_count(hall) == 1


def test_another_counters_tablet_cannot_rate(hall, kiosk):
    a = signed_in(hall, "an", 1)
    done = serve(hall, kiosk, a)
    with pytest.raises(RatingRefused):
        ratings.rate(hall, done.id, RatingInput("satisfied"), device(hall, "rating", counter=2))
    assert rating_count(hall) == 0


def test_a_ticket_still_waiting_cannot_be_rated(hall, kiosk):
    t = issue(hall, kiosk)
    with pytest.raises(RatingRefused):
        ratings.rate(hall, t.id, RatingInput("satisfied"), device(hall, "rating", counter=1))
    assert rating_count(hall) == 0


def test_the_counters_officer_may_rate_on_behalf_of_the_citizen(hall, kiosk):
    a = signed_in(hall, "an", 1)
    done = serve(hall, kiosk, a)
    saved = ratings.rate(hall, done.id, RatingInput("unsatisfied", ("attitude",), "Chậm"), a)
    assert saved["source"] == "officer" and saved["reasons"] == ["attitude"]


def test_a_kiosk_cannot_rate(hall, kiosk):
    a = signed_in(hall, "an", 1)
    done = serve(hall, kiosk, a)
    with pytest.raises(Forbidden):
        ratings.rate(hall, done.id, RatingInput("satisfied"), kiosk)


def test_time_between_call_and_finish_is_measured_exactly(hall, kiosk, clock):
    from motcua.storage.line_repo import service_durations

    a = signed_in(hall, "an", 1)
    issue(hall, kiosk)
    calls.call_next(hall, 1, a)
    clock.advance(seconds=75)
    done = calls.finish(hall, 1, a)
    with hall.db.read() as conn:
        sector_id = conn.execute(select(sectors.c.id).where(sectors.c.code == "HT")).scalar()
        assert service_durations(conn, sector_id, done.service_day) == [pytest.approx(75, abs=0.01)]
    assert done.finished_at - done.called_at == timedelta(seconds=75)
