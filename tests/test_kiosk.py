"""The kiosk and phone pages over HTTP, and their Socket.IO namespaces /kiosk and /ticket."""

from __future__ import annotations

import json
import re

import pytest

from motcua.auth import DEVICE_COOKIE
from motcua.extensions import socketio


@pytest.fixture
def kiosk(api):
    return api.device_token("kiosk")


def page_data(html: str, block: str = "page-data") -> dict:
    found = re.search(rf'<script type="application/json" id="{block}">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def take(api, kiosk, sector="HT") -> dict:
    res = api.post("/tickets", kiosk, json={"sector": sector})
    assert res.status_code == 201
    return res.json["ticket"]


def test_a_browser_that_is_not_a_paired_kiosk_is_told_how_to_pair_it(client, api):
    res = client.get("/kiosk")
    html = res.get_data(as_text=True)
    assert res.status_code == 403
    assert "Màn hình này chưa được cài đặt làm máy lấy số" in html
    assert 'href="/devices/pair?kind=kiosk"' in html
    client.set_cookie(DEVICE_COOKIE, api.device_token("display"))
    assert client.get("/kiosk").status_code == 403


def test_a_paired_kiosk_gets_the_sectors_and_both_languages(client, kiosk):
    client.set_cookie(DEVICE_COOKIE, kiosk)
    res = client.get("/kiosk")
    html = res.get_data(as_text=True)
    assert res.status_code == 200
    data = page_data(html)
    assert [s["code"] for s in data["board"]["sectors"]] == ["HT", "CT", "DD", "VHXH", "TKQ"]
    assert (data["sectors"], data["language"], data["idle_s"]) == (None, "vi", 45)
    strings = page_data(html, "i18n")
    assert strings["vi"]["print_failed"] == "Máy in đang gặp sự cố — vui lòng ghi nhớ số của bạn"
    assert strings["en"]["choose"] == "Touch the service you need"
    assert strings["vi"]["weekdays"][6] == "Chủ Nhật"
    assert "<script>" not in html  # the CSP forbids inline scripts


def test_a_kiosk_limited_to_some_sectors_shows_only_those(client, api):
    client.set_cookie(DEVICE_COOKIE, api.device_token("kiosk", sectors=["CT", "TKQ"]))
    assert page_data(client.get("/kiosk").get_data(as_text=True))["sectors"] == ["CT", "TKQ"]


def test_the_phone_page_shows_the_ticket_and_nothing_personal(client, api, kiosk):
    ticket = take(api, kiosk)
    res = client.get(f"/t/{ticket['token']}")
    html = res.get_data(as_text=True)
    assert res.status_code == 200
    assert "1001" in html and "Tư pháp – Hộ tịch" in html
    data = page_data(html)
    assert data["ticket"]["id"] == ticket["id"] and data["transferred_from"] is None
    assert page_data(html, "i18n")["status_called"] == "Đến lượt bạn!"


@pytest.mark.parametrize("token", ["nope", "x" * 65, "AAAAAAAAAAAAAAAA"])
def test_an_unknown_ticket_gets_a_friendly_vietnamese_404(client, token):
    res = client.get(f"/t/{token}")
    assert res.status_code == 404
    assert "Không tìm thấy phiếu" in res.get_data(as_text=True)
    assert client.get(f"/t/{token}/qr.svg").status_code == 404


def test_the_qr_code_is_an_svg_drawn_by_the_server(client, api, kiosk):
    ticket = take(api, kiosk)
    res = client.get(f"/t/{ticket['token']}/qr.svg")
    assert res.status_code == 200 and res.mimetype == "image/svg+xml"
    assert res.get_data(as_text=True).startswith(
        "<svg"
    ) and 'xmlns="http://www.w3.org/2000/svg"' in (res.get_data(as_text=True))


def test_the_phone_page_says_where_a_transferred_file_came_from(client, api, kiosk):
    ticket = take(api, kiosk)
    officer = api.officer_token("an", counters=(1,))
    api.post("/counters/1/open", officer)
    api.post("/counters/1/call-next", officer)
    api.post("/counters/1/transfer", officer, json={"sector": "DD"})
    data = page_data(client.get(f"/t/{ticket['token']}").get_data(as_text=True))
    assert data["ticket"]["sector"] == "DD" and data["ticket"]["number"] == "1001"
    assert data["transferred_from"]["sector_name"] == "Tư pháp – Hộ tịch"


# sockets


def names(received) -> list[str]:
    return [packet["name"] for packet in received]


def test_only_a_paired_kiosk_may_connect_to_kiosk(app, client, kiosk):
    stranger = socketio.test_client(app, namespace="/kiosk", flask_test_client=client)
    assert not stranger.is_connected("/kiosk")
    client.set_cookie(DEVICE_COOKIE, kiosk)
    paired = socketio.test_client(app, namespace="/kiosk", flask_test_client=client)
    assert paired.is_connected("/kiosk")
    received = paired.get_received("/kiosk")
    assert names(received) == ["board"]
    assert received[0]["args"][0]["kiosk"]["return_after_s"] == 10


def test_a_kiosk_sees_waiting_counts_change_live(app, api, client, kiosk):
    client.set_cookie(DEVICE_COOKIE, kiosk)
    paired = socketio.test_client(app, namespace="/kiosk", flask_test_client=client)
    paired.get_received("/kiosk")
    take(api, kiosk, "CT")
    app.extensions["motcua_realtime"].flush()
    boards = [p["args"][0] for p in paired.get_received("/kiosk") if p["name"] == "board"]
    assert {s["code"]: s["waiting"] for s in boards[-1]["sectors"]}["CT"] == 1


@pytest.mark.parametrize("auth", [None, {}, {"token": "unknown"}, {"token": 5}])
def test_a_phone_without_a_real_ticket_token_is_refused(app, auth):
    phone = socketio.test_client(app, namespace="/ticket", auth=auth)
    assert not phone.is_connected("/ticket")


def test_a_phone_follows_its_ticket_until_it_is_called(app, api, kiosk):
    first, mine = take(api, kiosk), take(api, kiosk)
    flush = app.extensions["motcua_realtime"].flush
    flush()
    phone = socketio.test_client(app, namespace="/ticket", auth={"token": mine["token"]})
    [hello] = phone.get_received("/ticket")
    assert hello["name"] == "ticket_updated"
    assert hello["args"][0]["ticket"]["ahead"] == 1
    officer = api.officer_token("an", counters=(1,))
    api.post("/counters/1/open", officer)
    api.post("/counters/1/call-next", officer)
    flush()
    lines = [p["args"][0] for p in phone.get_received("/ticket") if p["name"] == "queue_changed"]
    assert lines[-1]["line"] == [
        {"id": mine["id"], "number": "1002", "priority": False, "ahead": 0, "wait_s": 0}
    ]
    api.post("/counters/1/call-next", officer, json={"current": first["id"]})
    flush()
    updates = [p["args"][0] for p in phone.get_received("/ticket") if p["name"] == "ticket_updated"]
    called = updates[-1]["ticket"]
    assert (called["status"], called["counter"], called["counter_name"]) == ("called", 1, "Quầy 1")


def test_a_phone_reconnecting_after_a_transfer_learns_where_it_came_from(app, api, kiosk):
    ticket = take(api, kiosk)
    officer = api.officer_token("an", counters=(1,))
    api.post("/counters/1/open", officer)
    api.post("/counters/1/call-next", officer)
    api.post("/counters/1/transfer", officer, json={"sector": "DD"})
    phone = socketio.test_client(app, namespace="/ticket", auth={"token": ticket["token"]})
    [hello] = phone.get_received("/ticket")
    assert hello["args"][0]["ticket"]["sector"] == "DD"
    assert hello["args"][0]["transferred_from"]["sector"] == "HT"
