"""Browser tests: a live server, Debian's Chromium through Playwright, screenshots for review."""

from __future__ import annotations

import os

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",
]


@pytest.fixture
def live_server(tmp_path):
    """A started ``motcua serve`` on a fresh SQLite hall; stopped after the test."""
    from tests.liveserver import LiveServer

    server = LiveServer(tmp_path)
    server.cli("init")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium, live_server):
    """Open pages at a screen size, optionally as a paired device (its cookie set)."""
    contexts = []

    def open_page(
        path: str = "/",
        *,
        width=1280,
        height=800,
        device_token: str | None = None,
        locale: str = "vi-VN",
    ):
        context = chromium.new_context(viewport={"width": width, "height": height}, locale=locale)
        if device_token:
            from motcua.auth import DEVICE_COOKIE

            context.add_cookies(
                [{"name": DEVICE_COOKIE, "value": device_token, "url": live_server.url}]
            )
        contexts.append(context)
        page = context.new_page()
        page.goto(live_server.url + path)
        return page

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> None:
    """Keep a screenshot for human review when MOTCUA_SCREENSHOTS names a folder."""
    folder = os.environ.get("MOTCUA_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=False)
