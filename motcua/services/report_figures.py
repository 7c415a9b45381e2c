"""The figures of one report row, and the arithmetic that turns counts into them.

Durations arrive as histograms of whole seconds ({seconds: steps}); from those the
average is exact and the 90th percentile is the **nearest-rank** value: sort the n
durations, take the one at rank ceil(0.9 × n) (1-based). It is always a duration
that really occurred; for n = 1 it is that duration, for n = 10 the 9th.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from hallcore.rating import RatingLevel

SATISFIED_LEVELS = (RatingLevel.VERY_SATISFIED, RatingLevel.SATISFIED)


@dataclass(frozen=True)
class Durations:
    count: int
    avg_s: float | None
    p90_s: int | None


def nearest_rank(histogram: dict[int, int], share_num: int, share_den: int) -> int | None:
    """Return the nearest-rank percentile ``share_num/share_den`` of a histogram."""
    total = sum(histogram.values())
    if total == 0:
        return None
    rank = -(-total * share_num // share_den)  # ceil without floating point
    seen = 0
    for seconds in sorted(histogram):
        seen += histogram[seconds]
        if seen >= rank:
            return seconds
    raise AssertionError("unreachable: the ranks add up to the total")


def summarize(histogram: dict[int, int]) -> Durations:
    """Return count, average (rounded to 0.1 s) and nearest-rank p90 of a histogram."""
    count = sum(histogram.values())
    if count == 0:
        return Durations(0, None, None)
    total = sum(seconds * n for seconds, n in histogram.items())
    return Durations(count, round(total / count, 1), nearest_rank(histogram, 9, 10))


def percent(part: int, whole: int) -> float | None:
    """Return part/whole as a percentage rounded to 0.1; None when whole is 0."""
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Tally:
    """What the queries say about one group, before it becomes figures."""

    statuses: Counter = field(default_factory=Counter)
    issued: int = 0
    waits: Counter = field(default_factory=Counter)
    services: Counter = field(default_factory=Counter)
    levels: Counter = field(default_factory=Counter)
    reasons: Counter = field(default_factory=Counter)

    def add(self, other: Tally) -> None:
        self.statuses.update(other.statuses)
        self.issued += other.issued
        self.waits.update(other.waits)
        self.services.update(other.services)
        self.levels.update(other.levels)
        self.reasons.update(other.reasons)

    def is_empty(self) -> bool:
        return not (self.statuses or self.issued or self.levels)


@dataclass(frozen=True)
class Figures:
    """One row of a report. ``issued`` is None where it has no meaning (per counter/officer)."""

    issued: int | None
    served: int
    no_show: int
    transferred: int
    expired: int
    open: int
    wait: Durations
    service: Durations
    rated: int
    levels: dict[str, int]
    level_percent: dict[str, float | None]
    satisfied_percent: float | None
    reasons: dict[str, int]


def figures(tally: Tally, levels: tuple[str, ...], reasons: tuple[str, ...], with_issued: bool):
    """Turn a tally into figures, listing every level and reason (zero when absent)."""
    st = tally.statuses
    rated = sum(tally.levels.values())
    counts = {level: tally.levels.get(level, 0) for level in levels}
    satisfied = sum(tally.levels.get(str(level), 0) for level in SATISFIED_LEVELS)
    return Figures(
        issued=tally.issued if with_issued else None,
        served=st.get("done", 0),
        no_show=st.get("no_show", 0),
        transferred=st.get("transferred", 0),
        expired=st.get("expired", 0),
        open=st.get("waiting", 0) + st.get("called", 0),
        wait=summarize(tally.waits),
        service=summarize(tally.services),
        rated=rated,
        levels=counts,
        level_percent={level: percent(n, rated) for level, n in counts.items()},
        satisfied_percent=percent(satisfied, rated),
        reasons={code: tally.reasons.get(code, 0) for code in reasons},
    )
