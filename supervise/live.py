"""The live supervision page: every counter, queue and device, with alerts (phone first)."""

from __future__ import annotations

from flask import redirect, render_template, url_for
from flask_babel import gettext as _

from motcua.hallctx import current_hall
from motcua.services.supervision import supervision_snapshot
from supervise.access import leader_required
from supervise.routes import bp


@bp.get("/")
@leader_required
def live():
    """Watch the hall live: counters, queues, devices and what needs attention."""
    return render_template(
        "supervise/live.html", first=supervision_snapshot(current_hall()), strings=live_strings()
    )


@bp.get("/live")
@leader_required
def live_alias():
    return redirect(url_for("supervise.live"))


def live_strings() -> dict:
    """Return the words the live page's script shows (translated here, on the server)."""
    return {
        "serving": _("Serving {number}"),
        "idle": _("Idle"),
        "paused": _("Paused"),
        "closed": _("Closed"),
        "for": _("for {time}"),
        "since": _("since {time}"),
        "no_officer": _("No officer signed in"),
        "waiting": _("{n} waiting"),
        "oldest": _("longest wait {time}"),
        "estimate": _("a newcomer waits about {time}"),
        "today": _("today: {issued} issued, {served} served, {no_show} absent"),
        "online": _("Online"),
        "offline": _("Offline"),
        "last_seen": _("last seen {time} ago"),
        "never_seen": _("never connected"),
        "print_ok": _("last ticket printed"),
        "print_failed": _("last print failed: {error}"),
        "alert_long_wait": _("{sector}: a citizen has waited {time}"),
        "alert_idle_counter": _("Counter {counter} has been idle {time} while citizens wait"),
        "alert_print_failed": _("{device}: a ticket did not print ({error})"),
        "alert_device_offline": _("{kind} “{device}” is not connected"),
        "no_alerts": _("Nothing needs attention"),
        "kind_kiosk": _("Ticket kiosk"),
        "kind_display": _("Hall display"),
        "kind_rating": _("Rating tablet"),
        "counter_n": _("counter {n}"),
        "minutes": _("{n} min"),
        "hours": _("{h} h {m} min"),
        "seconds": _("{n} s"),
        "connected": _("Live"),
        "disconnected": _("Reconnecting…"),
    }
