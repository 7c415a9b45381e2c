"""Who is asking: officers (session or bearer token) and paired devices (token).

- Officers sign in with a password: a Flask-Login session for pages, or
  ``POST /api/v1/auth/token`` for a signed bearer token (``Authorization: Bearer``).
- Devices (kiosk, display, rating tablet) are paired once and carry a long
  random token, as a bearer header or the ``motcua_device`` cookie; only its
  hash is stored and revoking it takes effect at the next request.
- Cookie-authenticated state changes need a CSRF token; bearer requests do not
  (a bearer header is never sent by the browser on its own).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache

from flask import current_app, g, request
from flask_login import UserMixin, current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from motcua.extensions import login_manager
from motcua.hallctx import current_hall
from motcua.services.context import Actor
from motcua.services.devices import note_seen
from motcua.storage import user_repo

DEVICE_COOKIE = "motcua_device"
DEVICE_PREFIX = "dev_"
TOKEN_SALT = "motcua-api-token"


class Officer(UserMixin):
    """A signed-in officer for Flask-Login; its id embeds the session version."""

    def __init__(self, row) -> None:
        self.row = row
        self.user_id = row.id
        self.username = row.username
        self.full_name = row.full_name
        self.role = row.role

    def get_id(self) -> str:
        return f"{self.row.id}:{self.row.session_version}"

    @property
    def is_active(self) -> bool:
        return bool(self.row.active)

    def actor(self) -> Actor:
        return Actor(kind="officer", name=self.username, id=self.user_id, role=self.role)


def _load_officer(user_id: int, version: int) -> Officer | None:
    with current_hall().db.read() as conn:
        row = user_repo.get_user(conn, user_id)
    if row is None or not row.active or row.session_version != version:
        return None
    return Officer(row)


@login_manager.user_loader
def load_user(session_id: str) -> Officer | None:
    try:
        user_id, version = (int(part) for part in session_id.split(":"))
    except ValueError:
        return None
    return _load_officer(user_id, version)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=TOKEN_SALT)


def issue_api_token(officer: Officer) -> tuple[str, datetime]:
    """Return a signed bearer token for the officer and when it expires."""
    hours = current_app.config["API_TOKEN_HOURS"]
    token = _serializer().dumps({"u": officer.user_id, "v": officer.row.session_version})
    return token, datetime.now(UTC) + timedelta(hours=hours)


@lru_cache(maxsize=1024)
def _verified(secret: str, token: str) -> tuple[dict, datetime]:
    """Check a token's signature once per process (the officer is still read every time)."""
    return URLSafeTimedSerializer(secret, salt=TOKEN_SALT).loads(token, return_timestamp=True)


def _officer_from_token(token: str) -> Officer | None:
    max_age = timedelta(hours=current_app.config["API_TOKEN_HOURS"])
    try:
        data, signed_at = _verified(current_app.config["SECRET_KEY"], token)
    except BadSignature:
        return None
    if datetime.now(UTC) - signed_at > max_age:
        return None
    return _load_officer(int(data["u"]), int(data["v"]))


def device_actor(token: str) -> Actor | None:
    """Return the paired, unrevoked device holding ``token``."""
    hall = current_hall()
    with hall.db.read() as conn:
        row = user_repo.device_by_token(conn, token)
    if row is None:
        return None
    note_seen(hall, row.id, row.last_seen_at)
    return Actor(
        kind="device",
        name=row.name,
        id=row.id,
        device_kind=row.kind,
        counter=row.counter_number,
        options=dict(row.options or {}),
    )


def bearer_token() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def resolve_actor() -> tuple[Actor | None, str | None]:
    """Return (actor, how) for this request; ``how`` is bearer, session, device_cookie or None.

    A bearer header wins; otherwise a signed-in officer; otherwise a device cookie.
    """
    if "motcua_actor" in g:
        return g.motcua_actor
    result: tuple[Actor | None, str | None] = (None, None)
    token = bearer_token()
    if token:
        actor = device_actor(token) if token.startswith(DEVICE_PREFIX) else None
        if actor is None and not token.startswith(DEVICE_PREFIX):
            officer = _officer_from_token(token)
            actor = officer.actor() if officer else None
        result = (actor, "bearer")
    elif current_user.is_authenticated:
        result = (current_user.actor(), "session")
    elif request.cookies.get(DEVICE_COOKIE):
        result = (device_actor(request.cookies[DEVICE_COOKIE]), "device_cookie")
    g.motcua_actor = result
    return result


def current_device() -> Actor | None:
    """Return the device this browser is paired as (cookie), whoever is signed in."""
    token = request.cookies.get(DEVICE_COOKIE)
    return device_actor(token) if token else None
