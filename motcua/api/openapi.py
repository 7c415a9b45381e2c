"""The OpenAPI 3.1 document of /api/v1, built from the request models that validate input."""

from __future__ import annotations

from functools import cache

from motcua.api import schemas
from motcua.api.openapi_ops import (
    counter_paths,
    error_responses,
    health_operation,
    json_body,
    json_response,
    operation,
)
from motcua.api.openapi_reports import report_components, report_paths
from motcua.api.openapi_schemas import (
    COUNTER,
    ERROR,
    HALL,
    PRINT,
    PRINT_JOB,
    RATING,
    REF,
    SECTOR,
    TICKET,
    TOKEN,
    json_object,
    ref,
)
from motcua.converters import MAX_ID


@cache
def openapi_document() -> dict:
    """Return the OpenAPI 3.1 document (built once per process)."""
    models = [
        schemas.TicketCreate,
        schemas.TokenCreate,
        schemas.CallNext,
        schemas.Requeue,
        schemas.Transfer,
        schemas.Pause,
        schemas.Prioritize,
        schemas.RatingCreate,
    ]
    components = {m.__name__: m.model_json_schema(ref_template=REF) for m in models}
    components.update(
        Ticket=TICKET,
        Counter=COUNTER,
        Sector=SECTOR,
        Hall=HALL,
        Error=ERROR,
        Rating=RATING,
        Token=TOKEN,
        Print=PRINT,
        PrintJob=PRINT_JOB,
        **report_components(),
    )
    token_param = [
        {
            "name": "token",
            "in": "path",
            "required": True,
            "schema": {"type": "string", "maxLength": 64},
        }
    ]
    id_param = [
        {
            "name": "ticket_id",
            "in": "path",
            "required": True,
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        }
    ]
    ticket_env = json_object({"ticket": ref("Ticket")})
    printed_env = json_object({"ticket": ref("Ticket"), "print": ref("Print")})
    paths = {
        "/hall": {
            "get": operation(
                "The hall: sectors, counters, recent calls",
                {"200": json_response(ref("Hall"), "The hall now")},
                secured=False,
            )
        },
        "/health": {"get": health_operation()},
        "/tickets": {
            "post": operation(
                "Issue a ticket (paired kiosk or officer), then print it",
                {
                    "201": json_response(
                        printed_env,
                        "Issued and committed; `print` says whether the paper ticket came out "
                        "(a failed print never cancels the ticket)",
                    )
                },
                400,
                401,
                403,
                404,
                409,
                422,
                429,
                body=json_body(schemas.TicketCreate),
            )
        },
        "/tickets/{token}": {
            "get": operation(
                "Follow a ticket by its token",
                {"200": json_response(ticket_env, "The ticket")},
                404,
                secured=False,
                params=token_param,
            )
        },
        "/tickets/{ticket_id}/priority": {
            "post": operation(
                "Move a waiting ticket into the priority class (audited)",
                {"200": json_response(ticket_env, "The ticket")},
                400,
                401,
                403,
                404,
                409,
                422,
                body=json_body(schemas.Prioritize),
                params=id_param,
            )
        },
        "/tickets/{ticket_id}/reprint": {
            "post": operation(
                "Print a waiting or called ticket again on its kiosk's printer (officer signed "
                "in to a counter, supervisor or admin; audited)",
                {"200": json_response(printed_env, "The ticket and the print outcome")},
                400,
                401,
                403,
                404,
                409,
                params=id_param,
            )
        },
        "/print-jobs": {
            "get": operation(
                "The newest print jobs, e.g. failures to look into (supervisor or admin)",
                {
                    "200": json_response(
                        json_object({"print_jobs": {"type": "array", "items": ref("PrintJob")}}),
                        "Newest first",
                    )
                },
                401,
                403,
                422,
                params=[
                    {
                        "name": "status",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "string", "enum": ["failed"]},
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 500},
                    },
                ],
            )
        },
        "/auth/token": {
            "post": operation(
                "Exchange an officer's password for a bearer token",
                {"200": json_response(ref("Token"), "A bearer token")},
                401,
                422,
                429,
                body=json_body(schemas.TokenCreate),
                secured=False,
            )
        },
        "/ratings": {
            "post": operation(
                "Rate a served ticket (its counter's tablet or officer), once",
                {"201": json_response(json_object({"rating": ref("Rating")}), "Recorded")},
                400,
                401,
                403,
                404,
                409,
                422,
                body=json_body(schemas.RatingCreate),
            )
        },
        **counter_paths(),
        **report_paths(error_responses(400, 401, 403, 422)),
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "motcua hall API",
            "version": "1",
            "description": "Queue system of a one-stop administrative hall. Error bodies "
            'are always {"error": {"code", "message"}}.',
        },
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}, {"deviceCookie": []}],
        "components": {
            "schemas": components,
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Officer token from /auth/token, or a device token",
                },
                "deviceCookie": {"type": "apiKey", "in": "cookie", "name": "motcua_device"},
            },
        },
        "paths": paths,
    }
