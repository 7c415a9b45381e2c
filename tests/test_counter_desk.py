"""What the counter page and the rating tablet show, from the database (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest

from hallcore.events import TicketCalled, TicketChanged, TicketIssued, TicketTransferred
from hallcore.rating import RatingInput
from motcua.services import calls, desk, desk_audience, ratings, tickets
from motcua.services.rating_requests import rating_request, tablet_state
from motcua.storage import hall_repo
from tests.helpers import device, officer, signed_in


@pytest.fixture
def kiosk(hall):
    return device(hall, "kiosk")


def issue(hall, kiosk, sector="HT", priority=None):
    return tickets.issue_ticket(hall, sector, priority, kiosk).ticket


def serve(hall, actor, counter=1, minutes=0, clock=None):
    called = calls.call_next(hall, counter, actor).ticket
    if clock is not None:
        clock.advance(minutes=minutes)
    return called, calls.finish(hall, counter, actor)


def set_rating(hall, **values):
    with hall.db.write() as conn:
        section = hall_repo.load_settings(conn)["rating"] | values
        hall_repo.save_setting(conn, "rating", section, hall.now())


def test_an_officer_may_choose_only_the_counters_assigned_to_them(hall):
    an = officer(hall, "an", (1, 3))
    assert [c["number"] for c in desk.allowed_counters(hall, an)] == [1, 3]
    boss = officer(hall, "boss", (), role="admin")
    assert [c["number"] for c in desk.allowed_counters(hall, boss)] == [1, 2, 3, 4]


def test_the_chooser_says_who_holds_each_counter(hall):
    an = signed_in(hall, "an", 1)
    binh = officer(hall, "binh", (1, 2))
    choices = {c["number"]: c for c in desk.allowed_counters(hall, binh)}
    assert choices[1]["officer"] == "an" and not choices[1]["mine"]
    assert choices[1]["sectors"] == ["Tư pháp – Hộ tịch", "Chứng thực"]
    assert desk.allowed_counters(hall, an)[0]["mine"] is True
    assert (
        desk.signed_in_counter(hall, an.id) == 1 and desk.signed_in_counter(hall, binh.id) is None
    )


def test_the_desk_shows_the_current_ticket_its_wait_and_its_calls(hall, kiosk, clock):
    issue(hall, kiosk, priority="elderly")
    an = signed_in(hall, "an", 1)
    clock.advance(minutes=7)
    calls.call_next(hall, 1, an)
    calls.recall(hall, 1, an)
    clock.advance(seconds=90)
    current = desk.desk_state(hall, 1)["current"]
    assert (current["number"], current["sector_name"]) == ("1001", "Tư pháp – Hộ tịch")
    assert current["priority_name"] == "Người cao tuổi (từ 60 tuổi)"
    assert (current["waited_s"], current["serving_s"], current["call_count"]) == (420, 90, 2)
    assert current["transferred_from"] is None


def test_a_transferred_ticket_says_where_it_came_from(hall, kiosk):
    issue(hall, kiosk)
    an = signed_in(hall, "an", 1)
    calls.call_next(hall, 1, an)
    calls.transfer(hall, 1, an, "CT")
    binh = signed_in(hall, "binh", 2)
    calls.call_next(hall, 2, binh)
    current = desk.desk_state(hall, 2)["current"]
    assert (current["number"], current["sector"]) == ("1001", "CT")
    assert current["transferred_from"] == "Tư pháp – Hộ tịch"


def test_the_queue_shows_each_sector_in_call_order_with_priority_marked(hall, kiosk):
    for _ in range(2):
        issue(hall, kiosk)
    issue(hall, kiosk, priority="pregnant")
    issue(hall, kiosk, "CT")
    issue(hall, kiosk, "DD")
    signed_in(hall, "an", 1)
    queue = desk.desk_state(hall, 1)["queue"]
    assert [line["code"] for line in queue] == ["HT", "CT"]
    ht = queue[0]
    assert (ht["waiting"], ht["priority_waiting"]) == (3, 1)
    assert [(t["number"], t["priority"]) for t in ht["next"]] == [
        ("1003", True),
        ("1001", False),
        ("1002", False),
    ]
    assert queue[1]["waiting"] == 1


def test_the_desk_names_the_ticket_call_next_would_take(hall, kiosk):
    an = signed_in(hall, "an", 1)
    assert desk.desk_state(hall, 1)["next_call"] is None
    issue(hall, kiosk, "CT")
    assert desk.desk_state(hall, 1)["next_call"]["number"] == "2001"
    issue(hall, kiosk, "HT")  # counter 1 prefers Tư pháp – Hộ tịch
    assert desk.desk_state(hall, 1)["next_call"]["number"] == "1001"
    issue(hall, kiosk, "CT", priority="elderly")  # strict mode: priority first
    assert desk.desk_state(hall, 1)["next_call"] == {
        "number": "2002",
        "sector_name": "Chứng thực",
        "priority": True,
    }
    assert calls.call_next(hall, 1, an).ticket.number == "2002"


def test_the_tally_counts_the_officers_own_day(hall, kiosk, clock):
    for _ in range(5):
        issue(hall, kiosk)
    an = signed_in(hall, "an", 1)
    first, _ = serve(hall, an, minutes=2, clock=clock)
    serve(hall, an, minutes=4, clock=clock)
    calls.call_next(hall, 1, an)
    calls.no_show(hall, 1, an)
    calls.call_next(hall, 1, an)
    calls.transfer(hall, 1, an, "CT")
    tablet = device(hall, "rating", counter=1)
    ratings.rate(hall, first.id, RatingInput("satisfied"), tablet)
    binh = signed_in(hall, "binh", 2)
    serve(hall, binh, counter=2)  # another officer's work is not in An's tally
    tally = desk.desk_state(hall, 1)["tally"]
    assert (tally["served"], tally["no_show"], tally["transferred"]) == (2, 1, 1)
    assert tally["avg_service_s"] == 180
    assert tally["ratings"] == {"total": 1, "by_level": {"satisfied": 1}}
    clock.advance(days=1)
    assert desk.desk_state(hall, 1)["tally"]["served"] == 0


def test_recent_tickets_list_the_counters_finished_tickets_newest_first(hall, kiosk, clock):
    for _ in range(3):
        issue(hall, kiosk)
    an = signed_in(hall, "an", 1)
    done, _ = serve(hall, an)
    clock.advance(seconds=30)
    calls.call_next(hall, 1, an)
    clock.advance(seconds=30)
    calls.no_show(hall, 1, an)
    calls.call_next(hall, 1, an)
    ratings.rate(hall, done.id, RatingInput("very_satisfied"), an)
    recent = desk.desk_state(hall, 1)["recent"]
    assert [(t["number"], t["status"], t["rated"]) for t in recent] == [
        ("1002", "no_show", False),
        ("1001", "done", True),
    ]


def test_a_finished_ticket_awaits_its_rating_until_the_timeout(hall, kiosk, clock):
    issue(hall, kiosk)
    an = signed_in(
        hall,
        "an",
        1,
    )
    _, finished = serve(hall, an)
    clock.advance(seconds=29)
    request = rating_request(hall, 1)
    assert (request["ticket"], request["number"], request["remaining_s"]) == (
        finished.id,
        "1001",
        1,
    )
    assert request["levels"] == ["very_satisfied", "satisfied", "unsatisfied"]
    assert [r["code"] for r in request["reasons"]][:2] == ["attitude", "waiting_time"]
    assert request["officer"] == "an" and request["counter_name"] == "Quầy 1"
    assert desk.desk_state(hall, 1)["pending_rating"]["ticket"] == finished.id
    clock.advance(seconds=1)
    assert rating_request(hall, 1) is None


def test_the_timeout_and_the_scale_come_from_the_hall_settings(hall, kiosk, clock):
    set_rating(hall, timeout_s=90, scale=4)
    issue(hall, kiosk)
    serve(hall, signed_in(hall, "an", 1))
    clock.advance(seconds=60)
    request = rating_request(hall, 1)
    assert request["levels"] == ["very_satisfied", "satisfied", "neutral", "unsatisfied"]
    assert request["remaining_s"] == 30 and request["timeout_s"] == 90


def test_a_rated_ticket_no_longer_awaits_a_rating(hall, kiosk):
    issue(hall, kiosk)
    _, finished = serve(hall, signed_in(hall, "an", 1))
    ratings.rate(hall, finished.id, RatingInput("satisfied"), device(hall, "rating", counter=1))
    assert rating_request(hall, 1) is None


def test_calling_the_next_citizen_later_closes_the_request(hall, kiosk, clock):
    issue(hall, kiosk)
    issue(hall, kiosk)
    an = signed_in(hall, "an", 1)
    serve(hall, an)
    clock.advance(seconds=5)
    calls.call_next(hall, 1, an)
    assert rating_request(hall, 1) is None


def test_the_key_press_that_finishes_and_calls_keeps_the_request(hall, kiosk):
    issue(hall, kiosk)
    issue(hall, kiosk)
    an = signed_in(hall, "an", 1)
    first = calls.call_next(hall, 1, an).ticket
    calls.call_next(hall, 1, an)  # finishes 1001 and calls 1002 at the same instant
    assert rating_request(hall, 1)["ticket"] == first.id


def test_no_request_for_absent_or_transferred_tickets_or_other_counters(hall, kiosk):
    issue(hall, kiosk)
    issue(hall, kiosk)
    an = signed_in(hall, "an", 1)
    calls.call_next(hall, 1, an)
    calls.no_show(hall, 1, an)
    calls.call_next(hall, 1, an)
    calls.transfer(hall, 1, an, "CT")
    assert rating_request(hall, 1) is None
    issue(hall, kiosk, "CT")
    serve(hall, signed_in(hall, "binh", 2), counter=2)
    assert rating_request(hall, 1) is None and rating_request(hall, 2) is not None


def test_the_tablet_idles_with_the_hall_counter_and_officer(hall):
    assert tablet_state(hall, 1)["officer"] is None
    signed_in(hall, "an", 1)
    state = tablet_state(hall, 1)
    assert state["hall"]["name"] == "Trung tâm Phục vụ hành chính công"
    assert (state["counter"]["name"], state["officer"], state["timeout_s"]) == ("Quầy 1", "an", 30)


def test_queue_changes_refresh_the_other_staffed_counters_of_the_sector(hall, kiosk):
    affected = desk_audience.counters_whose_queue_changed
    an = signed_in(hall, "an", 1)
    signed_in(hall, "binh", 2)
    signed_in(hall, "chi", 3)
    ticket = issue(hall, kiosk)
    assert affected(hall, TicketIssued(ticket)) == [1, 2]
    called = calls.call_next(hall, 1, an).ticket
    assert affected(hall, TicketCalled(called, recall=False)) == [2]
    assert affected(hall, TicketCalled(called, recall=True)) == []
    assert affected(hall, TicketChanged(called, "finished")) == []
    moved = calls.transfer(hall, 1, an, "DD")
    event = TicketTransferred(called, moved)
    assert affected(hall, event) == [2, 3]
