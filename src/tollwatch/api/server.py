"""How ``tollwatch serve`` runs uvicorn: no client address taken from ``X-Forwarded-For``
by uvicorn itself (the app believes it only from ``TOLLWATCH_TRUSTED_PROXIES``), and a
time limit on reading a request's headers (a client that trickles them is cut off).
"""

from __future__ import annotations

import asyncio
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from tollwatch.config import get_settings

__all__ = ["HeaderTimeoutProtocol", "server_config"]

KEEP_ALIVE_SECONDS = 5


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's headers: from the
    connection's start (or the end of the previous response) the client has
    ``header_timeout`` seconds to finish sending the request line and headers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = get_settings().header_timeout_seconds
        self._header_deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._header_deadline = self.loop.call_later(self.header_timeout, self._headers_late)

    def _disarm(self) -> None:
        if self._header_deadline is not None:
            self._header_deadline.cancel()
            self._header_deadline = None

    def _headers_late(self) -> None:
        self._header_deadline = None
        if not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not None and self.cycle is not before:
            self._disarm()  # a request's headers arrived in time

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()


#: What ``tollwatch serve`` passes to uvicorn (besides the app, host, port and workers).
SERVER_OPTIONS: dict[str, Any] = {
    "http": "tollwatch.api.server:HeaderTimeoutProtocol",  # an import string: workers too
    "proxy_headers": False,
    "timeout_keep_alive": KEEP_ALIVE_SECONDS,
}


def server_config(app: Any, **options: Any) -> uvicorn.Config:
    """The uvicorn configuration ``tollwatch serve`` runs with (``options``: host, port,
    workers, factory, log_level...). The header timeout is TOLLWATCH_HEADER_TIMEOUT_SECONDS."""
    return uvicorn.Config(app, **SERVER_OPTIONS, **options)
