"""A kiosk whose printer is stuck never holds up the API for the other kiosks."""

from __future__ import annotations

import threading

import pytest

from motcua.storage.tables import print_jobs
from tests.helpers import wait_for
from tests.plugin_printing import decode_raster, set_printer

pytestmark = pytest.mark.slow


def waiting_in(live_server, code: str) -> int:
    sectors = live_server.get("/api/v1/hall").json()["sectors"]
    return next(s["waiting"] for s in sectors if s["code"] == code)


def test_a_network_printer_that_never_reads_never_holds_up_another_kiosk(
    live_server, network_printer
):
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


def test_a_wedged_device_file_never_freezes_the_gevent_server(live_server, tmp_path):
    """A printer's device file that stops taking bytes is written from a real thread: the
    worker keeps answering others, the kiosk still gets its number, the failure is kept."""
    import fcntl
    import os
    import select

    from motcua.services.context import Actor, Hall
    from motcua.services.setup import pair_device
    from motcua.storage.database import Database

    fine, wedged = tmp_path / "lp0", tmp_path / "lp1"
    os.mkfifo(wedged)
    hall = Hall(db=Database(f"sqlite:///{live_server.instance / 'motcua.db'}"))
    set_printer(hall, connect_timeout_s=0.5)
    system = Actor("system", "test")
    good = pair_device(hall, "kiosk", "k1", system, None, {"printer_url": f"file://{fine}"})[1]
    stuck = pair_device(hall, "kiosk", "k2", system, None, {"printer_url": f"file://{wedged}"})[1]

    printed = live_server.post("/api/v1/tickets", good, json={"sector": "HT"}).json()
    assert printed["print"]["status"] == "ok"
    assert decode_raster(fine.read_bytes()).width == 576

    # The "printer" reads nothing and holds 4 KB: the job's write blocks, like a hung printer.
    reader = os.open(wedged, os.O_RDONLY | os.O_NONBLOCK)
    fcntl.fcntl(reader, fcntl.F_SETPIPE_SZ, 4096)
    order: list[str] = []
    answer: dict = {}

    def take_a_number() -> None:
        answer.update(live_server.post("/api/v1/tickets", stuck, json={"sector": "CT"}).json())
        order.append("ticket")

    kiosk = threading.Thread(target=take_a_number)
    kiosk.start()
    try:
        assert select.select([reader], [], [], 20)[0], "the job never started"
        assert live_server.get("/api/v1/hall").status_code == 200  # while the write is stuck
        order.append("hall")
        kiosk.join(timeout=30)
    finally:
        os.close(reader)
        kiosk.join(timeout=30)
    assert order == ["hall", "ticket"]
    assert answer["ticket"]["number"] == "2001"
    assert (answer["print"]["status"], answer["print"]["code"]) == ("failed", "timeout")
    with hall.db.read() as conn:
        rows = conn.execute(print_jobs.select().order_by(print_jobs.c.id)).all()
    assert [row.status for row in rows] == ["ok", "failed"]
    hall.db.dispose()
