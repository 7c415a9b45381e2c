"""Reprinting a ticket, the print log supervisors read, and the start-up font check."""

from __future__ import annotations

from sqlalchemy import select

from hallcore.errors import Forbidden, InvalidTransition, TicketNotFound
from hallcore.model import ACTIVE_STATUSES
from motcua.services.context import Actor, Hall
from motcua.services.printing import PrintResult, print_ticket, read_kiosk
from motcua.services.tickets import TicketView, describe
from motcua.storage import hall_repo, ticket_repo
from motcua.storage.tables import counters, devices, print_jobs, sectors, tickets
from printers.fonts import TicketFonts, font_problems
from printers.transports import NO_PRINTER

OVERSEERS = ("supervisor", "admin")


def _check_may_reprint(conn, actor: Actor) -> None:
    """Allow supervisors, admins, and officers signed in to a counter."""
    if actor.kind != "officer":
        raise Forbidden(reason="officer_only")
    if actor.role in OVERSEERS:
        return
    at_counter = conn.execute(
        select(counters.c.id).where(
            counters.c.officer_id == actor.id, counters.c.status != "closed"
        )
    ).first()
    if at_counter is None:
        raise Forbidden(reason="not_signed_in")


def reprint_ticket(
    hall: Hall, ticket_id: int, actor: Actor, base_url: str
) -> tuple[TicketView, PrintResult]:
    """Print a waiting or called ticket again, on the printer of the kiosk that issued it."""
    with hall.db.read() as conn:
        _check_may_reprint(conn, actor)
        first = ticket_repo.get_ticket(conn, ticket_id)
        if first is None:
            raise TicketNotFound(ticket=ticket_id)
        ticket = ticket_repo.latest_step(conn, first.token)
        if ticket.status not in ACTIVE_STATUSES:
            raise InvalidTransition(ticket=ticket.number, status=str(ticket.status))
        view = describe(conn, ticket, hall.data(conn))
        first_step = select(tickets.c.device_id).where(tickets.c.token == ticket.token)
        kiosk = read_kiosk(conn, conn.execute(first_step.order_by(tickets.c.id)).scalar())
    result = print_ticket(hall, view, base_url, kiosk, reprint=True, actor=actor)
    return view, result


def recent_print_jobs(hall: Hall, actor: Actor, *, failed_only: bool, limit: int) -> list[dict]:
    """Return the newest print jobs (supervisors and admins), failures first if asked."""
    if actor.kind != "officer" or actor.role not in OVERSEERS:
        raise Forbidden(reason="role")
    stmt = (
        select(
            print_jobs,
            tickets.c.number,
            sectors.c.code.label("sector"),
            devices.c.name.label("device_name"),
        )
        .join(tickets, tickets.c.id == print_jobs.c.ticket_id)
        .join(sectors, sectors.c.id == tickets.c.sector_id)
        .outerjoin(devices, devices.c.id == print_jobs.c.device_id)
        .order_by(print_jobs.c.created_at.desc(), print_jobs.c.id.desc())
        .limit(limit)
    )
    if failed_only:
        stmt = stmt.where(print_jobs.c.status == "failed")
    with hall.db.read() as conn:
        tz = hall.data(conn).settings.tz
        rows = conn.execute(stmt).all()
    return [
        {
            "id": row.id,
            "ticket": {"id": row.ticket_id, "number": row.number, "sector": row.sector},
            "device": row.device_name,
            "printer": row.printer,
            "status": row.status,
            "error": row.error or None,
            "reprint": bool(row.reprint),
            "created_at": row.created_at.astimezone(tz).isoformat(timespec="seconds"),
        }
        for row in rows
    ]


def _print_setup(hall: Hall) -> tuple[dict, list[str], bool]:
    """Return the printer section, every text a ticket may carry, and whether anything prints."""
    with hall.db.read() as conn:
        st = hall.data(conn).settings
        printer = st.sections.get("printer", {})
        own_printers = [
            (options or {}).get("printer_url")
            for options in conn.execute(
                select(devices.c.options).where(devices.c.revoked_at.is_(None))
            ).scalars()
        ]
        texts = [printer.get("notice", "")]
        hall_section = st.sections.get("hall", {})
        texts += [hall_section.get("name", ""), hall_section.get("name_en", "")]
        for s in hall_repo.list_sectors(conn, active_only=False):
            texts += [s.name, s.name_en]
        for p in hall_repo.list_priorities(conn, active_only=False):
            texts += [p.name, p.name_en]
    printing = (printer.get("url") or "none").lower() not in NO_PRINTER or any(own_printers)
    return printer, texts, printing


def printer_font_problems(hall: Hall) -> list[str]:
    """Return why the configured ticket fonts cannot print this hall's texts (empty: fine).

    Checked only when something can print: the hall's printer, a kiosk's own printer,
    or a font chosen on purpose.
    """
    printer, texts, printing = _print_setup(hall)
    if not (printing or printer.get("font") or printer.get("font_bold")):
        return []
    return font_problems(TicketFonts.from_settings(printer), texts)


def warm_up_printing(hall: Hall) -> bool:
    """Load the imaging and ESC/POS libraries now if this hall prints (not on a citizen's tap)."""
    if not _print_setup(hall)[2]:
        return False
    import printers.job  # noqa: F401
    import printers.render  # noqa: F401

    return True
