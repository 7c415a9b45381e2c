"""A worker process for the concurrency test: threads issuing and calling against one database."""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime

from motcua.services import calls, tickets
from motcua.services.context import Actor, EventBus, Hall
from motcua.storage.database import Database

SECTORS = ("HT", "CT", "DD", "VHXH", "TKQ")
FIXED_NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


def run(
    url: str, kiosk_id: int, officers: dict[int, int], threads: int, per_thread: int, seed: int
):
    """Issue ``per_thread`` tickets per thread, calling next after each; return what happened."""
    hall = Hall(db=Database(url), bus=EventBus(), clock=lambda: FIXED_NOW)
    kiosk = Actor(kind="device", name="kiosk", id=kiosk_id, device_kind="kiosk")
    issued: list[tuple[int, str, str]] = []
    called: list[int] = []
    errors: list[str] = []
    lock = threading.Lock()

    def work(index: int) -> None:
        rng = random.Random(seed * 100 + index)
        counter = index % len(officers) + 1
        officer = Actor(kind="officer", name=f"o{counter}", id=officers[counter], role="counter")
        mine_issued, mine_called = [], []
        try:
            for _ in range(per_thread):
                t = tickets.issue_ticket(hall, rng.choice(SECTORS), None, kiosk).ticket
                mine_issued.append((t.id, t.sector, t.number))
                result = calls.call_next(hall, counter, officer)
                if result.ticket is not None:
                    mine_called.append(result.ticket.id)
        except Exception as err:  # reported to the test, which fails on any
            mine_called.append(-1)
            errors.append(repr(err))
        with lock:
            issued.extend(mine_issued)
            called.extend(mine_called)

    pool = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    hall.db.dispose()
    return issued, called, errors
