"""kill -9 in the middle of a long ingest leaves a consistent database; the same command
run again finishes the job with no duplicates. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tollwatch.models import content_hash, report_id_for
from tollwatch.store import open_engine
from tollwatch.store.tables import ingest_failures, reports, sources

N_REPORTS = 5000
BATCH = 50


def _write_feed(path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(N_REPORTS):
            row = {
                "text": f"Invented report {i}: a patrol passed village {i % 97} on road {i % 13}.",
                "date": f"2025-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}",
                "source": f"Invented Outlet {i % 7}",
                "url": f"https://outlet{i % 7}.example/{i}",
            }
            f.write(json.dumps(row) + "\n")


def _command(db_url: str, feed: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tollwatch",
        "--db",
        db_url,
        "ingest",
        str(feed),
        "--no-process",
        "--json",
    ]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOLLWATCH_")}
    env["TOLLWATCH_INGEST_BATCH_SIZE"] = str(BATCH)
    return env


@pytest.mark.slow
def test_crash_kill_9_mid_ingest_then_rerun(db_url: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    _write_feed(feed)
    watcher = open_engine(db_url)
    try:
        log = tmp_path / "stderr.txt"
        with log.open("wb") as stderr:
            proc = subprocess.Popen(
                _command(db_url, feed), env=_env(), stdout=subprocess.DEVNULL, stderr=stderr
            )
        seen = 0
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            with watcher.connect() as conn:
                seen = conn.execute(select(func.count()).select_from(reports)).scalar_one()
            if seen > 0:
                break
            time.sleep(0.01)
        assert proc.poll() is None, (
            f"ingest ended before it could be killed ({seen} stored): {log.read_text()[-2000:]}"
        )
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL

        with watcher.connect() as conn:
            rows = conn.execute(
                select(
                    reports.c.id,
                    reports.c.text,
                    reports.c.url,
                    reports.c.content_hash,
                    reports.c.source_id,
                )
            ).all()
            source_ids = set(conn.execute(select(sources.c.id)).scalars())
            failures = conn.execute(select(func.count()).select_from(ingest_failures)).scalar_one()
        killed_at = len(rows)
        assert 0 < killed_at < N_REPORTS, killed_at
        assert killed_at % BATCH == 0, "a batch was committed in part"
        for rid, text, url, chash, sid in rows:
            assert chash == content_hash(text) and rid == report_id_for(text, url)
            assert sid in source_ids
        assert failures == 0

        done = subprocess.run(
            _command(db_url, feed), env=_env(), capture_output=True, timeout=300, check=False
        )
        assert done.returncode == 0, done.stderr.decode()
        summary = json.loads(done.stdout)
        assert summary["duplicates"] == killed_at
        assert summary["stored"] == N_REPORTS - killed_at
        with watcher.connect() as conn:
            total = conn.execute(select(func.count()).select_from(reports)).scalar_one()
            distinct = conn.execute(
                select(func.count(func.distinct(reports.c.content_hash)))
            ).scalar_one()
            n_sources = conn.execute(select(func.count()).select_from(sources)).scalar_one()
        assert total == distinct == N_REPORTS
        assert n_sources == 7
    finally:
        watcher.dispose()
