"""CSRF for cookie sessions (synchronizer token): a state-changing request authenticated by
the session cookie must carry the session's token in the ``X-CSRF-Token`` header or a
``csrf_token`` form field. Bearer requests need none."""

from __future__ import annotations

from fastapi import Request

from tollwatch.api.security.authn import AuthContext, AuthHTTPException
from tollwatch.auth.tokens import same_secret
from tollwatch.errors import CsrfFailure

__all__ = ["CSRF_FIELD", "CSRF_HEADER", "SAFE_METHODS", "check_csrf"]

CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


async def check_csrf(request: Request, ctx: AuthContext) -> None:
    if request.method.upper() in SAFE_METHODS or ctx.csrf_token is None:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not sent or not same_secret(sent, ctx.csrf_token):
        raise AuthHTTPException(
            403,
            CsrfFailure(
                f"{request.method} {request.url.path} needs this session's CSRF token",
                hint=f"send it in the {CSRF_HEADER} header or a '{CSRF_FIELD}' form field "
                "(GET /api/v1/auth/me returns it)",
            ),
        )
