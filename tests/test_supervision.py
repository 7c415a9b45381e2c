"""Live supervision: counter states, queues, devices and alerts, pushed to hall leaders."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from motcua.extensions import socketio
from motcua.presence import Presence
from motcua.services import calls, counters
from motcua.services.supervision import supervision_snapshot
from tests.helpers import device, issue, signed_in
from tests.plugin_admin import signed_in_client
from tests.plugin_browser import screenshot
from tests.plugin_counter import live_device


def by(items: list[dict], key: str) -> dict:
    return {item[key]: item for item in items}


def test_counters_show_serving_idle_paused_and_closed(hall, kiosk, clock):
    a, b = signed_in(hall, "an", 1), signed_in(hall, "binh", 2)
    issue(hall, kiosk)
    calls.call_next(hall, 1, a)
    counters.pause_counter(hall, 2, b, "Họp")
    clock.advance(minutes=3)
    states = by(supervision_snapshot(hall)["counters"], "number")
    assert (states[1]["state"], states[1]["officer"]) == ("serving", "an")
    assert (states[2]["state"], states[2]["pause_reason"]) == ("paused", "Họp")
    assert states[3]["state"] == "closed"
    calls.finish(hall, 1, a)
    assert by(supervision_snapshot(hall)["counters"], "number")[1]["state"] == "idle"


def test_queues_show_the_longest_wait_and_todays_figures(hall, kiosk, clock):
    a = signed_in(hall, "an", 1)
    issue(hall, kiosk)
    clock.advance(minutes=10)
    issue(hall, kiosk)
    issue(hall, kiosk)
    calls.call_next(hall, 1, a)  # the first one: the oldest now waited since minute 10
    calls.no_show(hall, 1, a)
    ht = by(supervision_snapshot(hall)["sectors"], "code")["HT"]
    assert (ht["waiting"], ht["issued"], ht["served"], ht["no_show"]) == (2, 3, 0, 1)
    assert ht["oldest_since"] == clock.now.isoformat()
    assert ht["estimated_wait_s"] == 600  # a newcomer: 2 ahead x 300 s (default) / 1 open counter


def test_long_waits_and_idle_counters_with_a_queue_raise_alerts(hall, kiosk, clock):
    a = signed_in(hall, "an", 1)
    issue(hall, kiosk)
    calls.call_next(hall, 1, a)
    calls.finish(hall, 1, a)
    issue(hall, kiosk)

    def queue_alerts():  # the paired test kiosk never connected: its own alert is not ours
        found = supervision_snapshot(hall)["alerts"]
        return {(x["kind"], x["subject"]) for x in found if x["kind"] != "device_offline"}

    assert queue_alerts() == set()
    clock.advance(minutes=31)
    assert queue_alerts() == {("long_wait", "HT"), ("idle_counter", "1")}


def test_a_paired_device_is_online_while_connected_and_offline_after(hall, clock):
    presence = Presence(hall)
    kiosk = device(hall, "kiosk")
    state = by(supervision_snapshot(hall)["devices"], "id")[kiosk.id]
    assert state["online"] is False and state["last_seen_at"] is None
    presence.joined("sid-1", kiosk)
    assert by(supervision_snapshot(hall)["devices"], "id")[kiosk.id]["online"] is True
    presence.left("sid-1")
    clock.advance(seconds=80)
    state = by(supervision_snapshot(hall)["devices"], "id")[kiosk.id]
    assert state["online"] is False and state["last_seen_at"]
    assert ("device_offline", kiosk.name) in {
        (x["kind"], x["subject"]) for x in supervision_snapshot(hall)["alerts"]
    }


@pytest.fixture
def leader(app):
    """A supervisor's signed-in test client (the session the page uses)."""
    return signed_in_client(app, "chi", role="supervisor")


def test_only_supervisors_and_admins_may_watch(app):
    assert not socketio.test_client(app, namespace="/supervise").is_connected("/supervise")
    client = signed_in_client(app, "an", role="counter", counters=(1,))
    officer = socketio.test_client(app, namespace="/supervise", flask_test_client=client)
    assert not officer.is_connected("/supervise")
    assert client.get("/supervise/").status_code == 403


def test_a_supervisor_gets_the_hall_at_once_and_every_change(app, api, leader):
    watcher = socketio.test_client(app, namespace="/supervise", flask_test_client=leader)
    first = watcher.get_received("/supervise")
    assert [p["name"] for p in first] == ["supervision"]
    officer = api.officer_token("an", counters=(1,))
    api.post("/counters/1/open", officer)
    app.extensions["motcua_realtime"].flush()
    pushed = [
        p["args"][0] for p in watcher.get_received("/supervise") if p["name"] == "supervision"
    ]
    assert by(pushed[-1]["counters"], "number")[1]["state"] == "idle"


@pytest.mark.browser
def test_a_supervisor_on_a_phone_sees_a_counter_go_idle_within_a_second(
    live_server, live_hall, new_page
):
    from motcua.services.setup import add_staff
    from tests.liveserver import PASSWORD

    kiosk = live_device(live_hall, "kiosk")
    add_staff(live_hall, "chi", PASSWORD, "supervisor", [], full_name="Trần Thị Chi")
    officer = live_server.token(live_server.staff("an", counters=(1,), name="Nguyễn Văn An"))
    live_server.post("/api/v1/tickets", kiosk, json={"sector": "HT"})
    live_server.post("/api/v1/counters/1/open", officer)
    live_server.post("/api/v1/counters/1/call-next", officer)
    page = new_page("/login?next=/supervise/", width=390, height=844)
    page.fill("input[name=username]", "chi")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    counter = page.locator('#counters [data-counter="1"]')
    expect(counter).to_contain_text("Đang phục vụ số 1001")
    expect(page.locator("#link")).to_have_text("Trực tiếp")
    screenshot(page, "supervise-phone-serving")
    assert live_server.post("/api/v1/counters/1/finish", officer).ok
    expect(counter).to_contain_text("Đang rảnh", timeout=1000)
    expect(page.locator("#devices [data-device]")).to_have_count(1)
    screenshot(page, "supervise-phone-idle")
