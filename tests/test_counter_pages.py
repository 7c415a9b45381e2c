"""The counter pages over HTTP: who sees which page, what each page carries."""

from __future__ import annotations

import json
import re

from motcua.auth import DEVICE_COOKIE


def page_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_the_counter_pages_need_a_signed_in_officer(client):
    res = client.get("/counter")
    assert res.status_code == 302 and res.headers["Location"].startswith("/login")
    assert client.get("/counter/1").status_code == 302
    assert client.get("/counter/1/state").status_code == 302


def test_the_sign_in_page_says_why_in_the_halls_language(client):
    html = client.get("/counter/1", follow_redirects=True).get_data(as_text=True)
    notice = '<p class="flash flash-info" role="alert">Vui lòng đăng nhập để mở trang này.</p>'
    assert notice in html
    english = client.get("/counter/1?lang=en", follow_redirects=True).get_data(as_text=True)
    assert "Please sign in to open this page." in english


def test_the_chooser_lists_only_the_officers_counters(officer_client):
    client = officer_client("an", counters=(1, 3), open_counter=False)
    html = client.get("/counter").get_data(as_text=True)
    assert re.findall(r'data-counter="(\d+)"', html) == ["1", "3"]
    assert "Chọn quầy làm việc" in html and "Tư pháp – Hộ tịch, Chứng thực" in html


def test_the_workstation_of_a_counter_not_signed_in_to_sends_back_to_the_chooser(officer_client):
    client = officer_client("an", counters=(1, 2))
    res = client.get("/counter/2")
    assert res.status_code == 302 and res.headers["Location"] == "/counter"
    assert "Vui lòng chọn quầy làm việc trước." in client.get("/counter").get_data(as_text=True)
    assert client.get("/counter/2/state").status_code == 403
    assert client.get("/counter/99").status_code == 404


def test_the_workstation_carries_its_state_keys_and_choices(officer_client):
    client = officer_client("an", counters=(1,))
    res = client.get("/counter/1")
    assert res.status_code == 200
    html = res.get_data(as_text=True)
    data = page_data(html)
    assert data["counter"] == 1 and data["state"]["counter"]["status"] == "open"
    assert [s["code"] for s in data["sectors"]] == ["HT", "CT", "DD", "VHXH", "TKQ"]
    assert data["pause_reasons"][0] == "Nghỉ giải lao"
    assert data["rating"]["levels"] == ["very_satisfied", "satisfied", "unsatisfied"]
    for key in ("Enter", "+", ".", "0", "*", "−"):
        assert f"<kbd>{key}</kbd>" in html
    assert "Gọi số tiếp" in html and "Chuyển lĩnh vực" in html
    assert "<script>" not in html  # the Content-Security-Policy forbids inline scripts


def test_the_state_route_answers_json_for_the_signed_in_counter(officer_client):
    client = officer_client("an", counters=(1,))
    state = client.get("/counter/1/state").json
    assert state["counter"]["officer"]["name"] == "An" and state["queue"][0]["code"] == "HT"


def test_a_browser_that_is_not_the_counters_tablet_is_told_how_to_pair(client, api):
    res = client.get("/rating/1")
    html = res.get_data(as_text=True)
    assert res.status_code == 403
    assert "Thiết bị này không phải máy đánh giá của quầy" in html
    assert 'href="/devices/pair?kind=rating"' in html
    for token in (api.device_token("kiosk"), api.device_token("rating", counter=2)):
        client.set_cookie(DEVICE_COOKIE, token)
        assert client.get("/rating/1").status_code == 403


def test_the_paired_tablet_gets_its_counters_rating_page(client, api):
    client.set_cookie(DEVICE_COOKIE, api.device_token("rating", counter=1))
    assert client.get("/rating").headers["Location"] == "/rating/1"
    res = client.get("/rating/1")
    assert res.status_code == 200
    html = res.get_data(as_text=True)
    assert "Ông/Bà hài lòng với việc phục vụ?" in html
    assert page_data(html)["idle"]["counter"]["name"] == "Quầy 1"
    english = client.get("/rating/1?lang=en").get_data(as_text=True)
    assert "Are you satisfied with the service?" in english
