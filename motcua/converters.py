"""URL converters for the hall's numbers, bounded so no path can overflow the database.

A counter number is 1–999 (hallconfig); a ticket id is a 32-bit database integer.
Anything outside simply does not match the route: a plain 404, never a 500.
"""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

MAX_COUNTER = 999
MAX_ID = 2_147_483_647


class CounterConverter(IntegerConverter):
    def __init__(self, url_map) -> None:
        super().__init__(url_map, min=1, max=MAX_COUNTER)


class TicketIdConverter(IntegerConverter):
    def __init__(self, url_map) -> None:
        super().__init__(url_map, min=1, max=MAX_ID)


CONVERTERS = {"counter": CounterConverter, "ticketid": TicketIdConverter}
