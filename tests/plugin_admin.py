"""Fixtures of the administration pages (issue 6): apps on both engines, signed-in clients."""

from __future__ import annotations

import pytest

from motcua.hallconfig import load_config
from motcua.services.setup import apply_config
from tests.plugin_counter import csrf_of


@pytest.fixture
def engine_app(make_app, db_url):
    """The Flask app on each engine (SQLite file and PostgreSQL), default commune hall."""
    application = make_app(DATABASE_URL=db_url)
    apply_config(application.extensions["motcua_hall"], load_config(None))
    application.extensions["motcua_realtime"].flush()
    return application


def signed_in_client(app, username: str, role: str = "admin", counters=()):
    """Create an officer and return a test client signed in through /login (``.csrf`` set)."""
    from motcua.services.setup import add_staff

    hall = app.extensions["motcua_hall"]
    add_staff(hall, username, "correct horse", role, list(counters), full_name=username.title())
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    form = {"username": username, "password": "correct horse", "csrf_token": csrf_of(page)}
    assert client.post("/login", data=form).status_code == 302
    client.csrf = csrf_of(client.get("/").get_data(as_text=True))
    return client


@pytest.fixture
def admin_client(app):
    """A test client signed in as the administrator ``boss`` (on the SQLite app)."""
    return signed_in_client(app, "boss")


def admin_post(client, path: str, data: dict | None = None, **kw):
    """POST an administration form with the client's CSRF token."""
    return client.post(path, data={"csrf_token": client.csrf, **(data or {})}, **kw)
