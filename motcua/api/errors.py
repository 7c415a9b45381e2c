"""Every API failure has one shape: ``{"error": {"code": ..., "message": <translated>}}``.

Domain errors become 4xx here, at the edge; the core never knows about HTTP.
"""

from __future__ import annotations

import logging

from flask import jsonify
from flask_babel import lazy_gettext as _l
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from hallcore import errors as e
from motcua.api import bp
from motcua.api.guard import Unauthenticated
from motcua.api.schemas import ValidationFailed
from motcua.extensions import limiter
from motcua.ratelimit import IssuingLimited, retry_after

log = logging.getLogger(__name__)

STATUS: dict[type[e.DomainError], int] = {
    e.NotFound: 404,
    Unauthenticated: 401,
    e.Forbidden: 403,
    e.RatingWrongCounter: 403,
    e.InvalidRating: 422,
    ValidationFailed: 422,
    e.ConfigError: 422,
}

MESSAGES = {
    "sector_not_found": _l("This service area does not exist."),
    "counter_not_found": _l("This counter does not exist."),
    "ticket_not_found": _l("No ticket has this code."),
    "priority_not_found": _l("This priority category does not exist."),
    "not_found": _l("Not found."),
    "sector_closed": _l("This service area is not issuing numbers at the moment."),
    "daily_cap_reached": _l("This service area has issued all of today's numbers."),
    "invalid_state": _l("The ticket is not in a state that allows this action."),
    "wrong_counter": _l("This ticket is being served at another counter."),
    "counter_not_open": _l("The counter is not open for calling."),
    "counter_busy": _l("The counter has changed meanwhile; please look at the screen again."),
    "rating_refused": _l("This ticket cannot be rated now."),
    "rating_wrong_counter": _l("This ticket was not served at this counter."),
    "already_rated": _l("This ticket has already been rated. Thank you."),
    "invalid_rating": _l("The rating is not valid."),
    "invalid_config": _l("The configuration is not valid."),
    "forbidden": _l("You are not allowed to do this."),
    "unauthenticated": _l("Please sign in (or pair this device) first."),
    "invalid_credentials": _l("Wrong user name or password."),
    "validation_failed": _l("The request is not valid."),
    "csrf_failed": _l("The page has expired; please reload it."),
    "rate_limited": _l("Too many requests; please wait a moment."),
    "unavailable": _l("The system is briefly unavailable; please try again in a moment."),
    "method_not_allowed": _l("This method is not allowed here."),
    "bad_request": _l("The request is not valid."),
    "too_large": _l("The request is too large."),
    "unsupported_media_type": _l("Send the request body as JSON."),
    "server_error": _l("Something went wrong on the server."),
}


def error_response(code: str, status: int, details: object = None):
    body = {"code": code, "message": str(MESSAGES.get(code, MESSAGES["bad_request"]))}
    if details is not None:
        body["details"] = details
    return jsonify({"error": body}), status


def status_for(err: e.DomainError) -> int:
    for cls in type(err).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 409


@bp.errorhandler(e.DomainError)
def domain_error(err: e.DomainError):
    return error_response(err.code, status_for(err), _public_params(err))


def _public_params(err: e.DomainError) -> dict | None:
    params = {k: v for k, v in err.params.items() if isinstance(v, str | int | list | None)}
    return params or None


@bp.errorhandler(CSRFError)
def csrf_error(err):
    return error_response("csrf_failed", 400)


@bp.errorhandler(RateLimitExceeded)
def rate_limited(err):
    body, status = error_response("rate_limited", 429)
    return body, status, retry_after(limiter)


@bp.errorhandler(IssuingLimited)
def issuing_limited(err: IssuingLimited):
    body, status = error_response("rate_limited", 429)
    return body, status, {"Retry-After": str(err.retry_after_s)}


@bp.errorhandler(OperationalError)
@bp.errorhandler(InterfaceError)
def database_unavailable(err):
    """The database cannot be reached or is locked: say so, and let the client retry."""
    log.error("database unavailable: %s", err.__class__.__name__, exc_info=err)
    return error_response("unavailable", 503)


HTTP_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
    503: "unavailable",
}


@bp.errorhandler(HTTPException)
def http_error(err: HTTPException):
    return error_response(HTTP_CODES.get(err.code, "bad_request"), err.code or 400)
