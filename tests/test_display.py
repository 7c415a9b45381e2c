"""The display over Socket.IO (test client) and the page's own options."""

from __future__ import annotations

import io
import json
import re
import wave

from motcua.extensions import socketio


def received(client, name: str) -> list[dict]:
    return [p["args"][0] for p in client.get_received("/display") if p["name"] == name]


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_the_board_carries_everything_a_display_draws(app, api, flush):
    display = socketio.test_client(app, namespace="/display")
    officer = api.officer_token("an", counters=(1,))
    api.post("/counters/1/open", officer)
    api.post("/tickets", api.device_token(), json={"sector": "HT"})
    api.post("/counters/1/call-next", officer)
    flush()
    board = received(display, "board")[-1]
    assert board["hall"]["name"] and board["hall"]["timezone"] == "Asia/Ho_Chi_Minh"
    counter = board["counters"][0]
    assert (counter["number"], counter["status"]) == (1, "open")
    assert counter["current"]["number"] == "1001"
    assert [c["status"] for c in board["counters"][1:]] == ["closed"] * 3
    assert board["recent_calls"][0] == {**board["recent_calls"][0], "number": "1001", "counter": 1}
    assert board["display"] == {
        "notice": "Trung tâm Phục vụ hành chính công kính chào Quý công dân",
        "recent": 5,
    }
    assert board["voice"] == {"repeat": 2, "backend": "espeak"}


def test_a_call_sends_the_spoken_sentence_and_a_working_audio_url(app, api, client, flush):
    display = socketio.test_client(app, namespace="/display")
    kiosk = api.device_token()
    officer = api.officer_token("an", counters=(3,))
    api.post("/counters/3/open", officer)
    for _ in range(25):
        api.post("/tickets", kiosk, json={"sector": "DD"})
    for _ in range(25):  # the 25th call is 3025, with a final lăm after tens
        api.post("/counters/3/call-next", officer)
    flush()
    call = received(display, "ticket_called")[-1]
    assert call["ticket"]["number"] == "3025" and call["counter"]["number"] == 3
    assert call["ticket"]["sector_name"] == "Đất đai – Xây dựng – Môi trường"
    assert call["text"] == (
        "Xin mời công dân có số thứ tự ba nghìn không trăm hai mươi lăm đến quầy số ba"
    )
    assert call["recall"] is False
    audio = client.get(call["audio_url"])
    assert audio.status_code == 200
    assert wave.open(io.BytesIO(audio.data)).getnframes() > 22050  # over a second of speech


def test_a_recall_is_announced_again_and_marked(app, api, flush):
    display = socketio.test_client(app, namespace="/display")
    officer = api.officer_token("an", counters=(1,))
    api.post("/counters/1/open", officer)
    api.post("/tickets", api.device_token(), json={"sector": "HT"})
    api.post("/counters/1/call-next", officer)
    api.post("/counters/1/recall", officer)
    flush()
    first, again = received(display, "ticket_called")
    assert (first["recall"], again["recall"]) == (False, True)
    assert again["call_count"] == 2
    assert again["audio_url"] == first["audio_url"] and again["text"] == first["text"]


def test_without_a_voice_the_display_still_gets_the_text(app, app_hall, api, flush):
    from tests.helpers import configure_voice

    configure_voice(app_hall, backend="none")
    display = socketio.test_client(app, namespace="/display")
    officer = api.officer_token("an", counters=(2,))
    api.post("/counters/2/open", officer)
    api.post("/tickets", api.device_token(), json={"sector": "CT"})
    api.post("/counters/2/call-next", officer)
    flush()
    call = received(display, "ticket_called")[-1]
    assert call["audio_url"] is None
    assert call["text"].endswith("hai nghìn không trăm linh một đến quầy số hai")


def test_anyone_may_watch_the_display_and_a_paired_display_too(app, api):
    anonymous = socketio.test_client(app, namespace="/display")
    assert anonymous.is_connected("/display")
    token = api.device_token(kind="display", counters=[1])
    paired = socketio.test_client(
        app, namespace="/display", headers={"Cookie": f"motcua_device={token}"}
    )
    assert paired.is_connected("/display")
    assert [p["name"] for p in paired.get_received("/display")] == ["board"]


def test_the_page_shows_everything_by_default(client):
    res = client.get("/display")
    assert res.status_code == 200
    data = page_data(res.get_data(as_text=True))
    assert data["options"] == {"counters": [], "sectors": [], "sound": "", "device": None}
    assert data["board"]["hall"]["name"] in res.get_data(as_text=True)
    assert "Bật âm thanh" in res.get_data(as_text=True)


def test_an_unpaired_display_is_limited_by_its_address(client):
    res = client.get("/display?counters=1,3,x,1000&sectors=HT,bad code&sound=off")
    options = page_data(res.get_data(as_text=True))["options"]
    assert options == {"counters": [1, 3], "sectors": ["HT"], "sound": "off", "device": None}


def test_a_paired_display_uses_its_own_options(api, client):
    token = api.device_token(kind="display", counters=[2, 4], sound=False)
    client.set_cookie("motcua_device", token)
    options = page_data(client.get("/display?counters=1").get_data(as_text=True))["options"]
    assert options == {"counters": [2, 4], "sectors": [], "sound": "off", "device": "display-1"}


def test_the_page_speaks_english_on_request(client):
    html = client.get("/display?lang=en").get_data(as_text=True)
    assert "Turn sound on" in html and "Now calling" in html
