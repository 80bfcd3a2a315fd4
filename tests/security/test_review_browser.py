"""The review queue in a real browser (Debian chromium through Playwright): an analyst logs
in, verifies, rejects and corrects claims from the keyboard, and the tolls update."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from api.seed import seed
from tollwatch.api import create_app
from tollwatch.auth import add_user
from tollwatch.config import Settings
from tollwatch.store import open_engine

from .conftest import PASSWORD

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'review.db'}"
    engine = open_engine(url)
    seed(engine)
    with engine.begin() as conn:
        add_user(conn, "amira", PASSWORD, "analyst", actor="test")
    engine.dispose()
    port = _port()
    config = uvicorn.Config(
        create_app(Settings(database_url=url)), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def page(server: str, browser: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=server)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        yield pg
    finally:
        context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def _cell(page: Any, view: str) -> Any:
    return page.locator(f'#review-tolls tr[data-view="{view}"] [data-k="best"]')


def _toll(page: Any, view: str) -> str:
    return str(_cell(page, view).inner_text())


def test_review_browser_keyboard_flow(page: Any) -> None:
    from playwright.sync_api import expect

    page.goto("/review")
    assert "/login" in page.url
    page.fill("#login-name", "amira")
    page.fill("#login-password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/review")
    rows = page.locator("#review-queue tbody tr")
    assert rows.count() == 4
    assert _toll(page, "all") == "60" and _toll(page, "verified") == "—"

    # first row: the monitor's 40 (largest impact) -> verify with "v"
    assert rows.nth(0).get_attribute("aria-selected") == "true"
    page.keyboard.press("v")
    expect(_cell(page, "verified")).to_have_text("40")
    assert rows.nth(0).locator(".state").inner_text() == "verified"

    # second row (soldiers, 20): correct it to 25 with "c"
    assert rows.nth(1).get_attribute("aria-selected") == "true"
    page.keyboard.press("c")
    page.fill("#rv-best", "25")
    page.fill("#rv-low", "25")
    page.fill("#rv-high", "25")
    page.fill("#rv-reason", "the ministry gave 25 the next day")
    page.click("#review-ok")
    expect(_cell(page, "all")).to_have_text("65")
    assert _toll(page, "verified") == "65"
    assert rows.nth(1).locator(".state").inner_text() == "corrected"

    # "k" goes back, "j" forward; reject the third row with "r" (a reason is required)
    page.keyboard.press("k")
    assert rows.nth(1).get_attribute("aria-selected") == "true"
    page.keyboard.press("j")
    page.keyboard.press("r")
    page.click("#review-ok")  # empty reason: the browser keeps the dialog open
    assert page.locator("#review-dialog").is_visible()
    page.fill("#rv-reason", "the wounded were counted twice")
    page.click("#review-ok")
    expect(rows.nth(2).locator(".state")).to_have_text("rejected")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "review-queue.png"), full_page=True)
