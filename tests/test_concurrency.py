"""No duplicate, no lost ticket: 1,000 tickets, 4 counters, 8 threads in 2 processes."""

from __future__ import annotations

import multiprocessing
from collections import Counter

import pytest
from sqlalchemy import select

from motcua.services import calls
from motcua.services.context import Actor
from motcua.storage.tables import tickets
from tests import concurrency_worker
from tests.helpers import device, signed_in

pytestmark = pytest.mark.slow

PROCESSES, THREADS, PER_THREAD = 2, 4, 125  # 2 x 4 x 125 = 1,000 tickets


def drain(hall, officers) -> list[int]:
    """Call every counter until nobody waits, finishing as it goes."""
    called = []
    for number, user_id in officers.items():
        officer = Actor(kind="officer", name=f"o{number}", id=user_id, role="counter")
        while True:
            result = calls.call_next(hall, number, officer)
            if result.ticket is None:
                break
            called.append(result.ticket.id)
    return called


def test_thousand_tickets_called_from_four_counters_in_threads_and_processes(hall, db_url, clock):
    clock.now = concurrency_worker.FIXED_NOW
    officers = {n: signed_in(hall, f"o{n}", n).id for n in (1, 2, 3, 4)}
    kiosk = device(hall, "kiosk")
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(PROCESSES) as pool:
        results = pool.starmap(
            concurrency_worker.run,
            [(db_url, kiosk.id, officers, THREADS, PER_THREAD, seed) for seed in range(PROCESSES)],
        )
    issued = [t for r in results for t in r[0]]
    called = [c for r in results for c in r[1]]
    errors = [e for r in results for e in r[2]]
    assert errors == []
    called += drain(hall, officers)

    assert len(issued) == 1000
    assert len(called) == len(set(called)) == 1000, "a ticket was called twice or never"
    assert set(called) == {t[0] for t in issued}
    with hall.db.read() as conn:
        rows = conn.execute(
            select(tickets.c.sector_id, tickets.c.seq, tickets.c.status, tickets.c.call_count)
        ).all()
    assert Counter(r.status for r in rows) == {"done": 1000}  # drained: the last call finished
    assert all(r.call_count == 1 for r in rows)
    by_sector: dict[int, list[int]] = {}
    for r in rows:
        by_sector.setdefault(r.sector_id, []).append(r.seq)
    for seqs in by_sector.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), "numbers repeated or skipped"
    numbers = [(t[1], t[2]) for t in issued]
    assert len(numbers) == len(set(numbers))
