"""Issue 13, defect 16: request bodies capped (413 before authentication reads them),
headers that must arrive in time, no-store/nosniff headers, and /api/docs served from the
app's own files under its Content Security Policy. Real uvicorn on loopback where it
matters."""

from __future__ import annotations

import contextlib
import re
import socket
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from tollwatch.config import get_settings

from .conftest import TestClient, make_user
from .live import live_server


def _raw(base: str, request: bytes, *, then: bytes = b"", timeout: float = 10) -> bytes:
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(request)
        if then:
            with contextlib.suppress(OSError):  # the server may close before reading it
                sock.sendall(then)
        chunks = []
        while True:
            try:
                data = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not data:
                break
            chunks.append(data)
            if b"\r\n\r\n" in b"".join(chunks) and b'"error"' in b"".join(chunks):
                break
    return b"".join(chunks)


def test_huge_login_body_is_refused_before_it_is_read(app_for: Callable[..., Any]) -> None:
    """An anonymous 200 MB body to /api/v1/auth/login was read in full (200 -> 822 MB)."""
    with live_server(app_for()) as base:
        start = time.monotonic()
        head = (
            b"POST /api/v1/auth/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
            b"Content-Length: 200000000\r\n\r\n"
        )
        answer = _raw(base, head, then=b'{"name": "' + b"a" * 65536)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert b"TW413" in answer
        assert time.monotonic() - start < 5
        # a body sent in chunks, with no Content-Length, is cut at the limit too
        with httpx.Client(base_url=base, timeout=30) as client:

            def chunks() -> Any:
                for _ in range(64):
                    yield b"x" * 65536  # 4 MiB in all

            r = client.post(
                "/api/v1/auth/login",
                content=chunks(),
                headers={"Content-Type": "application/json", "Authorization": "Bearer tw_bad"},
            )
            assert r.status_code == 413 and r.json()["error"]["code"] == "TW413"
            ok = client.post("/api/v1/auth/login", json={"name": "x", "password": "y"})
            assert ok.status_code == 401


def test_body_limit_in_the_app(app_for: Callable[..., Any], engine: Engine) -> None:
    token = make_user(engine, "amira", "analyst")
    with TestClient(app_for(max_body_bytes=4096)) as client:
        big = client.post("/api/v1/auth/login", json={"name": "a", "password": "p" * 10_000})
        assert big.status_code == 413 and big.json()["error"]["status"] == 413
        # uploads of reports have their own, larger limit (the ingest limit, 20 MiB)
        upload = client.post(
            "/api/v1/reports",
            files={"file": ("a.txt", b"Gunmen killed 5 people in Bama. " * 300, "text/plain")},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert upload.status_code != 413, upload.text


def test_headers_must_arrive_in_time(
    app_for: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOLLWATCH_HEADER_TIMEOUT_SECONDS", "1")
    get_settings.cache_clear()
    try:
        with live_server(app_for(public_read=True)) as base:
            start = time.monotonic()
            answer = _raw(base, b"GET /api/v1/health HTTP/1.1\r\nHost: t\r\nX-Slow: 1", timeout=10)
            waited = time.monotonic() - start
            assert answer == b"" and waited < 5, (answer, waited)
            fine = _raw(
                base, b"GET /api/v1/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
            )
            assert fine.startswith(b"HTTP/1.1 200")
    finally:
        get_settings.cache_clear()


@pytest.mark.parametrize(
    "path",
    ["/", "/reports", "/map", "/api/v1/claims", "/api/v1/reports", "/api/v1/export?format=csv"],
)
def test_pages_and_answers_are_not_stored_or_sniffed(
    path: str, app_for: Callable[..., Any]
) -> None:
    with TestClient(app_for(public_read=True)) as client:
        r = client.get(path)
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    assert r.headers["x-content-type-options"] == "nosniff"


def test_api_docs_are_served_locally_under_the_policy(app_for: Callable[..., Any]) -> None:
    with TestClient(app_for()) as client:
        page = client.get("/api/docs")
        assert page.status_code == 200
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style")[0]
        assert "cdn" not in page.text and "<script>" not in page.text
        assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text)
        assert len(assets) == 4
        for asset in assets:
            r = client.get(asset)
            assert r.status_code == 200 and len(r.content) > 100, asset
            assert r.headers["x-content-type-options"] == "nosniff"


def test_api_docs_render_in_a_browser(app_for: Callable[..., Any], browser: Any) -> None:
    with live_server(app_for()) as base:
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
        page.goto(f"{base}/api/docs")
        page.wait_for_selector(".swagger-ui .information-container", timeout=20_000)
        assert "tollwatch" in page.inner_text(".swagger-ui .info")
        assert page.locator(".opblock").count() > 20
        page.close()
    assert problems == []
