"""Browser sessions: a random cookie value, stored as its digest, with a CSRF token.

CSRF uses the synchronizer-token pattern: each session has its own random ``csrf_token``;
pages embed it (a ``<meta name="csrf-token">`` for JS, a hidden ``csrf_token`` field for
forms) and every state-changing request made with the session cookie must send it back in
the ``X-CSRF-Token`` header or that form field. Bearer-token requests need no CSRF token
(browsers never attach them by themselves).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, insert, select

from tollwatch.auth.roles import Principal, Role
from tollwatch.auth.tokens import digest, new_secret
from tollwatch.store.tables.security import users, web_sessions

__all__ = [
    "SESSION_TTL",
    "NewSession",
    "SessionInfo",
    "end_all_sessions",
    "end_session",
    "session_for_cookie",
    "start_session",
]

SESSION_TTL = timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class NewSession:
    cookie: str  # goes to the browser; never stored
    csrf_token: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class SessionInfo:
    principal: Principal
    csrf_token: str
    expires_at: datetime


def start_session(
    conn: Connection,
    principal: Principal,
    *,
    now: datetime | None = None,
    ttl: timedelta = SESSION_TTL,
) -> NewSession:
    at = now or datetime.now(UTC)
    cookie, csrf = new_secret(), new_secret()
    expires = at + ttl
    conn.execute(
        insert(web_sessions).values(
            id=digest(cookie),
            user_id=principal.user_id,
            csrf_token=csrf,
            created_at=at,
            expires_at=expires,
        )
    )
    # Expired sessions of anyone are cleared on the way.
    conn.execute(delete(web_sessions).where(web_sessions.c.expires_at < at))
    return NewSession(cookie=cookie, csrf_token=csrf, expires_at=expires)


def session_for_cookie(
    conn: Connection, cookie: str, *, now: datetime | None = None
) -> SessionInfo | None:
    """The live session for a cookie value, or None (unknown, expired, user disabled)."""
    if not cookie or len(cookie) > 200:
        return None
    row = conn.execute(
        select(
            web_sessions.c.csrf_token,
            web_sessions.c.expires_at,
            users.c.id,
            users.c.name,
            users.c.role,
            users.c.disabled,
        )
        .join(users, users.c.id == web_sessions.c.user_id)
        .where(web_sessions.c.id == digest(cookie))
    ).first()
    if row is None or row.disabled:
        return None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
    if expires <= (now or datetime.now(UTC)):
        return None
    principal = Principal(user_id=row.id, name=row.name, role=Role(row.role), via="session")
    return SessionInfo(principal=principal, csrf_token=row.csrf_token, expires_at=expires)


def end_session(conn: Connection, cookie: str) -> None:
    conn.execute(delete(web_sessions).where(web_sessions.c.id == digest(cookie)))


def end_all_sessions(conn: Connection, user_id: int, *, keep: str | None = None) -> int:
    """End every session of the user, except the one whose cookie is ``keep``; returns how
    many ended."""
    stmt = delete(web_sessions).where(web_sessions.c.user_id == user_id)
    if keep:
        stmt = stmt.where(web_sessions.c.id != digest(keep))
    return int(conn.execute(stmt).rowcount or 0)
