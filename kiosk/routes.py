"""The kiosk page (paired kiosks only) and the citizen's phone page with its QR code."""

from __future__ import annotations

import io
from dataclasses import asdict

import segno
from flask import Blueprint, Response, current_app, render_template, request

from hallcore.errors import TicketNotFound
from kiosk.follow import follow_ticket
from kiosk.strings import kiosk_strings, phone_strings
from motcua.api.serialize import ticket_json
from motcua.auth import current_device
from motcua.hallctx import current_hall
from motcua.services.printing import phone_url, public_base_url
from motcua.services.snapshot import hall_snapshot
from motcua.services.tickets import ticket_status

bp = Blueprint("kiosk", __name__, template_folder="templates")
TOKEN_MAX = 64


def _sections() -> dict[str, dict]:
    return current_hall().config().settings.sections


def _kiosk_settings() -> dict:
    sections = _sections()
    kiosk = sections.get("kiosk", {})
    return {
        "return_after_s": int(kiosk.get("return_after_s", 10)),
        "idle_s": int(kiosk.get("idle_s", 45)),
        "language": sections.get("hall", {}).get("language", "vi"),
    }


@bp.get("/kiosk")
def kiosk():
    """The touch kiosk: a paired kiosk sees its sectors; any other browser, how to pair it."""
    device = current_device()
    if device is None or device.device_kind != "kiosk":
        return render_template("kiosk/not_paired.html"), 403
    data = {
        "device": device.name,
        "sectors": device.options.get("sectors") or None,
        "board": asdict(hall_snapshot(current_hall(), recent=0)),
        **_kiosk_settings(),
    }
    return render_template("kiosk/kiosk.html", data=data, strings=kiosk_strings())


@bp.get("/t/<string:token>")
def phone(token: str):
    """The citizen's phone page for a ticket (public: the token is unguessable)."""
    try:
        if len(token) > TOKEN_MAX:
            raise TicketNotFound()
        view, previous = follow_ticket(current_hall(), token)
    except TicketNotFound:
        return render_template("kiosk/phone_missing.html"), 404
    moved = None
    if previous is not None and previous.ticket.sector != view.ticket.sector:
        moved = {"sector_name": previous.sector_name, "sector_name_en": previous.sector_name_en}
    data = {"token": token, "ticket": ticket_json(view), "transferred_from": moved}
    hall = _sections().get("hall", {})
    return render_template("kiosk/phone.html", data=data, hall=hall, strings=phone_strings())


@bp.get("/t/<string:token>/qr.svg")
def phone_qr(token: str):
    """The QR code of a ticket's phone page, drawn here (no CDN, no script)."""
    if len(token) > TOKEN_MAX:
        return Response(status=404)
    try:
        ticket_status(current_hall(), token)
    except TicketNotFound:
        return Response(status=404)
    base = public_base_url(current_app.config.get("PUBLIC_URL"), request.host_url)
    svg = io.BytesIO()
    segno.make(phone_url(base, token), error="m").save(
        svg, kind="svg", scale=8, border=2, omitsize=True, xmldecl=False, title="QR"
    )
    response = Response(svg.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response
