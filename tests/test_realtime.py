"""Socket.IO pushes, with Flask-SocketIO's test client (emits flushed, never slept for)."""

from __future__ import annotations

from motcua.extensions import socketio


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
