"""Scale-out: several real server processes on PostgreSQL + Redis act as one hall.

The processes are separate ``motcua serve`` commands (as on separate hosts), behind
the shipped nginx site file; a call made through any process reaches displays
connected to any other.
"""

from __future__ import annotations

import shutil
import subprocess
import uuid
from contextlib import ExitStack
from pathlib import Path

import pytest
import requests
import socketio

from tests.conftest import fresh_postgres_database
from tests.liveserver import LiveServer
from tests.serverproc import ROOT, free_port, wait_until_up

pytestmark = [pytest.mark.slow, pytest.mark.postgres, pytest.mark.redis]
SITE = ROOT / "deploy" / "nginx" / "motcua.conf"


def redis_available() -> bool:
    import redis

    try:
        return bool(redis.Redis(socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def hall_env(tmp_path):
    if not redis_available():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    return {
        "MOTCUA_DATABASE_URL": fresh_postgres_database("scale"),
        "MOTCUA_REDIS_URL": "redis://127.0.0.1:6379/13",
        "MOTCUA_REDIS_CHANNEL": f"motcua-test-{uuid.uuid4().hex}",
        "MOTCUA_SECRET_KEY": uuid.uuid4().hex,
        "MOTCUA_TRUST_PROXY": "1",
    }


def start_nginx(tmp_path: Path, ports: list[int]):
    """Run Debian's nginx in the foreground with the shipped site file, upstreams rewritten."""
    if shutil.which("nginx") is None:
        pytest.skip("nginx is not installed (make test installs nginx-light)")
    site = SITE.read_text()
    site = site.replace("server 127.0.0.1:5000;", f"server 127.0.0.1:{ports[0]};")
    site = site.replace("server 127.0.0.1:5001;", f"server 127.0.0.1:{ports[1]};")
    port = free_port()
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = site.replace("/opt/motcua/static/", f"{ROOT / 'static'}/")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"worker_processes 1;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/nginx.err;\n"
        f"events {{ worker_connections 512; }}\n"
        f"http {{ access_log off; include /etc/nginx/mime.types; include {tmp_path}/site.conf; }}\n"
    )
    proc = subprocess.Popen(
        ["nginx", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    return proc, f"http://127.0.0.1:{port}"


def display(url: str) -> socketio.SimpleClient:
    client = socketio.SimpleClient()
    client.connect(url, namespace="/display", transports=["websocket"], wait_timeout=10)
    assert client.receive(timeout=10)[0] == "board"
    return client


def next_call(client: socketio.SimpleClient) -> dict:
    while True:
        event, payload = client.receive(timeout=10)
        if event == "ticket_called":
            return payload


def test_a_call_through_one_process_reaches_displays_on_the_others(tmp_path, hall_env):
    a = LiveServer(tmp_path / "a", **hall_env)
    b = LiveServer(tmp_path / "b", **hall_env)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a.cli("init")
    with ExitStack() as stack:
        for server in (a, b):
            server.start()
            stack.callback(server.stop)
        nginx, front = start_nginx(tmp_path, [a.port, b.port])
        stack.callback(nginx.terminate)
        wait_until_up(front, nginx)
        kiosk = a.pair("kiosk")
        a.staff("an", counters=(1, 2))
        officer = b.token("an")  # a token from one process is good on the others
        on_b, via_nginx = display(b.url), display(front)
        stack.callback(on_b.disconnect)
        stack.callback(via_nginx.disconnect)
        assert requests.post(
            f"{front}/api/v1/tickets",
            json={"sector": "HT"},
            headers={"Authorization": f"Bearer {kiosk}"},
            timeout=5,
        ).ok
        assert a.post("/api/v1/tickets", kiosk, json={"sector": "HT"}).status_code == 201
        assert a.post("/api/v1/counters/1/open", officer).ok
        assert a.post("/api/v1/counters/1/call-next", officer).status_code == 200
        first = (next_call(on_b), next_call(via_nginx))
        assert {c["ticket"]["number"] for c in first} == {"1001"}
        assert b.post("/api/v1/counters/1/call-next", officer).status_code == 200
        second = (next_call(on_b), next_call(via_nginx))
        assert {c["ticket"]["number"] for c in second} == {"1002"}
        hall = requests.get(f"{front}/api/v1/hall", timeout=5).json()
        assert hall["counters"][0]["current"]["number"] == "1002"


def test_serve_with_two_workers_on_one_port_pushes_to_every_client(tmp_path, hall_env):
    server = LiveServer(tmp_path, **hall_env)
    server.cli("init")
    server.start_with("--workers", "2")
    try:
        kiosk = server.pair("kiosk")
        server.staff("an", counters=(1,))
        officer = server.token("an")
        clients = [display(server.url) for _ in range(6)]
        assert server.post("/api/v1/tickets", kiosk, json={"sector": "HT"}).status_code == 201
        assert server.post("/api/v1/counters/1/open", officer).ok
        assert server.post("/api/v1/counters/1/call-next", officer).status_code == 200
        assert [next_call(c)["ticket"]["number"] for c in clients] == ["1001"] * 6
        workers = subprocess.run(
            ["pgrep", "-P", str(server.proc.pid)], capture_output=True, text=True
        ).stdout.split()
        assert len(workers) == 2
        for client in clients:
            client.disconnect()
    finally:
        server.stop()
