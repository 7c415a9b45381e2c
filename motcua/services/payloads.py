"""What the screens receive: payloads built from services' results (realtime only sends)."""

from __future__ import annotations

from dataclasses import asdict

from flask import current_app
from flask_babel import force_locale

from motcua.api.serialize import ticket_json
from motcua.services.context import Hall
from motcua.services.printing import PrintFailed
from motcua.services.snapshot import hall_snapshot
from motcua.services.tickets import TicketView
from printers.labels import print_error


def board_payload(hall: Hall) -> dict:
    """Return the full public state every screen draws from (sent on connect and on change)."""
    snapshot = asdict(hall_snapshot(hall))
    with hall.db.read() as conn:
        sections = hall.data(conn).settings.sections
    snapshot["display"] = sections.get("display", {})
    snapshot["kiosk"] = sections.get("kiosk", {})
    snapshot["voice"] = {k: sections.get("voice", {}).get(k) for k in ("repeat", "backend")}
    return snapshot


def announcement(view: TicketView) -> dict:
    """Return the spoken sentence and its audio URL (from the voice extension, if any)."""
    voice = current_app.extensions.get("motcua_voice")
    if voice is None:
        return {"text": None, "audio_url": None}
    return voice.announce(view.ticket.number, view.ticket.counter, view.config)


def call_payload(view: TicketView, recall: bool) -> dict:
    """The ``ticket_called`` event: the number, where to go, and what is spoken."""
    ticket = view.ticket
    return {
        "ticket": {
            "id": ticket.id,
            "number": ticket.number,
            "sector": ticket.sector,
            "sector_name": view.sector_name,
            "sector_name_en": view.sector_name_en,
            "priority": ticket.priority,
        },
        "counter": {"number": ticket.counter, "name": view.counter_name},
        "recall": recall,
        "call_count": ticket.call_count,
        **announcement(view),
    }


def phone_payload(view: TicketView, previous: TicketView | None = None) -> dict:
    """A phone's ``ticket_updated``: its ticket, and the sector it was moved from, if any."""
    payload = {"ticket": ticket_json(view)}
    if previous is not None and previous.ticket.sector != view.ticket.sector:
        payload["transferred_from"] = {
            "sector": previous.ticket.sector,
            "sector_name": previous.sector_name,
            "sector_name_en": previous.sector_name_en,
        }
    return payload


def print_failed_payload(event: PrintFailed) -> dict:
    """The supervisors' ``print_failed``, with the reason in the hall's language."""
    payload = {
        "ticket": {"id": event.ticket.id, "number": event.ticket.number},
        "device": event.device,
        "printer": event.printer,
        "code": event.code,
    }
    with force_locale(current_app.config.get("BABEL_DEFAULT_LOCALE", "vi")):
        payload["error"] = print_error(event.code)
    return payload
