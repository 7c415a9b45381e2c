"""How committed facts become emits: the reaction registry and one dispatcher per process.

``realtime`` holds every emit; ``reactions`` registers which fact causes which with
``reacts_to``. The Dispatcher runs them in order, off the request, and coalesces the
expensive board and waiting-line broadcasts.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import Flask, current_app

from hallcore.events import (
    CounterChanged,
    HallChanged,
    HallEvent,
    TicketCalled,
    TicketChanged,
    TicketIssued,
    TicketTransferred,
)
from motcua.extensions import socketio

BOARD_EVENTS = (
    TicketIssued,
    TicketCalled,
    TicketChanged,
    TicketTransferred,
    CounterChanged,
    HallChanged,
)
_REACTIONS: list[tuple[tuple[type, ...], Callable[[HallEvent], None]]] = []


def reacts_to(*kinds: type):
    """Register a function that sends the emits caused by facts of these kinds."""

    def register(fn: Callable[[HallEvent], None]):
        _REACTIONS.append((kinds, fn))
        return fn

    return register


def dispatch(event: HallEvent) -> None:
    """Run every reaction registered for this fact (the board is handled by the Dispatcher)."""
    for kinds, fn in _REACTIONS:
        if isinstance(event, kinds):
            fn(event)


def lines_changed(*codes: str) -> None:
    """Re-send these sectors' waiting lines to phones (coalesced by the Dispatcher)."""
    current_app.extensions["motcua_realtime"].lines_changed(*codes)


def counters_changed(*numbers: int) -> None:
    """Re-send these counters' workstation states (coalesced by the Dispatcher)."""
    current_app.extensions["motcua_realtime"].counters_changed(*numbers)


STOP = object()
FLUSH = object()
BOARD_INTERVAL_S = 0.25  # screens redraw at most 4 times a second; calls are never delayed


class Dispatcher:
    """Emits committed facts from one background task per process, in order.

    The request that caused a fact returns as soon as it has committed. Calls and
    a ticket's own updates go out at once; the board, the sectors' waiting lines and
    the other counters' workstations are recomputed at most every BOARD_INTERVAL_S,
    so a burst of tickets costs a few broadcasts instead of one each (per counter).
    """

    def __init__(
        self, app: Flask, send_lines: Callable, send_board: Callable, send_counter: Callable
    ) -> None:
        self.app = app
        self.send_lines = send_lines
        self.send_board = send_board
        self.send_counter = send_counter
        self.queue = None
        self.board_dirty = False
        self.dirty_sectors: set[str] = set()
        self.dirty_counters: set[int] = set()
        self.next_board_at = 0.0

    def submit(self, event) -> None:
        if self.queue is None:
            self.queue = socketio.server.eio.create_queue()
            socketio.start_background_task(self._run)
        self.queue.put(event)

    def refresh_screens(self) -> None:
        """Ask for a coalesced redraw of every screen although no board fact occurred."""
        self.board_dirty = True

    def lines_changed(self, *codes: str) -> None:
        """Note sectors whose waiting line must be re-sent (at the next coalesced emit)."""
        self.dirty_sectors.update(codes)

    def counters_changed(self, *numbers: int) -> None:
        """Note counters whose workstation must be re-sent (at the next coalesced emit)."""
        self.dirty_counters.update(numbers)

    def _dirty(self) -> bool:
        return self.board_dirty or bool(self.dirty_sectors) or bool(self.dirty_counters)

    def _emit_coalesced(self) -> None:
        codes, self.dirty_sectors = self.dirty_sectors, set()
        numbers, self.dirty_counters = self.dirty_counters, set()
        board, self.board_dirty = self.board_dirty, False
        self.next_board_at = time.monotonic() + BOARD_INTERVAL_S
        with self.app.app_context():
            if codes:
                self._safely(lambda c: self.send_lines(*c), sorted(codes))
            for number in sorted(numbers):
                self._safely(self.send_counter, number)
            if board:
                self._safely(lambda _: self.send_board(), None)

    def _handle(self, event) -> None:
        if event is FLUSH:
            if self._dirty():
                self._emit_coalesced()
            return
        with self.app.app_context():
            self._safely(dispatch, event)
        if isinstance(event, BOARD_EVENTS):
            self.board_dirty = True

    def _run(self) -> None:
        empty = socketio.server.eio.get_queue_empty_exception()
        while True:
            timeout = max(0.0, self.next_board_at - time.monotonic()) if self._dirty() else None
            try:
                event = self.queue.get(timeout=timeout)
            except empty:
                self._emit_coalesced()
                continue
            try:
                if event is STOP:
                    return
                self._handle(event)
                if self._dirty() and time.monotonic() >= self.next_board_at:
                    self._emit_coalesced()
            finally:
                self.queue.task_done()

    @staticmethod
    def _safely(fn, arg) -> None:
        try:
            fn(arg)
        except Exception:
            current_app.logger.exception("realtime emit failed")

    def stop(self) -> None:
        """End the background task (after emitting what was already submitted)."""
        if self.queue is not None:
            self.queue.put(STOP)

    def flush(self) -> None:
        """Block until every submitted fact, and the board it changed, has been emitted."""
        if self.queue is not None:
            self.queue.put(FLUSH)
            self.queue.join()
