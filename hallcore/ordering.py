"""Which waiting ticket a counter calls next.

A counter lists its sectors in order of preference. The class to serve (priority
or normal) is decided first by the hall's mode; within the class the counter takes
its most preferred sector that has someone waiting, and in that sector the ticket
queued earliest (a transferred ticket keeps its original queue time).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from hallcore.model import QueueMode, QueueRules


@dataclass(frozen=True)
class Candidate:
    """The head of one (sector, class) queue, as storage reports it."""

    ticket_id: int
    sector: str
    is_priority: bool
    queued_at: datetime


def serve_priority(
    rules: QueueRules, has_priority: bool, has_normal: bool, normals_since_priority: int
) -> bool:
    """Return whether the next call should take a priority ticket."""
    if not has_priority:
        return False
    if rules.mode is QueueMode.STRICT or not has_normal:
        return True
    return normals_since_priority >= rules.interleave


def choose_next(
    candidates: Sequence[Candidate],
    preference: Sequence[str],
    rules: QueueRules,
    normals_since_priority: int,
) -> Candidate | None:
    """Pick the ticket to call among queue heads, or None when nobody waits."""
    served = [c for c in candidates if c.sector in preference]
    if not served:
        return None
    want_priority = serve_priority(
        rules,
        has_priority=any(c.is_priority for c in served),
        has_normal=any(not c.is_priority for c in served),
        normals_since_priority=normals_since_priority,
    )
    pool = [c for c in served if c.is_priority == want_priority]
    rank = {code: i for i, code in enumerate(preference)}
    return min(pool, key=lambda c: (rank[c.sector], c.queued_at, c.ticket_id))


def normals_after_call(called_priority: bool, normals_since_priority: int) -> int:
    """Return the counter's interleave tally after a call."""
    return 0 if called_priority else normals_since_priority + 1


def queue_order_key(is_priority: bool, queued_at: datetime, ticket_id: int) -> tuple:
    """Sort key of a sector's waiting line as a citizen sees it (priority first)."""
    return (not is_priority, queued_at, ticket_id)
