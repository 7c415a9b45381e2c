"""Run blocking calls in a real OS thread: device I/O with a time limit, disk syncs without.

Under gevent or eventlet a write to /dev/usb/lp0 or a libusb call blocks the whole
worker: every kiosk, display and counter served by it would freeze. gevent's hub
threadpool and eventlet's tpool run such calls in real threads while the green
request waits cooperatively; the plain threading server uses a small pool too,
so a wedged device never holds a request longer than its budget.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import TypeVar

T = TypeVar("T")


def _gevent_patched() -> bool:
    if "gevent" not in sys.modules:
        return False
    from gevent import monkey

    return bool(monkey.is_module_patched("threading"))


def _eventlet_patched() -> bool:
    if "eventlet" not in sys.modules:
        return False
    from eventlet import patcher

    return bool(patcher.is_monkey_patched("thread"))


@cache
def _executor() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=4, thread_name_prefix="motcua-device")


def run(fn: Callable[[], T], timeout_s: float) -> T:
    """Return ``fn()`` run in an OS thread; raise TimeoutError after ``timeout_s``.

    On a timeout the thread is left to finish on its own (a device call cannot be
    interrupted); the caller gets its answer in time.
    """
    if _gevent_patched():
        import gevent

        try:
            return gevent.get_hub().threadpool.spawn(fn).get(timeout=timeout_s)
        except gevent.Timeout:
            raise TimeoutError(f"no answer within {timeout_s:.0f} s") from None
    if _eventlet_patched():
        import eventlet
        from eventlet import tpool

        try:
            with eventlet.Timeout(timeout_s):
                return tpool.execute(fn)
        except eventlet.Timeout:
            raise TimeoutError(f"no answer within {timeout_s:.0f} s") from None
    return _executor().submit(fn).result(timeout=timeout_s)


def _wait_shielded(result) -> T:
    """Wait for a gevent threadpool result, holding back an interruption until it is in."""
    interrupted: BaseException | None = None
    while True:
        try:
            value = result.get()
            break
        except BaseException as err:
            if result.ready():  # fn's own error
                raise
            interrupted = interrupted or err
    if interrupted is not None:
        raise interrupted
    return value


def wait(fn: Callable[[], T]) -> T:
    """Return ``fn()``; under gevent or eventlet it runs in an OS thread meanwhile.

    For a C call that releases the GIL but blocks on the disk (an SQLite commit's
    fsync): the worker's other requests go on instead of standing still. No time
    limit: such a call must finish (a commit cannot be abandoned half-way). Under
    gevent a greenlet killed meanwhile still waits for the call; the kill is raised
    only after ``fn`` returned, so it never hides whether ``fn`` failed.
    """
    if _gevent_patched():
        import gevent

        return _wait_shielded(gevent.get_hub().threadpool.spawn(fn))
    if _eventlet_patched():
        from eventlet import tpool

        return tpool.execute(fn)
    return fn()
