"""Rate-limit keys and limits: a paired kiosk gets a generous bucket, anyone else a small one.

A script hammering ``POST /api/v1/tickets`` from one address therefore cannot
drain a sector's daily numbers, while a busy kiosk is never slowed down.
"""

from __future__ import annotations

import math
import time

from flask import current_app, request


def _actor():
    from motcua.auth import resolve_actor

    return resolve_actor()[0]


def client_address() -> str:
    # With TRUST_PROXY, ProxyFix has already put the client address in remote_addr.
    return request.remote_addr or "unknown"


def limit_key() -> str:
    """Key a request by its device or officer when authenticated, else by address."""
    actor = _actor()
    if actor is not None and actor.kind == "device":
        return f"device:{actor.id}"
    if actor is not None and actor.kind == "officer":
        return f"officer:{actor.id}"
    return f"ip:{client_address()}"


def ticket_limit() -> str:
    """Return the issuing limit for this request's kind of client."""
    actor = _actor()
    if actor is not None:
        return current_app.config["RATE_LIMIT_KIOSK"]
    return current_app.config["RATE_LIMIT_ANONYMOUS"]


def login_limit() -> str:
    """Return the sign-in limit per address (guards passwords against guessing)."""
    return current_app.config["RATE_LIMIT_LOGIN"]


def retry_after(limiter) -> dict[str, str]:
    """Return the Retry-After header of a refused request: seconds until its limit resets."""
    breached = limiter.current_limit
    if breached is None:
        return {}
    reset_at = breached.window[0]  # when the breached window ends (epoch seconds)
    return {"Retry-After": str(max(1, math.ceil(reset_at - time.time())))}
