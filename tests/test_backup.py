"""``motcua backup``: a consistent copy while the server keeps issuing tickets."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime

import pytest
import requests

from hallcore.errors import ConfigError
from motcua.backup import backup
from tests.serverproc import cli


def test_backup_while_serving_is_consistent_and_complete(live_server, tmp_path):
    kiosk = live_server.pair("kiosk")
    headers = {"Authorization": f"Bearer {kiosk}"}
    confirmed, stop = [], threading.Event()

    def issue():
        session = requests.Session()
        while not stop.is_set():
            res = session.post(
                f"{live_server.url}/api/v1/tickets",
                json={"sector": "HT"},
                headers=headers,
                timeout=5,
            )
            if res.status_code == 201:
                confirmed.append(res.json()["ticket"]["id"])

    writer = threading.Thread(target=issue)
    writer.start()
    try:
        for _ in range(600):  # until the server is demonstrably busy writing (bounded)
            if len(confirmed) >= 20:
                break
            writer.join(timeout=0.05)
        assert len(confirmed) >= 20, "the server did not issue tickets"
        before = len(confirmed)
        out = cli(live_server.env, "backup", "--to", str(tmp_path / "b"))
    finally:
        stop.set()
        writer.join()
    path = out.strip().rsplit(" ", 1)[-1]
    copy = sqlite3.connect(path)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = {row[0] for row in copy.execute("SELECT id FROM tickets")}
    assert set(confirmed[:before]) <= ids
    seqs = sorted(row[0] for row in copy.execute("SELECT seq FROM tickets"))
    assert seqs == list(range(1, len(seqs) + 1))


def test_backup_keeps_only_the_newest_copies(sqlite_url, tmp_path):
    for day in range(1, 6):
        backup(sqlite_url, tmp_path, keep=3, now=datetime(2026, 11, day, 18, 30))
    kept = sorted(p.name for p in tmp_path.glob("motcua-*.db"))
    assert kept == [f"motcua-2026-11-0{d}_183000.db" for d in (3, 4, 5)]


def test_backup_of_postgres_points_to_pg_dump(tmp_path):
    with pytest.raises(ConfigError, match="pg_dump"):
        backup("postgresql://postgres@127.0.0.1/motcua", tmp_path)
