"""Who sent a request: the bearer token (``Authorization: Bearer tw_...``) or the session
cookie, as an ``AuthContext``; the app's settings and engine for these dependencies; and the
401/403 exception whose ``detail`` is the API's one error body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from sqlalchemy import Engine

from tollwatch.auth.roles import Principal
from tollwatch.auth.sessions import session_for_cookie
from tollwatch.auth.users import principal_for_token
from tollwatch.config import Settings, get_settings
from tollwatch.errors import NotAuthenticated, TollwatchError
from tollwatch.store import connect

__all__ = [
    "SESSION_COOKIE",
    "AuthContext",
    "AuthContextDep",
    "AuthHTTPException",
    "EngineDep",
    "SettingsDep",
    "app_settings",
    "error_body",
    "get_auth_context",
    "get_engine",
    "unauthenticated",
]

SESSION_COOKIE = "tollwatch_session"


def app_settings(
    request: Request, fallback: Annotated[Settings, Depends(get_settings)]
) -> Settings:
    """The settings the app was created with (``app.state.settings``), else the environment's
    (``tollwatch.config.get_settings``; override either in tests)."""
    settings = getattr(request.app.state, "settings", None)
    if isinstance(settings, Settings):
        return settings
    return fallback


SettingsDep = Annotated[Settings, Depends(app_settings)]


def error_body(exc: TollwatchError, status: int) -> dict[str, Any]:
    """The API's one error shape (the same as ``tollwatch.api.errors.error_body``)."""
    return {
        "error": {
            "code": exc.code,
            "status": status,
            "message": exc.message,
            "hint": exc.hint,
            "detail": None,
        }
    }


class AuthHTTPException(HTTPException):
    """An HTTPException whose ``detail`` is already the API's error body; ``.error`` holds the
    tollwatch error."""

    def __init__(self, status_code: int, error: TollwatchError) -> None:
        headers = {"WWW-Authenticate": "Bearer"} if status_code == 401 else None
        super().__init__(
            status_code=status_code, detail=error_body(error, status_code), headers=headers
        )
        self.error = error


def unauthenticated(message: str = "login required") -> AuthHTTPException:
    return AuthHTTPException(
        401,
        NotAuthenticated(
            message,
            hint="log in (POST /api/v1/auth/login) or send 'Authorization: Bearer <token>' "
            "(tokens from `tollwatch user token NAME`)",
        ),
    )


def get_engine(request: Request, settings: SettingsDep) -> Engine:
    """The app's engine (``app.state.engine``) or the cached one for the settings' URL."""
    engine = getattr(request.app.state, "engine", None)
    if isinstance(engine, Engine):
        return engine
    return connect(settings.database_url)


EngineDep = Annotated[Engine, Depends(get_engine)]


@dataclass(frozen=True, slots=True)
class AuthContext:
    """Who sent the request (None: nobody) and, for a session, its CSRF token."""

    principal: Principal | None
    csrf_token: str | None = None


def get_auth_context(request: Request, engine: EngineDep) -> AuthContext:
    """Read the bearer token or the session cookie (sync: runs in the threadpool)."""
    header = request.headers.get("authorization")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise unauthenticated("the Authorization header must be 'Bearer <token>'")
        with engine.begin() as conn:
            principal = principal_for_token(conn, token.strip())
        if principal is None:
            raise unauthenticated("unknown, revoked or expired API token")
        return AuthContext(principal)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        with engine.connect() as conn:
            info = session_for_cookie(conn, cookie)
        if info is not None:
            return AuthContext(info.principal, info.csrf_token)
    return AuthContext(None)


AuthContextDep = Annotated[AuthContext, Depends(get_auth_context)]
