"""The ticket's fixed words and the printer's error messages, through Flask-Babel.

The ticket is printed in the hall's language (Vietnamese by default), whatever
language the citizen chose on the kiosk screen: staff read it too.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from motcua.i18n import WEEKDAYS
from printers.content import TicketContent

PRINT_ERRORS = {
    "offline": _l("The printer cannot be reached (switched off or unplugged)."),
    "timeout": _l("The printer stopped responding."),
    "no_paper": _l("The printer is out of paper."),
    "paper_low": _l("The paper roll is nearly finished."),
    "font": _l("The ticket font lacks some letters; see the server log."),
    "config": _l("The printer address in the settings is not valid."),
    "busy": _l("The printer is busy with another ticket."),
    "error": _l("The printer reported an error."),
}


def when_issued(moment: datetime) -> str:
    """Return e.g. "Thứ Hai, 24/11/2026 – 09:00" in the current language."""
    return f"{WEEKDAYS[moment.weekday()]}, {moment:%d/%m/%Y} – {moment:%H:%M}"


def people_ahead(ahead: int | None) -> str:
    if not ahead:
        return _("Nobody is waiting before you")
    return _("People waiting before you: %(n)s", n=ahead)


def ticket_content(
    *,
    language: str,
    hall_name: str,
    number: str,
    sector: str,
    priority: str | None,
    ahead: int | None,
    issued_at: datetime,
    qr_url: str,
    notice: str,
) -> TicketContent:
    """Return everything printed on a ticket, with fixed words in ``language``."""
    with force_locale(language):
        return TicketContent(
            hall_name=hall_name,
            title=_("QUEUE TICKET"),
            number=number,
            sector=sector,
            priority=_("Priority: %(name)s", name=priority) if priority else None,
            ahead=people_ahead(ahead),
            issued=when_issued(issued_at),
            qr_url=qr_url,
            qr_caption=_("Scan to follow your turn on your phone"),
            notice=notice,
        )


def print_error(code: str) -> str:
    """Return the translated explanation of a print failure code."""
    return str(PRINT_ERRORS.get(code, PRINT_ERRORS["error"]))
