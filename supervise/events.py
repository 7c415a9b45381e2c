"""Socket.IO handlers of ``/supervise``: hall leaders watching live."""

from __future__ import annotations

from flask import request
from flask_login import current_user

from motcua import realtime
from motcua.extensions import socketio
from supervise.access import LEADER_ROLES


@socketio.on("connect", namespace=realtime.NS_SUPERVISE)
def supervisor_connected(auth=None):
    """A supervisor or admin connects (anyone else is refused); the live hall is sent at once."""
    if not current_user.is_authenticated or current_user.role not in LEADER_ROLES:
        raise ConnectionRefusedError("supervisors_only")
    realtime.send_supervision(to=request.sid)
