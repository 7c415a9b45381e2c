"""The Alembic migrations build exactly the schema the code declares (both engines)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from motcua.storage.database import Database
from motcua.storage.migrate import is_current
from motcua.storage.tables import metadata


def test_migrated_schema_matches_the_declared_tables(db_url):
    db = Database(db_url)
    try:
        assert is_current(db)
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": False})
            differences = compare_metadata(context, metadata)
    finally:
        db.dispose()
    assert differences == []
