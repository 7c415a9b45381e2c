"""The hall display in Debian's Chromium against a real server (gevent)."""

from __future__ import annotations

import io
import signal
import wave

import pytest
from playwright.sync_api import expect

from tests.plugin_browser import CHROMIUM, CHROMIUM_ARGS, screenshot

pytestmark = pytest.mark.browser


class Hall:
    """Drives a live server through the JSON API the way kiosks and counters do."""

    def __init__(self, server) -> None:
        self.server = server
        self.kiosk = server.pair("kiosk", "Kiosk")
        self.officers: dict[int, str] = {}

    def open(self, *counters: int) -> None:
        for number in counters:
            name = f"officer{number}"
            self.server.staff(name, counters=(number,))
            self.officers[number] = self.server.token(name)
            assert self.server.post(f"/api/v1/counters/{number}/open", self.officers[number]).ok

    def issue(self, sector: str, count: int = 1) -> None:
        for _ in range(count):
            res = self.server.post("/api/v1/tickets", self.kiosk, json={"sector": sector})
            assert res.status_code == 201, res.text

    def act(self, counter: int, action: str, json: dict | None = None) -> dict | None:
        res = self.server.post(
            f"/api/v1/counters/{counter}/{action}", self.officers[counter], json=json
        )
        assert res.ok, res.text
        return res.json() if res.status_code == 200 else None


def audio_requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda req: urls.append(req.url) if "/audio/" in req.url else None)
    return urls


AUDIO_FETCHED = (
    "n => performance.getEntriesByType('resource').filter(e => e.name.includes('/audio/')).length"
    " >= n"
)


def test_a_call_appears_at_once_and_two_calls_fetch_their_audio_in_order(live_server, new_page):
    hall = Hall(live_server)
    hall.open(1, 2)
    hall.issue("HT")
    hall.issue("CT")
    page = new_page("/display", width=1920, height=1080)
    requested = audio_requests(page)
    expect(page.locator("body")).to_have_attribute("data-connected", "true")
    hall.act(1, "call-next")
    hall.act(2, "call-next")
    expect(page.locator("#hero-number")).to_have_text("1001")
    expect(page.locator("#hero-counter")).to_have_text("1")
    expect(page.locator(".counter-row[data-counter='2'] .counter-current")).to_have_text("2001")
    page.wait_for_function(AUDIO_FETCHED, arg=2)
    first, second = requested
    assert "/1001/1.wav" in first and "/2001/2.wav" in second
    # the first call is spoken while the second waits its turn: they never overlap
    expect(page.locator("body")).to_have_attribute("data-announcing", "1001")
    wav = wave.open(io.BytesIO(live_server.get(first.removeprefix(live_server.url)).content))
    assert (wav.getnchannels(), wav.getframerate()) == (1, 22050) and wav.getnframes() > 22050


def busy_hall(live_server) -> Hall:
    """Three counters at work, one closed, people waiting, and a recall on counter 1."""
    hall = Hall(live_server)
    hall.open(1, 2, 3)
    for sector, count in (("HT", 9), ("CT", 6), ("DD", 4), ("VHXH", 3), ("TKQ", 2)):
        hall.issue(sector, count)
    for counter, calls in ((2, 3), (3, 2), (1, 4)):
        for _ in range(calls):
            hall.act(counter, "call-next")
    hall.act(3, "finish")
    hall.act(3, "pause", {"reason": "Họp giao ban"})
    hall.act(1, "recall")
    return hall


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1080, 1920)])
def test_a_busy_hall_reads_at_a_glance(live_server, new_page, width, height):
    busy_hall(live_server)
    page = new_page("/display", width=width, height=height)
    expect(page.locator("body")).to_have_attribute("data-connected", "true")
    expect(page.locator("#hero-number")).to_have_text("1004")
    rows = page.locator(".counter-row")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_have_class("counter-row is-serving")
    expect(rows.nth(2)).to_have_class("counter-row is-paused")
    expect(rows.nth(3)).to_have_class("counter-row is-closed")
    expect(page.locator(".waiting-sector[data-sector='HT'] .waiting-count")).to_have_text("5")
    expect(page.locator(".recent-call")).to_have_count(4)  # and the big one: 5 recent calls
    expect(page.locator("#hero-recall")).to_be_visible()
    screenshot(page, f"display-{width}x{height}")


