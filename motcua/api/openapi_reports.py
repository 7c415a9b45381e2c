"""The OpenAPI description of ``/api/v1/reports/...`` (kept apart from the hall's routes)."""

from __future__ import annotations

NULLABLE_INT = {"type": ["integer", "null"]}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def json_object(props: dict) -> dict:
    return {"type": "object", "properties": props, "required": list(props)}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


NULLABLE_NUM = {"type": ["number", "null"]}
DURATIONS = json_object(
    {
        "count": {"type": "integer", "description": "Steps measured"},
        "avg_s": {**NULLABLE_NUM, "description": "Average in seconds (0.1 s); null if none"},
        "p90_s": {**NULLABLE_INT, "description": "Nearest-rank 90th percentile, seconds"},
    }
)
FIGURES = {
    "issued": {**NULLABLE_INT, "description": "Root tickets issued; null per counter/officer"},
    "served": {"type": "integer"},
    "no_show": {"type": "integer"},
    "transferred": {"type": "integer"},
    "expired": {"type": "integer"},
    "open": {"type": "integer", "description": "Still waiting or being served"},
    "wait": ref("Durations"),
    "service": ref("Durations"),
    "ratings": json_object(
        {
            "count": {"type": "integer"},
            "levels": {
                "type": "object",
                "additionalProperties": json_object(
                    {"count": {"type": "integer"}, "percent": NULLABLE_NUM}
                ),
            },
            "satisfied_percent": {
                **NULLABLE_NUM,
                "description": "Very satisfied + satisfied, % of ratings (0.1)",
            },
        }
    ),
    "reasons": {"type": "object", "additionalProperties": {"type": "integer"}},
}
REPORT = json_object(
    {
        "hall": json_object(
            {
                "name": {"type": "string"},
                "name_en": {"type": "string"},
                "timezone": {"type": "string"},
            }
        ),
        "period": json_object(
            {
                "kind": {"type": "string"},
                "first": {"type": "string", "format": "date"},
                "last": {"type": "string", "format": "date"},
                "days": {"type": "integer"},
            }
        ),
        "group": {"type": "string"},
        "levels": {"type": "array", "items": {"type": "string"}},
        "reasons": {
            "type": "array",
            "items": json_object(
                {
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                    "name_en": {"type": "string"},
                }
            ),
        },
        "rows": {
            "type": "array",
            "items": json_object(
                {
                    "key": {
                        "type": ["string", "integer", "null"],
                        "description": "Sector code, counter number, username or hour (0-23); "
                        "null for the whole hall and for steps never called",
                    },
                    "name": {"type": "string"},
                    "name_en": {"type": "string"},
                    **FIGURES,
                }
            ),
        },
        "total": json_object(FIGURES),
        "generated_at": {"type": "string", "format": "date-time"},
    }
)
DAY_PARAM = {"type": "string", "format": "date", "pattern": r"^2\d{3}-\d{2}-\d{2}$"}
REPORT_PARAMS = [
    {
        "name": "period",
        "in": "query",
        "schema": {
            "type": "string",
            "enum": ["day", "month", "quarter", "half_year", "nine_months", "year", "range"],
            "default": "month",
        },
        "description": "The period holding `date`; half_year is Jan-Jun or Jul-Dec, "
        "nine_months Jan-Sep; range takes `from` and `to` (at most 366 days)",
    },
    {
        "name": "date",
        "in": "query",
        "schema": DAY_PARAM,
        "description": "Any day inside the period (hall-local); default today. Not with range",
    },
    {"name": "from", "in": "query", "schema": DAY_PARAM, "description": "First day (range)"},
    {"name": "to", "in": "query", "schema": DAY_PARAM, "description": "Last day (range)"},
    {
        "name": "group",
        "in": "query",
        "schema": {
            "type": "string",
            "enum": ["total", "sector", "counter", "officer", "hour"],
            "default": "total",
        },
    },
]


def report_paths(errors: dict) -> dict:
    """Return the report routes' paths (``errors``: the documented error responses)."""
    files = {
        "csv": ("text/csv", "CSV, UTF-8 with BOM, Vietnamese headers (?lang=en: English)"),
        "xlsx": (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "XLSX workbook: hall, period and time above the table",
        ),
    }
    paths = {
        "/reports/summary": {
            "get": {
                "summary": "A period's figures, grouped (supervisors and admins)",
                "parameters": REPORT_PARAMS,
                "responses": {"200": _json(ref("Report"), "The figures"), **errors},
            }
        }
    }
    for ext, (media, text) in files.items():
        paths[f"/reports/summary.{ext}"] = {
            "get": {
                "summary": f"The same figures as {ext.upper()} (supervisors and admins)",
                "parameters": REPORT_PARAMS,
                "responses": {
                    "200": {
                        "description": text,
                        "content": {media: {"schema": {"type": "string", "format": "binary"}}},
                    },
                    **errors,
                },
            }
        }
    return paths


def report_components() -> dict:
    """Return the schemas the report routes refer to."""
    return {"Report": REPORT, "Durations": DURATIONS}
