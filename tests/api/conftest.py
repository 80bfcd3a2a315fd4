"""API fixtures: one seeded, reconciled database per dialect for the read-only tests (built
once per session), and clients for the app built on it.

``client`` reads as the anonymous public (``public_read`` on: names redacted, sensitive
reports' words hidden); ``analyst`` and ``viewer`` send an API token of that role;
``private`` is an app with public read off and no credentials. Tests that write use the
function-scoped ``engine`` fixture of the root conftest and ``app_for``.
"""

from __future__ import annotations

import os
import uuid
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from starlette.exceptions import StarletteDeprecationWarning

from api.seed import Seeded, seed
from tollwatch.api import create_app
from tollwatch.auth.users import add_user, create_token
from tollwatch.config import Settings
from tollwatch.reconcile.service import reconcile_all
from tollwatch.store import open_engine

with warnings.catch_warnings():
    # starlette prefers the httpx2 fork and warns on import; the client works with httpx.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

PG_ADMIN_URL = os.environ.get(
    "TOLLWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://root@127.0.0.1:5432/test"
)


IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _require_postgres() -> None:
    """The root conftest's rule: skip without a server, except under CI=true (fail)."""
    try:
        probe = create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with probe.connect() as conn:
            conn.execute(text("select 1"))
        probe.dispose()
    except Exception as exc:  # any failure to connect means "no server here"
        reason = f"PostgreSQL not reachable at {PG_ADMIN_URL}: {type(exc).__name__}"
        if IN_CI:
            pytest.fail(f"CI=true but {reason}", pytrace=False)
        pytest.skip(reason)


@dataclass(frozen=True)
class SeededDb:
    url: str
    engine: Engine
    seeded: Seeded
    tokens: dict[str, str]


def token_for(engine: Engine, name: str, role: str) -> str:
    """Add a user with ``role`` and return a new API token for it."""
    with engine.begin() as conn:
        add_user(conn, name, "a long test password 1", role, actor="test")
        return create_token(conn, name, actor="test")


def build(url: str) -> SeededDb:
    """Seed, reconcile and add an analyst and a viewer with tokens."""
    engine = open_engine(url)
    seeded = seed(engine)
    reconcile_all(engine)
    tokens = {
        "analyst": token_for(engine, "ana", "analyst"),
        "viewer": token_for(engine, "vic", "viewer"),
    }
    return SeededDb(url, engine, seeded, tokens)


def seeded_db(dialect: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeededDb]:
    """A new seeded database of ``dialect`` (PostgreSQL: its own schema, dropped after)."""
    if dialect == "sqlite":
        path: Path = tmp_path_factory.mktemp("api") / "tollwatch.db"
        db = build(f"sqlite:///{path}")
        yield db
        db.engine.dispose()
        return
    _require_postgres()
    schema = "tw_api_" + uuid.uuid4().hex[:10]
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_ADMIN_URL else "?"
    db = build(f"{PG_ADMIN_URL}{sep}options=-csearch_path%3D{schema}")
    try:
        yield db
    finally:
        db.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


DIALECTS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session", params=DIALECTS)
def api_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SeededDb]:
    """The seeded database on each dialect, shared by read-only tests."""
    yield from seeded_db(request.param, tmp_path_factory)


@pytest.fixture
def seeded(api_db: SeededDb) -> Seeded:
    return api_db.seeded


@pytest.fixture
def api_engine(api_db: SeededDb) -> Engine:
    return api_db.engine


AppFor = Callable[..., TestClient]


def _client(db: SeededDb, *, public_read: bool, role: str | None) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=db.url, public_read=public_read), engine=db.engine)
    headers = {"Authorization": f"Bearer {db.tokens[role]}"} if role else {}
    with TestClient(app, headers=headers) as c:
        yield c


@pytest.fixture
def client(api_db: SeededDb) -> Iterator[TestClient]:
    yield from _client(api_db, public_read=True, role=None)


@pytest.fixture
def analyst(api_db: SeededDb) -> Iterator[TestClient]:
    yield from _client(api_db, public_read=True, role="analyst")


@pytest.fixture
def viewer(api_db: SeededDb) -> Iterator[TestClient]:
    yield from _client(api_db, public_read=False, role="viewer")


@pytest.fixture
def private(api_db: SeededDb) -> Iterator[TestClient]:
    yield from _client(api_db, public_read=False, role=None)
