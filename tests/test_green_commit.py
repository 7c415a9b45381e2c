"""Under gevent a SQLite commit waits for the disk in an OS thread, never on the green loop."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_green(script: str, database: Path) -> dict:
    """Run a gevent script in its own process on ``database``; return its last JSON line."""
    out = subprocess.run(
        [sys.executable, "-c", script, f"sqlite:///{database}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


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
    assert run_green(SCRIPT, tmp_path / "green.db") == {
        "write_off_loop": True,
        "read_on_loop": True,
        "others_ran_during_write": True,
        "kept": [1],
    }


# Eight green writers arrive while the first one's commit waits for the disk: they share
# commits, each gets its own answer, and a failure undoes exactly what it must.
SHARED = """
from gevent import monkey

monkey.patch_all()

import json, sys

import gevent
from sqlalchemy import event, text

from motcua.storage.database import Database

db = Database(sys.argv[1])
db.enable_wal()
with db.write() as conn:
    conn.execute(text("CREATE TABLE parents (id INTEGER PRIMARY KEY)"))
    conn.execute(text(
        "CREATE TABLE numbers (n INTEGER UNIQUE, parent INTEGER"
        " REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)"
    ))
commits = []
event.listen(db.engine, "commit", lambda conn: commits.append(1))


def writer(n, parent=None):
    try:
        with db.write() as conn:
            conn.execute(text("INSERT INTO numbers VALUES (:n, :p)"), {"n": n, "p": parent})
            if n == 13:
                raise ValueError("unlucky")
        return "ok"
    except Exception as err:
        return type(err).__name__


def round_(numbers, parent_of=lambda n: None):
    commits.clear()
    jobs = [gevent.spawn(writer, n, parent_of(n)) for n in numbers]
    gevent.joinall(jobs)
    shared = len(commits)
    with db.write() as conn:
        kept = conn.execute(text("SELECT n FROM numbers ORDER BY n")).scalars().all()
        conn.execute(text("DELETE FROM numbers"))
    return {"answers": [j.value for j in jobs], "kept": kept, "commits": shared}


def killed_while_committing():
    # 22 joins 21's transaction and commits for both, but is killed while the disk works.
    queued = []

    def first():
        with db.write() as conn:
            conn.execute(text("INSERT INTO numbers VALUES (21, NULL)"))
            queued.append(gevent.spawn(writer, 22))
            gevent.sleep(0)  # 22 queues on the write lock
            gevent.spawn(queued[0].kill)  # killed once it waits for the commit
        return "ok"

    job = gevent.spawn(first)
    job.join(timeout=10)
    with db.write() as conn:
        kept = conn.execute(text("SELECT n FROM numbers ORDER BY n")).scalars().all()
        conn.execute(text("DELETE FROM numbers"))
    return {"answers": [job.value, repr(queued[0].value)], "kept": kept}


print(json.dumps({
    "killed_while_committing": killed_while_committing(),
    # 1 is taken twice: only the second writer's insert fails; 13 raises in its own code.
    "own_errors": round_([1, 2, 1, 13, 5, 6, 7, 8]),
    # 4 breaks a deferred constraint: the shared commit fails, so every writer in it fails.
    "failed_commit": round_([1, 2, 3, 4], parent_of=lambda n: 99 if n == 4 else None),
}))
"""


@pytest.mark.slow
def test_queued_writers_share_commits_and_fail_only_as_they_must(tmp_path):
    result = run_green(SHARED, tmp_path / "shared.db")
    own = result["own_errors"]
    assert own["answers"] == ["ok", "ok", "IntegrityError", "ValueError"] + ["ok"] * 4
    assert own["kept"] == [1, 2, 5, 6, 7, 8]
    # The first commits alone; the seven queued behind it share (one or two) commits.
    assert 2 <= own["commits"] <= 3
    failed = result["failed_commit"]
    # 1 committed alone before the others queued; 2 and 3 shared 4's failed commit and
    # were told so: nobody got "ok" for an insert that was not kept.
    assert failed["answers"] == ["ok"] + ["IntegrityError"] * 3
    assert failed["kept"] == [1]
    # A commit is never abandoned half-way: both are kept and 21 is told so.
    assert result["killed_while_committing"] == {
        "answers": ["ok", "GreenletExit()"],
        "kept": [21, 22],
    }


def test_a_commit_handed_to_a_writer_that_never_comes_is_made_by_its_writer(tmp_path, monkeypatch):
    """A writer counted as queued that goes away before its turn (killed while waiting
    for the write lock) must not leave the others' work uncommitted."""
    from sqlalchemy import text

    from motcua.storage import database

    monkeypatch.setattr(database, "STALLED_S", 0.05)
    db = database.Database(f"sqlite:///{tmp_path / 'stalled.db'}")
    db.enable_wal()
    with db.write() as conn:
        conn.execute(text("CREATE TABLE numbers (n INTEGER)"))
    db._waiting += 1  # the writer that will never take its turn
    with db.write() as conn:
        conn.execute(text("INSERT INTO numbers VALUES (1)"))
    db._waiting -= 1
    with db.read() as conn:
        assert conn.execute(text("SELECT n FROM numbers")).scalars().all() == [1]
    db.dispose()
