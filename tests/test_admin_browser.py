"""The administration pages in Debian's Chromium, against a real ``motcua serve``."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.liveserver import PASSWORD
from tests.plugin_browser import screenshot

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def live_server(tmp_path_factory):
    """One server for this module: start-up dominates a browser test."""
    from tests.liveserver import LiveServer

    server = LiveServer(tmp_path_factory.mktemp("admin"))
    server.cli("init")
    server.staff("boss", counters=(), role="admin", name="Trần Thị Quản Trị")
    server.start()
    yield server
    server.stop()


def sign_in(new_page, path: str, size: dict):
    """Open an administration page; sign in on the way as the administrator."""
    page = new_page(path, **size)
    page.fill("input[name=username]", "boss")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"**{path}")
    return page


def fits_the_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_sector_edited_by_an_admin_shows_on_the_open_kiosk_without_reload(live_server, new_page):
    kiosk = new_page("/kiosk", width=1080, height=1920, device_token=live_server.pair("kiosk"))
    expect(kiosk.locator('#sectors [data-sector="HT"]')).to_contain_text("Tư pháp – Hộ tịch")
    kiosk.evaluate("window.notReloaded = true")
    admin = sign_in(new_page, "/admin/sectors/HT", PHONE)
    admin.fill("input[name=name]", "Hộ tịch – Khai sinh, kết hôn")
    admin.click(".a-form button[type=submit]")
    expect(admin.locator(".flash-ok")).to_contain_text("Đã lưu")
    expect(kiosk.locator('#sectors [data-sector="HT"]')).to_contain_text(
        "Hộ tịch – Khai sinh, kết hôn"
    )
    admin.goto(live_server.url + "/admin/sectors/new")
    admin.fill("input[name=code]", "KT")
    admin.fill("input[name=name]", "Kinh tế – Hạ tầng")
    admin.fill("input[name=start]", "6001")
    admin.fill("input[name=daily_cap]", "999")
    admin.click(".a-form button[type=submit]")
    expect(kiosk.locator('#sectors [data-sector="KT"]')).to_contain_text("Kinh tế – Hạ tầng")
    assert kiosk.evaluate("window.notReloaded") is True
    audit = live_server.get("/api/v1/hall").json()["sectors"]
    assert [s["code"] for s in audit][-1] == "KT"


def test_an_open_kiosk_takes_its_edit_and_its_revocation_between_citizens(live_server, new_page):
    kiosk = new_page(
        "/kiosk", width=1080, height=1920, device_token=live_server.pair("kiosk", "Cửa phụ")
    )
    kiosk.clock.install()
    kiosk.reload()
    expect(kiosk.locator('#sectors [data-sector="CT"]')).to_be_visible()
    kiosk.clock.fast_forward("00:06")  # nobody has touched it for a while: it is at rest
    admin = sign_in(new_page, "/admin/devices", PHONE)
    entry = admin.locator(".a-item", has_text="Cửa phụ")
    entry.get_by_role("link").click()
    for box in admin.locator("input[name=sectors]").all():
        box.set_checked(box.get_attribute("value") == "HT")
    admin.click(".a-form button[type=submit]")
    expect(admin.locator(".flash-ok")).to_contain_text("tự nhận thay đổi")
    expect(kiosk.locator("#sectors button")).to_have_count(1)
    expect(kiosk.locator('#sectors [data-sector="HT"]')).to_be_visible()
    kiosk.clock.fast_forward("00:06")
    entry.locator("summary").click()
    entry.locator("button.btn-danger").click()
    expect(kiosk.locator("h1")).to_have_text("Màn hình này chưa được cài đặt làm máy lấy số")


def test_a_field_error_is_shown_beside_the_field_on_a_phone(live_server, new_page):
    page = sign_in(new_page, "/admin/settings/queue", PHONE)
    page.fill("input[name=interleave]", "0")
    page.click(".a-form button[type=submit]")
    expect(page.locator("#err-interleave")).to_have_text("Phải từ 1 trở lên.")
    expect(page.locator(".flash-error")).to_contain_text("Chưa lưu")
    assert fits_the_width(page)
    screenshot(page, "admin-phone-queue-error")


def test_the_voice_preview_plays_in_the_browser(live_server, new_page):
    page = sign_in(new_page, "/admin/voice", DESKTOP)
    page.click("#preview-play")
    expect(page.locator("#preview-text")).to_contain_text("Xin mời công dân có số thứ tự")
    expect(page.locator("#preview-status")).to_have_text("Đang phát.")
    played = page.locator("#preview-play").get_attribute("data-played")
    assert played.startswith("/audio/call/")
    screenshot(page, "admin-desktop-voice")


PAGES = [
    ("overview", "/admin/"),
    ("hall", "/admin/settings/hall"),
    ("queue", "/admin/settings/queue"),
    ("rating", "/admin/settings/rating"),
    ("sectors", "/admin/sectors"),
    ("sector", "/admin/sectors/HT"),
    ("counter", "/admin/counters/1"),
    ("priorities", "/admin/priorities"),
    ("officers", "/admin/officers"),
    ("officer-new", "/admin/officers/new"),
    ("officer", "/admin/officers/1"),
    ("devices", "/admin/devices"),
    ("device", "/admin/devices/1"),
    ("voice", "/admin/voice"),
    ("printer", "/admin/printer"),
    ("config", "/admin/config"),
    ("audit", "/admin/audit"),
]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_every_page_fits_a_phone_and_a_desktop_screen(live_server, new_page, size):
    viewport = PHONE if size == "phone" else DESKTOP
    live_server.pair("display", "TV sảnh chính")
    page = sign_in(new_page, "/admin/", viewport)
    for name, path in PAGES:
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        assert fits_the_width(page), path
        screenshot(page, f"admin-{size}-{name}")
