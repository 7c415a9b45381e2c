"""Small builders shared by tests (real services, no mocks)."""

from __future__ import annotations

from contextlib import contextmanager

from hallcore.hours import parse_hours  # noqa: F401 - re-exported for tests
from motcua.hallconfig import load_config
from motcua.services.context import Actor, Hall
from motcua.services.counters import open_counter
from motcua.services.setup import add_staff, apply_config, pair_device
from motcua.storage import user_repo
from motcua.storage.database import Database


def officer(hall: Hall, username: str, counters=(1,), role: str = "counter") -> Actor:
    user_id = add_staff(hall, username, "correct horse", role, list(counters))
    return Actor(kind="officer", name=username, id=user_id, role=role)


def signed_in(hall: Hall, username: str, counter: int, role: str = "counter") -> Actor:
    actor = officer(hall, username, (counter,), role)
    open_counter(hall, counter, actor)
    return actor


def device(hall: Hall, kind: str = "kiosk", counter: int | None = None, **options) -> Actor:
    admin = Actor(kind="system", name="test")
    device_id, token = pair_device(hall, kind, f"{kind}-test", admin, counter, options)
    with hall.db.read() as conn:
        row = user_repo.device_by_token(conn, token)
    return Actor(
        kind="device",
        name=row.name,
        id=device_id,
        device_kind=kind,
        counter=row.counter_number,
        options=row.options,
    )


def wait_for(predicate, timeout: float = 20.0) -> bool:
    """Poll a condition until it holds (bounded); never a fixed wait."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def configure_voice(hall: Hall, **voice) -> None:
    """Change the hall's [voice] settings the way `motcua config import` does."""
    cfg = load_config(None)
    apply_config(hall, cfg.model_copy(update={"voice": cfg.voice.model_copy(update=voice)}))


def issue(hall: Hall, kiosk: Actor, sector: str = "HT", priority: str | None = None):
    """Issue a ticket through the service, as the kiosk does, and return it."""
    from motcua.services.tickets import issue_ticket

    return issue_ticket(hall, sector, priority, kiosk).ticket


def live_db(server) -> Database:
    """Return a live server's database (to set things up or assert what was stored)."""
    return Database(f"sqlite:///{server.instance / 'motcua.db'}")


@contextmanager
def live_server_hall(server):
    """Services on a live server's database, for quick set-up from the test."""
    db = live_db(server)
    try:
        yield Hall(db=db)
    finally:
        db.dispose()
