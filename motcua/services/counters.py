"""Counter sign-in and status: open, pause with a reason, resume, close."""

from __future__ import annotations

from sqlalchemy import Connection, select

from hallcore.errors import CounterBusy, CounterNotFound, Forbidden, InvalidTransition
from hallcore.events import CounterChanged
from hallcore.model import Counter, CounterStatus
from motcua.services.context import Actor, Hall
from motcua.services.hallcache import HallData
from motcua.storage import hall_repo, ticket_repo
from motcua.storage.tables import counters, user_counters


def load_counter(conn: Connection, number: int, data: HallData) -> tuple[Counter, object]:
    """Return the counter and its raw row, locked for this transaction."""
    row = hall_repo.get_counter_row(conn, number, lock=True)
    info = data.counter(number)
    if row is None or info is None:
        raise CounterNotFound(counter=number)
    return hall_repo.to_counter(row, info.sectors), row


def authorize_counter(row, actor: Actor) -> None:
    """Allow the officer signed in to the counter, or an admin; refuse anyone else."""
    if actor.kind != "officer":
        raise Forbidden(reason="officer_only")
    if actor.is_admin:
        return
    if row.officer_id != actor.id:
        raise Forbidden(reason="not_signed_in", counter=row.number)


def may_use_counter(conn: Connection, actor: Actor, counter_id: int) -> bool:
    """Return whether the officer is allowed to sign in to the counter."""
    if actor.is_admin:
        return True
    stmt = select(user_counters.c.counter_id).where(
        user_counters.c.user_id == actor.id, user_counters.c.counter_id == counter_id
    )
    return conn.execute(stmt).first() is not None


def open_counter(hall: Hall, number: int, actor: Actor) -> Counter:
    """Sign the officer in to the counter and open it (leaving any other counter they held)."""
    if actor.kind != "officer":
        raise Forbidden(reason="officer_only")
    now = hall.now()
    changed = [number]
    with hall.db.write() as conn:
        counter, row = load_counter(conn, number, hall.data(conn))
        if not may_use_counter(conn, actor, row.id):
            raise Forbidden(reason="counter_not_allowed", counter=number)
        if row.officer_id not in (None, actor.id) and ticket_repo.current_ticket(conn, row.id):
            raise CounterBusy(counter=number)
        held = conn.execute(
            select(counters.c.id, counters.c.number).where(
                counters.c.officer_id == actor.id, counters.c.number != number
            )
        ).all()
        for other in held:
            if ticket_repo.current_ticket(conn, other.id):
                raise CounterBusy(counter=other.number)
            hall_repo.update_counter(
                conn, other.number, status=CounterStatus.CLOSED, officer_id=None, status_since=now
            )
            changed.append(other.number)
        status = CounterStatus.OPEN if counter.status is CounterStatus.CLOSED else counter.status
        if row.officer_id != actor.id or counter.status is CounterStatus.CLOSED:
            hall_repo.update_counter(
                conn, number, status=status, officer_id=actor.id, status_since=now
            )
        counter = hall_repo.get_counter(conn, number)
    hall.bus.publish(*(CounterChanged(n) for n in changed))
    return counter


def _set_status(hall: Hall, number: int, actor: Actor, status: CounterStatus, reason: str = ""):
    now = hall.now()
    with hall.db.write() as conn:
        counter, row = load_counter(conn, number, hall.data(conn))
        authorize_counter(row, actor)
        if status is CounterStatus.OPEN and counter.status is not CounterStatus.PAUSED:
            raise InvalidTransition(counter=number, status=str(counter.status))
        if status is CounterStatus.PAUSED and counter.status is CounterStatus.CLOSED:
            raise InvalidTransition(counter=number, status=str(counter.status))
        values: dict = {"status": status, "pause_reason": reason, "status_since": now}
        if status is CounterStatus.CLOSED:
            if ticket_repo.current_ticket(conn, row.id):
                raise CounterBusy(counter=number)
            values["officer_id"] = None
        hall_repo.update_counter(conn, number, **values)
        counter = hall_repo.get_counter(conn, number)
    hall.bus.publish(CounterChanged(number))
    return counter


def pause_counter(hall: Hall, number: int, actor: Actor, reason: str) -> Counter:
    """Stop calling new numbers for a while, saying why (the current ticket stays)."""
    return _set_status(hall, number, actor, CounterStatus.PAUSED, reason)


def resume_counter(hall: Hall, number: int, actor: Actor) -> Counter:
    return _set_status(hall, number, actor, CounterStatus.OPEN)


def close_counter(hall: Hall, number: int, actor: Actor) -> Counter:
    """Sign out and close; refused while a ticket is still being served."""
    return _set_status(hall, number, actor, CounterStatus.CLOSED)
