"""Benchmark motcua on 127.0.0.1 and print one JSON line of figures (asserts nothing).

    make bench                      # one gevent worker on SQLite (the commune default)
    make bench BENCH_ARGS=--scale-out   # two workers on PostgreSQL + Redis

Every figure is taken through the public HTTP API and Socket.IO of a freshly started
server; the hall day is a separate fresh server with 20 counters.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scenarios import call_fanout, issue_latency, issue_throughput, pct  # noqa: E402
from bench.server import BenchServer  # noqa: E402

TARGETS = {
    "issue_p50_ms": 3,
    "issue_p99_ms": 15,
    "issue_per_s_8_clients": 500,
    "call_to_event_p50_ms": 10,
    "call_to_event_p99_ms": 50,
    "audio_p99_ms": 100,
    "rss_mib": 100,
    "hall_day_s": 60,
}


def hall_app(server: BenchServer):
    """The hall's app as the server sees it (same database and secret key)."""
    from motcua.app import create_app

    return create_app(
        {"INSTANCE_PATH": server.env["MOTCUA_INSTANCE"], "DATABASE_URL": server.database_url}
    )


def measure_api(args, workdir: Path) -> dict:
    from motcua.simulator import prepare

    (workdir / "api").mkdir()
    server = BenchServer(
        workdir / "api", counters=4, scale_out=args.scale_out, python=args.server_python
    )
    server.start()
    try:
        sim = prepare(hall_app(server), server.url, kiosks=8)
        figures = issue_latency(server.url, sim.kiosks[0], args.issues, sim.sectors)
        figures |= issue_throughput(server.url, sim.kiosks, args.seconds, sim.sectors)
        # Counter 1 serves HT first: give it enough to call.
        issue_latency(server.url, sim.kiosks[1], args.calls + 5, ["HT"])
        figures |= asyncio.run(
            call_fanout(server.url, sim.officers[1], args.clients, args.calls, server.rss_mib)
        )
    finally:
        server.stop()
    return figures


def measure_day(args, workdir: Path) -> dict:
    from sqlalchemy import func, select

    from motcua.simulator import prepare, simulate
    from motcua.storage.database import Database
    from motcua.storage.tables import tickets

    (workdir / "day").mkdir()
    server = BenchServer(
        workdir / "day", counters=20, scale_out=args.scale_out, python=args.server_python
    )
    server.start()
    try:
        sim = prepare(hall_app(server), server.url, kiosks=4)
        outcome, wall = simulate(sim, args.tickets, args.speed, mean_service_s=args.service)
        db = Database(server.database_url)
        with db.read() as conn:
            states = dict(
                conn.execute(
                    select(tickets.c.status, func.count()).group_by(tickets.c.status)
                ).all()
            )
        db.dispose()
    finally:
        server.stop()
    valid = set(states) <= {"done", "no_show"} and sum(states.values()) == len(outcome.issued)
    return {
        "hall_day_s": round(wall, 1),
        "hall_day_tickets": len(outcome.issued),
        "hall_day_ratings": outcome.ratings,
        "hall_day_states": states,
        "hall_day_all_valid": valid and len(outcome.issued) == args.tickets,
        "hall_day_refused": dict(outcome.errors),
        "hall_day_request_p50_p99_ms": {
            name: [pct(values, 50), pct(values, 99)] for name, values in outcome.latency.items()
        },
    }


def machine_probe_s() -> float:
    """Seconds for ten million Python additions: how fast this machine was just now.

    A shared virtual machine's speed drifts (by a quarter here within an hour); the
    probe, taken before and after, says how to read the run's other figures.
    """
    started = time.perf_counter()
    total = 0
    for i in range(10_000_000):
        total += i
    return round(time.perf_counter() - started, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale-out", action="store_true", help="2 workers, PostgreSQL + Redis")
    parser.add_argument("--issues", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--calls", type=int, default=30)
    parser.add_argument("--tickets", type=int, default=5000)
    parser.add_argument("--speed", type=float, default=1000.0)
    parser.add_argument("--service", type=float, default=140.0, help="mean service time, s")
    parser.add_argument("--skip-day", action="store_true")
    parser.add_argument(
        "--server-python",
        default=sys.executable,
        help="interpreter of the server (make bench: the runtime venv)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="motcua-bench-") as tmp:
        workdir = Path(tmp)
        figures = {"mode": "scale-out" if args.scale_out else "single", "cpus": os.cpu_count()}
        probe = [machine_probe_s()]
        figures |= measure_api(args, workdir)
        if not args.skip_day:
            figures |= measure_day(args, workdir)
        probe.append(machine_probe_s())
        figures["machine_probe_s"] = probe
    rss = figures.get("rss_mib_with_clients", {})
    figures["rss_mib"] = max((v for k, v in rss.items() if k != "master"), default=None)
    figures["targets"] = TARGETS
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
