"""Every server→client Socket.IO emit lives here, each with an explicit namespace and room.

Namespaces (who connects → what they receive):

- ``/display`` hall TVs (read-only, anyone on the LAN): ``board``, ``ticket_called``
- ``/kiosk``   paired kiosks: ``board`` (waiting counts, open sectors)
- a paired kiosk, display or rating tablet is also in room ``device:<id>``:
  ``device_changed`` when an administrator edits or revokes it (the page reloads)
- ``/ticket``  a citizen's phone, joined to its ticket and sector rooms:
  ``ticket_updated`` (its own ticket), ``queue_changed`` (its sector's line)
- ``/counter`` a signed-in officer, in room ``counter:<n>``: ``counter_state``
- ``/rating``  a counter's paired tablet, in room ``rating:<n>``: ``rating_state``,
  ``rating_requested``, ``rating_closed``
- ``/supervise`` supervisors and admins: ``supervision`` (live hall, alerts), ``print_failed``

Which committed fact causes which of these pushes is decided in ``motcua.reactions``.
"""

from __future__ import annotations

from socketio import PubSubManager

from hallcore.model import Ticket
from motcua.api.serialize import ticket_json
from motcua.extensions import socketio
from motcua.hallctx import current_hall
from motcua.services import desk, rating_requests
from motcua.services.payloads import (
    board_payload,
    call_payload,
    phone_payload,
    print_failed_payload,
)
from motcua.services.printing import PrintFailed
from motcua.services.snapshot import waiting_lines
from motcua.services.supervision import supervision_snapshot
from motcua.services.tickets import TicketView, view_of

NS_DISPLAY = "/display"
NS_KIOSK = "/kiosk"
NS_COUNTER = "/counter"
NS_TICKET = "/ticket"
NS_RATING = "/rating"
NS_SUPERVISE = "/supervise"
BOARD_NAMESPACES = (NS_DISPLAY, NS_KIOSK)


def watched(namespace: str, room: str | None = None) -> bool:
    """Whether anyone may receive an emit to this room (``None``: the whole namespace).

    Payloads cost queries, so a push nobody would receive is not computed. Under a
    message queue other processes hold rooms of their own: always assume someone.
    """
    manager = socketio.server.manager
    if isinstance(manager, PubSubManager):
        return True
    return bool(manager.rooms.get(namespace, {}).get(room))


def device_room(device_id: int) -> str:
    return f"device:{device_id}"


def ticket_room(token: str) -> str:
    return f"ticket:{token}"


def sector_room(code: str) -> str:
    return f"sector:{code}"


def send_board(to: str, namespace: str) -> None:
    """Send the full board to one freshly connected client."""
    socketio.emit("board", board_payload(current_hall()), namespace=namespace, to=to)


def broadcast_board() -> None:
    """Push the fresh board to every display and kiosk."""
    audience = [ns for ns in BOARD_NAMESPACES if watched(ns)]
    if not audience:
        return
    payload = board_payload(current_hall())
    for namespace in audience:
        socketio.emit("board", payload, namespace=namespace)


def ticket_called(ticket: Ticket, recall: bool) -> None:
    """Tell every display that a number is called to a counter (and the ticket's phone).

    With no display connected nothing is announced: the voice is made when a display
    asks for its ``audio_url``, so a call costs no speech synthesis nobody would hear.
    """
    if watched(NS_DISPLAY):
        payload = call_payload(view_of(current_hall(), ticket), recall)
        socketio.emit("ticket_called", payload, namespace=NS_DISPLAY)
    ticket_updated(ticket)


def ticket_updated(ticket: Ticket) -> None:
    """Tell the phone following this ticket where it stands now."""
    if not watched(NS_TICKET, ticket_room(ticket.token)):
        return
    view = view_of(current_hall(), ticket)
    socketio.emit(
        "ticket_updated",
        {"ticket": ticket_json(view)},
        namespace=NS_TICKET,
        to=ticket_room(ticket.token),
    )


def queue_changed(*codes: str) -> None:
    """Send each affected sector's waiting line to the phones following that sector."""
    codes = [code for code in codes if watched(NS_TICKET, sector_room(code))]
    if not codes:
        return
    for code, line in waiting_lines(current_hall(), codes).items():
        socketio.emit(
            "queue_changed",
            {"sector": code, "line": line},
            namespace=NS_TICKET,
            to=sector_room(code),
        )


# --- Kiosk and phone page (issue 3) ---------------------------------------------


