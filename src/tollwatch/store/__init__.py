"""Storage: SQLAlchemy Core tables, repositories and Alembic migrations."""

from tollwatch.store.engine import connect, normalise_url, open_engine, transaction, upgrade

__all__ = ["connect", "normalise_url", "open_engine", "transaction", "upgrade"]
