"""The FastAPI application: ``create_app(settings)`` builds it; ``tollwatch serve`` runs it.

Every JSON route lives under ``/api/v1``; the OpenAPI schema is at ``/openapi.json``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from urllib.parse import unquote

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import Engine

from tollwatch import __version__
from tollwatch.api.errors import error_body, install_error_handlers
from tollwatch.api.routes import (
    claims,
    events,
    export,
    failures,
    health,
    ingest,
    places,
    reports,
    sources,
    tolls,
    web,
)
from tollwatch.api.security import install_security_routes
from tollwatch.config import Settings, get_settings
from tollwatch.store import open_engine

__all__ = ["API_PREFIX", "create_app"]

API_PREFIX = "/api/v1"


async def _refuse_nul(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """NUL characters cannot be stored or compared on PostgreSQL: refuse them up front."""
    raw = request.url.path + "?" + (request.url.query or "")
    if "\x00" in unquote(raw):
        body = error_body(400, "TW400", "request path or query contains a NUL character")
        return JSONResponse(body, status_code=400)
    return await call_next(request)


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """Build the app on ``settings`` (default: the environment) and its database.

    ``engine`` reuses an open engine (tests, benchmarks); otherwise one is opened (and the
    database migrated) from ``settings.database_url`` and disposed when the app shuts down.
    """
    settings = settings or get_settings()
    owns_engine = engine is None
    db = engine if engine is not None else open_engine(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owns_engine:
            db.dispose()

    app = FastAPI(
        title="tollwatch",
        version=__version__,
        summary="Casualty claims, reconciled events and tolls, each with its evidence.",
        openapi_url="/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = db
    install_error_handlers(app)
    app.middleware("http")(_refuse_nul)

    for module in (
        health,
        tolls,
        events,
        reports,
        ingest,
        claims,
        places,
        sources,
        failures,
        export,
    ):
        app.include_router(module.router, prefix=API_PREFIX)
    install_security_routes(app, API_PREFIX)  # auth, users, review (JSON) and their pages
    app.include_router(web.router)  # the dashboard's pages and static files (tollwatch.web)
    return app
