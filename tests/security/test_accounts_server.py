"""Issue 13, "Accounts and server" 13-15: forwarded addresses, concurrent logins, password
changes ending sessions and tokens, and the password policy. The rate-limit tests run the
real uvicorn server (the options `tollwatch serve` uses) on loopback."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from tollwatch.auth import LoginLimiter, add_user
from tollwatch.auth.passwords import check_password_policy
from tollwatch.errors import WeakPassword

from .conftest import PASSWORD, TestClient, make_user
from .live import live_server


def _login(base: str, name: str, password: str, forwarded: str | None = None) -> int:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    r = httpx.post(
        f"{base}/api/v1/auth/login",
        json={"name": name, "password": password},
        headers=headers,
        timeout=30,
    )
    return r.status_code


def test_forwarded_for_cannot_dodge_the_login_limit(
    app_for: Callable[..., Any], engine: Engine
) -> None:
    """Defect 13: rotating X-Forwarded-For from loopback gave every guess a fresh address."""
    make_user(engine, "amira", "analyst")
    app = app_for()
    app.state.login_limiter = LoginLimiter(max_failures=5, window_seconds=900)
    with live_server(app) as base:
        codes = [_login(base, "amira", "guess guess", f"203.0.113.{i}") for i in range(10)]
    assert codes[:5] == [401] * 5
    assert codes[5:] == [429] * 5, codes


def test_forwarded_for_counts_from_a_configured_proxy(
    app_for: Callable[..., Any], engine: Engine
) -> None:
    make_user(engine, "amira", "analyst")
    app = app_for(trusted_proxies="127.0.0.1")
    app.state.login_limiter = LoginLimiter(max_failures=2, window_seconds=900)
    with live_server(app) as base:
        one = [_login(base, "amira", "guess guess", "198.51.100.7") for _ in range(3)]
        other = _login(base, "amira", "guess guess", "198.51.100.8, 127.0.0.1")
        spoofed = _login(base, "amira", "guess guess", "198.51.100.7, 10.9.9.9")
    assert one == [401, 401, 429]
    assert other == 401  # a different client behind the proxy has its own count
    assert spoofed == 401  # the right-most untrusted hop is the client: 10.9.9.9


def test_login_limit_holds_under_30_concurrent_attempts(
    app_for: Callable[..., Any], engine: Engine
) -> None:
    """Defect 13: 10 of 30 concurrent guesses got through a limit of 5."""
    make_user(engine, "amira", "analyst")
    app = app_for()
    app.state.login_limiter = LoginLimiter(max_failures=5, window_seconds=900)
    with live_server(app) as base, ThreadPoolExecutor(max_workers=30) as pool:
        codes = list(pool.map(lambda _: _login(base, "amira", "guess guess"), range(30)))
    assert codes.count(401) == 5, codes
    assert codes.count(429) == 25, codes


def test_password_change_ends_other_sessions_and_tokens(
    app_for: Callable[..., Any], engine: Engine
) -> None:
    """Defect 14: sessions and API tokens survived a password change."""
    token = make_user(engine, "amira", "analyst")
    app = app_for()
    with TestClient(app) as here, TestClient(app) as elsewhere:
        logins = [
            c.post("/api/v1/auth/login", json={"name": "amira", "password": PASSWORD})
            for c in (here, elsewhere)
        ]
        assert all(r.status_code == 200 for r in logins)
        csrf = logins[0].json()["csrf_token"]
        bearer = {"Authorization": f"Bearer {token}"}
        assert here.get("/api/v1/auth/me", headers=bearer).status_code == 200
        wrong = here.post(
            "/api/v1/auth/password",
            json={"current_password": "not it at all", "new_password": "violet tram orbit 42"},
            headers={"X-CSRF-Token": csrf},
        )
        assert wrong.status_code == 403
        r = here.post(
            "/api/v1/auth/password",
            json={"current_password": PASSWORD, "new_password": "violet tram orbit 42"},
            headers={"X-CSRF-Token": csrf},
        )
        assert r.status_code == 200, r.text
        assert r.json()["ended"] == 2  # the other session and the token
        assert here.get("/api/v1/auth/me").status_code == 200  # this session stays
        assert elsewhere.get("/api/v1/auth/me").status_code == 401
        with TestClient(app, headers=bearer) as script:
            assert script.get("/api/v1/auth/me").status_code == 401
        again = elsewhere.post(
            "/api/v1/auth/login", json={"name": "amira", "password": "violet tram orbit 42"}
        )
        assert again.status_code == 200


def test_admin_password_reset_ends_every_session_and_token(
    app_for: Callable[..., Any], engine: Engine
) -> None:
    """Defect 14, the CLI/admin path (`tollwatch user password`): nothing is kept."""
    from tollwatch.auth import set_password

    token = make_user(engine, "amira", "analyst")
    app = app_for()
    with TestClient(app) as browser:
        assert (
            browser.post(
                "/api/v1/auth/login", json={"name": "amira", "password": PASSWORD}
            ).status_code
            == 200
        )
        with engine.begin() as conn:
            assert set_password(conn, "amira", "quiet harbour lantern", actor="admin") == 2
        assert browser.get("/api/v1/auth/me").status_code == 401
        bearer = {"Authorization": f"Bearer {token}"}
        assert browser.get("/api/v1/auth/me", headers=bearer).status_code == 401


@pytest.mark.parametrize(
    "password",
    [
        "password12",
        "Password2024!",
        "p@ssw0rd123",
        "qwertyuiop",
        "1234567890",
        "abcdefghij",
        "iloveyou!!",
        "letmein2025",
        "aaaaaaaaaaaa",
        "abababababab",
        "dragondragon",
        " " * 10,
        "\x00" * 10,
        "good pass\x00word",
        "tab\tseparated words",
        "x" * 257,
        "amira-2025-login",  # the user's own name
        "short1!",
    ],
)
def test_password_policy_refuses(password: str, engine: Engine) -> None:
    """Defect 15: the length-only policy accepted "password12", ten spaces, ten NULs."""
    with pytest.raises(WeakPassword) as caught:
        check_password_policy(password, "amira")
    assert caught.value.code == "TW066"
    with engine.begin() as conn, pytest.raises(WeakPassword):
        add_user(conn, "amira", password, "viewer", actor="test")


@pytest.mark.parametrize(
    "password",
    ["correct horse battery", "violet tram orbit 42", "Konduga-market-rain-7", "ثلاث كلمات طويلة"],
)
def test_password_policy_accepts_passphrases(password: str) -> None:
    check_password_policy(password, "amira")


def test_weak_password_is_refused_over_the_api(
    clients: dict[str, Any],
) -> None:
    r = clients["admin"].post(
        "/api/v1/users", json={"name": "bob", "password": "password12", "role": "viewer"}
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "TW066"
