"""Socket.IO handlers of ``/kiosk`` (paired kiosks) and ``/ticket`` (a citizen's phone)."""

from __future__ import annotations

from flask import request
from flask_socketio import join_room

from hallcore.errors import TicketNotFound
from kiosk.follow import follow_ticket
from motcua import realtime
from motcua.auth import current_device
from motcua.extensions import socketio
from motcua.hallctx import current_hall
from motcua.presence import device_connected, device_disconnected


@socketio.on("connect", namespace=realtime.NS_KIOSK)
def kiosk_connected(auth=None):
    """A kiosk connects: only a paired kiosk (its cookie) is let in; it gets the ``board``.

    It joins its device room, so an administrator's edit or revocation reaches it.
    """
    device = current_device()
    if device is None or device.device_kind != "kiosk":
        return False
    device_connected(device)
    join_room(realtime.device_room(device.id))
    realtime.send_board(request.sid, realtime.NS_KIOSK)
    return None


@socketio.on("disconnect", namespace=realtime.NS_KIOSK)
def kiosk_disconnected(*_):
    """A kiosk left (its last-seen time is kept for the supervisors)."""
    device_disconnected()


@socketio.on("connect", namespace=realtime.NS_TICKET)
def phone_connected(auth=None):
    """A phone connects with ``{"token"}``; it joins its ticket's and sector's rooms.

    It receives its ticket now (``ticket_updated``), then ``ticket_updated`` on every
    change and ``queue_changed`` whenever its sector's line moves.
    """
    token = auth.get("token") if isinstance(auth, dict) else None
    if not isinstance(token, str) or not 0 < len(token) <= 64:
        return False
    try:
        view, previous = follow_ticket(current_hall(), token)
    except TicketNotFound:
        return False
    join_room(realtime.ticket_room(token))
    join_room(realtime.sector_room(view.ticket.sector))
    realtime.send_ticket(request.sid, view, previous)
    return None
