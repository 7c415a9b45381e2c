"""People ahead and the estimated wait of a waiting ticket."""

from __future__ import annotations

import math
from collections.abc import Sequence


def mean_service_seconds(durations: Sequence[float], default_s: int) -> float:
    """Return today's mean service time, or the hall's default before any data."""
    usable = [d for d in durations if d > 0]
    return sum(usable) / len(usable) if usable else float(default_s)


def estimated_wait_seconds(ahead: int, mean_service_s: float, open_counters: int) -> int:
    """Estimate the wait: the people ahead shared among the counters open for the sector.

    With no counter open yet (early morning) one counter is assumed, so the
    citizen still gets an honest order of magnitude instead of nothing.
    """
    if ahead <= 0:
        return 0
    return math.ceil(ahead * mean_service_s / max(open_counters, 1))
