"""The Socket.IO message queue between server processes (Redis), and whether it works.

With several processes every push — even to this process's own clients — goes
through Redis. While the queue is down a call would commit but never be
announced, so state changes are refused (503) until it is back.
"""

from __future__ import annotations

import logging
import time

import socketio
from flask import Flask

log = logging.getLogger(__name__)
RETRY_S = 1.0
PING_EVERY_S = 1.0


class HallRedisManager(socketio.RedisManager):
    """python-socketio's RedisManager, retrying every second and saying when it listens.

    The stock manager backs off up to 60 s after an outage; a hall cannot stay
    silent that long once Redis is back. (This overrides its listening loop; the
    Redis fault test guards it across library upgrades.)
    """

    # None: not started yet (python-socketio starts listening at the first client
    # connection; until then this process only publishes). True/False afterwards.
    listening: bool | None = None

    def _redis_listen_with_retries(self):
        while True:
            try:
                self._redis_connect()
                self.pubsub.subscribe(self.channel)
                self.listening = True
                log.info("message queue: listening on %s", self.channel)
                yield from self.pubsub.listen()
            except Exception as exc:
                if self.listening:
                    log.error(
                        "message queue: lost Redis (%s); retrying every %.0f s",
                        exc.__class__.__name__,
                        RETRY_S,
                    )
                self.listening = False
                time.sleep(RETRY_S)


class RedisClientMissing(RuntimeError):
    """MOTCUA_REDIS_URL is set but this installation has no Redis client."""


def require_client(url: str | None) -> None:
    """Refuse to start a several-process hall without the Redis client (an optional extra)."""
    if not url:
        return
    try:
        import redis  # noqa: F401
    except ImportError:
        raise RedisClientMissing(
            "MOTCUA_REDIS_URL is set but the Redis client is not installed: run "
            "`make run` with MOTCUA_REDIS_URL set, or `.venv/bin/pip install -e '.[redis]'`"
        ) from None


def client_manager(app: Flask) -> HallRedisManager | None:
    """Return the Socket.IO client manager for the app's configuration (None: in-process)."""
    url = app.config.get("REDIS_URL")
    if not url:
        return None
    return HallRedisManager(
        url, channel=app.config["REDIS_CHANNEL"], redis_options={"socket_timeout": 5}
    )


class QueueHealth:
    """Answers "can a push reach every process now?" cheaply (a PING at most each second)."""

    def __init__(self, manager: HallRedisManager | None) -> None:
        self.manager = manager
        self._redis = None
        self._redis_error: type[Exception] = Exception
        if manager is not None:
            import redis  # only a hall with several processes needs the Redis client

            self._redis = redis.Redis.from_url(
                manager.redis_url, socket_timeout=1, socket_connect_timeout=1
            )
            self._redis_error = redis.RedisError
        self._checked_at = 0.0
        self._ok = True

    def ok(self) -> bool:
        if self.manager is None:
            return True
        if self.manager.listening is False:
            return False
        if time.monotonic() - self._checked_at >= PING_EVERY_S:
            self._checked_at = time.monotonic()
            try:
                self._ok = bool(self._redis.ping())
            except self._redis_error as exc:
                log.error("message queue: Redis does not answer (%s)", exc.__class__.__name__)
                self._ok = False
        return self._ok
