"""`tollwatch serve`: the REST API and dashboard on uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from tollwatch.cli._app import app, console, fail, state
from tollwatch.errors import TollwatchError

__all__ = ["check_port", "serve"]


def check_port(host: str, port: int) -> None:
    """Fail with one line if ``host:port`` cannot be listened on (busy, or not this machine's)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            fail(
                f"cannot listen on {host}:{port}: {exc.strerror or exc} "
                "(is another server running there? try --port)",
                2,
            )


@app.command("serve")
def serve(
    host: Annotated[
        str, typer.Option(help="Interface to listen on (0.0.0.0 exposes it to the network).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
) -> None:
    """Serve the JSON API (/api/v1, OpenAPI at /openapi.json) and the dashboard.

    Uses the same database as every other command (--db / TOLLWATCH_DATABASE_URL).

    Examples:

      tollwatch serve                      # http://127.0.0.1:8000
      tollwatch --db postgresql://127.0.0.1/test serve --port 8080 --workers 2
    """
    import os

    import uvicorn

    from tollwatch.api import create_app
    from tollwatch.config import Settings

    try:
        settings = Settings(database_url=state.db_url)
        create_app(settings)  # fail here, with one line, if the database is unusable
    except TollwatchError as exc:
        fail(exc)
    check_port(host, port)
    console.print(f"tollwatch serving on http://{host}:{port}  (API docs at /api/docs)")
    from tollwatch.api.server import SERVER_OPTIONS

    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info", **SERVER_OPTIONS)
        return
    # Several workers need an import string; each builds the app from the environment.
    os.environ["TOLLWATCH_DATABASE_URL"] = state.db_url
    uvicorn.run(
        "tollwatch.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        **SERVER_OPTIONS,
    )
