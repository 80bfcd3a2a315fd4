"""Storage: SQLAlchemy Core tables, repositories and Alembic migrations."""

from tollwatch.store.engine import (
    connect,
    dispose_engines,
    normalise_url,
    open_engine,
    transaction,
    upgrade,
)

__all__ = [
    "connect",
    "dispose_engines",
    "normalise_url",
    "open_engine",
    "transaction",
    "upgrade",
]
