"""The whole configuration as TOML: download it, or upload one (checked, previewed, applied).

The file is the same TOML that ``motcua config export`` prints and ``MOTCUA_CONFIG``
reads. An upload is validated by the same checks; on any problem nothing is applied
and each problem is shown with where it is in the file.
"""

from __future__ import annotations

import tomllib

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from admin.audit_text import change_text
from admin.problems import merge_clashes, message, toml_path, where_label
from admin.routes import actor, bp
from motcua.configcheck import ConfigInvalid, Problem
from motcua.hallconfig import dump_config
from motcua.hallctx import current_hall
from motcua.services import admin_config
from motcua.services.config_export import export_config
from motcua.services.setup import ConfigChangedMeanwhile


@bp.get("/config")
def config():
    """Download or upload the configuration."""
    return render_template("admin/config.html", problems=[])


@bp.get("/config.toml")
def config_download():
    """The configuration in force, as a TOML file."""
    hall = current_hall()
    day = hall.now().astimezone(hall.config().settings.tz).strftime("%Y%m%d")
    response = Response(dump_config(export_config(hall)), mimetype="application/toml")
    response.headers["Content-Disposition"] = f'attachment; filename="hall-{day}.toml"'
    return response


def _uploaded_text() -> str | None:
    upload = request.files.get("file")
    raw = upload.read() if upload and upload.filename else request.form.get("text", "").encode()
    try:
        return raw.decode("utf-8-sig")  # a file saved by Windows Notepad starts with a BOM
    except UnicodeDecodeError:
        return None


def _problems_page(err: ConfigInvalid | None, text: str = "", status: int = 422):
    problems = err.problems if err else [Problem((), "encoding", "not UTF-8")]
    try:
        data = tomllib.loads(text)  # to name items by their code, not their position
    except tomllib.TOMLDecodeError:
        data = None
    shown = [
        {"where": toml_path(p.where), "label": where_label(p.where, data), "text": message(p)}
        for p in merge_clashes(problems)
    ]
    if err is None:
        shown[0]["text"] = _("The file is not UTF-8 text; save it as UTF-8 and try again.")
    flash(_("Nothing was applied: the file has problems, listed below."), "error")
    return render_template("admin/config.html", problems=shown), status


@bp.post("/config/check")
def config_check():
    """Check an uploaded file and show what applying it would change."""
    text = _uploaded_text()
    if not text or not text.strip():
        if text is None:
            return _problems_page(None)
        flash(_("Choose a file (or paste its text) first."), "error")
        return render_template("admin/config.html", problems=[]), 400
    try:
        changes = admin_config.preview_import(current_hall(), actor(), text)[1]
    except ConfigInvalid as err:
        return _problems_page(err, text)
    return render_template(
        "admin/config_preview.html", text=text, changes=[change_text(c) for c in changes]
    )


@bp.post("/config/apply")
def config_apply():
    """Apply a checked file (checked again: the hall may have changed meanwhile)."""
    text = _uploaded_text()
    if text is None:
        return _problems_page(None)
    try:
        changes = admin_config.import_toml(current_hall(), actor(), text)
    except ConfigInvalid as err:
        return _problems_page(err, text)
    except ConfigChangedMeanwhile:
        flash(_("Someone else was saving at the same moment; please try again."), "error")
        return redirect(url_for("admin.config"))
    if changes:
        flash(
            _(
                "The configuration is applied: %(n)s changes. Screens show them now.",
                n=len(changes),
            ),
            "ok",
        )
    else:
        flash(_("Nothing was changed: the file matches the configuration in force."), "ok")
    return redirect(url_for("admin.config"))
