"""What the server protects itself against before any route runs: request bodies over a
size limit (413 before authentication or a route reads a byte of them) and forged client
addresses (``X-Forwarded-For`` believed only from configured proxies).

``LimitBody`` is a plain ASGI middleware: a ``Content-Length`` over the limit is refused at
once; a body sent without one (chunked) is counted as it streams and cut at the limit.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from fastapi.responses import JSONResponse
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tollwatch.api.errors import error_body

__all__ = ["UPLOAD_BYTES", "UPLOAD_PATHS", "LimitBody", "client_address", "trusted_networks"]

#: Report uploads may carry a 20 MiB file (the ingest limit) plus the multipart envelope.
UPLOAD_BYTES = 21 * 1024 * 1024
UPLOAD_PATHS = ("/api/v1/reports",)


def _too_large(limit: int) -> JSONResponse:
    body = error_body(
        413,
        "TW413",
        f"request body larger than {limit} bytes",
        hint="send less at once (reports: at most 20 MiB per upload)",
    )
    return JSONResponse(body, status_code=413, headers={"Connection": "close"})


class LimitBody:
    def __init__(self, app: ASGIApp, max_bytes: int, upload_bytes: int = UPLOAD_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.upload_bytes = max(upload_bytes, max_bytes)

    def limit_for(self, path: str) -> int:
        return self.upload_bytes if path.rstrip("/") in UPLOAD_PATHS else self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        for key, value in scope.get("headers", ()):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > limit or declared < 0:
                    await _too_large(limit)(scope, receive, send)
                    return
        seen = 0
        started = False
        refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    refused = True
                    if not started:
                        await _too_large(limit)(scope, receive, send)
                    return {"type": "http.disconnect"}  # the app stops reading here
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 went out; whatever the app answers to the disconnect is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        await self.app(scope, counted, watched)


@lru_cache(maxsize=8)
def trusted_networks(
    spec: str,
) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """``"127.0.0.1, 10.0.0.0/8"`` -> networks (a bad entry is skipped, never trusted)."""
    out = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        try:
            out.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            continue
    return tuple(out)


def _trusted(
    address: str, networks: Iterable[ipaddress.IPv4Network | ipaddress.IPv6Network]
) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in net for net in networks)


def client_address(request: Request, trusted: str) -> str:
    """The client's address: the peer's, unless the peer is a trusted proxy; then the
    right-most ``X-Forwarded-For`` entry that is not itself a trusted proxy."""
    peer = request.client.host if request.client else "unknown"
    networks = trusted_networks(trusted)
    if not networks or not _trusted(peer, networks):
        return peer
    forwarded = ",".join(request.headers.getlist("x-forwarded-for"))
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else peer
