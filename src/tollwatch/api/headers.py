"""Headers every response carries: ``X-Content-Type-Options: nosniff`` (no MIME sniffing),
``Referrer-Policy: same-origin``, and ``Cache-Control: no-store`` unless the route chose its
own caching — API answers, exports and pages may show what people said, and shared caches or
the browser's disk must not keep them. Static files (``/static/``) may be cached.

Also ``/api/docs``: Swagger UI served from this app's own files (``web/static/vendor/
swagger-ui``, started by ``web/static/api-docs.js``) under the dashboard's Content Security
Policy, instead of FastAPI's page that loads scripts from a CDN and runs an inline script.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["DOCS_PAGE", "SecurityHeaders", "docs_router"]

DOCS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tollwatch API</title>
<link rel="stylesheet" href="/static/vendor/swagger-ui/swagger-ui.css">
<link rel="icon" href="/static/vendor/swagger-ui/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/vendor/swagger-ui/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
"""

DOCS_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)

docs_router = APIRouter(include_in_schema=False)


@docs_router.get("/api/docs")
def api_docs() -> HTMLResponse:
    """Interactive API documentation (Swagger UI, served locally)."""
    return HTMLResponse(DOCS_PAGE, headers={"Content-Security-Policy": DOCS_POLICY})


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope.get("path", "").startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "same-origin")
                if not static and "cache-control" not in headers:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self.app(scope, receive, with_headers)
