"""Under gevent a SQLite commit waits for the disk in an OS thread, never on the green loop."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Runs in its own process: monkey-patching must come before anything else is imported.
SCRIPT = """
from gevent import monkey

monkey.patch_all()

import json, sys

import gevent
from sqlalchemy import event, text

from motcua.storage.database import Database

os_thread = monkey.get_original("_thread", "get_ident")
db = Database(sys.argv[1])
db.enable_wal()
with db.write() as conn:
    conn.execute(text("CREATE TABLE numbers (n INTEGER)"))
committed_in = []
event.listen(db.engine, "commit", lambda conn: committed_in.append(os_thread()))
ticks = []


def ticker():
    while True:
        ticks.append(1)
        gevent.sleep(0)


other = gevent.spawn(ticker)
gevent.sleep(0)
ticks.clear()
with db.write() as conn:
    conn.execute(text("INSERT INTO numbers VALUES (1)"))
with db.read() as conn:
    kept = conn.execute(text("SELECT n FROM numbers")).scalars().all()
other.kill()
loop = os_thread()
print(json.dumps({
    "write_off_loop": committed_in[0] != loop,
    "read_on_loop": committed_in[1] == loop,
    "others_ran_during_write": len(ticks) > 0,
    "kept": kept,
}))
"""


@pytest.mark.slow
def test_a_write_commit_leaves_the_green_loop_free_and_still_commits(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, f"sqlite:///{tmp_path / 'green.db'}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(out.stdout.strip().splitlines()[-1]) == {
        "write_off_loop": True,
        "read_on_loop": True,
        "others_ran_during_write": True,
        "kept": [1],
    }
