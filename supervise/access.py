"""Who may open supervision pages: signed-in supervisors and admins."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import render_template
from flask_login import current_user, login_required

LEADER_ROLES = ("supervisor", "admin")


def leader_required(view: Callable) -> Callable:
    """Send strangers to the sign-in page; tell a counter officer (403) this is not theirs."""

    @wraps(view)
    def guarded(*args, **kwargs):
        if current_user.role not in LEADER_ROLES:
            return render_template("supervise/forbidden.html"), 403
        return view(*args, **kwargs)

    return login_required(guarded)
