"""The administrator's "print test ticket": a sample ticket through the real print path.

It is rendered and sent exactly like a citizen's ticket (same fonts, width, time
limits and transport) to the hall's printer or a kiosk's own, but no ticket is
issued: the outcome goes to the audit log, not to ``print_jobs``.
"""

from __future__ import annotations

import dataclasses
import logging

from sqlalchemy import select

from hallcore.errors import NotFound
from motcua.services.admin_config import require_admin
from motcua.services.context import Actor, Hall
from motcua.services.printing import PreparedPrint, PrintResult, send_prepared
from motcua.storage import hall_repo
from motcua.storage.tables import devices
from printers.fonts import FontError, TicketFonts
from printers.labels import ticket_content
from printers.outcome import PrintOutcome
from printers.transports import PrinterUrlError, parse_printer_url

log = logging.getLogger(__name__)


def printer_targets(hall: Hall) -> list[dict]:
    """Return where a test ticket can go: the hall's printer and each kiosk's own printer."""
    with hall.db.read() as conn:
        url = hall.data(conn).settings.sections.get("printer", {}).get("url") or "none"
        rows = conn.execute(
            select(devices.c.id, devices.c.name, devices.c.options).where(
                devices.c.kind == "kiosk", devices.c.revoked_at.is_(None)
            )
        ).all()
    targets = [{"device": None, "name": None, "url": url}]
    for row in rows:
        own = (row.options or {}).get("printer_url")
        if own:
            targets.append({"device": row.id, "name": row.name, "url": own})
    return targets


def _prepare(hall: Hall, base_url: str, title: str, device_id: int | None) -> PreparedPrint:
    target = next((t for t in printer_targets(hall) if t["device"] == device_id), None)
    if target is None:
        raise NotFound(device=device_id)
    with hall.db.read() as conn:
        st = hall.data(conn).settings
        sector = hall_repo.list_sectors(conn)[0]
    printer = st.sections.get("printer", {})
    hall_section = st.sections.get("hall", {})
    english = hall_section.get("language") == "en"
    content = ticket_content(
        language=hall_section.get("language", "vi"),
        hall_name=(hall_section.get("name_en") if english else "") or hall_section.get("name", ""),
        number=sector.number_for(1),
        sector=(sector.name_en if english else "") or sector.name,
        priority=None,
        ahead=0,
        issued_at=hall.now().astimezone(st.tz),
        qr_url=f"{base_url}/",
        notice=printer.get("notice", ""),
    )
    return PreparedPrint(
        printer_url=target["url"],
        device_name=target["name"],
        content=dataclasses.replace(content, title=title),
        width=int(printer.get("width", 576)),
        fonts=TicketFonts.from_settings(printer),
        connect_timeout_s=float(printer.get("connect_timeout_s", 3.0)),
    )


def print_test_ticket(
    hall: Hall, actor: Actor, base_url: str, *, title: str, device_id: int | None = None
) -> PrintResult:
    """Print a sample ticket headed ``title`` and say how it went (never raises on a fault)."""
    require_admin(actor)
    prepared = _prepare(hall, base_url, title, device_id)
    try:
        url = parse_printer_url(prepared.printer_url)
        if url is None:
            return PrintResult("skipped")
        outcome = send_prepared(url, prepared)
    except (PrinterUrlError, FontError) as err:
        code = "config" if isinstance(err, PrinterUrlError) else "font"
        outcome = PrintOutcome("failed", code, str(err))
    except Exception as err:  # the administrator gets an answer, not a 500
        log.exception("test ticket not printed on %s", prepared.printer_url)
        outcome = PrintOutcome("failed", "error", f"{type(err).__name__}: {err}")
    with hall.db.write() as conn:
        hall_repo.write_audit(
            conn,
            at=hall.now(),
            actor=actor.name,
            actor_id=actor.officer_id,
            action="printer.test",
            target=prepared.printer_url[:200],
            detail={"status": outcome.status, "code": outcome.code, "error": outcome.detail},
        )
    return PrintResult(outcome.status, outcome.code)
