"""Which committed fact causes which pushes (the pushes themselves are in ``realtime``).

Services publish facts on the event bus after they commit; ``attach`` hands them to
the Dispatcher (motcua.dispatch), which runs the reactions below in this order: the
display's ``ticket_called`` first, then the phones', counters' and tablets' updates.
"""

from __future__ import annotations

from flask import Flask, current_app

from hallcore.events import (
    CounterChanged,
    DeviceChanged,
    HallChanged,
    HallEvent,
    RatingRecorded,
    TicketCalled,
    TicketChanged,
    TicketFinished,
    TicketIssued,
    TicketTransferred,
)
from motcua import realtime
from motcua.dispatch import Dispatcher, counters_changed, lines_changed, reacts_to
from motcua.hallctx import current_hall
from motcua.services import desk_audience
from motcua.services.printing import PrintFailed

# --- Hall screens and phones ----------------------------------------------------------


@reacts_to(TicketCalled)
def _call_announced(event: TicketCalled) -> None:
    realtime.ticket_called(event.ticket, event.recall)
    if not event.recall:
        lines_changed(event.ticket.sector)


@reacts_to(TicketIssued)
def _line_grew(event: TicketIssued) -> None:
    lines_changed(event.ticket.sector)


@reacts_to(TicketChanged)
def _ticket_moved_on(event: TicketChanged) -> None:
    realtime.ticket_updated(event.ticket)
    lines_changed(event.ticket.sector)


@reacts_to(TicketTransferred)
def _ticket_transferred(event: TicketTransferred) -> None:
    realtime.ticket_updated(event.ticket)
    lines_changed(event.previous.sector, event.ticket.sector)


@reacts_to(PrintFailed)
def _print_failed(event: PrintFailed) -> None:
    realtime.print_failed(event)
    current_app.extensions["motcua_realtime"].refresh_screens()


@reacts_to(DeviceChanged)
def _device_changed(event: DeviceChanged) -> None:
    realtime.device_changed(event.device, event.kind)


# --- Counter workstations and rating tablets ------------------------------------------


@reacts_to(TicketIssued, TicketCalled, TicketChanged, TicketTransferred)
def _counter_queues_changed(event: HallEvent) -> None:
    if not realtime.watched(realtime.NS_COUNTER):
        return
    counters_changed(*desk_audience.counters_whose_queue_changed(current_hall(), event))


@reacts_to(CounterChanged)
def _counter_changed(event: CounterChanged) -> None:
    counters_changed(event.counter)  # the acting page fetches its own state at once anyway
    realtime.rating_idle(event.counter)


@reacts_to(HallChanged)
def _hall_changed(event: HallChanged) -> None:
    counters_changed(*desk_audience.staffed_counters(current_hall()))


@reacts_to(TicketFinished)
def _rating_asked(event: TicketFinished) -> None:
    realtime.rating_asked(event.ticket.counter, event.ticket.id)


@reacts_to(TicketCalled)
def _rating_overtaken(event: TicketCalled) -> None:
    if not event.recall:
        realtime.rating_overtaken(event.ticket.counter)


@reacts_to(RatingRecorded)
def _rating_recorded(event: RatingRecorded) -> None:
    realtime.rating_closed(event.ticket.counter, event.ticket.id, "rated")
    realtime.send_counter_state(event.ticket.counter)


def attach(app: Flask) -> Dispatcher:
    """Subscribe the reactions to the app's event bus, through one Dispatcher per process."""
    dispatcher = Dispatcher(
        app,
        send_lines=realtime.queue_changed,
        send_board=realtime.refresh_screens,
        send_counter=realtime.send_counter_state,
    )
    app.extensions["motcua_hall"].bus.subscribe(dispatcher.submit)
    app.extensions["motcua_realtime"] = dispatcher
    return dispatcher
