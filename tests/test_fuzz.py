"""Fuzz the JSON API from its own OpenAPI document (schemathesis, in-process WSGI).

No input may cause a 5xx; every response, rejections included, must match the
document (so every 4xx carries the documented ``{"error": {"code", "message"}}``).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import checks
from schemathesis.generation import GenerationMode

from motcua.api.openapi import openapi_document

pytestmark = pytest.mark.slow

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.negative_data_rejection,
]
OPERATIONS = [
    pytest.param(method.upper(), path, mode, id=f"{method.upper()} {path} {mode.value}")
    for path, ops in openapi_document()["paths"].items()
    for method, op in ops.items()
    for mode in GenerationMode
    # An operation without parameters or body has no input to make invalid.
    if mode is GenerationMode.POSITIVE or op.get("parameters") or op.get("requestBody")
]


@pytest.fixture
def admin_token(api):
    """An admin may act on every counter, so the fuzzer reaches the deepest code paths."""
    token = api.officer_token("boss", counters=(), role="admin")
    api.post("/tickets", token, json={"sector": "HT"})
    return token


@pytest.mark.parametrize(("method", "path", "mode"), OPERATIONS)
def test_no_input_breaks_the_api(app, admin_token, method, path, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema[path][method]
    headers = {"Authorization": f"Bearer {admin_token}"}

    @given(case=operation.as_strategy(mode))
    @settings(
        max_examples=20, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    def exercise(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    exercise()
