"""Faults a hall meets: the server killed mid-work, its database briefly gone."""

from __future__ import annotations

import signal
import threading
import uuid

import pytest
import requests

from tests.helpers import wait_for
from tests.liveserver import LiveServer

pytestmark = pytest.mark.slow
KILL_AFTER = 60  # confirmed tickets before the server is killed


def issue_until_dead(server: LiveServer, token: str, confirmed: list, reached: threading.Event):
    """Issue tickets until the server stops answering; keep every 201 the client saw."""
    session = requests.Session()
    headers = {"Authorization": f"Bearer {token}"}
    for i in range(10_000):
        try:
            res = session.post(
                f"{server.url}/api/v1/tickets",
                headers=headers,
                json={"sector": ("HT", "CT")[i % 2]},
                timeout=5,
            )
        except requests.RequestException:
            return
        if res.status_code == 201:
            confirmed.append(res.json()["ticket"])
            if len(confirmed) >= KILL_AFTER:
                reached.set()


def call_until_dead(server: LiveServer, token: str, called: list) -> None:
    session = requests.Session()
    headers = {"Authorization": f"Bearer {token}"}
    for _ in range(10_000):
        try:
            res = session.post(
                f"{server.url}/api/v1/counters/1/call-next", headers=headers, json={}, timeout=5
            )
        except requests.RequestException:
            return
        if res.status_code == 200:
            called.append(res.json()["ticket"]["id"])


def test_kill_9_mid_work_loses_no_confirmed_ticket_and_reuses_no_number(tmp_path):
    server = LiveServer(tmp_path)
    server.cli("init")
    server.start()
    kiosk = server.pair("kiosk")
    server.staff("an", counters=(1,))
    officer = server.token("an")
    assert server.post("/api/v1/counters/1/open", officer).ok
    confirmed, called, reached = [], [], threading.Event()
    workers = [
        threading.Thread(target=issue_until_dead, args=(server, kiosk, confirmed, reached)),
        threading.Thread(target=call_until_dead, args=(server, officer, called)),
    ]
    for worker in workers:
        worker.start()
    assert reached.wait(timeout=60), "the server never confirmed enough tickets"
    server.stop(signal.SIGKILL)  # the whole process group, mid-request
    for worker in workers:
        worker.join(timeout=30)

    server.start()
    called_ids = set(called)
    for ticket in confirmed:
        after = server.get(f"/api/v1/tickets/{ticket['token']}")
        assert after.status_code == 200, f"ticket {ticket['number']} was lost"
        assert after.json()["ticket"]["number"] == ticket["number"]
        if ticket["id"] not in called_ids:
            assert after.json()["ticket"]["status"] in ("waiting", "called")
    highest = {
        s: max(int(t["number"]) for t in confirmed if t["sector"] == s) for s in ("HT", "CT")
    }
    for sector in ("HT", "CT"):
        fresh = server.post("/api/v1/tickets", kiosk, json={"sector": sector}).json()["ticket"]
        assert int(fresh["number"]) > highest[sector], "a number was issued twice"
    server.stop()


def health(server) -> dict:
    return server.get("/api/v1/health").json()


@pytest.mark.postgres
def test_postgres_outage_gives_503_writes_nothing_and_recovers(tmp_path):
    from tests.conftest import fresh_postgres_database
    from tests.faultproxy import FaultProxy

    proxy = FaultProxy(5432).start()
    url = fresh_postgres_database("fault").replace(":5432/", f":{proxy.port}/")
    server = LiveServer(tmp_path, MOTCUA_DATABASE_URL=url)
    server.cli("init")
    server.start()
    try:
        kiosk = server.pair("kiosk")
        first = server.post("/api/v1/tickets", kiosk, json={"sector": "HT"})
        assert first.json()["ticket"]["number"] == "1001"
        proxy.cut()
        refused = server.post("/api/v1/tickets", kiosk, json={"sector": "HT"})
        assert refused.status_code == 503
        assert refused.json()["error"]["code"] == "unavailable"
        assert health(server) == {"database": False, "message_queue": True}
        assert "database unavailable" in server.log.read_text()
        proxy.restore()
        again = server.post("/api/v1/tickets", kiosk, json={"sector": "HT"})
        assert again.status_code == 201
        assert again.json()["ticket"]["number"] == "1002", "the refused request left a trace"
    finally:
        server.stop()
        proxy.cut()


@pytest.mark.redis
def test_redis_outage_refuses_changes_and_pushes_resume(tmp_path):
    import socketio

    from tests.faultproxy import FaultProxy

    proxy = FaultProxy(6379).start()
    server = LiveServer(
        tmp_path,
        MOTCUA_REDIS_URL=f"redis://127.0.0.1:{proxy.port}/14",
        MOTCUA_REDIS_CHANNEL=f"motcua-test-{uuid.uuid4().hex}",
    )
    server.cli("init")
    server.start()
    try:
        kiosk = server.pair("kiosk")
        server.staff("an", counters=(1,))
        officer = server.token("an")
        assert server.post("/api/v1/counters/1/open", officer).ok
        with socketio.SimpleClient() as display:
            # Connected through the whole outage: its pushes must come back by themselves.
            display.connect(server.url, namespace="/display", transports=["websocket"])
            assert display.receive(timeout=10)[0] == "board"
            assert wait_for(lambda: health(server)["message_queue"])
            proxy.cut()
            assert wait_for(lambda: not health(server)["message_queue"])
            refused = server.post("/api/v1/tickets", kiosk, json={"sector": "HT"})
            assert refused.status_code == 503
            assert refused.json()["error"]["code"] == "unavailable"
            assert server.get("/api/v1/hall").status_code == 200  # reading needs no queue
            assert "message queue unavailable" in server.log.read_text()
            proxy.restore()
            assert wait_for(lambda: health(server)["message_queue"])
            assert server.post("/api/v1/tickets", kiosk, json={"sector": "HT"}).status_code == 201
            assert server.post("/api/v1/counters/1/call-next", officer).status_code == 200
            event = display.receive(timeout=10)
            while event[0] != "ticket_called":
                event = display.receive(timeout=10)
        assert event[1]["ticket"]["number"] == "1001"
    finally:
        server.stop()
        proxy.cut()
