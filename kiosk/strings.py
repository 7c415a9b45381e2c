"""Words the kiosk and phone scripts show, per language (English ids, Vietnamese catalog).

The kiosk switches language on the spot and back to Vietnamese at the start screen,
so it receives both tables; the phone page receives its own language's table.
"""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from motcua.i18n import LANGUAGES, WEEKDAYS

COMMON = {
    "your_number": _l("Your number"),
    "ahead": _l("People waiting before you: {n}"),
    "ahead_none": _l("Nobody is waiting before you"),
    "wait": _l("Estimated wait: about {time}"),
    "minutes": _l("{n} min"),
    "hours": _l("{h} h {m} min"),
    "counter_n": _l("Counter {n}"),
    "weekdays": list(WEEKDAYS),
}

KIOSK = {
    "choose": _l("Touch the service you need"),
    "waiting": _l("{n} waiting"),
    "waiting_none": _l("Nobody waiting"),
    "closed": _l("Not issuing numbers now"),
    "cap": _l("No numbers left today"),
    "priority": _l("Priority"),
    "priority_who": _l("Elderly, disabled, pregnant…"),
    "priority_title": _l("Who has priority?"),
    "priority_hint": _l("Staff may ask to see proof."),
    "priority_chosen": _l("Priority: {name}"),
    "priority_then": _l("Now touch the service you need"),
    "priority_cancel": _l("Cancel priority"),
    "back": _l("Back"),
    "busy": _l("Getting your number…"),
    "printing": _l("Printing your ticket…"),
    "served_at": _l("Served at: {counters}"),
    "scan": _l("Scan to follow your turn on your phone"),
    "print_ok": _l("Please take your printed ticket"),
    "print_failed": _l("The printer has a problem — please remember your number"),
    "print_skipped": _l("Please remember your number"),
    "done": _l("Done"),
    "returning": _l("Back to the start in {s} s"),
    "error_closed": _l("This service is not issuing numbers now. Please ask the staff."),
    "error_cap": _l("This service has given out all of today's numbers."),
    "error_network": _l("Cannot reach the server. Please try again or ask the staff."),
    "error_busy": _l("Please wait a moment and try again."),
    "error_other": _l("No number could be taken. Please ask the staff."),
    "ok": _l("OK"),
    "offline": _l("Reconnecting…"),
}

PHONE = {
    "status_waiting": _l("Waiting for your turn"),
    "status_called": _l("It is your turn!"),
    "go_to": _l("Please go to"),
    "status_done": _l("Served — thank you!"),
    "status_no_show": _l("You were called but were not there. Please ask at the counter."),
    "status_expired": _l("This number has expired. Please take a new one."),
    "status_transferred": _l("Your file has moved on. Please wait for the staff."),
    "moved": _l(
        "Your file has moved to {sector}. Your number stays the same and keeps its place in line."
    ),
    "live": _l("Updates by itself — keep this page open"),
    "vibrate_on": _l("Your phone will vibrate when it is your turn."),
    "title_called": _l("Your turn: {counter}"),
    "offline": _l("Reconnecting…"),
}


def _resolve(table: dict) -> dict:
    return {
        key: [str(v) for v in value] if isinstance(value, list) else str(value)
        for key, value in table.items()
    }


def kiosk_strings() -> dict[str, dict]:
    """Return the kiosk's words in every language, keyed by language code."""
    tables = {}
    for language in LANGUAGES:
        with force_locale(language):
            tables[language] = _resolve(COMMON | KIOSK)
    return tables


def phone_strings() -> dict:
    """Return the phone page's words in the current language."""
    return _resolve(COMMON | PHONE)
