"""Building blocks of the OpenAPI document: operations, errors, bodies, counter actions."""

from __future__ import annotations

from motcua.api import schemas
from motcua.api.openapi_schemas import json_object, ref
from motcua.converters import MAX_COUNTER


def json_response(schema: dict, description: str) -> dict:
    """Return a JSON response of ``schema``."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def error_responses(*codes: int) -> dict:
    """Return the documented error responses (503 always: the database may be away)."""
    text = {
        400: "Bad request (e.g. CSRF token missing on a cookie-authenticated call)",
        401: "Not authenticated",
        403: "Not allowed",
        404: "Not found",
        409: "Refused by the hall's rules (closed, cap reached, wrong state...)",
        422: "Malformed body",
        429: "Rate limited",
        503: "Database briefly unavailable",
    }
    return {str(c): json_response(ref("Error"), text[c]) for c in (*codes, 503)}


def json_body(model: type[schemas.Body], required: bool = True) -> dict:
    """Return a request body documented by its pydantic model."""
    return {"required": required, "content": {"application/json": {"schema": ref(model.__name__)}}}


def operation(summary: str, ok: dict, *errors: int, body=None, secured=True, params=None) -> dict:
    """Return one documented operation: its successes, its errors, body and parameters."""
    op = {"summary": summary, "responses": {**ok, **error_responses(*errors)}}
    if body is not None:
        op["requestBody"] = body
    if not secured:
        op["security"] = []
    if params:
        op["parameters"] = params
    return op


def health_operation() -> dict:
    """Return GET /health: whether the database and the message queue answer."""
    checks = json_object({"database": {"type": "boolean"}, "message_queue": {"type": "boolean"}})
    return {
        "summary": "Whether the database and the message queue answer",
        "security": [],
        "responses": {
            "200": json_response(checks, "Both answer"),
            "503": json_response(checks, "One of them does not answer"),
        },
    }


def counter_paths() -> dict:
    """Return the paths of every counter action."""
    number = [
        {
            "name": "number",
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_COUNTER},
        }
    ]
    ticket_ok = {
        "200": json_response(json_object({"ticket": ref("Ticket")}), "The ticket after the action")
    }
    counter_ok = {"200": json_response(json_object({"counter": ref("Counter")}), "The counter")}
    std = (400, 401, 403, 404, 409, 422)
    actions = {
        "open": ("Sign in to the counter and open it", counter_ok, None),
        "close": ("Sign out and close the counter", counter_ok, None),
        "recall": ("Announce the current ticket again", ticket_ok, None),
        "no-show": ("Mark the current ticket as absent", ticket_ok, None),
        "finish": ("Close the current ticket as served", ticket_ok, None),
        "requeue": ("Put a no-show back in line (audited)", ticket_ok, json_body(schemas.Requeue)),
        "transfer": (
            "Send the current ticket to another sector",
            ticket_ok,
            json_body(schemas.Transfer),
        ),
        "pause": ("Pause calling, with a reason", counter_ok, json_body(schemas.Pause)),
        "resume": ("Resume calling", counter_ok, None),
    }
    paths = {
        f"/counters/{{number}}/{name}": {"post": operation(s, ok, *std, body=b, params=number)}
        for name, (s, ok, b) in actions.items()
    }
    call_ok = {
        "200": json_response(
            json_object(
                {
                    "ticket": ref("Ticket"),
                    "finished": {"anyOf": [ref("Ticket"), {"type": "null"}]},
                }
            ),
            "The ticket called (and the one finished)",
        ),
        "204": {"description": "Nobody is waiting for this counter's sectors"},
    }
    paths["/counters/{number}/call-next"] = {
        "post": operation(
            "Finish the current ticket and call the next",
            call_ok,
            *std,
            body=json_body(schemas.CallNext, required=False),
            params=number,
        )
    }
    paths["/counters/{number}"] = {
        "get": operation(
            "The counter's status and current ticket", counter_ok, 401, 403, 404, params=number
        )
    }
    return paths
