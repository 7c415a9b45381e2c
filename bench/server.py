"""Start and stop a fresh motcua server for the benchmark (127.0.0.1 only)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("MOTCUA_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/motcua_bench")
REDIS_URL = os.environ.get("MOTCUA_BENCH_REDIS", "redis://127.0.0.1:6379/15")


def hall_toml(counters: int) -> str:
    """The default commune hall's sectors with ``counters`` counters spread over them."""
    from motcua.hallconfig import dump_config, load_config

    cfg = load_config(None).model_dump()
    codes = [s["code"] for s in cfg["sector"]]
    # A commune's caps (999 a day each) would refuse part of a 5,000-ticket day: the
    # benchmark's sectors are uncapped and kept apart by letter prefixes instead.
    for sector, prefix in zip(cfg["sector"], "ABCDEGHKLM", strict=False):
        sector.update(daily_cap=None, prefix=prefix)
    cfg["counter"] = [
        {
            "number": n,
            "name": f"Quầy {n}",
            "sectors": [codes[(n - 1) % len(codes)], codes[n % len(codes)]],
        }
        for n in range(1, counters + 1)
    ]
    from motcua.hallconfig import HallConfig

    return dump_config(HallConfig.model_validate(cfg))


def reset_postgres() -> None:
    import psycopg

    admin = PG_URL.rsplit("/", 1)[0] + "/postgres"
    name = PG_URL.rsplit("/", 1)[1]
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def reset_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


class BenchServer:
    """A motcua server on a free port with a fresh instance (and fresh PG/Redis if scaled out)."""

    def __init__(self, workdir: Path, counters: int, scale_out: bool, python: str) -> None:
        self.workdir = workdir
        self.python = python  # the server's interpreter: the lean runtime venv by default
        self.workers = 2 if scale_out else 1
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = workdir / "hall.toml"
        config.write_text(hall_toml(counters), encoding="utf-8")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MOTCUA_")}
        self.env.update(
            MOTCUA_INSTANCE=str(workdir / "instance"),
            MOTCUA_CONFIG=str(config),
            # Kiosks in a real hall issue one ticket every few seconds; the benchmark's
            # kiosks issue as fast as the server answers, so their limit is lifted.
            MOTCUA_RATE_LIMIT_KIOSK="1000000/minute",
        )
        if scale_out:
            reset_postgres()
            reset_redis()
            self.env.update(MOTCUA_DATABASE_URL=PG_URL, MOTCUA_REDIS_URL=REDIS_URL)
        self.proc: subprocess.Popen | None = None

    @property
    def database_url(self) -> str:
        return self.env.get("MOTCUA_DATABASE_URL") or (
            f"sqlite:///{self.workdir / 'instance' / 'motcua.db'}"
        )

    def start(self) -> None:
        subprocess.run(
            [self.python, "-m", "motcua", "init"],
            env=self.env,
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        log = (self.workdir / "server.log").open("a")
        self.proc = subprocess.Popen(
            [
                self.python,
                "-m",
                "motcua",
                "serve",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
            ],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/api/v1/hall", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError("the benchmark server did not start; see server.log")

    def rss_mib(self) -> dict[str, float]:
        """Resident memory of the gunicorn master and its workers, in MiB."""
        pids = [self.proc.pid] + [
            int(p)
            for p in subprocess.run(
                ["pgrep", "-P", str(self.proc.pid)], capture_output=True, text=True
            ).stdout.split()
        ]
        result = {}
        for i, pid in enumerate(pids):
            status = Path(f"/proc/{pid}/status").read_text()
            kib = int(
                next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1]
            )
            result["master" if i == 0 else f"worker{i}"] = round(kib / 1024, 1)
        return result

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
