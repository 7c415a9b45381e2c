"""The audit log in words: what each action means and what changed (old → new)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from motcua.services.config_diff import show
from printers.labels import print_error

ACTIONS = {
    "config.apply": _l("Configuration loaded"),
    "config.import": _l("Configuration imported (TOML)"),
    "config.hall": _l("Hall settings changed"),
    "config.queue": _l("Queue rules changed"),
    "config.rating": _l("Rating settings changed"),
    "config.display": _l("Display settings changed"),
    "config.kiosk": _l("Kiosk settings changed"),
    "config.voice": _l("Voice settings changed"),
    "config.printer": _l("Printer settings changed"),
    "sector.add": _l("Service area added"),
    "sector.edit": _l("Service area changed"),
    "sector.move": _l("Service areas reordered"),
    "sector.deactivate": _l("Service area deactivated"),
    "sector.reactivate": _l("Service area reactivated"),
    "counter.add": _l("Counter added"),
    "counter.edit": _l("Counter changed"),
    "counter.deactivate": _l("Counter deactivated"),
    "counter.reactivate": _l("Counter reactivated"),
    "priority.add": _l("Priority category added"),
    "priority.edit": _l("Priority category changed"),
    "priority.move": _l("Priority categories reordered"),
    "priority.deactivate": _l("Priority category deactivated"),
    "priority.reactivate": _l("Priority category reactivated"),
    "staff.set": _l("Officer saved (command line)"),
    "staff.create": _l("Officer created"),
    "staff.edit": _l("Officer changed"),
    "staff.password": _l("Password reset"),
    "staff.disable": _l("Officer disabled"),
    "staff.enable": _l("Officer enabled again"),
    "device.pair": _l("Device paired"),
    "device.edit": _l("Device changed"),
    "device.revoke": _l("Device revoked"),
    "printer.test": _l("Test ticket printed"),
    "ticket.reprint": _l("Ticket reprinted"),
    "ticket.requeue": _l("Absent citizen put back in line"),
    "ticket.prioritize": _l("Ticket given priority"),
    "ticket.priority_insert": _l("Priority ticket issued by an officer"),
}


def action_label(action: str) -> str:
    """Return what an audited action was, in words (the code itself if unknown)."""
    return str(ACTIONS.get(action, action))


def change_text(change: dict) -> str:
    """Return one recorded change, e.g. “sector HT.daily_cap: 999 → 200”."""
    kind, what = change.get("kind"), change.get("what", "")
    if kind == "added":
        return _("%(what)s: added", what=what)
    if kind == "deactivated":
        return _("%(what)s: deactivated", what=what)
    if kind == "removed":
        return _("%(what)s: removed", what=what)
    old, new = show(change.get("old")), show(change.get("new"))
    if kind == "order":
        return _("%(what)s order: %(old)s → %(new)s", what=what, old=old, new=new)
    return f"{what}: {old} → {new}"


def audit_lines(entry: dict) -> list[str]:
    """Return the lines that say what an audit entry changed."""
    detail = entry.get("detail") or {}
    if entry.get("action") == "printer.test":
        if detail.get("status") == "ok":
            return [_("Printed.")]
        if detail.get("status") == "skipped":
            return [_("No printer is set.")]
        return [print_error(detail.get("code") or "error"), detail.get("error") or ""]
    if "changes" in detail and not detail.get("first"):
        return [change_text(c) for c in detail["changes"]] or [_("(nothing changed)")]
    skip = {"changes", "first"}
    return [
        f"{key}: {show(value)}"
        for key, value in detail.items()
        if key not in skip and value not in (None, "", [])
    ]
