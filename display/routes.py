"""``GET /display``: the hall TV page (read-only; data arrives over Socket.IO ``/display``).

Which counters and sectors a display shows comes from its pairing (a display
device's ``options``: ``{"counters": [1, 2], "sectors": ["HT"], "sound": false}``)
or, for an unpaired screen, from the query: ``/display?counters=1,2&sectors=HT,CT``.
``?sound=off`` keeps a second TV in the same room silent; ``?sound=ask`` asks again.
"""

from __future__ import annotations

import re

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from motcua.auth import current_device
from motcua.hallctx import current_hall
from motcua.i18n import weekday_names
from motcua.services.payloads import board_payload

bp = Blueprint("display", __name__, template_folder="templates")
CODE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")
MAX_ITEMS = 50


def _ints(raw: str | None) -> list[int]:
    values = []
    for part in (raw or "").split(",")[:MAX_ITEMS]:
        if part.strip().isdigit() and 1 <= int(part) <= 999:
            values.append(int(part))
    return values


def _codes(raw: str | None) -> list[str]:
    return [p.strip() for p in (raw or "").split(",")[:MAX_ITEMS] if CODE.match(p.strip())]


def display_options() -> dict:
    """Return what this screen shows: a paired display's options win over the query."""
    device = current_device()
    paired = device.options if device and device.device_kind == "display" else {}
    counters = [int(n) for n in paired.get("counters") or []] or _ints(request.args.get("counters"))
    sectors = [str(c) for c in paired.get("sectors") or []] or _codes(request.args.get("sectors"))
    sound = request.args.get("sound", "")
    if paired.get("sound") is False:
        sound = "off"
    return {
        "counters": counters,
        "sectors": sectors,
        "sound": sound if sound in ("off", "ask") else "",
        "device": device.name if device and device.device_kind == "display" else None,
    }


def js_strings() -> dict:
    """Return the words the page's script shows (translated here, on the server)."""
    return {
        "now_calling": _("Now calling"),
        "counter": _("Counter"),
        "counter_n": _("Counter {n}"),
        "recall": _("Called again"),
        "serving": _("Serving"),
        "ready": _("Ready"),
        "paused": _("On a break"),
        "closed": _("Closed"),
        "nobody_called": _("No number has been called yet"),
        "reconnecting": _("Reconnecting to the server…"),
        "weekdays": weekday_names(sunday_first=True),
    }


@bp.get("/display")
def board():
    """The hall display for a TV (landscape or portrait)."""
    return render_template(
        "display/board.html",
        options=display_options(),
        strings=js_strings(),
        board=board_payload(current_hall()),
    )
