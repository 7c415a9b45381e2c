"""Socket.IO handlers of ``/counter`` (officers) and ``/rating`` (paired rating tablets).

Both namespaces only push (server → client); actions go through the JSON API.
"""

from __future__ import annotations

from flask import request
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, join_room

from hallcore.errors import CounterNotFound
from motcua import realtime
from motcua.auth import current_device
from motcua.extensions import socketio
from motcua.hallctx import current_hall
from motcua.presence import device_connected, device_disconnected
from motcua.services import desk


@socketio.on("connect", namespace=realtime.NS_COUNTER)
def counter_connected(auth=None):
    """An officer's counter page connects (refused unless signed in).

    It joins the room of the counter the officer is signed in to and receives that
    counter's ``counter_state``; the hall-wide ``board`` reaches it as to every screen.
    """
    if not current_user.is_authenticated:
        raise ConnectionRefusedError("unauthenticated")
    number = desk.signed_in_counter(current_hall(), current_user.user_id)
    if number is None:
        return
    join_room(realtime.counter_room(number))
    realtime.send_counter_state(number, to=request.sid)


@socketio.on("connect", namespace=realtime.NS_RATING)
def rating_connected(auth=None):
    """A rating tablet connects (refused unless it is a paired rating device).

    It joins its counter's room and receives ``rating_state`` (the idle screen),
    then ``rating_requested`` if a ticket finished there is still waiting for a rating.
    """
    device = current_device()
    if device is None or device.device_kind != "rating" or device.counter is None:
        raise ConnectionRefusedError("not_a_rating_tablet")
    device_connected(device)
    join_room(realtime.rating_room(device.counter))
    join_room(realtime.device_room(device.id))  # told when it is moved or revoked
    try:
        realtime.send_rating_state(device.counter, to=request.sid)
    except CounterNotFound:
        raise ConnectionRefusedError("counter_not_found") from None


@socketio.on("disconnect", namespace=realtime.NS_RATING)
def rating_disconnected(*_):
    """A rating tablet left (its last-seen time is kept for the supervisors)."""
    device_disconnected()
