"""Tickets: issue (kiosk or officer) and print, follow by token (public), prioritize, reprint."""

from __future__ import annotations

from flask import current_app, jsonify, request

from motcua.api import bp
from motcua.api.guard import require_actor
from motcua.api.schemas import PrintJobsQuery, Prioritize, TicketCreate, parse_body, parse_query
from motcua.api.serialize import ticket_json
from motcua.hallctx import current_hall
from motcua.ratelimit import limit_issuing
from motcua.services import print_jobs, tickets
from motcua.services.printing import Kiosk, print_ticket, public_base_url


def _base_url() -> str:
    return public_base_url(current_app.config.get("PUBLIC_URL"), request.host_url)


@bp.post("/tickets")
@limit_issuing
def create_ticket():
    """Issue the next number of a sector, then print it (the ticket is committed first)."""
    actor = require_actor()
    body = parse_body(TicketCreate)
    hall = current_hall()
    view = tickets.issue_ticket(hall, body.sector, body.priority, actor, body.reason)
    printed = print_ticket(hall, view, _base_url(), Kiosk.of(actor))
    return jsonify({"ticket": ticket_json(view), "print": printed.as_json()}), 201


@bp.get("/tickets/<string(maxlength=64):token>")
def get_ticket(token: str):
    """Return a ticket's status and place in line by its unguessable token (public)."""
    return jsonify({"ticket": ticket_json(tickets.ticket_status(current_hall(), token))})


@bp.post("/tickets/<ticketid:ticket_id>/priority")
def prioritize_ticket(ticket_id: int):
    """Move a waiting ticket into the priority class (officer; audited)."""
    actor = require_actor()
    body = parse_body(Prioritize)
    view = tickets.prioritize(current_hall(), ticket_id, body.priority, actor, body.reason)
    return jsonify({"ticket": ticket_json(view)})


@bp.post("/tickets/<ticketid:ticket_id>/reprint")
def reprint_ticket(ticket_id: int):
    """Print a waiting or called ticket again on its kiosk's printer (audited)."""
    actor = require_actor()
    view, printed = print_jobs.reprint_ticket(current_hall(), ticket_id, actor, _base_url())
    return jsonify({"ticket": ticket_json(view), "print": printed.as_json()})


@bp.get("/print-jobs")
def list_print_jobs():
    """Return the newest print jobs, or only the failed ones (supervisors and admins)."""
    actor = require_actor("supervisor", "admin")
    query = parse_query(PrintJobsQuery)
    jobs = print_jobs.recent_print_jobs(
        current_hall(), actor, failed_only=query.status == "failed", limit=query.limit
    )
    return jsonify({"print_jobs": jobs})
