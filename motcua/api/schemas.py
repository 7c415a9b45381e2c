"""Request bodies of the API, validated strictly (unknown fields are refused).

The same models feed the OpenAPI document, so the documentation and the
validation cannot drift apart.
"""

from __future__ import annotations

from typing import Annotated, Literal, TypeVar

from flask import request
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from hallcore.errors import DomainError

Code = Annotated[str, StringConstraints(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")]
Reason = Annotated[str, StringConstraints(max_length=200)]
# Ids are 32-bit integers in the database (PostgreSQL INTEGER).
TicketId = Annotated[int, Field(ge=1, le=2_147_483_647)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TicketCreate(Body):
    sector: Code
    priority: Code | None = None
    reason: Reason = ""


class TokenCreate(Body):
    username: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class CallNext(Body):
    current: TicketId | None = Field(
        default=None,
        description="Id of the ticket the officer's screen shows (null: none). Given, it guards "
        "against a double key-press: if the counter moved on meanwhile, 409 and nothing changes.",
    )


class Requeue(Body):
    ticket: TicketId
    reason: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Transfer(Body):
    sector: Code


class Pause(Body):
    reason: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class Prioritize(Body):
    priority: Code
    reason: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class RatingCreate(Body):
    ticket: TicketId
    level: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    reasons: list[Code] = Field(default_factory=list, max_length=10)
    comment: Annotated[str, StringConstraints(max_length=500)] = ""


class PrintJobsQuery(BaseModel):
    """Query of GET /print-jobs (other parameters such as ``lang`` are ignored)."""

    status: Literal["failed"] | None = None
    limit: int = Field(50, ge=1, le=500)


M = TypeVar("M", bound=BaseModel)


class ValidationFailed(DomainError):
    code = "validation_failed"


def parse_body(model: type[M], *, optional: bool = False) -> M:
    """Validate the JSON body against ``model``; raise ValidationFailed (422) with details."""
    data = request.get_json(silent=True)
    if data is None and optional and not request.get_data():
        data = {}
    if not isinstance(data, dict):
        raise ValidationFailed(problems=[{"field": "(body)", "problem": "expected a JSON object"}])
    try:
        return model.model_validate(data)
    except ValidationError as err:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"]) or "(body)", "problem": e["msg"]}
            for e in err.errors(include_url=False)
        ]
        raise ValidationFailed(problems=problems) from None


def parse_query(model: type[M]) -> M:
    """Validate the query string against ``model``; raise ValidationFailed (422) with details."""
    try:
        return model.model_validate(request.args.to_dict())
    except ValidationError as err:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]}
            for e in err.errors(include_url=False)
        ]
        raise ValidationFailed(problems=problems) from None
