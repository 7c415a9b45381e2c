"""Rate-limit keys and limits: a paired kiosk gets a generous bucket, anyone else a small one.

A script hammering ``POST /api/v1/tickets`` from one address therefore cannot
drain a sector's daily numbers, while a busy kiosk is never slowed down.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable
from functools import lru_cache, wraps

from flask import current_app, request
from limits import RateLimitItem, parse

log = logging.getLogger(__name__)
ISSUING_SCOPE = "api.create_ticket"


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


class IssuingLimited(Exception):
    """A client has issued its limit of tickets; ``retry_after_s``: when its window resets."""

    def __init__(self, retry_after_s: int) -> None:
        super().__init__(retry_after_s)
        self.retry_after_s = retry_after_s


@lru_cache(maxsize=16)
def _parsed(limit: str) -> RateLimitItem:
    return parse(limit)


def check_issuing_limit() -> None:
    """Count this request against its client's issuing limit; raise IssuingLimited when spent.

    Flask-Limiter's storage and strategy (``limiter.limiter``: the configured storage,
    Redis when several processes share the limits) count the request; only the way in
    differs. Its ``@limiter.limit`` resolves a route's limits through its generic
    machinery on every request, measured at 0.44 M instructions of the 4.9 M an issue
    costs in the benchmark's worker; this is the one route on the hot path.
    """
    from motcua.extensions import limiter

    if not limiter.enabled:
        return
    item = _parsed(ticket_limit())
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX")
    keys = (prefix, limit_key(), ISSUING_SCOPE) if prefix else (limit_key(), ISSUING_SCOPE)
    try:
        if limiter.limiter.hit(item, *keys):
            return
        reset_at = limiter.limiter.get_window_stats(item, *keys).reset_time
    except Exception:  # the storage (Redis) is unreachable: issue rather than refuse
        log.warning("issuing limit not counted: rate-limit storage unreachable", exc_info=True)
        return
    raise IssuingLimited(seconds_until(reset_at))


def limit_issuing(view: Callable) -> Callable:
    """Decorate the issuing view with the per-client issuing limit."""

    @wraps(view)
    def limited(*args, **kwargs):
        check_issuing_limit()
        return view(*args, **kwargs)

    return limited


def login_limit() -> str:
    """Return the sign-in limit per address (guards passwords against guessing)."""
    return current_app.config["RATE_LIMIT_LOGIN"]


def retry_after(limiter) -> dict[str, str]:
    """Return the Retry-After header of a refused request: seconds until its limit resets."""
    breached = limiter.current_limit
    if breached is None:
        return {}
    reset_at = breached.window[0]  # when the breached window ends (epoch seconds)
    return {"Retry-After": str(seconds_until(reset_at))}


def seconds_until(reset_at: float) -> int:
    """Whole seconds (at least 1) until a window that ends at ``reset_at`` (epoch) resets."""
    return max(1, math.ceil(reset_at - time.time()))
