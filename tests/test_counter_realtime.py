"""Socket.IO for the counter page (/counter): who may connect and what each receives
(test clients; emits flushed, never slept for)."""

from __future__ import annotations

import pytest

from motcua.extensions import socketio
from tests.socket_helpers import issue, post, received


@pytest.fixture
def kiosk(api):
    return api.device_token("kiosk")


# /counter


def test_the_counter_namespace_refuses_a_visitor_who_is_not_signed_in(app):
    assert not socketio.test_client(app, namespace="/counter").is_connected("/counter")


def test_a_signed_in_officer_gets_their_counters_state_on_connect(app, officer_client, flush):
    client = officer_client("an", counters=(1,))
    flush()
    socket = socketio.test_client(app, namespace="/counter", flask_test_client=client)
    assert socket.is_connected("/counter")
    [(name, state)] = received(socket, "/counter", "counter_state")
    assert state["counter"]["number"] == 1 and state["counter"]["officer"]["name"] == "An"


def test_an_officer_not_at_a_counter_connects_but_joins_no_counter(app, officer_client):
    client = officer_client("an", counters=(1,), open_counter=False)
    socket = socketio.test_client(app, namespace="/counter", flask_test_client=client)
    assert socket.is_connected("/counter")
    assert received(socket, "/counter", "counter_state") == []


def test_a_kiosk_ticket_updates_the_counters_serving_its_sector_only(
    app, api, kiosk, officer_client, flush
):
    at_one = socketio.test_client(
        app, namespace="/counter", flask_test_client=officer_client("an", counters=(1,))
    )
    at_three = socketio.test_client(
        app, namespace="/counter", flask_test_client=officer_client("chi", counters=(3,))
    )
    flush()
    at_one.get_received("/counter")
    at_three.get_received("/counter")
    issue(api, kiosk, "HT")
    flush()
    states = [s for _, s in received(at_one, "/counter", "counter_state")]
    assert states and states[-1]["queue"][0]["waiting"] == 1
    assert received(at_three, "/counter", "counter_state") == []


def test_each_action_pushes_the_new_state_to_the_counter(app, api, kiosk, officer_client, flush):
    client = officer_client("an", counters=(1,))
    socket = socketio.test_client(app, namespace="/counter", flask_test_client=client)
    issue(api, kiosk)
    issue(api, kiosk)
    flush()
    socket.get_received("/counter")

    def last_state_after(path, json=None):
        assert post(client, path, json).status_code == 200
        flush()
        return [s for _, s in received(socket, "/counter", "counter_state")][-1]

    assert last_state_after("/counters/1/call-next")["current"]["number"] == "1001"
    assert last_state_after("/counters/1/recall")["current"]["call_count"] == 2
    assert last_state_after("/counters/1/no-show")["recent"][0]["status"] == "no_show"
    requeued = last_state_after("/counters/1/requeue", {"ticket": 1, "reason": "Quay lại"})
    assert requeued["queue"][0]["waiting"] == 2 and requeued["recent"] == []
    last_state_after("/counters/1/call-next")
    assert last_state_after("/counters/1/transfer", {"sector": "CT"})["current"] is None
    paused = last_state_after("/counters/1/pause", {"reason": "Họp"})
    assert (paused["counter"]["status"], paused["counter"]["pause_reason"]) == ("paused", "Họp")
    assert last_state_after("/counters/1/resume")["counter"]["status"] == "open"
    last_state_after("/counters/1/call-next")
    assert last_state_after("/counters/1/finish")["pending_rating"]["number"] in ("1001", "1002")


def test_a_burst_of_tickets_redraws_each_other_counter_once(
    app, api, app_hall, kiosk, officer_client
):
    """A kiosk rush must not recompute every staffed workstation once per ticket."""
    from motcua.dispatch import Dispatcher
    from tests.conftest import Recorder

    pages = [
        socketio.test_client(
            app, namespace="/counter", flask_test_client=officer_client(name, counters=(n,))
        )
        for name, n in (("an", 1), ("chi", 3))  # counter 3 does not serve HT
    ]
    assert all(page.is_connected("/counter") for page in pages)
    recorder = Recorder()
    app_hall.bus.subscribe(recorder)
    for _ in range(5):
        issue(api, kiosk, "HT")
    redrawn = []
    ours = Dispatcher(
        app, send_lines=lambda *codes: None, send_board=lambda: None, send_counter=redrawn.append
    )
    theirs, app.extensions["motcua_realtime"] = app.extensions["motcua_realtime"], ours
    try:
        for event in recorder.events:
            ours._handle(event)
        assert redrawn == [] and ours.dirty_counters == {1}
        ours._emit_coalesced()
    finally:
        app.extensions["motcua_realtime"] = theirs
    assert redrawn == [1]


def test_no_workstation_state_is_computed_for_a_counter_nobody_watches(
    app, api, kiosk, officer_client, flush, monkeypatch
):
    from motcua.services import desk

    officer_client("an", counters=(1,))  # signed in at counter 1, page not open
    computed = []
    real = desk.desk_state
    monkeypatch.setattr(desk, "desk_state", lambda hall, n: computed.append(n) or real(hall, n))
    issue(api, kiosk, "HT")
    flush()
    assert computed == []
    page = socketio.test_client(
        app, namespace="/counter", flask_test_client=officer_client("an", counters=(1,))
    )
    flush()
    computed.clear()
    page.get_received("/counter")
    issue(api, kiosk, "HT")
    flush()
    assert computed == [1]
    [(_, state)] = received(page, "/counter", "counter_state")
    assert state["queue"][0]["waiting"] == 2
