"""A kiosk whose printer is stuck never holds up the API for the other kiosks."""

from __future__ import annotations

import threading

import pytest

from tests.helpers import wait_for

pytestmark = pytest.mark.slow


def waiting_in(live_server, code: str) -> int:
    sectors = live_server.get("/api/v1/hall").json()["sectors"]
    return next(s["waiting"] for s in sectors if s["code"] == code)


def test_a_network_printer_that_never_reads_never_holds_up_another_kiosk(
    live_server, network_printer
):
    """(A wedged printer device file is covered in test_print_jobs: written from a thread.)"""
    url = network_printer(paper=None, reads=False).url
    stuck = live_server.cli("device", "pair", "kiosk", "A", "--printer", url).strip()
    other = live_server.pair("kiosk", "B")  # the hall printer: none
    answer: dict = {}

    def post_a() -> None:
        try:
            answer["a"] = live_server.post(
                "/api/v1/tickets", stuck, json={"sector": "HT"}, timeout=60
            )
        except Exception as err:  # surfaced by the assertions below
            answer["error"] = err

    first = threading.Thread(target=post_a)
    first.start()
    # A's ticket is committed before it prints: once it waits in line, A is at its printer.
    assert wait_for(lambda: waiting_in(live_server, "HT") == 1)
    assert first.is_alive(), "the stuck printer did not hold kiosk A at all"

    b = live_server.post("/api/v1/tickets", other, json={"sector": "CT"})
    assert b.status_code == 201 and b.json()["ticket"]["number"] == "2001"
    assert first.is_alive(), "kiosk B was served only after kiosk A's printer gave up"

    first.join(timeout=60)
    assert "error" not in answer, answer.get("error")
    a = answer["a"]
    assert a.status_code == 201 and a.json()["ticket"]["number"] == "1001"
    assert a.json()["print"]["status"] == "failed"
