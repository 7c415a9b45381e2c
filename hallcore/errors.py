"""Domain errors: each carries a stable ``code`` that the edge maps to HTTP and text."""

from __future__ import annotations


class DomainError(Exception):
    """A request the hall's rules refuse."""

    code = "domain_error"

    def __init__(self, detail: str = "", **params: object) -> None:
        super().__init__(detail or self.code)
        self.detail = detail
        self.params = params


class NotFound(DomainError):
    code = "not_found"


class SectorNotFound(NotFound):
    code = "sector_not_found"


class CounterNotFound(NotFound):
    code = "counter_not_found"


class TicketNotFound(NotFound):
    code = "ticket_not_found"


class PriorityNotFound(NotFound):
    code = "priority_not_found"


class SectorClosed(DomainError):
    """The sector does not issue numbers now (outside its hours or disabled)."""

    code = "sector_closed"


class DailyCapReached(DomainError):
    code = "daily_cap_reached"


class InvalidTransition(DomainError):
    """The ticket is not in a state that allows this action."""

    code = "invalid_state"


class WrongCounter(DomainError):
    """The ticket belongs to another counter."""

    code = "wrong_counter"


class CounterNotOpen(DomainError):
    code = "counter_not_open"


class CounterBusy(DomainError):
    """The counter already serves a ticket that must be finished first."""

    code = "counter_busy"


class RatingRefused(DomainError):
    code = "rating_refused"


class RatingWrongCounter(RatingRefused):
    """The ticket was served at another counter than the one rating it."""

    code = "rating_wrong_counter"


class AlreadyRated(DomainError):
    code = "already_rated"


class InvalidRating(DomainError):
    code = "invalid_rating"


class ConfigError(DomainError):
    code = "invalid_config"


class Forbidden(DomainError):
    """The actor may not do this (e.g. act on a counter they are not signed in to)."""

    code = "forbidden"
