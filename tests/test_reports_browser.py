"""The reports page in Debian's Chromium: a supervisor reads a month on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from motcua.services.context import EventBus, Hall
from motcua.storage.database import Database
from tests.conftest import Clock
from tests.liveserver import PASSWORD
from tests.plugin_browser import screenshot
from tests.reportday import play_report_day

pytestmark = pytest.mark.browser


@pytest.fixture
def report_server(live_server):
    """The live server's database holding the hand-computed day, and a supervisor."""
    db = Database(f"sqlite:///{live_server.instance / 'motcua.db'}")
    clock = Clock()
    play_report_day(Hall(db=db, bus=EventBus(), clock=clock), clock)
    db.dispose()
    live_server.staff("chef", counters=(), role="supervisor", name="Trần Thị Lan")
    return live_server


def test_a_supervisor_reads_the_monthly_report_on_a_phone(report_server, new_page):
    page = new_page("/supervise/reports?period=month&date=2026-11-01", width=390, height=844)
    problems: list[str] = []
    page.on("pageerror", lambda err: problems.append(str(err)))
    page.on(
        "console",
        lambda msg: (
            problems.append(f"{msg.text} {msg.location.get('url')}")
            if msg.type == "error" and "favicon" not in msg.location.get("url", "")
            else None
        ),
    )
    page.fill("input[name=username]", "chef")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("#rp-period")).to_have_text("Tháng 11/2026")
    # The hand-computed day (tests/reportday.py): 6 issued, 4 served, waits average
    # 3600 s / 6 = 10 min, 3 of 4 ratings satisfied or better = 75 %.
    expect(page.locator("#kpi-issued")).to_have_text("6")
    expect(page.locator("#kpi-served")).to_have_text("4")
    expect(page.locator("#kpi-wait")).to_contain_text("10,0")
    expect(page.locator("#kpi-satisfied")).to_have_text("75,0%")
    row = page.locator("#report-table tbody tr", has_text="Tư pháp – Hộ tịch")
    # HT: issued 3, served 2, no-show 1; waits 600, 960, 300 s → 620 s = 10,3 min.
    expect(row.locator("td").nth(0)).to_have_text("3")
    expect(row.locator("td").nth(6)).to_have_text("10,3")
    expect(page.locator("body")).to_have_attribute("data-charts", "drawn")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert problems == []  # no script error, no Content-Security-Policy violation
    screenshot(page, "reports-phone")
    page.locator("#chart-levels").scroll_into_view_if_needed()
    screenshot(page, "reports-phone-charts")
    page.locator("#report-table").scroll_into_view_if_needed()
    screenshot(page, "reports-phone-table")
    # choosing "a range" shows the two day pickers in place of month and year
    page.select_option("#period", "range")
    expect(page.locator("input[name=from]")).to_be_visible()
    expect(page.locator("select[name=month]")).to_be_hidden()
    page.fill("input[name=from]", "2026-11-30")
    page.fill("input[name=to]", "2026-11-01")
    page.click(".rp-go")
    expect(page.locator(".flash-error")).to_have_text("Ngày kết thúc đang trước ngày bắt đầu.")
    expect(page.locator("input[name=from]")).to_have_value("2026-11-30")  # kept to correct
    screenshot(page, "reports-phone-error")
    page.goto(report_server.url + "/supervise/reports?period=month&date=2026-11-01&group=hour")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "reports-desktop")
    page.locator("#chart-sectors").scroll_into_view_if_needed()
    screenshot(page, "reports-desktop-charts")
