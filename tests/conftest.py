"""Shared fixtures: databases on both engines, a hall with a settable clock, a Flask app.

Fixtures build on each other: ``db_url`` → ``hall`` → ``app`` → ``client`` → ``auth``.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from motcua import security
from motcua.hallconfig import load_config
from motcua.services.context import EventBus, Hall
from motcua.services.setup import apply_config
from motcua.storage.database import Database
from motcua.storage.migrate import upgrade
from motcua.storage.tables import metadata

# Officers are created in many tests; the production scrypt cost is not under test here.
security.PASSWORD_METHOD = "pbkdf2:sha256:1000"

PG_ADMIN_URL = os.environ.get("MOTCUA_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
# Monday 24 Nov 2026, 09:00 in Vietnam: inside every default opening window.
MONDAY_9AM = datetime(2026, 11, 23, 2, 0, tzinfo=UTC) + timedelta(days=1)


class Clock:
    """A settable clock for services: ``clock.now`` moves only when a test moves it."""

    def __init__(self, now: datetime = MONDAY_9AM) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def _worker_suffix() -> str:
    """Name test databases per checkout and xdist worker, so parallel runs never collide."""
    import hashlib
    from pathlib import Path

    checkout = hashlib.sha1(str(Path(__file__).resolve().parent).encode()).hexdigest()[:8]
    return f"{checkout}_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def fresh_postgres_database(purpose: str) -> str:
    """Create (or recreate) an empty database for one test and return its URL."""
    import psycopg

    name = f"motcua_{purpose}_{_worker_suffix()}"
    dsn = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        with psycopg.connect(dsn, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError:
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    return dsn.rsplit("/", 1)[0] + "/" + name


def postgres_url() -> str | None:
    """Return a URL to a fresh test database on the local PostgreSQL, or None if absent."""
    try:
        import psycopg

        name = f"motcua_test_{_worker_suffix()}"
        dsn = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(dsn, autocommit=True, connect_timeout=3) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
        return dsn.rsplit("/", 1)[0] + "/" + name
    except Exception:
        return None


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("template") / "motcua.db"
    db = Database(f"sqlite:///{path}")
    upgrade(db)
    db.dispose()
    return str(path)


@pytest.fixture(scope="session")
def pg_session_url() -> str:
    url = postgres_url()
    if url is None:
        pytest.skip("PostgreSQL is not reachable on 127.0.0.1:5432")
    db = Database(url)
    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(db)
    db.dispose()
    return url


def reset_postgres(url: str) -> None:
    db = Database(url)
    names = ", ".join(t.name for t in metadata.sorted_tables)
    with db.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path, sqlite_template) -> str:
    """A migrated, empty database on each engine."""
    if request.param == "sqlite":
        path = tmp_path / "motcua.db"
        shutil.copy(sqlite_template, path)
        return f"sqlite:///{path}"
    url = request.getfixturevalue("pg_session_url")
    reset_postgres(url)
    return url


@pytest.fixture
def sqlite_url(tmp_path, sqlite_template) -> str:
    path = tmp_path / "motcua.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def clock() -> Clock:
    return Clock()


class Recorder:
    """An event-bus subscriber that keeps what it receives."""

    def __init__(self) -> None:
        self.events: list = []

    def __call__(self, event) -> None:
        self.events.append(event)

    def of(self, kind: type) -> list:
        return [e for e in self.events if isinstance(e, kind)]


@pytest.fixture
def hall(db_url, clock):
    """The default commune hall on each engine, with a settable clock."""
    db = Database(db_url)
    h = Hall(db=db, bus=EventBus(), clock=clock)
    apply_config(h, load_config(None))
    yield h
    db.dispose()


@pytest.fixture
def kiosk(hall):
    """A paired kiosk of the default hall (tests of the API override it with a token)."""
    from tests.helpers import device

    return device(hall, "kiosk")


@pytest.fixture
def events(hall) -> Recorder:
    recorder = Recorder()
    hall.bus.subscribe(recorder)
    return recorder


@pytest.fixture
def make_app(sqlite_url, clock, tmp_path):
    """Build test apps on this test's SQLite hall (settings overridable); all closed after."""
    from motcua.app import create_app

    apps = []

    def build(**overrides):
        config = {
            "TESTING": True,
            "DATABASE_URL": sqlite_url,
            "SECRET_KEY": "test-secret",
            "CLOCK": clock,
            "INSTANCE_PATH": str(tmp_path / f"instance{len(apps) or ''}"),
            "RATELIMIT_ENABLED": False,
        }
        apps.append(create_app(config | overrides))
        return apps[-1]

    yield build
    for application in apps:
        application.extensions["motcua_realtime"].stop()
        application.extensions["motcua_hall"].db.dispose()


@pytest.fixture
def app(make_app):
    """The Flask app on a fresh SQLite hall (the default commune hall)."""
    application = make_app()
    apply_config(application.extensions["motcua_hall"], load_config(None))
    application.extensions["motcua_realtime"].flush()
    return application


@pytest.fixture
def flush(app):
    """Block until every fact so far has been pushed (Socket.IO tests never sleep)."""
    return app.extensions["motcua_realtime"].flush


@pytest.fixture
def app_hall(app) -> Hall:
    return app.extensions["motcua_hall"]


@pytest.fixture
def client(app):
    return app.test_client()


class Api:
    """Calls the JSON API the way an API client does (bearer tokens, JSON bodies)."""

    def __init__(self, client, hall: Hall) -> None:
        self.client = client
        self.hall = hall

    def officer_token(self, username="an", counters=(1,), role="counter", password="correct horse"):
        from motcua.services.setup import add_staff

        add_staff(self.hall, username, password, role, list(counters), full_name=username.title())
        res = self.client.post(
            "/api/v1/auth/token", json={"username": username, "password": password}
        )
        assert res.status_code == 200, res.json
        return res.json["token"]

    def device_token(self, kind="kiosk", counter=None, **options):
        from motcua.services.context import Actor
        from motcua.services.setup import pair_device

        return pair_device(self.hall, kind, f"{kind}-1", Actor("system", "test"), counter, options)[
            1
        ]

    def post(self, path, token=None, json=None, **kw):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.client.post(f"/api/v1{path}", json=json, headers=headers, **kw)

    def get(self, path, token=None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return self.client.get(f"/api/v1{path}", headers=headers)


@pytest.fixture
def kiosk_token(api):
    """A paired kiosk's bearer token."""
    return api.device_token("kiosk")


@pytest.fixture
def officer_token(api):
    """The bearer token of an officer signed in to counter 1."""
    token = api.officer_token("an", counters=(1,))
    assert api.post("/counters/1/open", token).status_code == 200
    return token


@pytest.fixture
def api(client, app_hall) -> Api:
    return Api(client, app_hall)


# Fixtures of the parts live in plugin modules (kept small, one per area).
pytest_plugins = [
    "tests.plugin_browser",
    "tests.plugin_counter",
    "tests.plugin_printing",
    "tests.plugin_admin",
]
