"""Random secrets for API tokens, sessions and CSRF, and how they are stored.

Tokens carry 256 random bits, so a plain sha256 digest is a safe way to store them (no
dictionary to guess from); the token itself is shown only once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

__all__ = ["TOKEN_PREFIX", "digest", "new_secret", "new_token", "same_secret"]

TOKEN_PREFIX = "tw_"


def new_token() -> str:
    """A new API token, recognisable by its prefix."""
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def new_secret() -> str:
    """A random value for session cookies and CSRF tokens."""
    return secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    """What is stored for a token or session id: sha256 hex."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def same_secret(a: str, b: str) -> bool:
    """Constant-time comparison."""
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
