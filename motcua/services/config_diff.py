"""What a configuration change changed: old → new values, for the audit log.

Both sides are ``HallConfig.model_dump()``. Lists of sectors, counters, priority
categories and rating reasons are compared by their code (or number), so an edit
reads ``sector HT.daily_cap: 999 → 200`` rather than "list item 1 changed".
"""

from __future__ import annotations

SECTIONS = ("hall", "queue", "rating", "printer", "voice", "display", "kiosk")
# label, key of each item, whether the order matters
ITEM_LISTS = (("sector", "code", True), ("counter", "number", False), ("priority", "code", True))


def config_changes(before: dict | None, after: dict) -> list[dict]:
    """Return the changes from ``before`` to ``after`` (empty when nothing changed)."""
    if before is None:
        return []
    changes: list[dict] = []
    for section in SECTIONS:
        old, new = before.get(section) or {}, after.get(section) or {}
        for key in [*new, *(k for k in old if k not in new)]:
            if (section, key) == ("rating", "reasons"):
                changes += _item_changes("rating.reasons", "code", True, old.get(key), new.get(key))
            elif old.get(key) != new.get(key):
                changes.append(_changed(f"{section}.{key}", old.get(key), new.get(key)))
    for label, key, ordered in ITEM_LISTS:
        changes += _item_changes(label, key, ordered, before.get(label), after.get(label))
    return changes


def _changed(what: str, old, new) -> dict:
    return {"kind": "changed", "what": what, "old": old, "new": new}


def _item_changes(label: str, key: str, ordered: bool, old_items, new_items) -> list[dict]:
    old = {item[key]: item for item in old_items or []}
    new = {item[key]: item for item in new_items or []}
    changes: list[dict] = []
    for ident, item in new.items():
        if ident not in old:
            changes.append({"kind": "added", "what": f"{label} {ident}", "new": item})
            continue
        for field, value in item.items():
            if field != key and old[ident].get(field) != value:
                changes.append(_changed(f"{label} {ident}.{field}", old[ident].get(field), value))
    for ident, item in old.items():
        if ident not in new:
            # Rows of the database are deactivated, never deleted; reasons are just removed.
            kind = "removed" if "." in label else "deactivated"
            changes.append({"kind": kind, "what": f"{label} {ident}", "old": item})
    kept_before = [i for i in old if i in new]
    kept_after = [i for i in new if i in old]
    if ordered and kept_before != kept_after:
        changes.append({"kind": "order", "what": label, "old": kept_before, "new": kept_after})
    return changes


def show(value) -> str:
    """Return a value as the audit log shows it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(show(v) for v in value) or "—"
    if isinstance(value, dict):
        return " · ".join(f"{k}={show(v)}" for k, v in value.items())
    if value == "":
        return '""'
    return str(value)


def change_line(change: dict) -> str:
    """Return one change as a line, e.g. ``sector HT.daily_cap: 999 → 200``."""
    kind, what = change["kind"], change["what"]
    if kind == "added":
        return f"{what}: added"
    if kind in ("removed", "deactivated"):
        return f"{what}: {kind}"
    if kind == "order":
        return f"{what} order: {show(change['old'])} → {show(change['new'])}"
    return f"{what}: {show(change['old'])} → {show(change['new'])}"
