"""``tollwatch serve`` starts uvicorn on the CLI's database and answers on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_serve_answers_health_and_openapi(tmp_path: Path) -> None:
    port = _free_port()
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOLLWATCH_")}
    cmd = [sys.executable, "-m", "tollwatch", "--db", db, "serve", "--port", str(port)]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        health = None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert health is not None, "server did not start"
        assert health.status_code == 200
        assert health.json()["dialect"] == "sqlite"
        schema = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5).json()
        assert "/api/v1/tolls" in schema["paths"]
        # public read is off by default: data routes need a login
        assert httpx.get(f"http://127.0.0.1:{port}/api/v1/claims", timeout=5).status_code == 401
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}" in out.decode()


def test_serve_bad_database_is_one_line() -> None:
    url = "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"
    cmd = [sys.executable, "-m", "tollwatch", "--db", url, "serve"]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert "TW050" in done.stderr and "Traceback" not in done.stderr
