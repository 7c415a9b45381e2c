"""Devices: the kiosks, displays and rating tablets paired to this hall.

Pairing happens on the device itself (``/devices/pair``: the browser that pairs
becomes the device). Here an administrator sees them all, changes what each one
shows, and revokes one (refused from its next request on).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from admin.fields import small_int
from admin.problems import Errors, sort_problems
from admin.routes import actor, bp
from hallcore.errors import NotFound
from motcua.hallctx import current_hall
from motcua.services import devices
from motcua.services.refusal import Refused


def _choices() -> dict:
    data = current_hall().config()
    return {
        "sectors": [{"code": s.code, "name": s.name} for s in data.sectors],
        "counters": [{"number": c.number, "name": c.name} for c in data.counters],
    }


@bp.get("/devices")
def devices_list():
    """Every device with its counter, options, creation and last request."""
    return render_template(
        "admin/devices.html",
        devices=devices.list_devices(current_hall()),
        pair_url=url_for("accounts.pair", _external=True),
        **_choices(),
    )


def _device(device_id: int) -> dict:
    try:
        device = devices.get_device(current_hall(), device_id)
    except NotFound:
        abort(404)
    if device["revoked_at"] is not None:
        abort(404)
    return device


def _posted(kind: str) -> dict:
    form = request.form
    values: dict = {"name": form.get("name", ""), "sectors": form.getlist("sectors")}
    if kind == "kiosk":
        values["printer_url"] = form.get("printer_url", "")
    if kind == "display":
        values["counters"] = [n for v in form.getlist("counters") if (n := small_int(v))]
        values["sound"] = "sound" in form
    if kind == "rating":
        values["counter"] = small_int(form.get("counter"))
    return values


def _device_page(found: dict, values: dict, errors: Errors | None = None, status: int = 200):
    return render_template(
        "admin/device.html", device=found, values=values, errors=errors or Errors(), **_choices()
    ), status


@bp.get("/devices/<int:device_id>")
def device(device_id: int):
    """The form to rename a device and change what it shows."""
    found = _device(device_id)
    values = {"sound": True, **found["options"], "name": found["name"]}
    return _device_page(found, values | {"counter": found["counter"]})


@bp.post("/devices/<int:device_id>")
def save_device(device_id: int):
    """Rename a device and change what it shows (kiosk, display) or its counter (tablet)."""
    found = _device(device_id)
    values = _posted(found["kind"])
    try:
        devices.update_device(current_hall(), actor(), device_id, values)
    except Refused as err:
        flash(_("Not saved: please correct what is marked below."), "error")
        return _device_page(found, values, sort_problems(err.problems), 422)
    flash(_("Saved. The device's open page takes the change as soon as nobody is using it."), "ok")
    return redirect(url_for("admin.devices_list"))


@bp.post("/devices/<int:device_id>/revoke")
def device_revoke(device_id: int):
    """Revoke a device: it is refused from its next request on."""
    found = _device(device_id)
    devices.revoke_device(current_hall(), actor(), device_id)
    flash(_("%(name)s is revoked: it no longer works.", name=found["name"]), "ok")
    return redirect(url_for("admin.devices_list"))
