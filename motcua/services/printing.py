"""Printing tickets after they are committed: render, send within a time limit, record.

A print never raises and never loses the ticket: every outcome, good or bad, is
recorded in ``print_jobs`` (what supervisors look at), and a failure is published
on the bus so counter screens can say so at once.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import insert, select

from hallcore.model import Ticket
from motcua import blocking
from motcua.services.context import Actor, Hall
from motcua.services.tickets import TicketView
from motcua.storage import hall_repo
from motcua.storage.tables import devices, print_jobs
from printers.content import TicketContent
from printers.fonts import FontError, TicketFonts, font_problems
from printers.labels import print_error, ticket_content
from printers.outcome import PrintOutcome, Timeouts
from printers.transports import PrinterUrl, PrinterUrlError, parse_printer_url

log = logging.getLogger(__name__)
_printer_locks: dict[str, threading.Lock] = {}


@dataclass(frozen=True)
class PrintFailed:
    """A ticket could not be printed (a fact for counter and supervisor screens)."""

    ticket: Ticket
    device: str | None
    printer: str
    code: str


@dataclass(frozen=True)
class PrintResult:
    """The answer's ``print`` field: ok, failed (with why) or skipped (no printer)."""

    status: str
    code: str = ""

    def as_json(self) -> dict:
        error = print_error(self.code) if self.status == "failed" else None
        return {"status": self.status, "code": self.code or None, "error": error}


def public_base_url(configured: str | None, host_url: str) -> str:
    """Return the address phones use: PUBLIC_URL if set, else the one the request came in on."""
    return (configured or host_url).rstrip("/")


def phone_url(base_url: str, token: str) -> str:
    """Return the phone page of a ticket (the QR code's target)."""
    return f"{base_url}/t/{token}"


