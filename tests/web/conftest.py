"""Dashboard fixtures: one database with the bundled sample corpus and one live server per
session, and (for ``browser`` tests) Debian's chromium driven by Playwright.

The sample is ingested with the real CLI (``tollwatch ingest --sample``: ingest, extract,
geocode, reconcile), the server is the real app under uvicorn on a free loopback port.
Without chromium the browser tests skip and say why; under ``CI=true`` they fail.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from tollwatch.api.app import create_app
from tollwatch.config import Settings
from tollwatch.store import open_engine

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def sample_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database holding the bundled sample corpus, processed by the real pipeline."""
    db = tmp_path_factory.mktemp("web") / "sample.db"
    url = f"sqlite:///{db}"
    env = {**os.environ, "TOLLWATCH_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "tollwatch", "--db", url, "ingest", "--sample"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, f"ingest --sample failed:\n{done.stdout}\n{done.stderr}"
    # The CLI runs the later stages when the pipeline is wired in; running them again is
    # free (each stage skips what it has done), so the database is complete either way.
    from tollwatch.extract.service import extract_reports
    from tollwatch.geo.service import geocode_reports
    from tollwatch.reconcile.service import reconcile_all

    engine = open_engine(url)
    try:
        extract_reports(engine, None)
        geocode_reports(engine, None)
        reconcile_all(engine)
    finally:
        engine.dispose()
    return url


class LiveServer:
    """uvicorn serving ``create_app`` in a thread; ``url`` is its base address."""

    def __init__(self, settings: Settings) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(settings), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the dashboard server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(sample_db_url: str) -> Iterator[LiveServer]:
    settings = Settings(database_url=sample_db_url, public_read=True)
    server = LiveServer(settings)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def http(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        yield client


@contextmanager
def _open_page(browser: Any, server: LiveServer, *, bypass_csp: bool = False) -> Iterator[Any]:
    """A fresh page on the live server; only loopback requests are allowed through, and any
    JavaScript error or load blocked by the pages' Content-Security-Policy fails the test."""
    context = browser.new_context(
        base_url=server.url, viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp
    )
    outside: list[str] = []

    def guard(route: Any) -> None:
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on(
        "console",
        lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    try:
        yield pg
    finally:
        context.close()
    assert outside == [], f"the dashboard tried to reach the internet: {outside}"
    assert errors == [], f"JavaScript errors or blocked loads: {errors}"


@pytest.fixture
def page(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A page that enforces the dashboard's Content-Security-Policy, as a user's would."""
    with _open_page(browser, live_server) as pg:
        yield pg


@pytest.fixture
def page_bypassing_csp(browser: Any, live_server: LiveServer) -> Iterator[Any]:
    """A page where tests may inject their own scripts (the accessibility checker)."""
    with _open_page(browser, live_server, bypass_csp=True) as pg:
        yield pg


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