def send_ticket(to: str, view: TicketView, previous: TicketView | None) -> None:
    """Send a phone that just connected the ticket it follows (and where it came from)."""
    socketio.emit("ticket_updated", phone_payload(view, previous), namespace=NS_TICKET, to=to)


def print_failed(event: PrintFailed) -> None:
    """Tell the supervisors at once that a ticket did not print (the citizen kept the number)."""
    socketio.emit("print_failed", print_failed_payload(event), namespace=NS_SUPERVISE)


# --- Paired devices ----------------------------------------------------------------

DEVICE_NAMESPACES = {"kiosk": NS_KIOSK, "display": NS_DISPLAY, "rating": NS_RATING}


def device_changed(device_id: int, kind: str) -> None:
    """Tell the open page of a device just edited or revoked to load its new pairing."""
    namespace, room = DEVICE_NAMESPACES.get(kind), device_room(device_id)
    if namespace is None or not watched(namespace, room):
        return
    socketio.emit("device_changed", {"device": device_id}, namespace=namespace, to=room)


# --- Live supervision (issue 6) ---------------------------------------------------


def send_supervision(to: str | None = None) -> None:
    """Send the live hall (counters, queues, devices, alerts) to one supervisor or all."""
    if to is None and not watched(NS_SUPERVISE):
        return
    payload = supervision_snapshot(current_hall())
    socketio.emit("supervision", payload, namespace=NS_SUPERVISE, to=to)


def refresh_screens() -> None:
    """The coalesced redraw: every board screen and every supervisor."""
    broadcast_board()
    send_supervision()


# --- Counter workstation and rating tablet (issue 5) -----------------------------
#
# ``/counter`` room ``counter:<n>``: the officer signed in to counter n gets
#   ``counter_state`` (status, current ticket, queue, own tally, recent tickets,
#   pending rating) on connect and whenever any of it changes.
# ``/rating`` room ``rating:<n>``: counter n's paired tablet gets ``rating_state``
#   (idle screen) on connect and when the counter changes, ``rating_requested`` for a
#   ticket just finished there, and ``rating_closed`` once it is rated or another
#   number is called. Payloads come from the database, so every process agrees.


def counter_room(number: int) -> str:
    return f"counter:{number}"


def rating_room(number: int) -> str:
    return f"rating:{number}"


def send_counter_state(number: int, to: str | None = None) -> None:
    """Send counter n's full workstation state to its officer (or one client).

    The state takes a dozen queries, so a broadcast nobody would receive is skipped.
    """
    if to is None and not watched(NS_COUNTER, counter_room(number)):
        return
    payload = desk.desk_state(current_hall(), number)
    socketio.emit("counter_state", payload, namespace=NS_COUNTER, to=to or counter_room(number))


def send_rating_state(number: int, to: str | None = None) -> None:
    """Send the tablet's idle screen, then the pending request if one is open."""
    hall = current_hall()
    target = to or rating_room(number)
    socketio.emit(
        "rating_state", rating_requests.tablet_state(hall, number), namespace=NS_RATING, to=target
    )
    request = rating_requests.rating_request(hall, number)
    if request is not None:
        socketio.emit("rating_requested", request, namespace=NS_RATING, to=target)


def rating_closed(number: int, ticket_id: int | None, reason: str) -> None:
    """Tell counter n's tablet to stop asking (``ticket`` None: whatever it shows)."""
    payload = {"counter": number, "ticket": ticket_id, "reason": reason}
    socketio.emit("rating_closed", payload, namespace=NS_RATING, to=rating_room(number))


def rating_idle(number: int) -> None:
    """Redraw counter n's tablet idle screen (its officer or status changed)."""
    if not watched(NS_RATING, rating_room(number)):
        return
    idle = rating_requests.tablet_state(current_hall(), number)
    socketio.emit("rating_state", idle, namespace=NS_RATING, to=rating_room(number))


def rating_asked(number: int, ticket_id: int) -> None:
    """Ask counter n's tablet to rate this ticket, if it is still the one waiting."""
    if not watched(NS_RATING, rating_room(number)):
        return
    request = rating_requests.rating_request(current_hall(), number)
    if request is not None and request["ticket"] == ticket_id:
        socketio.emit("rating_requested", request, namespace=NS_RATING, to=rating_room(number))


def rating_overtaken(number: int) -> None:
    """Close counter n's tablet prompt when a new call leaves no rating pending there."""
    if not watched(NS_RATING, rating_room(number)):
        return
    if rating_requests.rating_request(current_hall(), number) is None:
        rating_closed(number, None, "called")
