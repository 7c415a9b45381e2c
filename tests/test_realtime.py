"""Socket.IO pushes, with Flask-SocketIO's test client (emits flushed, never slept for)."""

from __future__ import annotations

from motcua.auth import DEVICE_COOKIE
from motcua.extensions import socketio
from motcua.services.context import Actor
from motcua.services.devices import revoke_device, update_device
from motcua.services.setup import pair_device


def names(received) -> list[str]:
    return [packet["name"] for packet in received]


def test_a_display_gets_the_board_when_it_connects(app, api):
    display = socketio.test_client(app, namespace="/display")
    received = display.get_received("/display")
    assert names(received) == ["board"]
    board = received[0]["args"][0]
    assert [s["code"] for s in board["sectors"]] == ["HT", "CT", "DD", "VHXH", "TKQ"]
    assert board["display"]["notice"]


def test_a_call_reaches_displays_with_ticket_and_counter(app, api, flush):
    display = socketio.test_client(app, namespace="/display")
    kiosk = api.device_token()
    officer = api.officer_token("an", counters=(1,))
    api.post("/counters/1/open", officer)
    api.post("/tickets", kiosk, json={"sector": "HT"})
    api.post("/counters/1/call-next", officer)
    flush()
    calls = [p["args"][0] for p in display.get_received("/display") if p["name"] == "ticket_called"]
    assert len(calls) == 1
    assert calls[0]["ticket"]["number"] == "1001" and calls[0]["counter"]["number"] == 1
    assert calls[0]["recall"] is False


def test_the_last_board_after_a_burst_shows_every_ticket(app, api, flush):
    display = socketio.test_client(app, namespace="/display")
    kiosk = api.device_token()
    flush()
    display.get_received("/display")
    for sector in ("HT", "HT", "CT"):
        api.post("/tickets", kiosk, json={"sector": sector})
    flush()
    boards = [p["args"][0] for p in display.get_received("/display") if p["name"] == "board"]
    waiting = {s["code"]: s["waiting"] for s in boards[-1]["sectors"]}
    assert (waiting["HT"], waiting["CT"]) == (2, 1)
    assert boards[-1]["sectors"][0]["next"] == ["1001", "1002"]


def test_a_call_nobody_watches_costs_no_voice_and_no_tablet_state(app, api, flush, monkeypatch):
    from motcua.services import rating_requests

    voice = app.extensions["motcua_voice"]
    made = []
    real_announce, real_tablet = voice.announce, rating_requests.tablet_state
    monkeypatch.setattr(voice, "announce", lambda *a: made.append("voice") or real_announce(*a))
    monkeypatch.setattr(
        rating_requests, "tablet_state", lambda *a: made.append("tablet") or real_tablet(*a)
    )
    kiosk = api.device_token()
    officer = api.officer_token("an", counters=(1,))
    api.post("/counters/1/open", officer)
    api.post("/tickets", kiosk, json={"sector": "HT"})
    api.post("/counters/1/call-next", officer)
    api.post("/counters/1/finish", officer)
    flush()
    assert made == []
    display = socketio.test_client(app, namespace="/display")
    api.post("/tickets", kiosk, json={"sector": "HT"})
    api.post("/counters/1/call-next", officer)
    flush()
    assert made == ["voice"]
    assert [p for p in display.get_received("/display") if p["name"] == "ticket_called"]


def test_a_device_edited_or_revoked_is_told_and_no_other(app, app_hall, flush):
    admin = Actor("system", "test")

    def paired(kind, namespace, counter=None):
        device_id, token = pair_device(app_hall, kind, kind, admin, counter)
        client = app.test_client()
        client.set_cookie(DEVICE_COOKIE, token)
        socket = socketio.test_client(app, namespace=namespace, flask_test_client=client)
        socket.get_received(namespace)
        return device_id, socket

    kiosk_id, kiosk = paired("kiosk", "/kiosk")
    _, other_kiosk = paired("kiosk", "/kiosk")
    display_id, display = paired("display", "/display")
    tablet_id, tablet = paired("rating", "/rating", counter=1)

    def told(socket, namespace):
        flush()
        packets = socket.get_received(namespace)
        return [p["args"][0] for p in packets if p["name"] == "device_changed"]

    update_device(app_hall, admin, kiosk_id, {"name": "kiosk", "sectors": ["HT"]})
    assert told(kiosk, "/kiosk") == [{"device": kiosk_id}]
    assert told(other_kiosk, "/kiosk") == [] and told(display, "/display") == []
    update_device(app_hall, admin, kiosk_id, {"name": "kiosk", "sectors": ["HT"]})
    assert told(kiosk, "/kiosk") == []  # nothing changed: nothing to reload for
    update_device(app_hall, admin, display_id, {"name": "TV", "counters": [2]})
    assert told(display, "/display") == [{"device": display_id}]
    revoke_device(app_hall, admin, tablet_id)
    assert told(tablet, "/rating") == [{"device": tablet_id}]
