"""Officers: list, create, edit role and counters, reset a password, disable or enable.

Resetting a password or disabling someone ends their sessions and tokens at once
(see ``motcua.services.staff``).
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from admin.fields import small_int
from admin.problems import Errors, sort_problems
from admin.routes import actor, bp
from hallcore.errors import NotFound
from motcua.hallctx import current_hall
from motcua.services import staff
from motcua.services.refusal import Refused

ROLES = (
    ("counter", _l("Counter officer")),
    ("supervisor", _l("Supervisor (leader)")),
    ("admin", _l("Administrator")),
)


def _numbers(values: list[str]) -> list[int]:
    return [n for v in values if (n := small_int(v, 3)) is not None]


def _page(template: str, status: int = 200, **context):
    hall = current_hall()
    context.setdefault("errors", Errors())
    counters = [{"number": c.number, "name": c.name} for c in hall.config().counters]
    return render_template(template, roles=ROLES, counters=counters, **context), status


@bp.get("/officers")
def officers():
    """Every officer, the disabled ones last."""
    return _page("admin/officers.html", officers=staff.list_officers(current_hall()))


@bp.get("/officers/new")
def new_officer():
    """The form to create an officer account."""
    values = {"username": "", "full_name": "", "role": "counter", "counters": []}
    return _page("admin/officer_new.html", values=values)


def _officer_fields(form) -> dict:
    """The officer form's name, role and counters (new and edit pages alike)."""
    return {
        "full_name": form.get("full_name", "").strip(),
        "role": form.get("role", ""),
        "counters": _numbers(form.getlist("counters")),
    }


@bp.post("/officers/new")
def create_officer():
    """Create an officer account with a role and the counters they may work at."""
    form = request.form
    values = {"username": form.get("username", "").strip()} | _officer_fields(form)
    try:
        staff.create_officer(
            current_hall(),
            actor(),
            username=values["username"],
            full_name=values["full_name"],
            role=values["role"],
            password=form.get("password", ""),
            counters_allowed=values["counters"],
        )
    except Refused as err:
        flash(_("Not saved: please correct what is marked below."), "error")
        errors = sort_problems(err.problems)
        return _page("admin/officer_new.html", 422, values=values, errors=errors)
    flash(_("Officer %(name)s created: they can sign in now.", name=values["username"]), "ok")
    return redirect(url_for("admin.officers"))


def _officer(user_id: int) -> dict:
    try:
        return staff.get_officer(current_hall(), user_id)
    except NotFound:
        abort(404)


@bp.get("/officers/<int:user_id>")
def officer(user_id: int):
    """One officer: name, role and counters; the password; disable or enable."""
    person = _officer(user_id)
    return _page("admin/officer.html", person=person, values=dict(person))


@bp.post("/officers/<int:user_id>")
def save_officer(user_id: int):
    """Save an officer's name, role and counters."""
    person = _officer(user_id)
    form = request.form
    values = dict(person) | _officer_fields(form)
    try:
        staff.update_officer(
            current_hall(),
            actor(),
            user_id,
            full_name=values["full_name"],
            role=values["role"],
            counters_allowed=values["counters"],
        )
    except Refused as err:
        flash(_("Not saved: please correct what is marked below."), "error")
        errors = sort_problems(err.problems)
        return _page("admin/officer.html", 422, person=person, values=values, errors=errors)
    flash(_("Saved."), "ok")
    return redirect(url_for("admin.officer", user_id=user_id))


@bp.post("/officers/<int:user_id>/password")
def officer_password(user_id: int):
    """Set a new password; the officer is signed out everywhere."""
    person = _officer(user_id)
    try:
        staff.reset_password(current_hall(), actor(), user_id, request.form.get("password", ""))
    except Refused as err:
        flash(_("The password was not changed."), "error")
        return _page(
            "admin/officer.html",
            422,
            person=person,
            values=person,
            errors=sort_problems(err.problems),
        )
    flash(
        _("New password set. %(name)s has been signed out everywhere.", name=person["username"]),
        "ok",
    )
    return redirect(url_for("admin.officer", user_id=user_id))


@bp.post("/officers/<int:user_id>/<any(disable,enable):change>")
def officer_active(user_id: int, change: str):
    """Disable an officer (sessions, tokens and counter sign-in end now) or enable again."""
    person = _officer(user_id)
    try:
        staff.set_active(current_hall(), actor(), user_id, change == "enable")
    except Refused as err:
        flash(_("Not changed."), "error")
        return _page(
            "admin/officer.html",
            422,
            person=person,
            values=person,
            errors=sort_problems(err.problems),
        )
    if change == "disable":
        flash(_("%(name)s is disabled and signed out everywhere.", name=person["username"]), "ok")
    else:
        flash(_("%(name)s can sign in again.", name=person["username"]), "ok")
    return redirect(url_for("admin.officer", user_id=user_id))
