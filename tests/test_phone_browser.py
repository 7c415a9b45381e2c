"""The citizen's phone page (the ticket's QR target) in Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from motcua.services.context import Actor
from motcua.services.setup import add_staff, pair_device
from tests.helpers import live_server_hall
from tests.liveserver import PASSWORD
from tests.plugin_browser import screenshot

PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.browser


def test_the_phone_page_follows_the_ticket_live(chromium, tmp_path):
    from tests.liveserver import LiveServer

    server = LiveServer(tmp_path)  # its own hall: it calls numbers at counter 1
    server.cli("init")
    server.start()
    context = chromium.new_context(viewport=PHONE, locale="vi-VN")
    try:
        _follow_a_ticket_on_a_phone(server, context.new_page())
    finally:
        context.close()
        server.stop()


def _follow_a_ticket_on_a_phone(server, page) -> None:
    with live_server_hall(server) as hall:
        kiosk = pair_device(hall, "kiosk", "k", Actor("system", "test"))[1]
        add_staff(hall, "an", PASSWORD, "counter", [1])
    issued = [
        server.post("/api/v1/tickets", kiosk, json={"sector": "HT"}).json()["ticket"]
        for _ in range(3)
    ]
    page.goto(f"{server.url}/t/{issued[2]['token']}")
    expect(page.locator("#number")).to_have_text("1003")
    expect(page.locator("#ahead")).to_have_text("Số người chờ trước bạn: 2")
    expect(page.locator("#live")).to_have_text("Trang tự cập nhật — hãy giữ trang này mở")
    screenshot(page, "phone-waiting")
    page.locator("#vibrate").click()  # the touch that lets the page vibrate later
    expect(page.locator("#live")).to_have_text("Điện thoại sẽ rung khi đến lượt bạn.")
    officer = server.token("an")
    server.post("/api/v1/counters/1/open", officer)
    server.post("/api/v1/counters/1/call-next", officer)
    expect(page.locator("#ahead")).to_have_text("Số người chờ trước bạn: 1")
    server.post("/api/v1/counters/1/call-next", officer)
    server.post("/api/v1/counters/1/call-next", officer)
    expect(page.locator("#call")).to_be_visible()
    expect(page.locator("#counter")).to_have_text("Quầy 1")
    expect(page).to_have_title("Đến lượt bạn: Quầy 1")
    screenshot(page, "phone-called")
    server.post("/api/v1/counters/1/transfer", officer, json={"sector": "DD"})
    expect(page.locator("#moved")).to_have_text(
        "Hồ sơ của bạn đã được chuyển sang lĩnh vực Đất đai – Xây dựng – Môi trường. "
        "Số của bạn giữ nguyên và vẫn giữ thứ tự."
    )
    expect(page.locator("#number")).to_have_text("1003")
    expect(page.locator("#call")).to_be_hidden()
    screenshot(page, "phone-transferred")
