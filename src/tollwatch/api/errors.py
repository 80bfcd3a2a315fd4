"""One JSON error shape for every API failure, and the translation from our exception tree.

Every error the API returns looks like::

    {"error": {"code": "TW051", "status": 404, "message": "...", "hint": "..." | null,
               "detail": [...] | null}}

``code`` is the stable ``TW0xx`` code from :mod:`tollwatch.errors` (``TW400`` .. ``TW500`` for
HTTP-level failures that have no domain code), ``detail`` lists field errors for a bad request.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from tollwatch.errors import (
    AuthError,
    ClaimNotFound,
    ConfigError,
    EventNotFound,
    IngestError,
    RecordNotFound,
    ReportNotFound,
    StoreError,
    TollwatchError,
)

__all__ = ["error_body", "install_error_handlers", "status_for"]

log = logging.getLogger(__name__)

# Most specific first: the first class an error is an instance of decides its status.
_STATUS: tuple[tuple[type[TollwatchError], int], ...] = (
    (ReportNotFound, 404),
    (EventNotFound, 404),
    (ClaimNotFound, 404),
    (RecordNotFound, 404),
    (AuthError, 403),
    (IngestError, 422),
    (ConfigError, 500),
    (StoreError, 503),
)


# Auth errors by code (their classes belong to the security module's part of the tree).
_STATUS_BY_CODE = {"TW061": 401, "TW062": 403, "TW063": 429, "TW064": 403, "TW065": 400}


def status_for(exc: TollwatchError) -> int:
    """The HTTP status a domain error is reported with."""
    if exc.code in _STATUS_BY_CODE:
        return _STATUS_BY_CODE[exc.code]
    for cls, status in _STATUS:
        if isinstance(exc, cls):
            return status
    return 400


def error_body(
    status: int,
    code: str,
    message: str,
    *,
    hint: str | None = None,
    detail: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The one error object every API failure returns."""
    return {
        "error": {
            "code": code,
            "status": status,
            "message": message,
            "hint": hint,
            "detail": detail,
        }
    }


def _response(status: int, body: dict[str, Any], headers: Any = None) -> JSONResponse:
    return JSONResponse(status_code=status, content=jsonable_encoder(body), headers=headers)


async def _on_domain_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, TollwatchError)
    status = status_for(exc)
    if status >= 500:
        log.error("API error %s: %s", exc.code, exc.message)
    return _response(status, error_body(status, exc.code, exc.message, hint=exc.hint))


async def _on_http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail
    if isinstance(detail, dict) and "error" in detail:
        # Already in our shape (raised by our own routes through http_error()).
        return _response(exc.status_code, detail, exc.headers)
    message = detail if isinstance(detail, str) else "request failed"
    body = error_body(exc.status_code, f"TW{exc.status_code}", message)
    return _response(exc.status_code, body, exc.headers)


async def _on_validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    detail = [
        {
            "loc": [str(part) for part in err.get("loc", ())],
            "msg": str(err.get("msg", "")),
            "type": str(err.get("type", "")),
        }
        for err in exc.errors()
    ]
    where = "; ".join(f"{'.'.join(d['loc'])}: {d['msg']}" for d in detail[:5])
    body = error_body(422, "TW422", f"invalid request: {where}", detail=detail)
    return _response(422, body)


async def _on_unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected API error", exc_info=exc)
    body = error_body(
        500,
        "TW500",
        "internal error",
        hint="the server log has the details; please report it",
    )
    return _response(500, body)


def install_error_handlers(app: FastAPI) -> None:
    """Route every failure through :func:`error_body`."""
    app.add_exception_handler(TollwatchError, _on_domain_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(Exception, _on_unexpected)
