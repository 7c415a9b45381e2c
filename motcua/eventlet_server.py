"""Serve with eventlet's own WSGI server (one process) when gunicorn lacks its eventlet worker.

Usage: ``python -m motcua.eventlet_server HOST PORT`` (``motcua serve --worker eventlet``).
"""

import eventlet

eventlet.monkey_patch()

import os  # noqa: E402
import sys  # noqa: E402

os.environ["MOTCUA_ASYNC_MODE"] = "eventlet"
# psycopg 3 must wait through eventlet's hub or it blocks the whole process.
os.environ.setdefault("PSYCOPG_WAIT_FUNC", "wait_select")

from motcua.extensions import socketio  # noqa: E402


def main() -> None:
    host, port = sys.argv[1], int(sys.argv[2])
    from motcua.wsgi import app  # builds the serving app (housekeeping, frozen start-up)

    socketio.run(app, host=host, port=port, log_output=False)


if __name__ == "__main__":
    main()
