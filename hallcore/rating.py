"""Satisfaction ratings: levels, and who may rate which ticket."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from hallcore.errors import AlreadyRated, InvalidRating, RatingRefused, RatingWrongCounter
from hallcore.model import Ticket, TicketStatus


class RatingLevel(StrEnum):
    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    NEUTRAL = "neutral"
    UNSATISFIED = "unsatisfied"


THREE_LEVELS = (RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED, RatingLevel.UNSATISFIED)
FOUR_LEVELS = (
    RatingLevel.VERY_SATISFIED,
    RatingLevel.SATISFIED,
    RatingLevel.NEUTRAL,
    RatingLevel.UNSATISFIED,
)
MAX_COMMENT = 500


def levels_for(scale: int) -> tuple[RatingLevel, ...]:
    """Return the levels offered by a 3- or 4-level hall."""
    return FOUR_LEVELS if scale == 4 else THREE_LEVELS


@dataclass(frozen=True)
class RatingInput:
    level: str
    reasons: tuple[str, ...] = ()
    comment: str = ""


def validate_rating(
    ticket: Ticket,
    rating: RatingInput,
    *,
    from_counter: int,
    already_rated: bool,
    scale: int,
    known_reasons: Sequence[str],
) -> RatingLevel:
    """Check a rating against the ticket and the hall's scale; return its level."""
    if ticket.status is not TicketStatus.DONE:
        raise RatingRefused(ticket=ticket.number, reason="not_done")
    if ticket.counter != from_counter:
        raise RatingWrongCounter(ticket=ticket.number)
    if already_rated:
        raise AlreadyRated(ticket=ticket.number)
    allowed = levels_for(scale)
    if rating.level not in {str(level) for level in allowed}:
        raise InvalidRating(field="level", allowed=[str(level) for level in allowed])
    unknown = [r for r in rating.reasons if r not in known_reasons]
    if unknown:
        raise InvalidRating(field="reasons", unknown=unknown)
    if len(rating.comment) > MAX_COMMENT:
        raise InvalidRating(field="comment", max=MAX_COMMENT)
    return RatingLevel(rating.level)
