"""Socket.IO handlers of ``/display``: the hall TVs, read-only.

Who may connect: anyone on the LAN. The board is public information (the same as
``GET /api/v1/hall``) and a display never sends anything but its connection, so an
unpaired screen works; a paired display is recognised by its device cookie (its
``options`` limit what the page shows, see ``display.routes``). There is no
client→server event on this namespace.
"""

from __future__ import annotations

import logging

from flask import request
from flask_socketio import join_room

from motcua import realtime
from motcua.auth import current_device
from motcua.extensions import socketio
from motcua.presence import device_connected, device_disconnected

log = logging.getLogger(__name__)


@socketio.on("connect", namespace=realtime.NS_DISPLAY)
def display_connected(auth=None):
    """A display connects; it receives the full ``board`` at once (and on every reconnect)."""
    device = current_device()
    if device is not None and device.device_kind == "display":
        log.debug("display %r connected (%s)", device.name, request.sid)
        device_connected(device)
        join_room(realtime.device_room(device.id))  # told when it is edited or revoked
    realtime.send_board(request.sid, realtime.NS_DISPLAY)


@socketio.on("disconnect", namespace=realtime.NS_DISPLAY)
def display_disconnected(*_):
    """A display left (a paired one's last-seen time is kept for the supervisors)."""
    device_disconnected()
