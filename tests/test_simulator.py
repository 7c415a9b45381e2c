"""The hall-day simulator (``motcua simulate``) against a real server."""

from __future__ import annotations

import pytest

from tests.serverproc import cli

pytestmark = pytest.mark.slow


def test_a_simulated_day_serves_every_citizen(live_server):
    out = cli(
        live_server.env,
        "simulate",
        "--url",
        live_server.url,
        "--tickets",
        "40",
        "--speed",
        "3000",
        "--service",
        "60",
    )
    assert "issued 40" in out
    served = int(out.split("served ")[1].split(",")[0])
    absent = int(out.split("absent ")[1].split(",")[0])
    assert served + absent == 40
    assert "refused" not in out
    hall = live_server.get("/api/v1/hall").json()
    assert sum(s["waiting"] for s in hall["sectors"]) == 0
    assert all(c["current"] is None for c in hall["counters"])