def test_the_board_is_exact_again_after_a_server_restart(live_server, new_page):
    from motcua.services.context import Actor
    from motcua.services.context import Hall as ServiceHall
    from motcua.services.tickets import issue_ticket
    from motcua.storage.database import Database

    hall = Hall(live_server)
    hall.open(1)
    hall.issue("HT")
    page = new_page("/display", width=1920, height=1080)
    expect(page.locator("body")).to_have_attribute("data-connected", "true")
    hall.act(1, "call-next")
    expect(page.locator("#hero-number")).to_have_text("1001")
    expect(page.locator(".waiting-sector[data-sector='CT'] .waiting-count")).to_have_text("0")
    live_server.stop(signal.SIGINT)  # gunicorn's quick shutdown: sockets cut at once
    expect(page.locator("body")).to_have_attribute("data-connected", "false")
    expect(page.locator("#offline")).to_be_visible()
    # While the page is cut off, the hall moves on: only a fresh board can tell it.
    db = Database(f"sqlite:///{live_server.instance / 'motcua.db'}")
    for _ in range(3):
        issue_ticket(ServiceHall(db=db), "CT", None, Actor("officer", "test", role="admin"))
    db.dispose()
    live_server.start()
    expect(page.locator("body")).to_have_attribute("data-connected", "true", timeout=15000)
    expect(page.locator(".waiting-sector[data-sector='CT'] .waiting-count")).to_have_text("3")
    expect(page.locator("#offline")).to_be_hidden()
    expect(page.locator("#hero-number")).to_have_text("1001")


def test_where_autoplay_is_blocked_the_screen_asks_once_for_sound(live_server, chromium):
    """A browser started without the kiosk flags: one 'Bật âm thanh', then remembered."""
    args = [a for a in CHROMIUM_ARGS if not a.startswith("--autoplay-policy")]
    browser = chromium.browser_type.launch(executable_path=CHROMIUM, args=args)
    try:
        page = browser.new_page(viewport={"width": 1920, "height": 1080}, locale="vi-VN")
        page.goto(live_server.url + "/display")
        gate = page.locator("#sound-gate")
        expect(gate).to_be_visible()
        expect(page.locator("#sound-on")).to_have_text("Bật âm thanh")
        screenshot(page, "display-sound-gate")
        page.click("#sound-on")
        expect(gate).to_be_hidden()
        expect(page.locator("body")).to_have_attribute("data-sound", "on")
        assert page.evaluate("localStorage.getItem('motcua.display.sound')") == "on"
        page.reload()
        expect(page.locator("#hero")).to_be_visible()
        expect(gate).to_be_hidden()  # remembered: at most a small hint, never the panel again
    finally:
        browser.close()


def test_a_display_for_some_counters_shows_and_speaks_only_theirs(live_server, new_page):
    hall = Hall(live_server)
    hall.open(1, 2)
    hall.issue("HT")
    hall.issue("CT")
    page = new_page("/display?counters=2", width=1080, height=1920)
    requested = audio_requests(page)
    expect(page.locator("body")).to_have_attribute("data-connected", "true")
    expect(page.locator(".counter-row")).to_have_count(1)
    hall.act(1, "call-next")
    hall.act(2, "call-next")
    expect(page.locator("#hero-number")).to_have_text("2001")
    page.wait_for_function(AUDIO_FETCHED, arg=1)
    expect(page.locator("body")).to_have_attribute("data-announcing", "2001")
    assert len(requested) == 1 and "/2001/2.wav" in requested[0]
