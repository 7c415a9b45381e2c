"""Satisfaction ratings from the counter's tablet (device) or its officer."""

from __future__ import annotations

from flask import jsonify

from hallcore.rating import RatingInput
from motcua.api import bp
from motcua.api.guard import require_actor
from motcua.api.schemas import RatingCreate, parse_body
from motcua.hallctx import current_hall
from motcua.services import ratings


@bp.post("/ratings")
def create_rating():
    """Record the rating of a served ticket; once per ticket (409 afterwards)."""
    actor = require_actor()
    body = parse_body(RatingCreate)
    rating = RatingInput(body.level, tuple(body.reasons), body.comment)
    saved = ratings.rate(current_hall(), body.ticket, rating, actor)
    return jsonify(
        {
            "rating": {
                "id": saved["id"],
                "ticket": saved["ticket_id"],
                "level": saved["level"],
                "reasons": saved["reasons"],
                "comment": saved["comment"],
                "counter": saved["counter"],
                "sector": saved["sector"],
                "source": saved["source"],
            }
        }
    ), 201
