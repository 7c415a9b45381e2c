"""One native OS thread that runs every synthesis job, one at a time.

pyttsx3 keeps one engine per process and breaks under concurrent callers, and
espeak-ng's C code would stall a gevent or eventlet loop if it ran on it. So every
job goes to a single real thread, and the caller waits in a way its server's loop
understands:

- ``threading`` (tests, dev server): a one-thread ``ThreadPoolExecutor``;
- ``gevent`` (default server): a one-thread ``gevent.threadpool.ThreadPool``
  (native threads; waiting on its result yields to the hub);
- ``eventlet``: ``eventlet.tpool`` (native threads) behind a native lock, since
  tpool has many threads and jobs must still run one at a time.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any, Protocol


class Job(Protocol):
    def wait(self, timeout: float) -> Any: ...


class _FutureJob:
    def __init__(self, future) -> None:
        self.future = future

    def wait(self, timeout: float) -> Any:
        return self.future.result(timeout=timeout)


class _GeventJob:
    def __init__(self, result) -> None:
        self.result = result

    def wait(self, timeout: float) -> Any:
        return self.result.get(timeout=timeout)


class _EventletJob:
    def __init__(self, thread) -> None:
        self.thread = thread

    def wait(self, timeout: float) -> Any:
        import eventlet

        with eventlet.Timeout(timeout):
            return self.thread.wait()


class SerialWorker:
    """Run jobs one at a time in one native thread; submitting never blocks the loop."""

    def __init__(self, async_mode: str) -> None:
        self.async_mode = async_mode
        if async_mode == "gevent":
            from gevent.threadpool import ThreadPool

            self._pool = ThreadPool(maxsize=1)
        elif async_mode == "eventlet":
            from eventlet import patcher

            self._lock = patcher.original("threading").Lock()
        else:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="motcua-voice")

    def submit(self, fn: Callable[..., Any], *args: Any) -> Job:
        """Queue ``fn(*args)`` for the voice thread and return a handle to wait on."""
        if self.async_mode == "gevent":
            return _GeventJob(self._pool.spawn(fn, *args))
        if self.async_mode == "eventlet":
            import eventlet
            from eventlet import tpool

            return _EventletJob(eventlet.spawn(tpool.execute, self._serially, fn, *args))
        return _FutureJob(self._pool.submit(fn, *args))

    def _serially(self, fn: Callable[..., Any], *args: Any) -> Any:
        with self._lock:
            return fn(*args)


_WORKERS: dict[str, SerialWorker] = {}


def serial_worker(async_mode: str) -> SerialWorker:
    """Return this process's voice thread for the server's async mode (one per process)."""
    if async_mode not in _WORKERS:
        _WORKERS[async_mode] = SerialWorker(async_mode)
    return _WORKERS[async_mode]


def native_sleep(seconds: float) -> None:
    """Sleep on the voice thread itself, even where gevent or eventlet patched ``time``."""
    if "gevent" in sys.modules:
        from gevent import monkey

        return monkey.get_original("time", "sleep")(seconds)
    if "eventlet" in sys.modules:
        from eventlet import patcher

        return patcher.original("time").sleep(seconds)
    return time.sleep(seconds)
