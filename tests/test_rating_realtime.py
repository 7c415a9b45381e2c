"""Socket.IO for the rating tablet (/rating): pairing, prompts, and every refusal
(test clients; emits flushed, never slept for)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from motcua.auth import DEVICE_COOKIE
from motcua.extensions import socketio
from motcua.storage import hall_repo, user_repo
from motcua.storage.tables import ratings
from tests.socket_helpers import issue, post, received


@pytest.fixture
def kiosk(api):
    return api.device_token("kiosk")


def tablet_socket(app, token):
    client = app.test_client()
    client.set_cookie(DEVICE_COOKIE, token)
    return socketio.test_client(app, namespace="/rating", flask_test_client=client)


def rating_count(app_hall) -> int:
    with app_hall.db.read() as conn:
        return conn.execute(select(func.count()).select_from(ratings)).scalar_one()


# /rating


def test_the_rating_namespace_refuses_anything_but_a_paired_rating_tablet(app, api, app_hall):
    assert not socketio.test_client(app, namespace="/rating").is_connected("/rating")
    assert not tablet_socket(app, api.device_token("kiosk")).is_connected("/rating")
    assert not tablet_socket(app, "dev_not-a-real-token").is_connected("/rating")
    revoked = api.device_token("rating", counter=1)
    with app_hall.db.write() as conn:
        row = user_repo.device_by_token(conn, revoked)
        user_repo.revoke_device(conn, row.id, app_hall.now())
    assert not tablet_socket(app, revoked).is_connected("/rating")


def test_an_officers_session_is_not_a_rating_tablet(app, officer_client):
    client = officer_client("an", counters=(1,))
    socket = socketio.test_client(app, namespace="/rating", flask_test_client=client)
    assert not socket.is_connected("/rating")


def test_a_tablet_idles_with_its_counter_and_officer(app, api, officer_client):
    officer_client("an", counters=(1,))
    tablet = tablet_socket(app, api.device_token("rating", counter=1))
    assert tablet.is_connected("/rating")
    [(name, idle)] = received(tablet, "/rating")
    assert name == "rating_state"
    assert (idle["counter"]["name"], idle["officer"]) == ("Quầy 1", "An")


def finished_ticket(api, kiosk, client, flush):
    ticket = issue(api, kiosk)
    post(client, "/counters/1/call-next")
    post(client, "/counters/1/finish")
    flush()
    return ticket


def test_finishing_asks_the_counters_tablet_only(app, api, kiosk, officer_client, flush):
    client = officer_client("an", counters=(1,))
    mine = tablet_socket(app, api.device_token("rating", counter=1))
    other = tablet_socket(app, api.device_token("rating", counter=2))
    mine.get_received("/rating")
    other.get_received("/rating")
    ticket = finished_ticket(api, kiosk, client, flush)
    asked = received(mine, "/rating", "rating_requested")
    assert len(asked) == 1
    request = asked[0][1]
    assert (request["ticket"], request["number"], request["officer"]) == (
        ticket["id"],
        "1001",
        "An",
    )
    assert request["levels"] == ["very_satisfied", "satisfied", "unsatisfied"]
    assert request["reasons"][0] == {
        "code": "attitude",
        "name": "Thái độ phục vụ",
        "name_en": "Staff attitude",
    }
    assert request["expires_at"].endswith("+00:00") and request["remaining_s"] == 30
    assert received(other, "/rating", "rating_requested") == []


def test_a_tablet_that_reconnects_within_the_timeout_gets_the_pending_request(
    app, api, kiosk, officer_client, flush, clock
):
    client = officer_client("an", counters=(1,))
    token = api.device_token("rating", counter=1)
    ticket = finished_ticket(api, kiosk, client, flush)
    clock.advance(seconds=20)
    names = [name for name, _ in received(tablet_socket(app, token), "/rating")]
    assert names == ["rating_state", "rating_requested"]
    clock.advance(seconds=10)
    late = received(tablet_socket(app, token), "/rating")
    assert [name for name, _ in late] == ["rating_state"]
    assert rating_count(app.extensions["motcua_hall"]) == 0 and ticket


def test_a_recorded_rating_closes_the_prompt_and_counts_for_the_officer(
    app, api, kiosk, officer_client, flush
):
    client = officer_client("an", counters=(1,))
    token = api.device_token("rating", counter=1)
    tablet = tablet_socket(app, token)
    desk = socketio.test_client(app, namespace="/counter", flask_test_client=client)
    ticket = finished_ticket(api, kiosk, client, flush)
    tablet.get_received("/rating")
    desk.get_received("/counter")
    res = api.post("/ratings", token, json={"ticket": ticket["id"], "level": "satisfied"})
    assert res.status_code == 201
    flush()
    assert received(tablet, "/rating", "rating_closed") == [
        ("rating_closed", {"counter": 1, "ticket": ticket["id"], "reason": "rated"})
    ]
    state = [s for _, s in received(desk, "/counter", "counter_state")][-1]
    assert state["tally"]["ratings"]["total"] == 1 and state["pending_rating"] is None


def test_calling_the_next_citizen_closes_the_prompt(app, api, kiosk, officer_client, flush, clock):
    client = officer_client("an", counters=(1,))
    tablet = tablet_socket(app, api.device_token("rating", counter=1))
    finished_ticket(api, kiosk, client, flush)
    issue(api, kiosk)
    tablet.get_received("/rating")
    clock.advance(seconds=3)
    post(client, "/counters/1/call-next")
    flush()
    assert received(tablet, "/rating", "rating_closed") == [
        ("rating_closed", {"counter": 1, "ticket": None, "reason": "called"})
    ]


def test_one_key_press_that_finishes_and_calls_asks_about_the_finished_ticket(
    app, api, kiosk, officer_client, flush
):
    client = officer_client("an", counters=(1,))
    tablet = tablet_socket(app, api.device_token("rating", counter=1))
    first = issue(api, kiosk)
    issue(api, kiosk)
    post(client, "/counters/1/call-next")
    flush()
    tablet.get_received("/rating")
    post(client, "/counters/1/call-next", {"current": first["id"]})
    flush()
    events = received(tablet, "/rating")
    assert ("rating_requested", first["id"]) in [(n, p.get("ticket")) for n, p in events]
    assert "rating_closed" not in [name for name, _ in events]


# refusals: answered with a clear error, stored nowhere


def test_a_second_rating_is_refused_and_not_stored(app, api, kiosk, officer_client, flush):
    client = officer_client("an", counters=(1,))
    token = api.device_token("rating", counter=1)
    ticket = finished_ticket(api, kiosk, client, flush)
    first = api.post("/ratings", token, json={"ticket": ticket["id"], "level": "satisfied"})
    assert first.status_code == 201
    again = api.post("/ratings", token, json={"ticket": ticket["id"], "level": "unsatisfied"})
    assert again.status_code == 409
    assert again.json["error"]["message"] == "Phiếu này đã được đánh giá. Xin cảm ơn."
    assert rating_count(app.extensions["motcua_hall"]) == 1


def test_rating_from_the_wrong_tablet_or_a_waiting_ticket_stores_nothing(
    app, api, kiosk, officer_client, flush
):
    client = officer_client("an", counters=(1,))
    ticket = finished_ticket(api, kiosk, client, flush)
    other = api.device_token("rating", counter=2)
    res = api.post("/ratings", other, json={"ticket": ticket["id"], "level": "satisfied"})
    assert res.status_code == 403 and res.json["error"]["code"] == "rating_wrong_counter"
    waiting = issue(api, kiosk)
    mine = api.device_token("rating", counter=1)
    res = api.post("/ratings", mine, json={"ticket": waiting["id"], "level": "satisfied"})
    assert res.status_code == 409 and res.json["error"]["code"] == "rating_refused"
    assert (
        api.post("/ratings", json={"ticket": ticket["id"], "level": "satisfied"}).status_code == 401
    )
    assert rating_count(app.extensions["motcua_hall"]) == 0


def test_the_officer_may_rate_on_the_citizens_behalf_marked_as_such(
    app, api, kiosk, officer_client, flush
):
    client = officer_client("an", counters=(1,))
    ticket = finished_ticket(api, kiosk, client, flush)
    res = post(client, "/ratings", {"ticket": ticket["id"], "level": "very_satisfied"})
    assert res.status_code == 201 and res.json["rating"]["source"] == "officer"


def test_a_four_level_hall_offers_neutral(app, api, kiosk, officer_client, flush, app_hall):
    with app_hall.db.write() as conn:
        section = hall_repo.load_settings(conn)["rating"] | {"scale": 4}
        hall_repo.save_setting(conn, "rating", section, app_hall.now())
    client = officer_client("an", counters=(1,))
    tablet = tablet_socket(app, api.device_token("rating", counter=1))
    finished_ticket(api, kiosk, client, flush)
    [(_, request)] = received(tablet, "/rating", "rating_requested")
    assert request["levels"] == ["very_satisfied", "satisfied", "neutral", "unsatisfied"]
