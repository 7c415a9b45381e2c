"""Service areas, counters and priority categories: list, add, edit, reorder, deactivate.

Every change is an edit of the whole configuration (``motcua.services.hall_items``),
validated like the TOML file and applied live; nothing is ever deleted.
"""

from __future__ import annotations

import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from admin.fields import posted, small_int
from admin.problems import Errors, sort_problems
from admin.routes import actor, bp
from admin.specs import ITEMS, KEYS, TITLES
from hallcore.errors import NotFound
from motcua.configcheck import ConfigInvalid
from motcua.hallctx import current_hall
from motcua.services import admin_config, hall_items
from motcua.services.setup import ConfigChangedMeanwhile

KINDS = {"sectors": "sector", "counters": "counter", "priorities": "priority"}
KIND_URL = "<any(sectors,counters,priorities):kinds>"
CODE = re.compile(r"^[A-Za-z0-9_-]{1,16}$")


def _ident(kind: str, raw: str):
    """Return the item's code (or a counter's number) from the URL; 404 if malformed."""
    if kind == "counter":
        number = small_int(raw, 3)
        if number is None:
            abort(404)
        return number
    if not CODE.match(raw):
        abort(404)
    return raw


def _list_page(kinds: str, errors: Errors | None = None, status: int = 200):
    kind = KINDS[kinds]
    config = admin_config.current_config(current_hall())
    return render_template(
        "admin/items.html",
        kinds=kinds,
        kind=kind,
        key=KEYS[kind],
        title=TITLES[kind],
        items=config[kind],
        sector_names={s["code"]: s["name"] for s in config["sector"]},
        inactive=hall_items.inactive_items(current_hall(), kind),
        errors=errors or Errors(),
    ), status


@bp.get(f"/{KIND_URL}")
def items(kinds: str):
    """List the sectors, counters or priority categories in force, and the deactivated ones."""
    return _list_page(kinds)


def _form_page(kinds: str, ident, values: dict, errors: Errors | None = None, status=200):
    kind = KINDS[kinds]
    config = admin_config.current_config(current_hall())
    return render_template(
        "admin/item_form.html",
        kinds=kinds,
        kind=kind,
        ident=ident,
        title=TITLES[kind],
        fields=[f for f in ITEMS[kind] if ident is None or not f.new_only],
        values=values,
        sectors=config["sector"],
        errors=errors or Errors(),
    ), status


@bp.get(f"/{KIND_URL}/new")
def new_item(kinds: str):
    """The form to add a sector, counter or priority category."""
    return _form_page(kinds, None, {})


@bp.post(f"/{KIND_URL}/new")
def add_item(kinds: str):
    """Add a sector, counter or priority category."""
    return _save(kinds, None)


@bp.post(f"/{KIND_URL}/<ident>")
def save_item(kinds: str, ident: str):
    """Save one sector, counter or priority category (its code or number stays)."""
    return _save(kinds, _ident(KINDS[kinds], ident))


@bp.get(f"/{KIND_URL}/<ident>")
def edit_item(kinds: str, ident: str):
    """The form to edit one sector, counter or priority category."""
    kind = KINDS[kinds]
    key = _ident(kind, ident)
    config = admin_config.current_config(current_hall())
    item = next((i for i in config[kind] if i[KEYS[kind]] == key), None)
    if item is None:
        abort(404)
    return _form_page(kinds, key, item)


def _save(kinds: str, key):
    kind = KINDS[kinds]
    values = posted(ITEMS[kind], request.form, new=key is None)
    try:
        hall_items.save_item(current_hall(), actor(), kind, values, ident=key)
    except ConfigInvalid as err:
        data = getattr(err, "data", None) or {}
        index = _index_of(data.get(kind, []), kind, key, values)
        errors = sort_problems(err.problems, (kind, index), data)
        flash(_("Not saved: please correct what is marked below."), "error")
        return _form_page(kinds, key, values, errors, 422)
    except NotFound:
        abort(404)
    except ConfigChangedMeanwhile:
        flash(_("Someone else was saving at the same moment; please try again."), "error")
        return _form_page(kinds, key, values, None, 409)
    flash(_("Saved. Screens in the hall show the change now."), "ok")
    return redirect(url_for("admin.items", kinds=kinds))


def _index_of(items: list, kind: str, key, values: dict) -> int:
    """Return where the edited (or the new, last) item is in the edited configuration."""
    if key is None:
        return len(items) - 1
    return next((i for i, item in enumerate(items) if item[KEYS[kind]] == key), -1)


@bp.post(f"/{KIND_URL}/<ident>/<any(up,down,deactivate,reactivate):change>")
def change_item(kinds: str, ident: str, change: str):
    """Move an item up or down, deactivate it, or bring a deactivated one back."""
    kind = KINDS[kinds]
    key = _ident(kind, ident)
    hall, who = current_hall(), actor()
    try:
        if change in ("up", "down"):
            hall_items.move_item(hall, who, kind, key, -1 if change == "up" else 1)
        elif change == "deactivate":
            hall_items.deactivate_item(hall, who, kind, key)
            flash(
                _(
                    "%(what)s %(key)s is deactivated; its history is kept.",
                    what=TITLES[kind],
                    key=key,
                ),
                "ok",
            )
        else:
            hall_items.reactivate_item(hall, who, kind, key)
            flash(_("%(what)s %(key)s is in service again.", what=TITLES[kind], key=key), "ok")
    except NotFound:
        abort(404)
    except hall_items.StillInUse as err:
        flash(_still_in_use(kind, key, err.params), "error")
        return _list_page(kinds, None, 409)
    except ConfigInvalid as err:
        flash(_("Not changed: please correct what is listed below first."), "error")
        return _list_page(kinds, sort_problems(err.problems, (), getattr(err, "data", None)), 422)
    except ConfigChangedMeanwhile:
        flash(_("Someone else was saving at the same moment; please try again."), "error")
    return redirect(url_for("admin.items", kinds=kinds))


def _still_in_use(kind: str, key, params: dict) -> str:
    if kind == "sector":
        return _(
            "Service area %(key)s still has %(n)s citizens waiting or being served today: "
            "deactivate it when its line is empty.",
            key=key,
            n=params.get("count"),
        )
    return _(
        "Counter %(key)s is serving number %(ticket)s: deactivate it once that is finished.",
        key=key,
        ticket=params.get("ticket"),
    )
