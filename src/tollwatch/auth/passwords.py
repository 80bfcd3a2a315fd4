"""Password hashing with argon2id (argon2-cffi's maintained defaults, RFC 9106 low-memory)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from tollwatch.errors import UserError

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "burn_verification",
    "check_password_policy",
    "hash_password",
    "needs_rehash",
    "verify_password",
]

MIN_PASSWORD_LENGTH = 10
_HASHER = PasswordHasher()


def check_password_policy(password: str) -> None:
    """Refuse passwords too short to resist guessing."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(
            f"password too short ({len(password)} characters)",
            hint=f"use at least {MIN_PASSWORD_LENGTH} characters",
        )


def hash_password(password: str) -> str:
    check_password_policy(password)
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when ``password`` matches; never raises for a wrong password or a bad hash."""
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


_dummy: list[str] = []


def burn_verification(password: str) -> None:
    """Spend the time of one verification (for unknown user names: timing tells nothing)."""
    if not _dummy:
        _dummy.append(_HASHER.hash("tollwatch-dummy-password"))
    verify_password(_dummy[0], password)


def needs_rehash(stored_hash: str) -> bool:
    return _HASHER.check_needs_rehash(stored_hash)
