"""Officers (users) and paired devices."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from motcua.storage.tables import counters, devices, user_counters, users

ROLES = ("counter", "supervisor", "admin")
DEVICE_KINDS = ("kiosk", "display", "rating")


USER_BY_ID = select(users).where(users.c.id == bindparam("id"))
DEVICE_BY_HASH = (
    select(devices, counters.c.number.label("counter_number"))
    .outerjoin(counters, counters.c.id == devices.c.counter_id)
    .where(devices.c.token_hash == bindparam("token_hash"), devices.c.revoked_at.is_(None))
)


def get_user(conn: Connection, user_id: int):
    return conn.execute(USER_BY_ID, {"id": user_id}).first()


def get_user_by_name(conn: Connection, username: str):
    return conn.execute(select(users).where(users.c.username == username)).first()


def create_user(
    conn: Connection,
    *,
    username: str,
    password_hash: str,
    role: str,
    now: datetime,
    full_name: str = "",
) -> int:
    stmt = insert(users).values(
        username=username,
        password_hash=password_hash,
        role=role,
        full_name=full_name or username,
        created_at=now,
    )
    return conn.execute(stmt.returning(users.c.id)).scalar_one()


def update_user(conn: Connection, user_id: int, **values) -> None:
    conn.execute(update(users).where(users.c.id == user_id).values(**values))


def set_user_counters(conn: Connection, user_id: int, numbers: list[int]) -> None:
    """Replace the counters an officer may sign in to."""
    conn.execute(delete(user_counters).where(user_counters.c.user_id == user_id))
    ids = conn.execute(select(counters.c.id).where(counters.c.number.in_(numbers))).scalars()
    for counter_id in ids:
        conn.execute(insert(user_counters).values(user_id=user_id, counter_id=counter_id))


def user_counter_numbers(conn: Connection, user_id: int) -> list[int]:
    stmt = (
        select(counters.c.number)
        .join(user_counters, user_counters.c.counter_id == counters.c.id)
        .where(user_counters.c.user_id == user_id, counters.c.active.is_(True))
        .order_by(counters.c.number)
    )
    return list(conn.execute(stmt).scalars())


def hash_device_token(token: str) -> str:
    """Device tokens are stored only as their SHA-256 (they are long random secrets)."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_device(
    conn: Connection,
    *,
    kind: str,
    name: str,
    token: str,
    now: datetime,
    counter_id: int | None = None,
    options: dict | None = None,
    created_by: int | None = None,
) -> int:
    stmt = insert(devices).values(
        kind=kind,
        name=name,
        token_hash=hash_device_token(token),
        counter_id=counter_id,
        options=options or {},
        created_at=now,
        created_by=created_by,
    )
    return conn.execute(stmt.returning(devices.c.id)).scalar_one()


def device_by_token(conn: Connection, token: str):
    """Return the live (not revoked) device row for a token, with its counter number."""
    return conn.execute(DEVICE_BY_HASH, {"token_hash": hash_device_token(token)}).first()


def touch_device(conn: Connection, device_id: int, now: datetime) -> None:
    conn.execute(update(devices).where(devices.c.id == device_id).values(last_seen_at=now))


def revoke_device(conn: Connection, device_id: int, now: datetime) -> bool:
    stmt = (
        update(devices)
        .where(devices.c.id == device_id, devices.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return conn.execute(stmt).rowcount == 1
