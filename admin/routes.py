"""The administration blueprint: who may enter, the start page and the audit log.

Every page and form here is for administrators only: anyone else signed in gets
403, and a visitor who is not signed in is sent to the sign-in page. Forms POST
with a CSRF token (Flask-WTF); nothing changes on GET.
"""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from admin.audit_text import action_label, audit_lines
from admin.fields import small_int
from admin.specs import NAV
from hallcore.errors import NotFound
from motcua.hallctx import current_hall
from motcua.services.audit import audit_page
from motcua.services.context import Actor
from motcua.services.devices import list_devices
from motcua.services.staff import list_officers

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


@bp.before_request
def administrators_only():
    """Send visitors to sign in; refuse officers who are not administrators."""
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    if current_user.role != "admin":
        return render_template("admin/forbidden.html"), 403
    return None


@bp.app_template_global()
def admin_nav() -> list[tuple[str, str, bool]]:
    """Return the administration menu: (url, label, whether the page shown belongs to it)."""
    items = []
    for endpoint, args, label in NAV:
        url = url_for(endpoint, **args)
        if endpoint == "admin.index":
            here = request.path == url
        else:
            section = url.rsplit("/", 1)[0] if endpoint == "admin.settings" else url
            here = request.path == section or request.path.startswith(section + "/")
        items.append((url, str(label), here))
    return items


@bp.app_template_filter("hall_time")
def hall_time(moment: datetime | None) -> datetime | None:
    """Show a stored (UTC) time in the hall's timezone."""
    return moment.astimezone(current_hall().config().settings.tz) if moment else None


@bp.errorhandler(NotFound)
def not_found(err: NotFound):
    """Something asked for (a sector, an officer, a device) does not exist (any more)."""
    return render_template("admin/missing.html"), 404


def actor() -> Actor:
    """Return the signed-in administrator as the services' actor."""
    return current_user.actor()


@bp.get("/")
def index():
    """The start page: the hall at a glance and the latest changes."""
    hall = current_hall()
    data = hall.config()
    summary = {
        "sectors": len(data.sectors),
        "counters": len(data.counters),
        "priorities": len(data.priorities),
        "officers": sum(1 for o in list_officers(hall) if o["active"]),
        "devices": sum(1 for d in list_devices(hall) if d["revoked_at"] is None),
    }
    latest = audit_page(hall, actor(), 1, per_page=5)["entries"]
    return render_template(
        "admin/index.html",
        hall_name=data.settings.sections.get("hall", {}).get("name", ""),
        summary=summary,
        latest=latest,
        audit_lines=audit_lines,
        action_label=action_label,
    )


@bp.get("/audit")
def audit():
    """The audit log: who changed what, when; newest first, 50 to a page."""
    result = audit_page(current_hall(), actor(), small_int(request.args.get("page")) or 1)
    return render_template(
        "admin/audit.html", result=result, audit_lines=audit_lines, action_label=action_label
    )


from admin import (  # noqa: E402, F401  (the pages register themselves on bp)
    config_views,
    device_views,
    item_views,
    settings_views,
    staff_views,
)
