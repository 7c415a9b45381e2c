"""The response shapes of /api/v1 as JSON Schema (components of the OpenAPI document)."""

from __future__ import annotations

REF = "#/components/schemas/{model}"
NULLABLE_STR = {"type": ["string", "null"]}
NULLABLE_INT = {"type": ["integer", "null"]}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def json_object(props: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "properties": props, "required": required or list(props)}


TICKET = json_object(
    {
        "id": {"type": "integer"},
        "token": {"type": "string", "description": "Unguessable; the phone page follows it"},
        "number": {"type": "string", "description": "Display number, e.g. 1025"},
        "sector": {"type": "string"},
        "sector_name": {"type": "string"},
        "sector_name_en": {"type": "string"},
        "priority": NULLABLE_STR,
        "status": {
            "type": "string",
            "enum": ["waiting", "called", "done", "no_show", "transferred", "expired"],
        },
        "service_day": {"type": "string", "format": "date"},
        "issued_at": {"type": "string", "format": "date-time"},
        "called_at": {"type": ["string", "null"], "format": "date-time"},
        "finished_at": {"type": ["string", "null"], "format": "date-time"},
        "counter": NULLABLE_INT,
        "counter_name": NULLABLE_STR,
        "call_count": {"type": "integer"},
        "ahead": {**NULLABLE_INT, "description": "People before it (waiting tickets only)"},
        "estimated_wait_s": NULLABLE_INT,
    }
)
CURRENT = {
    "type": ["object", "null"],
    "properties": {
        "id": {"type": "integer"},
        "number": {"type": "string"},
        "sector": {"type": "string"},
        "priority": NULLABLE_STR,
        "called_at": {"type": "string"},
        "call_count": {"type": "integer"},
    },
}
COUNTER = json_object(
    {
        "number": {"type": "integer"},
        "name": {"type": "string"},
        "status": {"type": "string", "enum": ["open", "paused", "closed"]},
        "pause_reason": {"type": "string"},
        "sectors": {"type": "array", "items": {"type": "string"}},
        "officer": NULLABLE_STR,
        "status_since": NULLABLE_STR,
        "current": CURRENT,
    }
)
SECTOR = json_object(
    {
        "code": {"type": "string"},
        "name": {"type": "string"},
        "name_en": {"type": "string"},
        "waiting": {"type": "integer"},
        "open": {"type": "boolean"},
        "closed_reason": {"type": ["string", "null"], "enum": ["closed", "cap", None]},
        "hours": NULLABLE_STR,
        "next": {
            "type": "array",
            "items": {"type": "string"},
            "description": "The next numbers to be called, in order",
        },
    }
)
HALL = json_object(
    {
        "hall": json_object(
            {
                "name": {"type": "string"},
                "name_en": {"type": "string"},
                "timezone": {"type": "string"},
            }
        ),
        "service_day": {"type": "string", "format": "date"},
        "sectors": {"type": "array", "items": ref("Sector")},
        "counters": {"type": "array", "items": ref("Counter")},
        "recent_calls": {
            "type": "array",
            "items": json_object(
                {
                    "number": {"type": "string"},
                    "sector": {"type": "string"},
                    "counter": {"type": "integer"},
                    "called_at": {"type": "string"},
                }
            ),
        },
        "priorities": {
            "type": "array",
            "items": json_object(
                {
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                    "name_en": {"type": "string"},
                }
            ),
        },
    }
)
ERROR = json_object(
    {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "description": "Stable machine-readable code"},
                "message": {"type": "string", "description": "Human text (Vietnamese by default)"},
                "details": {},
            },
            "required": ["code", "message"],
        }
    }
)
RATING = json_object(
    {
        "id": {"type": "integer"},
        "ticket": {"type": "integer"},
        "level": {"type": "string"},
        "reasons": {"type": "array", "items": {"type": "string"}},
        "comment": {"type": "string"},
        "counter": {"type": "integer"},
        "sector": {"type": "string"},
        "source": {"type": "string", "enum": ["device", "officer"]},
    }
)
PRINT = json_object(
    {
        "status": {
            "type": "string",
            "enum": ["ok", "failed", "skipped"],
            "description": "skipped: no printer is configured for this kiosk or hall",
        },
        "code": {
            "type": ["string", "null"],
            "enum": [
                "offline",
                "timeout",
                "no_paper",
                "paper_low",
                "font",
                "config",
                "busy",
                "error",
                None,
            ],
            "description": "Why it failed (paper_low: printed, but the roll is nearly finished)",
        },
        "error": {**NULLABLE_STR, "description": "Translated explanation of a failure"},
    }
)
PRINT_JOB = json_object(
    {
        "id": {"type": "integer"},
        "ticket": json_object(
            {"id": {"type": "integer"}, "number": {"type": "string"}, "sector": {"type": "string"}}
        ),
        "device": NULLABLE_STR,
        "printer": {"type": "string", "description": "The printer URL used"},
        "status": {"type": "string", "enum": ["ok", "failed"]},
        "error": {**NULLABLE_STR, "description": "Reason code and technical detail"},
        "reprint": {"type": "boolean"},
        "created_at": {"type": "string", "format": "date-time"},
    }
)
TOKEN = json_object(
    {
        "token": {"type": "string"},
        "role": {"type": "string"},
        "expires_at": {"type": "string", "format": "date-time"},
    }
)
