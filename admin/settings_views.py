"""Settings pages: the hall and its rules, ratings, display, kiosk, voice and printer.

Each form changes one section of the configuration through
``admin_config.update_section`` (validated like the TOML file, applied live).
"""

from __future__ import annotations

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from admin.fields import posted, posted_reasons, small_int
from admin.problems import Errors, sort_problems
from admin.routes import actor, bp
from admin.specs import GENERAL, REASON_FIELDS, SECTIONS, TITLES
from motcua.configcheck import ConfigInvalid
from motcua.hallctx import current_hall
from motcua.services import admin_config
from motcua.services.printer_test import print_test_ticket, printer_targets
from motcua.services.printing import public_base_url
from motcua.services.setup import ConfigChangedMeanwhile
from motcua.voice.announcer import issuable
from motcua.voice.backends import make_backend
from motcua.voice.settings import VoiceSettings
from printers.labels import print_error

TEMPLATES = {"voice": "admin/voice.html", "printer": "admin/printer.html"}


def _render(section: str, values=None, errors=None, status: int = 200, **extra):
    current = admin_config.current_config(current_hall())[section]
    return render_template(
        TEMPLATES.get(section, "admin/settings.html"),
        section=section,
        title=TITLES[section],
        fields=SECTIONS[section],
        values=values if values is not None else current,
        errors=errors or Errors(),
        reason_fields=REASON_FIELDS,
        general=[(name, TITLES[name]) for name in GENERAL],
        **extra,
    ), status


def _save(section: str, page: str, endpoint_args: dict, **extra):
    values = posted(SECTIONS[section], request.form)
    if section == "rating":
        values["reasons"] = posted_reasons(request.form)
    try:
        changes = admin_config.update_section(current_hall(), actor(), section, values)
    except ConfigInvalid as err:
        flash(_("Not saved: please correct what is marked below."), "error")
        errors = sort_problems(err.problems, (section,), getattr(err, "data", None))
        return _render(section, values, errors, 422, **extra)
    except ConfigChangedMeanwhile:
        flash(_("Someone else was saving at the same moment; please try again."), "error")
        return _render(section, values, None, 409, **extra)
    if changes:
        flash(_("Saved. Screens in the hall show the change now."), "ok")
    else:
        flash(_("Nothing was changed."), "ok")
    return redirect(url_for(page, **endpoint_args))


SECTION_URL = "/settings/<any(hall,queue,rating,display,kiosk):section>"


@bp.get(SECTION_URL)
def settings(section: str):
    """The hall, queue rules, ratings, display and kiosk settings."""
    return _render(section)


@bp.post(SECTION_URL)
def save_settings(section: str):
    """Save one of the hall, queue rules, ratings, display and kiosk forms."""
    return _save(section, "admin.settings", {"section": section})


def _voice_extra() -> dict:
    data = current_hall().config()
    samples = []
    for sector in data.sectors:
        number = sector.number_for(25 if (sector.daily_cap or 25) >= 25 else 1)
        samples.append({"number": number, "label": f"{number} · {sector.name}"})
    counters = [{"number": c.number, "name": c.name} for c in data.counters]
    return {"samples": samples, "counters": counters, "problem": _voice_problem()}


def _voice_problem() -> str | None:
    data = current_hall().config()
    settings = VoiceSettings.from_section(
        data.settings.sections.get("voice"), current_app.instance_path
    )
    prefixes = "".join(sorted({s.prefix for s in data.sectors}))
    return make_backend(settings, prefixes).problem()


@bp.get("/voice")
def voice():
    """The voice that calls numbers, with a preview played through the real audio route."""
    return _render("voice", **_voice_extra())


@bp.post("/voice")
def save_voice():
    """Save the voice settings."""
    return _save("voice", "admin.voice", {}, **_voice_extra())


@bp.get("/voice/preview")
def voice_preview():
    """Return the sentence and audio URL of a sample call (the display's own /audio route)."""
    data = current_hall().config()
    number = request.args.get("number", "")[:16]
    counter = small_int(request.args.get("counter"), 3)
    if counter is None or data.counter(counter) is None:
        abort(404)
    if not issuable(number, list(data.sectors)):
        abort(404)
    announcement = current_app.extensions["motcua_voice"].announce(number, counter)
    return jsonify({**announcement, "problem": _voice_problem()})


def _printer_extra() -> dict:
    return {"targets": printer_targets(current_hall())}


@bp.get("/printer")
def printer():
    """Printer settings and the test-ticket button."""
    return _render("printer", **_printer_extra())


@bp.post("/printer")
def save_printer():
    """Save the printer settings."""
    return _save("printer", "admin.printer", {}, **_printer_extra())


@bp.post("/printer/test")
def printer_test():
    """Print a sample ticket on the chosen printer and say how it went."""
    hall = current_hall()
    device_id = small_int(request.form.get("device"), 9)
    language = hall.config().settings.sections.get("hall", {}).get("language", "vi")
    with force_locale(language):
        title = _("TEST TICKET")
    base = public_base_url(current_app.config.get("PUBLIC_URL"), request.host_url)
    result = print_test_ticket(hall, actor(), base, title=title, device_id=device_id)
    if result.status == "ok":
        flash(_("The test ticket was printed. Check the paper: letters, number and QR code."), "ok")
    elif result.status == "skipped":
        flash(_("No printer is set (the address is “none”): nothing was printed."), "error")
    else:
        flash(_("The test ticket was not printed: %(why)s", why=print_error(result.code)), "error")
    return redirect(url_for("admin.printer"))
