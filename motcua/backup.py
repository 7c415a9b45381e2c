"""Back up the SQLite database while the hall is serving (``motcua backup``).

SQLite's online backup API copies a consistent snapshot page by page; in WAL mode
the server keeps writing meanwhile. The copy is checked with ``PRAGMA
integrity_check`` before it counts, and only the newest ``keep`` copies are kept.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from hallcore.errors import ConfigError

PREFIX = "motcua-"


def sqlite_path(database_url: str) -> Path:
    """Return the database file behind a SQLite URL; refuse other engines with advice."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database:
        raise ConfigError(
            "motcua backup copies the SQLite database; for PostgreSQL use pg_dump, e.g. "
            '`pg_dump --format=custom --file=motcua.dump "$MOTCUA_DATABASE_URL"`'
        )
    return Path(url.database)


def backup(database_url: str, folder: Path, keep: int = 14, now: datetime | None = None) -> Path:
    """Copy the live database into ``folder`` and return the checked copy's path."""
    source = sqlite_path(database_url)
    if not source.exists():
        raise ConfigError(f"{source}: no database here (run `motcua init` first)")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime("%Y-%m-%d_%H%M%S")
    target = folder / f"{PREFIX}{stamp}.db"
    partial = target.with_suffix(".partial")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(partial)
    try:
        src.backup(dst)
        verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
        dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    finally:
        dst.close()
        src.close()
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise ConfigError(f"the copy failed its integrity check: {verdict}")
    partial.rename(target)
    prune(folder, keep)
    return target


def prune(folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups; return what was deleted."""
    copies = sorted(folder.glob(f"{PREFIX}*.db"))
    old = copies[:-keep] if keep > 0 else []
    for path in old:
        path.unlink()
    return old
