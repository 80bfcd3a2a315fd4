"""Shared fixtures. Storage tests run on SQLite and on the real PostgreSQL.

``db_url`` is parametrized over both dialects. Each PostgreSQL test gets its own schema
(dropped afterwards). Without a reachable server the PostgreSQL cases skip with the reason,
except under ``CI=true``, where they fail loudly.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, text

from tollwatch.store import dispose_engines, open_engine

PG_ADMIN_URL = os.environ.get(
    "TOLLWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("TOLLWATCH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
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


def _chromium_missing() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"chromium not found at {CHROMIUM} (run scripts/install-browser.sh)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (make install-dev)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian chromium driven by Playwright, one per test session for every browser test
    (Playwright's sync API allows one running instance per thread)."""
    reason = _chromium_missing()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
