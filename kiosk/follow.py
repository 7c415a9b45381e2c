"""What a phone following a ticket is told: the ticket now and, after a transfer, its origin."""

from __future__ import annotations

from motcua.services.context import Hall
from motcua.services.tickets import TicketView, ticket_by_id, ticket_status


def follow_ticket(hall: Hall, token: str) -> tuple[TicketView, TicketView | None]:
    """Return the ticket's newest step and the step it was transferred from, if any."""
    view = ticket_status(hall, token)
    parent = view.ticket.parent_id
    return view, ticket_by_id(hall, parent) if parent is not None else None
