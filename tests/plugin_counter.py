"""Fixtures of the counter workstation and the rating tablet (issue 5)."""

from __future__ import annotations

import pytest

from motcua.services.context import Hall
from tests.helpers import live_server_hall


@pytest.fixture
def live_hall(live_server) -> Hall:
    """The live server's hall, for fast in-process set-up (staff, devices) next to it."""
    with live_server_hall(live_server) as hall:
        yield hall


def live_device(live_hall, kind: str, counter: int | None = None) -> str:
    """Pair a device on the live server's hall and return its token."""
    from motcua.services.context import Actor
    from motcua.services.setup import pair_device

    return pair_device(
        live_hall, kind, f"{kind} {counter or ''}", Actor("system", "test"), counter
    )[1]


@pytest.fixture
def open_desk(live_hall, new_page):
    """Sign an officer in through the real pages and open their counter's workstation."""
    from motcua.services.setup import add_staff
    from tests.liveserver import PASSWORD

    def open_it(username="an", counter=1, name="Nguyễn Văn An", width=1366, height=768):
        add_staff(live_hall, username, PASSWORD, "counter", [counter], full_name=name)
        page = new_page("/login?next=/counter", width=width, height=height)
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/counter")
        page.keyboard.press("1")  # the first (only) counter listed for this officer
        page.wait_for_url(f"**/counter/{counter}")
        page.wait_for_selector("body[data-live='1']")
        return page

    return open_it


def csrf_of(html: str) -> str:
    import re

    return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)


@pytest.fixture
def officer_client(app, app_hall):
    """Return a test client signed in through /login as an officer (optionally at a counter)."""
    from motcua.services.setup import add_staff

    def sign_in(username="an", counters=(1,), open_counter=True, role="counter"):
        add_staff(
            app_hall, username, "correct horse", role, list(counters), full_name=username.title()
        )
        client = app.test_client()
        page = client.get("/login").get_data(as_text=True)
        form = {"username": username, "password": "correct horse", "csrf_token": csrf_of(page)}
        assert client.post("/login", data=form).status_code == 302
        csrf = csrf_of(client.get("/").get_data(as_text=True))
        if open_counter:
            opened = client.post(
                f"/api/v1/counters/{counters[0]}/open", headers={"X-CSRFToken": csrf}
            )
            assert opened.status_code == 200, opened.json
            app.extensions["motcua_realtime"].flush()  # its pushes are out before a test looks
        client.csrf = csrf
        return client

    return sign_in
