"""Alembic environment: migrations run against the connection motcua hands over."""

from alembic import context

from motcua.storage.tables import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only for `alembic` used by hand
    raise RuntimeError("run migrations through `motcua init` (motcua.storage.migrate)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
