"""The app served by the real uvicorn server, configured as `tollwatch serve` configures it,
on a free loopback port (for tests of what only a server shows: forwarded addresses,
concurrency, body limits, header timeouts)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

from tollwatch.api.server import server_config


@contextmanager
def live_server(app: Any) -> Iterator[str]:
    """The app on a free loopback port, run by uvicorn as `tollwatch serve` configures it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(server_config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
