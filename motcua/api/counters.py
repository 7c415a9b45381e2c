"""Counter actions for the officer signed in to the counter (or an admin)."""

from __future__ import annotations

from flask import jsonify

from hallcore.errors import CounterNotFound
from motcua.api import bp
from motcua.api.guard import require_actor
from motcua.api.schemas import CallNext, Pause, Requeue, Transfer, parse_body
from motcua.api.serialize import ticket_json
from motcua.hallctx import current_hall
from motcua.services import calls, counters, tickets
from motcua.services.hallcache import HallData
from motcua.services.snapshot import hall_snapshot


def _ticket(ticket, config: HallData | None = None) -> dict | None:
    if ticket is None:
        return None
    return ticket_json(tickets.view_of(current_hall(), ticket, config))  # as just committed


def _counter(number: int) -> dict:
    for counter in hall_snapshot(current_hall(), recent=0).counters:
        if counter["number"] == number:
            return counter
    raise CounterNotFound(counter=number)


@bp.get("/counters/<counter:number>")
def get_counter(number: int):
    """Return the counter's status and current ticket (any signed-in officer)."""
    require_actor("counter", "supervisor", "admin")
    return jsonify({"counter": _counter(number)})


@bp.post("/counters/<counter:number>/open")
def open_counter(number: int):
    """Sign in to the counter and open it."""
    counters.open_counter(current_hall(), number, require_actor())
    return jsonify({"counter": _counter(number)})


@bp.post("/counters/<counter:number>/close")
def close_counter(number: int):
    """Sign out and close the counter (refused while serving)."""
    counters.close_counter(current_hall(), number, require_actor())
    return jsonify({"counter": _counter(number)})


@bp.post("/counters/<counter:number>/call-next")
def call_next(number: int):
    """Finish the current ticket, if any, and call the next one; 204 when nobody waits."""
    actor = require_actor()
    body = parse_body(CallNext, optional=True)
    guard = body.current if "current" in body.model_fields_set else calls.UNSET
    result = calls.call_next(current_hall(), number, actor, expect_current=guard)
    if result.ticket is None:
        return "", 204
    config = result.config  # both tickets described as the call saw the hall
    return jsonify(
        {"ticket": _ticket(result.ticket, config), "finished": _ticket(result.finished, config)}
    )


@bp.post("/counters/<counter:number>/recall")
def recall(number: int):
    """Announce the current ticket again."""
    return jsonify({"ticket": _ticket(calls.recall(current_hall(), number, require_actor()))})


@bp.post("/counters/<counter:number>/no-show")
def no_show(number: int):
    """Mark the current ticket's citizen as absent."""
    return jsonify({"ticket": _ticket(calls.no_show(current_hall(), number, require_actor()))})


@bp.post("/counters/<counter:number>/finish")
def finish(number: int):
    """Close the current ticket as served."""
    return jsonify({"ticket": _ticket(calls.finish(current_hall(), number, require_actor()))})


@bp.post("/counters/<counter:number>/requeue")
def requeue(number: int):
    """Put a no-show back in line (audited)."""
    actor = require_actor()
    body = parse_body(Requeue)
    ticket = calls.requeue(current_hall(), number, actor, body.ticket, body.reason)
    return jsonify({"ticket": _ticket(ticket)})


@bp.post("/counters/<counter:number>/transfer")
def transfer(number: int):
    """Send the current ticket to another sector's queue, keeping its place."""
    actor = require_actor()
    body = parse_body(Transfer)
    return jsonify({"ticket": _ticket(calls.transfer(current_hall(), number, actor, body.sector))})


@bp.post("/counters/<counter:number>/pause")
def pause(number: int):
    """Pause calling, with a reason."""
    actor = require_actor()
    body = parse_body(Pause)
    counters.pause_counter(current_hall(), number, actor, body.reason)
    return jsonify({"counter": _counter(number)})


@bp.post("/counters/<counter:number>/resume")
def resume(number: int):
    """Resume calling after a pause."""
    counters.resume_counter(current_hall(), number, require_actor())
    return jsonify({"counter": _counter(number)})
