"""Authentication at the API edge."""

from __future__ import annotations

from flask import request
from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms import ValidationError

from hallcore.errors import DomainError, Forbidden
from motcua.auth import resolve_actor
from motcua.services.context import Actor


class Unauthenticated(DomainError):
    code = "unauthenticated"


def require_actor(*roles: str) -> Actor:
    """Return the authenticated officer or device; 401 if none, 403 if the role is wrong.

    Requests authenticated by a cookie (officer session, device cookie) must also
    carry the page's CSRF token in ``X-CSRFToken``.
    """
    actor, how = resolve_actor()
    if actor is None:
        raise Unauthenticated()
    if how in ("session", "device_cookie"):
        try:
            validate_csrf(request.headers.get("X-CSRFToken"))
        except ValidationError as err:
            raise CSRFError(str(err)) from None
    if roles and not (actor.kind == "officer" and actor.role in roles):
        raise Forbidden(reason="role")
    return actor
