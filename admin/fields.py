"""Posted form values → configuration data, by the field definitions of ``admin.specs``."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from admin.specs import ITEMS, REASON_FIELDS, SECTIONS, FormField

WHOLE = re.compile(r"-?[0-9]+")


def small_int(raw: str | None, digits: int = 6) -> int | None:
    """Return a short run of ASCII digits as a number (None for anything else)."""
    raw = (raw or "").strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= digits else None


def convert(field: FormField, form: MultiDict):
    """Return one posted value as configuration data (types only; never judged here)."""
    if field.kind == "bool":
        return field.name in form
    if field.kind == "ranked":
        return [v for v in form.getlist(field.name) if v]
    raw = (form.get(field.name) or "").strip()
    if field.kind in ("int", "optional_int", "int_choice", "int_radio"):
        if not raw and field.kind == "optional_int":
            return None
        # Longer than any setting allows: pydantic says "too large" without parsing it all.
        return int(raw) if WHOLE.fullmatch(raw) and len(raw) <= 18 else raw
    if field.kind == "float":
        return raw.replace(",", ".")  # "2,5" is how a Vietnamese officer writes 2.5
    if not raw and field.optional:
        return None
    return raw


def posted(fields: tuple[FormField, ...], form: MultiDict, *, new: bool = True) -> dict:
    """Return the values a form posted for these fields (an item's identity only when new)."""
    return {f.name: convert(f, form) for f in fields if new or not f.new_only}


def posted_reasons(form: MultiDict) -> list[dict]:
    """Return the rating reasons rows posted, without the empty and the removed ones."""
    columns = [form.getlist(f"reason_{f.name}") for f in REASON_FIELDS]
    removed = set(form.getlist("reason_remove"))
    rows = []
    for i, values in enumerate(zip(*columns, strict=False)):
        row = {f.name: v.strip() for f, v in zip(REASON_FIELDS, values, strict=True)}
        if str(i) not in removed and any(row.values()):
            rows.append(row)
    return rows


def field_label(kind: str, name: str) -> object:
    """Return the label of a field of a section or an item kind (the name if unknown)."""
    for field in (*SECTIONS.get(kind, ()), *ITEMS.get(kind, ())):
        if field.name == name:
            return field.label
    if (kind, name) == ("rating", "reasons"):
        return _l("Reasons for “Not satisfied”")
    return name
