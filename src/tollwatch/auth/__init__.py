"""Accounts and access: users with roles, argon2id passwords, API tokens, web sessions with
CSRF tokens, and login rate limiting.

    Role            viewer < analyst < admin
    Principal       who is calling (user id, name, role, via session/token/cli)
    users           add_user, disable_user, set_role, set_password, authenticate, create_token
    sessions        start_session, session_for_cookie, end_session
    LoginLimiter    5 failures per (name, IP) per 15 minutes by default

The HTTP side (FastAPI dependencies) lives in ``tollwatch.api.security``.
"""

from tollwatch.auth.passwords import hash_password, verify_password
from tollwatch.auth.ratelimit import LoginLimiter
from tollwatch.auth.roles import Principal, Role, parse_role
from tollwatch.auth.sessions import (
    NewSession,
    SessionInfo,
    end_all_sessions,
    end_session,
    session_for_cookie,
    start_session,
)
from tollwatch.auth.users import (
    User,
    add_user,
    authenticate,
    create_token,
    disable_user,
    get_user,
    list_users,
    principal_for_token,
    revoke_tokens,
    set_password,
    set_role,
)

__all__ = [
    "LoginLimiter",
    "NewSession",
    "Principal",
    "Role",
    "SessionInfo",
    "User",
    "add_user",
    "authenticate",
    "create_token",
    "disable_user",
    "end_all_sessions",
    "end_session",
    "get_user",
    "hash_password",
    "list_users",
    "parse_role",
    "principal_for_token",
    "revoke_tokens",
    "session_for_cookie",
    "set_password",
    "set_role",
    "start_session",
    "verify_password",
]
