"""Users and API tokens in the database. Every change is audited in the same transaction.

Functions take a Connection (the caller owns the transaction) and plain values; ``actor`` is
the name recorded in the audit log (a user name, or "cli:<os user>").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, RowMapping, insert, select, update

from tollwatch.audit import record
from tollwatch.auth.passwords import (
    burn_verification,
    hash_password,
    needs_rehash,
    verify_password,
)
from tollwatch.auth.roles import Principal, Role, parse_role
from tollwatch.auth.tokens import TOKEN_PREFIX, digest, new_token
from tollwatch.errors import NotAuthenticated, UserError
from tollwatch.store.tables.security import api_tokens, users

__all__ = [
    "User",
    "add_user",
    "authenticate",
    "create_token",
    "disable_user",
    "get_user",
    "list_users",
    "principal_for_token",
    "revoke_tokens",
    "set_password",
    "set_role",
]

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,79}$")
_TOKEN_TOUCH = timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: Role
    disabled: bool
    created_at: datetime

    def principal(self, via: str = "session") -> Principal:
        return Principal(user_id=self.id, name=self.name, role=self.role, via=via)


def _user(row: RowMapping) -> User:
    return User(
        id=row["id"],
        name=row["name"],
        role=Role(row["role"]),
        disabled=bool(row["disabled"]),
        created_at=row["created_at"],
    )


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(UTC)


def get_user(conn: Connection, name: str) -> User:
    if "\x00" in name:
        raise UserError(f"no user named {name!r}", hint="see `tollwatch user list`")
    row = conn.execute(select(users).where(users.c.name == name)).mappings().first()
    if row is None:
        raise UserError(f"no user named {name!r}", hint="see `tollwatch user list`")
    return _user(row)


def list_users(conn: Connection) -> list[User]:
    return [_user(r) for r in conn.execute(select(users).order_by(users.c.name)).mappings()]


def add_user(
    conn: Connection,
    name: str,
    password: str,
    role: Role | str,
    *,
    actor: str,
    now: datetime | None = None,
) -> User:
    """Create a user with an argon2id password hash."""
    role = role if isinstance(role, Role) else parse_role(role)
    if not _NAME.match(name):
        raise UserError(
            f"invalid user name {name!r}",
            hint="2-80 characters: letters, digits, '.', '_', '@' or '-', starting with a letter or digit",
        )
    if conn.execute(select(users.c.id).where(users.c.name == name)).first() is not None:
        raise UserError(f"a user named {name!r} already exists", hint="pick another name")
    password_hash = hash_password(password, name)
    at = _now(now)
    uid = conn.execute(
        insert(users)
        .values(
            name=name, password_hash=password_hash, role=role.value, disabled=False, created_at=at
        )
        .returning(users.c.id)
    ).scalar_one()
    record(conn, actor, "user.add", f"user:{name}", None, {"name": name, "role": role.value}, at=at)
    return User(id=uid, name=name, role=role, disabled=False, created_at=at)


def disable_user(conn: Connection, name: str, *, actor: str, now: datetime | None = None) -> User:
    """Disable a user: no more logins; their sessions and tokens stop working at once."""
    user = get_user(conn, name)
    at = _now(now)
    conn.execute(update(users).where(users.c.id == user.id).values(disabled=True, updated_at=at))
    from tollwatch.auth.sessions import end_all_sessions

    end_all_sessions(conn, user.id)
    record(
        conn,
        actor,
        "user.disable",
        f"user:{name}",
        {"disabled": user.disabled},
        {"disabled": True},
        at=at,
    )
    return get_user(conn, name)


def set_role(
    conn: Connection, name: str, role: Role | str, *, actor: str, now: datetime | None = None
) -> User:
    role = role if isinstance(role, Role) else parse_role(role)
    user = get_user(conn, name)
    at = _now(now)
    conn.execute(update(users).where(users.c.id == user.id).values(role=role.value, updated_at=at))
    record(
        conn,
        actor,
        "user.role",
        f"user:{name}",
        {"role": user.role.value},
        {"role": role.value},
        at=at,
    )
    return get_user(conn, name)


def set_password(
    conn: Connection,
    name: str,
    password: str,
    *,
    actor: str,
    now: datetime | None = None,
    keep_session: str | None = None,
) -> int:
    """Change ``name``'s password. Every web session of the user ends (except the one whose
    cookie is ``keep_session``: the user changing their own password stays logged in) and
    every API token is revoked: whoever knew the old password loses what it gave them.
    Returns how many sessions and tokens were ended."""
    user = get_user(conn, name)
    at = _now(now)
    conn.execute(
        update(users)
        .where(users.c.id == user.id)
        .values(password_hash=hash_password(password, name), updated_at=at)
    )
    from tollwatch.auth.sessions import end_all_sessions

    ended = end_all_sessions(conn, user.id, keep=keep_session)
    revoked = revoke_tokens(conn, name, actor=actor, now=at)
    # The hash itself is never logged.
    record(
        conn,
        actor,
        "user.password",
        f"user:{name}",
        None,
        {"password": "changed", "sessions_ended": ended, "tokens_revoked": revoked},
        at=at,
    )
    return ended + revoked


def authenticate(conn: Connection, name: str, password: str) -> Principal:
    """The principal for a correct name and password of an enabled user.

    Every failure raises the same NotAuthenticated message (no hint whether the name exists);
    an unknown name still costs one hash verification so timing tells nothing either.
    """
    failure = NotAuthenticated("wrong user name or password", hint="check both and try again")
    row = (
        None if "\x00" in name else conn.execute(select(users).where(users.c.name == name)).first()
    )
    if row is None:
        burn_verification(password)
        raise failure
    if not verify_password(row.password_hash, password) or row.disabled:
        raise failure
    if needs_rehash(row.password_hash):
        conn.execute(
            update(users).where(users.c.id == row.id).values(password_hash=hash_password(password))
        )
    return _user(row._mapping).principal("session")


def create_token(
    conn: Connection,
    name: str,
    *,
    actor: str,
    label: str | None = None,
    expires_in: timedelta | None = None,
    now: datetime | None = None,
) -> str:
    """A new API token for user ``name``; returned once, stored only as its digest."""
    user = get_user(conn, name)
    if user.disabled:
        raise UserError(f"user {name!r} is disabled", hint="a disabled user gets no tokens")
    token = new_token()
    at = _now(now)
    tid = conn.execute(
        insert(api_tokens)
        .values(
            user_id=user.id,
            token_hash=digest(token),
            label=label,
            created_at=at,
            expires_at=at + expires_in if expires_in else None,
        )
        .returning(api_tokens.c.id)
    ).scalar_one()
    record(
        conn,
        actor,
        "token.create",
        f"user:{name}",
        None,
        {
            "token_id": tid,
            "label": label,
            "expires_in_days": expires_in.days if expires_in else None,
        },
        at=at,
    )
    return token


def revoke_tokens(conn: Connection, name: str, *, actor: str, now: datetime | None = None) -> int:
    """Revoke every live token of ``name``; returns how many."""
    user = get_user(conn, name)
    at = _now(now)
    count = conn.execute(
        update(api_tokens)
        .where(api_tokens.c.user_id == user.id, api_tokens.c.revoked_at.is_(None))
        .values(revoked_at=at)
    ).rowcount
    record(conn, actor, "token.revoke", f"user:{name}", None, {"revoked": count}, at=at)
    return int(count)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def principal_for_token(
    conn: Connection, token: str, *, now: datetime | None = None
) -> Principal | None:
    """The principal a bearer token stands for, or None (unknown, revoked, expired, disabled)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = conn.execute(
        select(
            api_tokens.c.id,
            api_tokens.c.expires_at,
            api_tokens.c.revoked_at,
            api_tokens.c.last_used_at,
            users.c.id.label("user_id"),
            users.c.name,
            users.c.role,
            users.c.disabled,
        )
        .join(users, users.c.id == api_tokens.c.user_id)
        .where(api_tokens.c.token_hash == digest(token))
    ).first()
    at = _now(now)
    if row is None or row.revoked_at is not None or row.disabled:
        return None
    if row.expires_at is not None and _aware(row.expires_at) <= at:
        return None
    if row.last_used_at is None or _aware(row.last_used_at) + _TOKEN_TOUCH < at:
        conn.execute(update(api_tokens).where(api_tokens.c.id == row.id).values(last_used_at=at))
    return Principal(user_id=row.user_id, name=row.name, role=Role(row.role), via="token")
