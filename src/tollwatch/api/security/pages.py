"""Headers for the login and review pages (content security policy, no framing)."""

from __future__ import annotations

from typing import TypeVar

from fastapi import Response

__all__ = ["PAGE_POLICY", "secure_page"]

PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)


_R = TypeVar("_R", bound=Response)


def secure_page(response: _R) -> _R:
    """Headers for the login and review pages: only this app's own scripts, no framing
    (clickjacking), no MIME sniffing, no referrer to other sites."""
    response.headers["Content-Security-Policy"] = PAGE_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response
