"""JSON shapes of the API's resources."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from motcua.services.tickets import TicketView


def iso(value: datetime | None, tz: ZoneInfo) -> str | None:
    """ISO 8601 with the hall's offset, e.g. 2026-11-24T09:00:00+07:00."""
    return value.astimezone(tz).isoformat(timespec="seconds") if value else None


def ticket_json(view: TicketView) -> dict:
    t = view.ticket
    return {
        "id": t.id,
        "token": t.token,
        "number": t.number,
        "sector": t.sector,
        "sector_name": view.sector_name,
        "sector_name_en": view.sector_name_en,
        "priority": t.priority,
        "status": str(t.status),
        "service_day": t.service_day.isoformat(),
        "issued_at": iso(t.issued_at, view.tz),
        "called_at": iso(t.called_at, view.tz),
        "finished_at": iso(t.finished_at, view.tz),
        "counter": t.counter,
        "counter_name": view.counter_name,
        "call_count": t.call_count,
        "ahead": view.ahead,
        "estimated_wait_s": view.estimated_wait_s,
    }
