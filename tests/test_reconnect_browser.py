"""After a server restart every device page reconnects by itself and shows fresh state."""

from __future__ import annotations

import signal

import pytest
from playwright.sync_api import expect

from tests.plugin_counter import live_device

pytestmark = [pytest.mark.browser, pytest.mark.slow]
RESYNC_MS = 2000  # the hall's promise: every screen is right again within 2 s


def test_display_counter_tablet_and_kiosk_resynchronise_after_a_restart(
    live_server, live_hall, new_page, open_desk
):
    kiosk_token = live_device(live_hall, "kiosk")
    tablet_token = live_device(live_hall, "rating", 1)
    desk = open_desk()
    display = new_page("/display", width=1920, height=1080)
    kiosk = new_page("/kiosk", width=1080, height=1920, device_token=kiosk_token)
    tablet = new_page("/rating/1", width=800, height=1280, device_token=tablet_token)
    ht = kiosk.locator('#sectors button[data-sector="HT"]')
    expect(ht).to_contain_text("Không có ai chờ")
    expect(display.locator("#hero-empty")).to_be_visible()

    live_server.stop(signal.SIGINT)
    live_server.start()  # returns as soon as the server answers HTTP again
    # Changes made at once, while the pages are still reconnecting:
    officer = live_server.token("an")
    for _ in range(2):
        assert live_server.post("/api/v1/tickets", kiosk_token, json={"sector": "HT"}).ok
    assert live_server.post("/api/v1/counters/1/call-next", officer).status_code == 200

    expect(display.locator("#hero-number")).to_have_text("1001", timeout=RESYNC_MS)
    expect(desk.locator("#current-number")).to_have_text("1001", timeout=RESYNC_MS)
    expect(ht).to_contain_text("1 người đang chờ", timeout=RESYNC_MS)
    assert live_server.post("/api/v1/counters/1/finish", officer).status_code == 200
    expect(tablet.locator("#ask-ticket")).to_contain_text("1001", timeout=RESYNC_MS)
