"""Administrators manage officers: create, edit role and counters, reset a password, disable.

Resetting a password or disabling an officer bumps ``session_version``: every
session cookie and bearer token they hold stops working at their next request.
A disabled officer is also signed out of any counter they held.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from hallcore.errors import NotFound
from hallcore.events import CounterChanged, HallChanged
from hallcore.model import CounterStatus
from motcua.security import hash_password
from motcua.services.admin_config import require_admin
from motcua.services.context import Actor, Hall
from motcua.services.refusal import Refused, problem
from motcua.storage import hall_repo, user_repo
from motcua.storage.tables import counters, user_counters, users

USERNAME = re.compile(r"^[A-Za-z0-9._-]{2,64}$")
MIN_PASSWORD = 8
MAX_PASSWORD = 200


class OfficerNotFound(NotFound):
    code = "officer_not_found"


def list_officers(hall: Hall) -> list[dict]:
    """Return every officer (disabled ones too) with allowed counters and where signed in."""
    with hall.db.read() as conn:
        rows = conn.execute(select(users).order_by(users.c.active.desc(), users.c.username))
        allowed = conn.execute(
            select(user_counters.c.user_id, counters.c.number)
            .join(counters, counters.c.id == user_counters.c.counter_id)
            .where(counters.c.active.is_(True))
            .order_by(counters.c.number)
        ).all()
        at = dict(
            conn.execute(
                select(counters.c.officer_id, counters.c.number).where(
                    counters.c.officer_id.is_not(None), counters.c.active.is_(True)
                )
            ).all()
        )
        return [
            {
                "id": r.id,
                "username": r.username,
                "full_name": r.full_name,
                "role": r.role,
                "active": bool(r.active),
                "counters": [n for uid, n in allowed if uid == r.id],
                "signed_in_at": at.get(r.id),
                "created_at": r.created_at,
            }
            for r in rows
        ]


def get_officer(hall: Hall, user_id: int) -> dict:
    """Return one officer as ``list_officers`` describes them."""
    officer = next((o for o in list_officers(hall) if o["id"] == user_id), None)
    if officer is None:
        raise OfficerNotFound(officer=user_id)
    return officer


def _check_fields(conn, full_name: str, role: str, numbers: list[int]) -> list:
    problems = []
    if not full_name.strip() or len(full_name) > 200:
        problems.append(problem("full_name", "full_name", "give a name of 1 to 200 characters"))
    if role not in user_repo.ROLES:
        problems.append(problem("role", "role", f"unknown role '{role}'"))
    known = {c.number for c in hall_repo.list_counters(conn)}
    unknown = sorted(set(numbers) - known)
    if unknown:
        listed = ", ".join(map(str, unknown))
        problems.append(problem("counters", "unknown_counter", f"no counter {listed}", n=listed))
    return problems


def _check_password(password: str) -> list:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        message = f"the password must have {MIN_PASSWORD} to {MAX_PASSWORD} characters"
        return [problem("password", "password_length", message, min=MIN_PASSWORD)]
    return []


def create_officer(
    hall: Hall,
    actor: Actor,
    *,
    username: str,
    full_name: str,
    role: str,
    password: str,
    counters_allowed: list[int],
) -> int:
    """Create an officer account; refuse a taken or malformed user name, a short password."""
    require_admin(actor)
    now = hall.now()
    with hall.db.write() as conn:
        problems = _check_fields(conn, full_name, role, counters_allowed)
        if not USERNAME.match(username):
            problems.insert(0, problem("username", "username_format", "2-64 letters/digits/._-"))
        elif user_repo.get_user_by_name(conn, username) is not None:
            problems.insert(0, problem("username", "username_taken", "already used"))
        problems += _check_password(password)
        if problems:
            raise Refused(*problems)
        user_id = user_repo.create_user(
            conn,
            username=username,
            password_hash=hash_password(password),
            role=role,
            now=now,
            full_name=full_name.strip(),
        )
        user_repo.set_user_counters(conn, user_id, counters_allowed)
        detail = {"role": role, "counters": counters_allowed, "full_name": full_name.strip()}
        _audit(conn, now, actor, "staff.create", username, detail)
    return user_id


def update_officer(
    hall: Hall, actor: Actor, user_id: int, *, full_name: str, role: str, counters_allowed
) -> list[dict]:
    """Change an officer's name, role and allowed counters; return what changed."""
    require_admin(actor)
    now = hall.now()
    with hall.db.write() as conn:
        row = _row(conn, user_id)
        problems = _check_fields(conn, full_name, role, list(counters_allowed))
        if row.role == "admin" and role != "admin" and row.active:
            problems += _last_admin_problems(conn, user_id, "role")
        if problems:
            raise Refused(*problems)
        before = {
            "full_name": row.full_name,
            "role": row.role,
            "counters": user_repo.user_counter_numbers(conn, user_id),
        }
        after = {"full_name": full_name.strip(), "role": role, "counters": sorted(counters_allowed)}
        changes = [
            {"kind": "changed", "what": k, "old": before[k], "new": after[k]}
            for k in after
            if before[k] != after[k]
        ]
        if changes:
            user_repo.update_user(conn, user_id, full_name=after["full_name"], role=role)
            user_repo.set_user_counters(conn, user_id, after["counters"])
            _audit(conn, now, actor, "staff.edit", row.username, {"changes": changes})
    if any(c["what"] == "full_name" for c in changes):
        hall.bus.publish(HallChanged("staff"))  # screens show the officer's name
    return changes


