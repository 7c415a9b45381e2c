"""Shared pages in a real browser: an officer signs in; a device is paired."""

from __future__ import annotations

import pytest

from tests.liveserver import PASSWORD
from tests.plugin_browser import screenshot

pytestmark = pytest.mark.browser


def test_an_officer_signs_in_in_vietnamese(live_server, new_page):
    live_server.staff("an", name="Nguyễn Văn An")
    page = new_page("/login")
    assert page.locator("h1").inner_text() == "Đăng nhập cán bộ"
    page.fill("input[name=username]", "an")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/")
    assert "Đang đăng nhập: Nguyễn Văn An" in page.inner_text("body")
    screenshot(page, "home-signed-in")


def test_a_wrong_password_says_so(live_server, new_page):
    live_server.staff("an")
    page = new_page("/login")
    page.fill("input[name=username]", "an")
    page.fill("input[name=password]", "wrong password")
    page.click("button[type=submit]")
    assert page.locator(".flash-error").inner_text() == "Sai tên đăng nhập hoặc mật khẩu."


def test_an_admin_pairs_this_browser_as_a_kiosk(live_server, new_page):
    live_server.staff("boss", counters=(), role="admin")
    page = new_page("/devices/pair?kind=kiosk")
    page.fill("input[name=username]", "boss")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.fill("input[name=name]", "Máy lấy số cửa chính")
    page.click("button[type=submit]")
    page.wait_for_url("**/kiosk")
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["motcua_device"]["httpOnly"] is True
    assert cookies["motcua_device"]["value"].startswith("dev_")
    res = page.context.request.get(live_server.url + "/")
    assert "Máy lấy số cửa chính" in res.text()
