"""A real motcua server process for browser and end-to-end tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import requests

from tests.serverproc import ROOT, cli, free_port, server_env, wait_until_up

PASSWORD = "correct horse"


class LiveServer:
    """``motcua serve`` (gevent) on a free port with its own instance folder."""

    def __init__(self, tmp_path: Path, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.instance = tmp_path / "instance"
        self.log = tmp_path / "server.log"
        self.env = server_env(self.instance, **env)
        self.proc: subprocess.Popen | None = None

    def start(self) -> LiveServer:
        return self.start_with()

    def start_with(self, *args: str) -> LiveServer:
        """Start ``motcua serve`` with extra arguments (e.g. ``--workers 2``)."""
        with self.log.open("a") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "motcua", "serve", "--port", str(self.port), *args],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
                start_new_session=True,
            )
        wait_until_up(self.url, self.proc)
        return self

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def cli(self, *args: str) -> str:
        return cli(self.env, *args)

    def pair(
        self, kind: str, name: str | None = None, counter: int | None = None, sectors: str = ""
    ) -> str:
        """Pair a device and return its token."""
        args = ["device", "pair", kind, name or f"{kind} test"]
        if counter is not None:
            args += ["--counter", str(counter)]
        if sectors:
            args += ["--sectors", sectors]
        return self.cli(*args).strip()

    def staff(self, username: str, counters=(1,), role: str = "counter", name: str = "") -> str:
        args = [
            "staff",
            "add",
            username,
            "--password",
            PASSWORD,
            "--role",
            role,
            "--name",
            name or username.title(),
        ]
        for number in counters:
            args += ["--counter", str(number)]
        self.cli(*args)
        return username

    def token(self, username: str) -> str:
        res = requests.post(
            f"{self.url}/api/v1/auth/token",
            json={"username": username, "password": PASSWORD},
            timeout=10,
        )
        res.raise_for_status()
        return res.json()["token"]

    def post(
        self, path: str, token: str | None = None, json: dict | None = None, timeout: float = 10
    ):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.post(f"{self.url}{path}", json=json, headers=headers, timeout=timeout)

    def get(self, path: str, token: str | None = None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.get(f"{self.url}{path}", headers=headers, timeout=10)
