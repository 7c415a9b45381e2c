"""Issuing hours: parse ``"mon-fri 07:30-11:30 13:30-16:45; sat 07:30-11:30"`` and test instants.

A rule without days applies to every day. Several rules may be given, separated
by ``;`` or as a list. Times are local wall-clock times in the hall's timezone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time

from hallcore.errors import ConfigError

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


@dataclass(frozen=True)
class Window:
    days: frozenset[int]
    start: time
    end: time

    def contains(self, local: datetime) -> bool:
        return local.weekday() in self.days and self.start <= local.time() < self.end


@dataclass(frozen=True)
class OpeningHours:
    windows: tuple[Window, ...]
    spec: str

    def is_open(self, local: datetime) -> bool:
        """Return whether ``local`` (hall time) falls inside a window."""
        return any(w.contains(local) for w in self.windows)

    def __str__(self) -> str:
        return self.spec


def _parse_days(token: str) -> frozenset[int]:
    days: set[int] = set()
    for part in token.split(","):
        if "-" in part:
            first, last = part.split("-", 1)
            if first not in DAYS or last not in DAYS:
                raise ConfigError(f"unknown day range '{part}' (use mon..sun)")
            a, b = DAYS.index(first), DAYS.index(last)
            if a > b:
                raise ConfigError(f"day range '{part}' runs backwards")
            days.update(range(a, b + 1))
        elif part in DAYS:
            days.add(DAYS.index(part))
        else:
            raise ConfigError(f"unknown day '{part}' (use mon, tue, wed, thu, fri, sat, sun)")
    return frozenset(days)


def _parse_range(token: str) -> tuple[time, time]:
    m = _TIME_RANGE.match(token)
    if not m:
        raise ConfigError(f"'{token}' is not a time range like 07:30-11:30")
    h1, m1, h2, m2 = (int(g) for g in m.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2):
        raise ConfigError(f"'{token}' has an impossible time")
    start = time(h1, m1)
    end = time.max if h2 == 24 else time(h2, m2)
    if end <= start:
        raise ConfigError(f"'{token}' ends before it starts")
    return start, end


_TOKEN = re.compile(r"\d{1,2}:\d{2}-\d{1,2}:\d{2}|[A-Za-z][A-Za-z,\-]*|\S")


def _parse_rule(rule: str) -> list[Window]:
    """Parse one rule: optional day spec, then one or more time ranges."""
    days = frozenset(range(7))
    ranges: list[tuple[time, time]] = []
    for tok in _TOKEN.findall(rule):
        if tok == ",":
            continue
        if tok[0].isdigit():
            ranges.append(_parse_range(tok))
        elif tok[0].isalpha() and not ranges:
            days = _parse_days(tok.lower().strip(","))
        else:
            raise ConfigError(f"cannot read '{tok}' in hours '{rule}' (days first, then times)")
    if not ranges:
        raise ConfigError(f"'{rule}' gives no time range")
    return [Window(days, start, end) for start, end in ranges]


def parse_hours(spec: str | list[str] | None) -> OpeningHours | None:
    """Parse an hours spec; ``None`` or empty means always open."""
    if spec is None:
        return None
    rules = spec if isinstance(spec, list) else spec.split(";")
    rules = [r.strip() for r in rules if r.strip()]
    if not rules:
        return None
    windows: list[Window] = []
    for rule in rules:
        windows.extend(_parse_rule(rule))
    return OpeningHours(tuple(windows), "; ".join(rules))
