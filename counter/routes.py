"""Counter pages: choose a counter, the officer's workstation, and the rating tablet.

Pages only read; every action goes through the JSON API (``static/js/counter.js``),
so the page and the API can never disagree.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from counter import strings
from hallcore.errors import CounterNotFound
from motcua.auth import current_device
from motcua.hallctx import current_hall
from motcua.services import desk, rating_requests
from motcua.services.snapshot import hall_snapshot

bp = Blueprint("counter", __name__, template_folder="templates")


@bp.get("/counter")
@login_required
def choose():
    """List the counters this officer may work at; choosing one signs in to it."""
    hall = current_hall()
    return render_template(
        "counter/choose.html",
        counters=desk.allowed_counters(hall, current_user.actor()),
        hall=hall_snapshot(hall, recent=0).hall,
        strings=strings.choose(),
    )


def _own_counter_or_redirect(number: int):
    """Return (state, None) for the officer's own counter, else (None, a redirect)."""
    hall = current_hall()
    if desk.signed_in_counter(hall, current_user.user_id) != number:
        try:
            desk.desk_state(hall, number)  # an unknown counter is a 404, not a redirect
        except CounterNotFound:
            abort(404)
        flash(_("Choose the counter you work at first."), "error")
        return None, redirect(url_for("counter.choose"))
    return desk.desk_state(hall, number), None


@bp.get("/counter/<counter:number>")
@login_required
def workstation(number: int):
    """The officer's workstation at counter ``number`` (signed in to it first)."""
    state, elsewhere = _own_counter_or_redirect(number)
    if elsewhere is not None:
        return elsewhere
    hall = current_hall()
    snapshot = hall_snapshot(hall, recent=0)
    data = {
        "counter": number,
        "officer_id": current_user.user_id,
        "state": state,
        "sectors": [{"code": s["code"], "name": s["name"]} for s in snapshot.sectors],
        "pause_reasons": [str(r) for r in strings.PAUSE_REASONS],
        "rating": rating_requests.rating_scale(hall),
        "lang": str(get_locale()),
    }
    return render_template(
        "counter/workstation.html",
        state=state,
        hall=snapshot.hall,
        data=data,
        strings=strings.workstation(),
        keys=strings.KEYS,
    )


@bp.get("/counter/<counter:number>/state")
@login_required
def state(number: int):
    """Return the workstation state as JSON (the page re-reads it after a refused action)."""
    state, elsewhere = _own_counter_or_redirect(number)
    if elsewhere is not None:
        abort(403)
    return jsonify(state)


def _paired_tablet_counter() -> int | None:
    device = current_device()
    if device is None or device.device_kind != "rating":
        return None
    return device.counter


@bp.get("/rating")
def rating_home():
    """Send a paired tablet to its counter's page; explain pairing to anyone else."""
    number = _paired_tablet_counter()
    if number is not None:
        return redirect(url_for("counter.tablet", number=number))
    return render_template("counter/not_paired.html", number=None), 403


@bp.get("/rating/<counter:number>")
def tablet(number: int):
    """The satisfaction-rating tablet of counter ``number`` (only its paired device)."""
    if _paired_tablet_counter() != number:
        return render_template("counter/not_paired.html", number=number), 403
    hall = current_hall()
    idle = rating_requests.tablet_state(hall, number)
    data = {"counter": number, "idle": idle, "lang": str(get_locale())}
    return render_template("counter/tablet.html", idle=idle, data=data, strings=strings.tablet())