def reset_password(hall: Hall, actor: Actor, user_id: int, password: str) -> None:
    """Set a new password; the officer's sessions and tokens end at once."""
    require_admin(actor)
    problems = _check_password(password)
    if problems:
        raise Refused(*problems)
    now = hall.now()
    with hall.db.write() as conn:
        row = _row(conn, user_id)
        user_repo.update_user(
            conn,
            user_id,
            password_hash=hash_password(password),
            session_version=row.session_version + 1,
        )
        _audit(conn, now, actor, "staff.password", row.username, {})


def set_active(hall: Hall, actor: Actor, user_id: int, active: bool) -> None:
    """Disable an officer (sessions, tokens and counter sign-in end at once) or enable again."""
    require_admin(actor)
    now = hall.now()
    closed: list[int] = []
    with hall.db.write() as conn:
        row = _row(conn, user_id)
        if not active and user_id == actor.id:
            raise Refused(problem("active", "self_disable", "you cannot disable yourself"))
        if not active and row.role == "admin":
            problems = _last_admin_problems(conn, user_id, "active")
            if problems:
                raise Refused(*problems)
        if bool(row.active) == active:
            return
        user_repo.update_user(conn, user_id, active=active, session_version=row.session_version + 1)
        if not active:
            closed = _sign_out_of_counters(conn, user_id, now)
        action = "staff.enable" if active else "staff.disable"
        _audit(conn, now, actor, action, row.username, {"counters_closed": closed})
    hall.bus.publish(*(CounterChanged(n) for n in closed))


def _sign_out_of_counters(conn, user_id: int, now) -> list[int]:
    numbers = list(
        conn.execute(select(counters.c.number).where(counters.c.officer_id == user_id)).scalars()
    )
    for number in numbers:
        hall_repo.update_counter(
            conn, number, status=CounterStatus.CLOSED, officer_id=None, status_since=now
        )
    return numbers


def _last_admin_problems(conn, user_id: int, field: str) -> list:
    others = conn.execute(
        select(users.c.id).where(
            users.c.role == "admin", users.c.active.is_(True), users.c.id != user_id
        )
    ).first()
    if others is None:
        return [problem(field, "last_admin", "the hall needs at least one active administrator")]
    return []


def _row(conn, user_id: int):
    row = user_repo.get_user(conn, user_id)
    if row is None:
        raise OfficerNotFound(officer=user_id)
    return row


def _audit(conn, now, actor: Actor, action: str, username: str, detail: dict) -> None:
    hall_repo.write_audit(
        conn,
        at=now,
        actor=actor.name,
        actor_id=actor.officer_id,
        action=action,
        target=username,
        detail=detail,
    )
