"""Fixtures for accounts, audit, redaction and review tests.

``app_for(settings)`` builds the real app (``tollwatch.api.create_app``) with the security
routes mounted; ``seeded`` is the API tests' hand-written database (names of people in it:
``api.seed.NAMES``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine
from starlette.exceptions import StarletteDeprecationWarning

from api.seed import Seeded, seed
from tollwatch.api import create_app
from tollwatch.api.app import install_security_routes
from tollwatch.auth import add_user, create_token
from tollwatch.config import Settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

PASSWORD = "correct horse battery"


@pytest.fixture
def seeded(engine: Engine) -> Seeded:
    return seed(engine)


def make_user(engine: Engine, name: str, role: str) -> str:
    """Create a user and return an API token for them."""
    with engine.begin() as conn:
        add_user(conn, name, PASSWORD, role, actor="test")
        return create_token(conn, name, actor="test")


@pytest.fixture
def app_for(db_url: str, engine: Engine) -> Callable[..., Any]:
    def build(**settings: Any) -> Any:
        app = create_app(Settings(database_url=db_url, **settings), engine=engine)
        install_security_routes(app)
        return app

    return build


@pytest.fixture
def clients(
    app_for: Callable[..., Any], engine: Engine, seeded: Seeded
) -> Iterator[dict[str, Any]]:
    """Anonymous (public read off and on), viewer, analyst and admin clients (tokens)."""
    tokens = {role: make_user(engine, f"{role}1", role) for role in ("viewer", "analyst", "admin")}
    private, public = app_for(public_read=False), app_for(public_read=True)
    out: dict[str, Any] = {
        "anonymous": TestClient(private),
        "public": TestClient(public),
    }
    for role, token in tokens.items():
        out[role] = TestClient(private, headers={"Authorization": f"Bearer {token}"})
    try:
        yield out
    finally:
        for c in out.values():
            c.close()


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Argon2id with small parameters: the same algorithm and code path, fast tests (the
    parameters are stored in each hash, so verification is unaffected)."""
    from argon2 import PasswordHasher

    from tollwatch.auth import passwords

    monkeypatch.setattr(
        passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    )
    passwords._dummy.clear()
