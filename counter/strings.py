"""Translated strings the counter pages hand to their JavaScript, and the pause reasons."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

PAUSE_REASONS = (
    _l("Short break"),
    _l("Meeting"),
    _l("Helping at another counter"),
    _l("Processing dossiers"),
    _l("Technical problem"),
)

LEVELS = {
    "very_satisfied": _l("Very satisfied"),
    "satisfied": _l("Satisfied"),
    "neutral": _l("Neutral"),
    "unsatisfied": _l("Unsatisfied"),
}

# The keyboard map: the same keys on a full keyboard and on a USB numeric keypad.
KEYS = {
    "call": "Enter",
    "finish": "+",
    "recall": ".",
    "no_show": "0",
    "transfer": "*",
    "pause": "−",
}

_DESK = {
    "no_one_waiting": _l("Nobody is waiting."),
    "next_is": _l("Next: {number} · {sector}"),
    "next_none": _l("Nobody waiting"),
    "busy_refreshed": _l("The counter changed meanwhile; the screen is up to date again."),
    "network": _l("Cannot reach the server. Check the network and try again."),
    "reprinted": _l("Ticket {number} is being reprinted."),
    "reprint_failed": _l("Ticket {number} could not be reprinted: {error}"),
    "transferred": _l("Ticket {number} moved to {sector}, keeping its place in line."),
    "requeued": _l("Ticket {number} is back in line."),
    "rated": _l("Rating recorded for ticket {number}."),
    "called": _l("Calling {number}."),
    "finished": _l("Ticket {number} finished."),
    "absent": _l("Ticket {number} marked as absent."),
    "new_arrival": _l("Citizens are waiting."),
    "waited": _l("Waited {time}"),
    "called_times": _l("Called {n} times"),
    "serving_for": _l("Serving for {time}"),
    "from_sector": _l("Transferred from {sector}"),
    "none_serving": _l("No ticket is being served. Press Enter to call the next number."),
    "paused_hint": _l("The counter is paused: {reason}. Press − to resume."),
    "closed_hint": _l("The counter is closed. Choose a counter to open it again."),
    "priority": _l("Priority"),
    "waiting_label": _l("waiting"),
    "priority_n": _l("{n} priority"),
    "status_open": _l("Open"),
    "status_paused": _l("Paused"),
    "status_closed": _l("Closed"),
    "done": _l("Served"),
    "no_show": _l("Absent"),
    "transferred_status": _l("Transferred"),
    "rated_yes": _l("Rated"),
    "pending_rating": _l("The citizen can rate ticket {number} ({s} s left)."),
    "connected": _l("Connected"),
    "offline": _l("Connection lost – reconnecting…"),
    "minutes": _l("{n} min"),
    "seconds": _l("{n} s"),
    "other_counter": _l("You are signed in at another counter now."),
    "taken_over": _l("Another officer has signed in to this counter."),
    "reason_required": _l("Please give a reason."),
    "sound_on": _l("Sound: on"),
    "sound_off": _l("Sound: off"),
    "close_refused": _l("Finish the ticket being served before closing the counter."),
    "resume": _l("Resume"),
    "pause": _l("Pause"),
    "no_current": _l("No ticket is being served."),
    "requeue": _l("Back in line"),
    "reprint": _l("Reprint"),
    "rate": _l("Rate for the citizen"),
    "none_recent": _l("No ticket served yet today."),
    "same_sector": _l("The ticket is already in this service area."),
}

_TABLET = {
    "ticket_line": _l("Ticket {number} · {sector}"),
    "sending": _l("Sending…"),
    "send_failed": _l("Could not send. Please tap again."),
    "officer_line": _l("Serving officer: {name}"),
    "counter_closed": _l("This counter is not serving at the moment."),
    "offline": _l("Reconnecting…"),
    "selected": _l("Selected"),
}


def _resolve(table: dict) -> dict[str, str]:
    return {key: str(text) for key, text in table.items()}


def workstation() -> dict[str, str]:
    """Return the workstation's strings, in the request's language."""
    return _resolve(_DESK) | {f"level_{k}": str(v) for k, v in LEVELS.items()}


def tablet() -> dict[str, str]:
    """Return the tablet's strings, in the request's language."""
    return _resolve(_TABLET) | {f"level_{k}": str(v) for k, v in LEVELS.items()}


_CHOOSE = {
    "busy_here": _l(
        "Another officer is serving a citizen at this counter; wait until they finish."
    ),
    "busy_own": _l("Finish the ticket you are serving at counter {counter} first."),
}


def choose() -> dict[str, str]:
    """Return the counter chooser's strings."""
    return _resolve(_CHOOSE) | {"network": str(_DESK["network"])}
