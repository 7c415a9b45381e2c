"""What a ticket says (plain data, cheap to import: no imaging library)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TicketContent:
    """The ticket's text, already in the hall's language, and its QR code's address."""

    hall_name: str
    title: str
    number: str
    sector: str
    priority: str | None
    ahead: str
    issued: str
    qr_url: str
    qr_caption: str
    notice: str
