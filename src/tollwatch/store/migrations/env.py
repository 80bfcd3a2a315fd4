"""Alembic environment: runs against the engine tollwatch hands it (never a URL from a file)."""

from alembic import context
from sqlalchemy import Connection

from tollwatch.store.tables import metadata

engine = context.config.attributes["engine"]
given = context.config.attributes.get("connection")  # in a transaction holding the lock


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=engine.dialect.name == "sqlite",
    )
    context.run_migrations()


if given is not None:
    _run(given)
else:
    with engine.begin() as connection:
        _run(connection)
