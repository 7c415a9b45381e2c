"""The JSON API of counters and ratings: happy paths and every documented refusal."""

from __future__ import annotations

from tests.api_fixtures import error_of, issue


def test_call_next_serves_the_queue_then_204(api, kiosk_token, officer_token):
    first = issue(api, kiosk_token)
    res = api.post("/counters/1/call-next", officer_token)
    assert res.status_code == 200
    assert res.json["ticket"]["id"] == first["id"] and res.json["ticket"]["status"] == "called"
    assert res.json["ticket"]["counter"] == 1 and res.json["finished"] is None
    res = api.post("/counters/1/call-next", officer_token)
    assert res.status_code == 204
    assert api.get(f"/tickets/{first['token']}").json["ticket"]["status"] == "done"


def test_call_next_guard_refuses_a_double_press(api, kiosk_token, officer_token):
    issue(api, kiosk_token)
    issue(api, kiosk_token)
    assert (
        api.post("/counters/1/call-next", officer_token, json={"current": None}).status_code == 200
    )
    res = api.post("/counters/1/call-next", officer_token, json={"current": None})
    assert res.status_code == 409 and error_of(res)["code"] == "counter_busy"


def test_counter_actions_need_authentication(api):
    assert api.post("/counters/1/call-next").status_code == 401


def test_an_officer_cannot_act_on_another_officers_counter(api, kiosk_token, officer_token):
    other = api.officer_token("binh", counters=(1, 2))
    res = api.post("/counters/1/call-next", other)
    assert res.status_code == 403 and error_of(res)["code"] == "forbidden"


def test_a_kiosk_cannot_call_numbers(api, kiosk_token, officer_token):
    assert api.post("/counters/1/call-next", kiosk_token).status_code == 403


def test_unknown_counter_is_404(api, officer_token):
    res = api.post("/counters/99/call-next", officer_token)
    assert res.status_code == 404 and error_of(res)["code"] == "counter_not_found"


def test_recall_no_show_requeue_and_finish(api, kiosk_token, officer_token):
    ticket = issue(api, kiosk_token)
    api.post("/counters/1/call-next", officer_token)
    assert api.post("/counters/1/recall", officer_token).json["ticket"]["call_count"] == 2
    assert api.post("/counters/1/no-show", officer_token).json["ticket"]["status"] == "no_show"
    res = api.post(
        "/counters/1/requeue", officer_token, json={"ticket": ticket["id"], "reason": "Quay lại"}
    )
    assert res.json["ticket"]["status"] == "waiting"
    api.post("/counters/1/call-next", officer_token)
    assert api.post("/counters/1/finish", officer_token).json["ticket"]["status"] == "done"


def test_requeue_needs_a_reason(api, kiosk_token, officer_token):
    res = api.post("/counters/1/requeue", officer_token, json={"ticket": 1})
    assert res.status_code == 422


def test_finishing_without_a_current_ticket_is_409(api, officer_token):
    res = api.post("/counters/1/finish", officer_token)
    assert res.status_code == 409 and error_of(res)["code"] == "invalid_state"


def test_transfer_moves_the_ticket_to_another_sector(api, kiosk_token, officer_token):
    ticket = issue(api, kiosk_token)
    api.post("/counters/1/call-next", officer_token)
    res = api.post("/counters/1/transfer", officer_token, json={"sector": "CT"})
    assert res.status_code == 200
    moved = res.json["ticket"]
    assert (moved["sector"], moved["number"], moved["status"]) == ("CT", "1001", "waiting")
    assert api.get(f"/tickets/{ticket['token']}").json["ticket"]["sector"] == "CT"
    res = api.post("/counters/1/transfer", officer_token, json={"sector": "ZZ"})
    assert res.status_code == 404 and error_of(res)["code"] == "sector_not_found"


def test_pause_needs_a_reason_and_blocks_calls_until_resume(api, kiosk_token, officer_token):
    issue(api, kiosk_token)
    assert api.post("/counters/1/pause", officer_token, json={}).status_code == 422
    res = api.post("/counters/1/pause", officer_token, json={"reason": "Họp"})
    assert res.json["counter"]["status"] == "paused"
    assert api.post("/counters/1/call-next", officer_token).status_code == 409
    assert api.post("/counters/1/resume", officer_token).json["counter"]["status"] == "open"
    assert api.post("/counters/1/call-next", officer_token).status_code == 200


def test_close_signs_the_officer_out(api, officer_token):
    res = api.post("/counters/1/close", officer_token)
    assert res.json["counter"]["status"] == "closed" and res.json["counter"]["officer"] is None
    assert api.post("/counters/1/call-next", officer_token).status_code == 403


def test_an_officer_can_read_a_counter(api, officer_token):
    res = api.get("/counters/1", officer_token)
    assert res.status_code == 200 and res.json["counter"]["officer"] == "An"


def test_priority_can_be_given_by_hand_with_a_reason(api, kiosk_token, officer_token):
    ticket = issue(api, kiosk_token)
    res = api.post(
        f"/tickets/{ticket['id']}/priority",
        officer_token,
        json={"priority": "elderly", "reason": "Cụ ông 85 tuổi"},
    )
    assert res.status_code == 200 and res.json["ticket"]["priority"] == "elderly"
    assert (
        api.post(
            f"/tickets/{ticket['id']}/priority",
            kiosk_token,
            json={"priority": "elderly", "reason": "x"},
        ).status_code
        == 403
    )


def served(api, kiosk_token, officer_token):
    ticket = issue(api, kiosk_token)
    api.post("/counters/1/call-next", officer_token)
    api.post("/counters/1/finish", officer_token)
    return ticket


def test_the_counters_tablet_rates_once(api, kiosk_token, officer_token):
    ticket = served(api, kiosk_token, officer_token)
    tablet = api.device_token("rating", counter=1)
    res = api.post("/ratings", tablet, json={"ticket": ticket["id"], "level": "very_satisfied"})
    assert res.status_code == 201
    assert res.json["rating"]["counter"] == 1 and res.json["rating"]["source"] == "device"
    again = api.post("/ratings", tablet, json={"ticket": ticket["id"], "level": "satisfied"})
    assert again.status_code == 409 and error_of(again)["code"] == "already_rated"


def test_another_counters_tablet_gets_403(api, kiosk_token, officer_token):
    ticket = served(api, kiosk_token, officer_token)
    tablet = api.device_token("rating", counter=2)
    res = api.post("/ratings", tablet, json={"ticket": ticket["id"], "level": "satisfied"})
    assert res.status_code == 403 and error_of(res)["code"] == "rating_wrong_counter"


def test_rating_a_waiting_ticket_is_409(api, kiosk_token):
    ticket = issue(api, kiosk_token)
    tablet = api.device_token("rating", counter=1)
    res = api.post("/ratings", tablet, json={"ticket": ticket["id"], "level": "satisfied"})
    assert res.status_code == 409 and error_of(res)["code"] == "rating_refused"


def test_rating_needs_authentication_and_a_known_level(api, kiosk_token, officer_token):
    ticket = served(api, kiosk_token, officer_token)
    assert (
        api.post("/ratings", json={"ticket": ticket["id"], "level": "satisfied"}).status_code == 401
    )
    tablet = api.device_token("rating", counter=1)
    res = api.post("/ratings", tablet, json={"ticket": ticket["id"], "level": "neutral"})
    assert res.status_code == 422 and error_of(res)["code"] == "invalid_rating"
