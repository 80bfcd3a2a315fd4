"""API fixtures: a seeded database on each dialect and clients for the app built on it.

``client`` reads as the anonymous public (``public_read`` on: names redacted, sensitive
reports' words hidden); ``analyst`` sends an analyst's API token (originals);
``private`` is an app with public read off and no credentials.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine
from starlette.exceptions import StarletteDeprecationWarning

from api.seed import Seeded, seed
from tollwatch.api import create_app
from tollwatch.auth.users import add_user, create_token
from tollwatch.config import Settings

with warnings.catch_warnings():
    # starlette prefers the httpx2 fork and warns on import; the client works with httpx.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient


@pytest.fixture
def seeded(engine: Engine) -> Seeded:
    return seed(engine)


def _token(engine: Engine, name: str, role: str) -> str:
    with engine.begin() as conn:
        add_user(conn, name, "a long test password 1", role, actor="test")
        return create_token(conn, name, actor="test")


@pytest.fixture
def client(db_url: str, engine: Engine, seeded: Seeded) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=db_url, public_read=True), engine=engine)
    with TestClient(app) as c:
        yield c


@pytest.fixture
def analyst(db_url: str, engine: Engine, seeded: Seeded) -> Iterator[TestClient]:
    token = _token(engine, "ana", "analyst")
    app = create_app(Settings(database_url=db_url, public_read=True), engine=engine)
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as c:
        yield c


@pytest.fixture
def viewer(db_url: str, engine: Engine, seeded: Seeded) -> Iterator[TestClient]:
    token = _token(engine, "vic", "viewer")
    app = create_app(Settings(database_url=db_url, public_read=False), engine=engine)
    with TestClient(app, headers={"Authorization": f"Bearer {token}"}) as c:
        yield c


@pytest.fixture
def private(db_url: str, engine: Engine, seeded: Seeded) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=db_url, public_read=False), engine=engine)
    with TestClient(app) as c:
        yield c