@lru_cache(maxsize=64)
def _missing_glyphs(fonts: TicketFonts, texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(font_problems(fonts, texts))


@dataclass(frozen=True)
class Kiosk:
    """The device a ticket is printed for: its name and its own printer, if it has one."""

    id: int
    name: str
    printer_url: str | None

    @classmethod
    def paired(cls, device_id: int, name: str, options: dict | None) -> Kiosk:
        """A paired device, from its row: its options may name its own printer."""
        return cls(device_id, name, (options or {}).get("printer_url"))

    @classmethod
    def of(cls, actor: Actor) -> Kiosk | None:
        """The issuing device itself (its row was read when it authenticated), if any."""
        if actor.kind != "device" or actor.id is None:
            return None
        return cls.paired(actor.id, actor.name, actor.options)


def read_kiosk(conn, device_id: int | None) -> Kiosk | None:
    """Read a device by id (a reprint goes to the kiosk that issued the ticket)."""
    if device_id is None:
        return None
    row = conn.execute(
        select(devices.c.name, devices.c.options).where(devices.c.id == device_id)
    ).first()
    if row is None:
        return None
    return Kiosk.paired(device_id, row.name, row.options)


@dataclass(frozen=True)
class PreparedPrint:
    """Everything needed to print one ticket, from the settings it was issued under."""

    printer_url: str
    device_name: str | None
    content: TicketContent
    width: int
    fonts: TicketFonts
    connect_timeout_s: float


def printer_for(view: TicketView, kiosk: Kiosk | None) -> str:
    """Return the printer URL: the kiosk's own printer, else the hall's ("none": no printer)."""
    printer = view.config.settings.sections.get("printer", {})
    return (kiosk.printer_url if kiosk else None) or printer.get("url") or "none"


def _priority_name(hall: Hall, view: TicketView, english: bool) -> str | None:
    code = view.ticket.priority
    if code is None:
        return None
    category = next((p for p in view.config.priorities if p.code == code), None)
    if category is None:  # retired since the ticket was issued: still print its name
        with hall.db.read() as conn:
            retired = hall_repo.list_priorities(conn, active_only=False)
        category = next((p for p in retired if p.code == code), None)
    if category is None:
        return None
    return (category.name_en if english else "") or category.name


def prepare_print(
    hall: Hall, view: TicketView, base_url: str, kiosk: Kiosk | None = None
) -> PreparedPrint:
    """Return the printer to use and the ticket's printed content, in the hall's language."""
    st = view.config.settings
    printer = st.sections.get("printer", {})
    hall_section = st.sections.get("hall", {})
    language = hall_section.get("language", "vi")
    english = language == "en"
    content = ticket_content(
        language=language,
        hall_name=(hall_section.get("name_en") if english else "") or hall_section.get("name", ""),
        number=view.ticket.number,
        sector=(view.sector_name_en if english else "") or view.sector_name,
        priority=_priority_name(hall, view, english),
        ahead=view.ahead,
        issued_at=view.ticket.issued_at.astimezone(view.tz),
        qr_url=phone_url(base_url, view.ticket.token),
        notice=printer.get("notice", ""),
    )
    return PreparedPrint(
        printer_url=printer_for(view, kiosk),
        device_name=kiosk.name if kiosk else None,
        content=content,
        width=int(printer.get("width", 576)),
        fonts=TicketFonts.from_settings(printer),
        connect_timeout_s=float(printer.get("connect_timeout_s", 3.0)),
    )


def send_prepared(url: PrinterUrl, prepared: PreparedPrint) -> PrintOutcome:
    """Render one prepared ticket and send it within the printer's time limits."""
    # Imaging and ESC/POS libraries load on the first print: most processes never print.
    from printers.job import build_job, send_job
    from printers.render import render_ticket

    content = prepared.content
    texts = (content.hall_name, content.sector, content.priority or "", content.notice)
    problems = _missing_glyphs(prepared.fonts, texts)
    if problems:
        log.error("ticket not printed: %s", "; ".join(problems))
        return PrintOutcome("failed", "font", "; ".join(problems))
    image = render_ticket(content, prepared.width, prepared.fonts).image
    job = build_job(image, prepared.width)
    connect_s = prepared.connect_timeout_s
    timeouts = Timeouts(connect_s=connect_s, status_s=min(0.8, connect_s), write_s=connect_s + 2)
    budget = timeouts.connect_s + timeouts.status_s + timeouts.write_s + 1
    lock = _printer_locks.setdefault(url.text, threading.Lock())
    if not lock.acquire(timeout=budget):
        return PrintOutcome("failed", "busy", "another ticket is still being sent")
    try:
        if url.is_network:  # sockets are cooperative under gevent/eventlet
            return send_job(url, job, timeouts)
        return blocking.run(lambda: send_job(url, job, timeouts), budget)
    except TimeoutError:
        return PrintOutcome("failed", "timeout", f"no answer within {budget:.0f} s")
    finally:
        lock.release()


def _record(hall: Hall, view: TicketView, device_id, url_text, outcome, reprint, actor) -> None:
    now = hall.now()
    with hall.db.write() as conn:
        conn.execute(
            insert(print_jobs).values(
                ticket_id=view.ticket.id,
                device_id=device_id,
                printer=url_text[:200],
                status=outcome.status,
                error=f"{outcome.code}: {outcome.detail}".strip(": ") if outcome.code else "",
                reprint=reprint,
                created_at=now,
            )
        )
        if reprint:
            hall_repo.write_audit(
                conn,
                at=now,
                actor=actor.name,
                actor_id=actor.officer_id,
                action="ticket.reprint",
                target=view.ticket.number,
                detail={"ticket": view.ticket.id, "print": outcome.status},
            )


def print_ticket(
    hall: Hall,
    view: TicketView,
    base_url: str,
    kiosk: Kiosk | None = None,
    *,
    reprint: bool = False,
    actor: Actor | None = None,
) -> PrintResult:
    """Print a committed ticket on the kiosk's (or the hall's) printer; never raises."""
    url_text = "none"
    device_id = kiosk.id if kiosk else None
    try:
        url_text = printer_for(view, kiosk)
        url = parse_printer_url(url_text)
        if url is None:  # no printer here: nothing to prepare
            return PrintResult("skipped")
        prepared = prepare_print(hall, view, base_url, kiosk)
        outcome = send_prepared(url, prepared)
    except (PrinterUrlError, FontError) as err:
        outcome = PrintOutcome("failed", "config" if isinstance(err, PrinterUrlError) else "font")
        log.error("ticket %s not printed: %s", view.ticket.number, err)
    except Exception as err:  # a print problem must never turn an issued ticket into a 500
        log.exception("ticket %s not printed", view.ticket.number)
        outcome = PrintOutcome("failed", "error", f"{type(err).__name__}: {err}")
    if not outcome.ok:
        log.warning("print failed on %s: %s %s", url_text, outcome.code, outcome.detail)
    try:
        _record(hall, view, device_id, url_text, outcome, reprint, actor)
    except Exception:
        log.exception("could not record the print job of ticket %s", view.ticket.number)
    if not outcome.ok:
        device_name = kiosk.name if kiosk else None
        hall.bus.publish(PrintFailed(view.ticket, device_name, url_text, outcome.code))
    return PrintResult(outcome.status, outcome.code)
