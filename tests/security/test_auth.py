from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from tollwatch.auth import (
    LoginLimiter,
    Role,
    add_user,
    authenticate,
    create_token,
    disable_user,
    principal_for_token,
    revoke_tokens,
    session_for_cookie,
    set_role,
    start_session,
)
from tollwatch.auth.tokens import digest
from tollwatch.cli import app
from tollwatch.errors import NotAuthenticated, TooManyAttempts, UserError
from tollwatch.store.tables.security import api_tokens, users

from .conftest import PASSWORD


def test_auth_password_is_stored_as_argon2id(engine: Engine) -> None:
    with engine.begin() as conn:
        add_user(conn, "amira", PASSWORD, "analyst", actor="test")
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


@pytest.mark.parametrize(
    ("name", "password", "role", "message"),
    [
        ("amira", "short", "viewer", "too short"),
        ("amira", PASSWORD, "superuser", "unknown role"),
        ("a", PASSWORD, "viewer", "invalid user name"),
        ("bad name", PASSWORD, "viewer", "invalid user name"),
    ],
)
def test_auth_add_user_refuses_bad_input(
    engine: Engine, name: str, password: str, role: str, message: str
) -> None:
    with engine.begin() as conn, pytest.raises(UserError, match=message):
        add_user(conn, name, password, role, actor="test")


def test_auth_add_user_refuses_duplicates(engine: Engine) -> None:
    with engine.begin() as conn:
        add_user(conn, "amira", PASSWORD, "viewer", actor="test")
    with engine.begin() as conn, pytest.raises(UserError, match="already exists"):
        add_user(conn, "amira", PASSWORD, "admin", actor="test")


def test_auth_authenticate(engine: Engine) -> None:
    with engine.begin() as conn:
        add_user(conn, "amira", PASSWORD, "analyst", actor="test")
        who = authenticate(conn, "amira", PASSWORD)
        assert (who.name, who.role) == ("amira", Role.ANALYST)
        for name, password in [("amira", "wrong password!"), ("nobody", PASSWORD)]:
            with pytest.raises(NotAuthenticated, match="wrong user name or password"):
                authenticate(conn, name, password)
        disable_user(conn, "amira", actor="test")
        with pytest.raises(NotAuthenticated):
            authenticate(conn, "amira", PASSWORD)


def test_auth_tokens_are_stored_hashed_and_can_be_revoked(engine: Engine) -> None:
    with engine.begin() as conn:
        add_user(conn, "bot", PASSWORD, "viewer", actor="test")
        token = create_token(conn, "bot", actor="test", label="nightly export")
        stored = conn.execute(select(api_tokens.c.token_hash)).scalar_one()
        assert stored == digest(token) and token not in stored
        who = principal_for_token(conn, token)
        assert who is not None and (who.name, who.via) == ("bot", "token")
        assert principal_for_token(conn, token + "x") is None
        assert principal_for_token(conn, "not-a-token") is None
        assert revoke_tokens(conn, "bot", actor="test") == 1
        assert principal_for_token(conn, token) is None


def test_auth_token_expires(engine: Engine) -> None:
    now = datetime(2025, 1, 1, tzinfo=UTC)
    with engine.begin() as conn:
        add_user(conn, "bot", PASSWORD, "viewer", actor="test")
        token = create_token(conn, "bot", actor="test", expires_in=timedelta(days=1), now=now)
        assert principal_for_token(conn, token, now=now + timedelta(hours=23)) is not None
        assert principal_for_token(conn, token, now=now + timedelta(days=2)) is None


def test_auth_disabled_user_loses_tokens_and_sessions(engine: Engine) -> None:
    with engine.begin() as conn:
        add_user(conn, "amira", PASSWORD, "analyst", actor="test")
        token = create_token(conn, "amira", actor="test")
        session = start_session(conn, authenticate(conn, "amira", PASSWORD))
        assert session_for_cookie(conn, session.cookie) is not None
        disable_user(conn, "amira", actor="test")
        assert principal_for_token(conn, token) is None
        assert session_for_cookie(conn, session.cookie) is None


def test_auth_session_expires_and_role_changes_apply(engine: Engine) -> None:
    now = datetime(2025, 1, 1, tzinfo=UTC)
    with engine.begin() as conn:
        add_user(conn, "amira", PASSWORD, "viewer", actor="test")
        who = authenticate(conn, "amira", PASSWORD)
        session = start_session(conn, who, now=now, ttl=timedelta(hours=1))
        set_role(conn, "amira", "admin", actor="test")
        info = session_for_cookie(conn, session.cookie, now=now + timedelta(minutes=30))
        assert info is not None and info.principal.role == Role.ADMIN
        assert info.csrf_token == session.csrf_token
        assert session_for_cookie(conn, session.cookie, now=now + timedelta(hours=2)) is None


def test_auth_limiter_blocks_after_failures_and_recovers() -> None:
    clock = [1000.0]
    limiter = LoginLimiter(max_failures=3, window_seconds=60, clock=lambda: clock[0])
    for _ in range(3):
        limiter.check("amira", "10.0.0.1")
        limiter.failed("amira", "10.0.0.1")
    with pytest.raises(TooManyAttempts, match="try again in"):
        limiter.check("Amira", "10.0.0.1")
    limiter.check("amira", "10.0.0.2")  # another address is not blocked
    limiter.check("bob", "10.0.0.1")  # nor another name
    clock[0] += 61
    limiter.check("amira", "10.0.0.1")
    limiter.failed("amira", "10.0.0.1")
    limiter.succeeded("amira", "10.0.0.1")
    limiter.failed("amira", "10.0.0.1")
    limiter.check("amira", "10.0.0.1")


def test_auth_cli_user_commands(db_url: str, engine: Engine) -> None:
    runner = CliRunner()
    added = runner.invoke(
        app,
        ["--db", db_url, "user", "add", "amira", "--role", "analyst", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert added.exit_code == 0, added.output
    listed = runner.invoke(app, ["--db", db_url, "user", "list", "--json"])
    assert '"role": "analyst"' in listed.output
    made = runner.invoke(app, ["--db", db_url, "user", "token", "amira", "--label", "cron"])
    token = made.output.strip().splitlines()[-1]
    with engine.connect() as conn:
        assert principal_for_token(conn, token) is not None
    bad = runner.invoke(
        app,
        ["--db", db_url, "user", "add", "bob", "--role", "boss", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert bad.exit_code == 1 and "unknown role" in bad.output
    off = runner.invoke(app, ["--db", db_url, "user", "disable", "amira"])
    assert off.exit_code == 0
    with engine.connect() as conn:
        assert principal_for_token(conn, token) is None
    log = runner.invoke(app, ["--db", db_url, "audit", "log", "--json"])
    for action in ("user.add", "token.create", "user.disable", "token.revoke"):
        assert action in log.output
