"""Background duties of a serving process: expire leftover tickets, prepare printing."""

from __future__ import annotations

from flask import Flask

from motcua.extensions import socketio
from motcua.presence import STAMP_EVERY_S
from motcua.realtime import send_supervision
from motcua.services.print_jobs import warm_up_printing
from motcua.services.tickets import expire_stale

EVERY_S = 300


def start_housekeeping(app: Flask) -> None:
    """Expire tickets of past days now and every few minutes (idempotent across processes)."""
    hall = app.extensions["motcua_hall"]

    def loop() -> None:
        while True:
            try:
                expired = expire_stale(hall)
                if expired:
                    app.logger.info("expired %d tickets left from earlier days", expired)
            except Exception:
                app.logger.exception("housekeeping failed; will retry")
            socketio.sleep(EVERY_S)

    def warm_up() -> None:
        try:
            if warm_up_printing(hall):
                app.logger.info("printing libraries loaded (this hall prints tickets)")
        except Exception:
            app.logger.exception("could not prepare printing; the first print will retry")

    def stamp_devices() -> None:
        presence = app.extensions["motcua_presence"]
        while True:
            socketio.sleep(STAMP_EVERY_S)
            try:
                presence.stamp_connected()
                # Waits grow and devices fall silent without any fact: redraw supervisors.
                with app.app_context():
                    send_supervision()
            except Exception:
                app.logger.exception("could not refresh devices and supervision")

    socketio.start_background_task(loop)
    socketio.start_background_task(stamp_devices)
    socketio.start_background_task(warm_up)
