"""The FastAPI application: ``create_app(settings)`` builds it; ``tollwatch serve`` runs it.

Every JSON route lives under ``/api/v1``; the OpenAPI schema is at ``/openapi.json``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import unquote

import anyio.to_thread
from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from sqlalchemy import Engine
from sqlalchemy.pool import QueuePool
from starlette.types import ASGIApp, Receive, Scope, Send

from tollwatch import __version__
from tollwatch.api._params import refuse_unknown_params
from tollwatch.api.errors import error_body, install_error_handlers
from tollwatch.api.headers import SecurityHeaders, docs_router
from tollwatch.api.limits import LimitBody
from tollwatch.api.routes import (
    auth,
    claims,
    events,
    export,
    failures,
    health,
    ingest,
    places,
    reports,
    review,
    sources,
    tolls,
    web,
)
from tollwatch.config import Settings, get_settings
from tollwatch.store import open_engine

__all__ = ["API_PREFIX", "create_app", "install_security_routes"]

API_PREFIX = "/api/v1"


class RefuseNul:
    """NUL characters cannot be stored or compared on PostgreSQL: refuse them up front
    (a plain ASGI middleware, so streamed responses pass through untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            raw = scope.get("path", "") + "?" + scope.get("query_string", b"").decode("latin-1")
            if "\x00" in unquote(raw):
                body = error_body(400, "TW400", "request path or query contains a NUL character")
                await JSONResponse(body, status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def bound_threads_to_pool(engine: Engine) -> int:
    """Run at most half as many sync routes at once as the pool has connections.

    A request can hold two connections at a time (its own, plus one for the auth lookup or
    the redaction cache); with more worker threads than that allows, threads would wait on
    each other for connections until the pool times out. Returns the thread limit.
    """
    pool = engine.pool
    size = pool.size() if isinstance(pool, QueuePool) else 0
    overflow = max(0, int(getattr(pool, "_max_overflow", 0))) if size else 0
    limiter = anyio.to_thread.current_default_thread_limiter()
    if size:
        limiter.total_tokens = max(2, min(40, (size + overflow) // 2))
    return int(limiter.total_tokens)


def install_security_routes(app: FastAPI, prefix: str = API_PREFIX) -> None:
    """Mount the auth, user-admin and review routers (JSON under ``prefix``) and the
    ``/login``, ``/logout`` and ``/review`` pages; ``create_app`` calls this once."""
    paths = {ctx.path for ctx in iter_route_contexts(app.routes)}
    if f"{prefix}/auth/login" in paths:
        return
    app.include_router(auth.router, prefix=prefix)
    app.include_router(auth.users_router, prefix=prefix)
    app.include_router(review.router, prefix=prefix)
    app.include_router(auth.pages)
    app.include_router(review.pages)


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
        bound_threads_to_pool(db)
        from tollwatch.web.labels import warm_labels

        warm_labels()  # the map's place names, read once, before the first map is drawn
        yield
        if owns_engine:
            db.dispose()

    app = FastAPI(
        title="tollwatch",
        version=__version__,
        summary="Casualty claims, reconciled events and tolls, each with its evidence.",
        openapi_url="/openapi.json",
        docs_url=None,  # /api/docs is served locally (tollwatch.api.headers)
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = db
    install_error_handlers(app)
    app.add_middleware(RefuseNul)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(LimitBody, max_bytes=settings.max_body_bytes)  # outermost: first

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
        app.include_router(
            module.router, prefix=API_PREFIX, dependencies=[Depends(refuse_unknown_params)]
        )
    install_security_routes(app, API_PREFIX)  # auth, users, review (JSON) and their pages
    app.include_router(docs_router)
    app.include_router(web.router)  # the dashboard's pages and static files (tollwatch.web)
    return app
