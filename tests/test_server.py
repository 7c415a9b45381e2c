"""The real server, end to end: HTTP and a websocket push through gunicorn."""

from __future__ import annotations

import io
import subprocess
import sys
import wave

import pytest
import requests
import socketio

from tests.serverproc import ROOT, cli, free_port, running, server_env

pytestmark = pytest.mark.slow
EVENTLET_VENV = ROOT / ".venv-eventlet"


def call_reaches_display(url: str, env: dict, python: str = sys.executable) -> dict:
    """Issue a ticket, call it, and return the ``ticket_called`` a display client received."""
    kiosk = cli(env, "device", "pair", "kiosk", "K1", python=python).strip()
    cli(
        env,
        "staff",
        "add",
        "an",
        "--password",
        "correct horse",
        "--role",
        "counter",
        "--counter",
        "1",
        python=python,
    )
    officer = requests.post(
        f"{url}/api/v1/auth/token", json={"username": "an", "password": "correct horse"}, timeout=5
    )
    bearer = {"Authorization": f"Bearer {officer.json()['token']}"}
    res = requests.post(
        f"{url}/api/v1/tickets",
        json={"sector": "HT"},
        headers={"Authorization": f"Bearer {kiosk}"},
        timeout=5,
    )
    assert res.status_code == 201, res.text
    with socketio.SimpleClient() as display:
        display.connect(url, namespace="/display", transports=["websocket"], wait_timeout=10)
        board = display.receive(timeout=10)
        assert board[0] == "board"
        assert requests.post(f"{url}/api/v1/counters/1/open", headers=bearer, timeout=5).ok
        assert requests.post(f"{url}/api/v1/counters/1/call-next", headers=bearer, timeout=5).ok
        while True:
            event, payload = display.receive(timeout=10)
            if event == "ticket_called":
                return payload


def spoken(url: str, called: dict) -> wave.Wave_read:
    """Fetch the call's audio: the Vietnamese sentence, synthesised off the server's loop."""
    assert called["text"].startswith("Xin mời công dân có số thứ tự một nghìn không trăm linh một")
    res = requests.get(url + called["audio_url"], timeout=10)
    assert res.status_code == 200 and res.headers["Content-Type"] == "audio/wav"
    return wave.open(io.BytesIO(res.content))


def test_gevent_server_pushes_a_call_and_speaks_it(tmp_path):
    port = free_port()
    env = server_env(tmp_path / "instance")
    argv = [sys.executable, "-m", "motcua", "serve", "--port", str(port)]
    with running(argv, env, port, tmp_path / "server.log") as (url, _):
        called = call_reaches_display(url, env)
        wav = spoken(url, called)
    assert (called["ticket"]["number"], called["counter"]["number"]) == ("1001", 1)
    assert wav.getnframes() > wav.getframerate()  # more than a second of speech
    log = (tmp_path / "server.log").read_text()
    assert "gevent" in log and "voice: espeak backend ready" in log
    assert "Audio saved" not in log  # pyttsx3's own chatter stays out of the server log


def eventlet_python() -> str:
    python = EVENTLET_VENV / "bin" / "python"
    if not python.exists():
        pytest.skip("`make test` builds .venv-eventlet (motcua[eventlet]); it is missing here")
    return str(python)


def test_eventlet_extra_serves_with_gunicorns_eventlet_worker(tmp_path):
    python = eventlet_python()
    port = free_port()
    env = server_env(tmp_path / "instance")
    argv = [python, "-m", "motcua", "serve", "--port", str(port), "--worker", "eventlet"]
    with running(argv, env, port, tmp_path / "server.log") as (url, _):
        called = call_reaches_display(url, env, python)
    assert called["ticket"]["number"] == "1001"
    assert "Using worker: eventlet" in (tmp_path / "server.log").read_text()


def test_eventlet_own_server_serves_when_gunicorn_has_no_eventlet_worker(tmp_path):
    python = eventlet_python()
    port = free_port()
    env = server_env(tmp_path / "instance")
    cli(env, "init", python=python)
    argv = [python, "-m", "motcua.eventlet_server", "127.0.0.1", str(port)]
    with running(argv, env, port, tmp_path / "server.log") as (url, _):
        called = call_reaches_display(url, env, python)
        wav = spoken(url, called)  # synthesised through eventlet's thread pool
    assert called["counter"]["number"] == 1
    assert wav.getnframes() > wav.getframerate()


def test_the_serving_app_keeps_its_start_up_objects_out_of_full_collections(tmp_path):
    """Frozen, the ~100k objects built at start-up are not walked by every full GC pass."""
    env = server_env(tmp_path / "instance")
    cli(env, "init")
    out = subprocess.run(
        [sys.executable, "-c", "import gc, motcua.wsgi; print(gc.get_freeze_count())"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert int(out.stdout.split()[-1]) > 50_000


def test_serving_several_workers_without_redis_is_refused(tmp_path):
    env = server_env(tmp_path / "instance")
    out = subprocess.run(
        [sys.executable, "-m", "motcua", "serve", "--workers", "2"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert out.returncode != 0 and "MOTCUA_REDIS_URL" in out.stderr


def test_a_redis_url_without_the_redis_client_is_refused_with_the_fix(make_app, monkeypatch):
    from motcua.mq import RedisClientMissing

    monkeypatch.setitem(sys.modules, "redis", None)  # as in a commune install: no extra
    with pytest.raises(RedisClientMissing, match=r"pip install -e '\.\[redis\]'"):
        make_app(REDIS_URL="redis://127.0.0.1:6379/15")
