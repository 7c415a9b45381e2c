"""Start the production server: gunicorn with gevent workers (default) or eventlet.

gunicorn >= 26 has no eventlet worker; ``--worker eventlet`` then runs eventlet's
own WSGI server (one process). Install ``motcua[eventlet]`` (gunicorn < 26) to get
gunicorn's eventlet worker back.
"""

from __future__ import annotations

import os
import sys
from importlib.util import find_spec

import click

WORKER_CONNECTIONS = 4000  # far above expected sockets: at the cap a worker stops answering


def gunicorn_has_eventlet() -> bool:
    return find_spec("gunicorn.workers.geventlet") is not None


def check_scale_out(workers: int, database_url: str, redis_url: str | None) -> None:
    """Refuse a multi-process set-up that would lose pushes or freeze on SQLite locks."""
    if workers <= 1:
        return
    if not redis_url:
        raise click.UsageError(
            "several workers need MOTCUA_REDIS_URL: the Redis message queue carries every "
            "push between processes"
        )
    if database_url.startswith("sqlite"):
        raise click.UsageError("several workers need PostgreSQL (MOTCUA_DATABASE_URL)")


def gunicorn_argv(host: str, port: int, workers: int, worker: str) -> list[str]:
    klass = "gevent" if worker == "gevent" else "eventlet"
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--worker-class",
        klass,
        "--workers",
        str(workers),
        "--worker-connections",
        str(WORKER_CONNECTIONS),
        "--bind",
        f"{host}:{port}",
        "--timeout",
        "60",
        "--graceful-timeout",
        "10",
        "--keep-alive",
        "5",
        "--no-control-socket",  # two instances would fight over ~/.gunicorn/gunicorn.ctl
        "motcua.wsgi:app",
    ]


def serve(host: str, port: int, workers: int, worker: str) -> None:
    """Replace this process with the server."""
    os.environ["MOTCUA_ASYNC_MODE"] = worker
    if worker == "eventlet" and not gunicorn_has_eventlet():
        if workers > 1:
            raise click.UsageError(
                "this gunicorn has no eventlet worker (gunicorn >= 26): install motcua[eventlet] "
                "for several eventlet workers, or use the default gevent worker"
            )
        argv = [sys.executable, "-m", "motcua.eventlet_server", host, str(port)]
    else:
        argv = gunicorn_argv(host, port, workers, worker)
    click.echo(f"motcua: serving on http://{host}:{port} ({worker}, {workers} worker(s))")
    sys.stdout.flush()
    os.execv(argv[0], argv)
