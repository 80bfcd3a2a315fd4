"""Shared fixtures. Storage tests run on SQLite and on the real PostgreSQL.

``db_url`` is parametrized over both dialects. Each PostgreSQL test gets its own schema
(dropped afterwards). Without a reachable server the PostgreSQL cases skip with the reason,
except under ``CI=true``, where they fail loudly.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from tollwatch.store import dispose_engines, open_engine

PG_ADMIN_URL = os.environ.get(
    "TOLLWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
EXAMPLE = SHARED / "examples" / "coastal-violence-2025-03.txt"


def _pg_reason() -> str | None:
    try:
        engine = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure to connect means "no server here"
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {type(exc).__name__}"


_PG_REASON = _pg_reason()


def require_postgres() -> None:
    if _PG_REASON is None:
        return
    if IN_CI:
        pytest.fail(f"CI=true but {_PG_REASON}", pytrace=False)
    pytest.skip(_PG_REASON)


@pytest.fixture(autouse=True)
def _close_cached_engines() -> Iterator[None]:
    """Engines that commands keep (store.connect) are closed after each test."""
    yield
    dispose_engines()


@pytest.fixture
def pg_schema_url() -> Iterator[str]:
    """A URL whose search_path is a brand-new schema; the schema is dropped afterwards."""
    require_postgres()
    schema = "tw_" + uuid.uuid4().hex[:12]
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_ADMIN_URL else "?"
    try:
        yield f"{PG_ADMIN_URL}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL on each dialect."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tollwatch.db'}"
    url: str = request.getfixturevalue("pg_schema_url")
    return url


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """A migrated engine on a fresh database of each dialect."""
    eng = open_engine(db_url)
    try:
        yield eng
    finally:
        eng.dispose()


@pytest.fixture
def example_path() -> Path:
    """The shared real-news example; tests using it skip when ../shared is absent."""
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is absent (../shared exists only for the team and CI)")
    return EXAMPLE
