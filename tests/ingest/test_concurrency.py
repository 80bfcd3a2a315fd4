"""Two `tollwatch ingest` processes at once (issue 13, defect 7): on a new database both want
to migrate, on a migrated one both write the same tables. Both must finish, and nothing may
be lost or stored twice. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tollwatch.store import open_engine
from tollwatch.store.tables import claims, ingest_failures, reports, sources

PLACES = ("Konduga", "Bama", "Gwoza", "Dikwa", "Monguno", "Mubi")


def _feed(path: Path, tag: str, n: int, shared: int) -> set[str]:
    """A JSONL feed of ``n`` invented reports, the first ``shared`` the same in every feed."""
    texts: set[str] = set()
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            who = "shared" if i < shared else tag
            place = PLACES[i % len(PLACES)]
            text = (
                f"Invented {who} report {i}: gunmen killed {i % 9 + 2} villagers in {place} "
                f"on Monday, a local official said."
            )
            texts.add(text)
            row = {"text": text, "date": "2025-06-11", "source": f"Invented Desk {i % 5}"}
            f.write(json.dumps(row) + "\n")
    return texts


def _ingest(db_url: str, feed: Path, *, process: bool, batch: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOLLWATCH_")}
    env["TOLLWATCH_INGEST_BATCH_SIZE"] = str(batch)
    args = [sys.executable, "-m", "tollwatch", "--db", db_url, "ingest", str(feed), "--json"]
    if not process:
        args.append("--no-process")
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _both(db_url: str, feeds: list[Path], *, process: bool, batch: int) -> list[dict]:  # type: ignore[type-arg]
    procs = [_ingest(db_url, feed, process=process, batch=batch) for feed in feeds]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert b"Traceback" not in err, err.decode()[-3000:]
        assert proc.returncode == 0, err.decode()[-3000:]
        results.append(json.loads(out))
    return results


def _check_stored(db_url: str, expected: set[str]) -> None:
    engine = open_engine(db_url)
    try:
        with engine.connect() as conn:
            texts = list(conn.execute(select(reports.c.text)).scalars())
            n_sources = conn.execute(select(func.count()).select_from(sources)).scalar_one()
            failures = conn.execute(select(func.count()).select_from(ingest_failures)).scalar_one()
    finally:
        engine.dispose()
    assert len(texts) == len(set(texts)) and set(texts) == expected
    assert n_sources == 5 and failures == 0


@pytest.mark.parametrize("attempt", range(2))
def test_concurrent_ingest_on_a_new_database(db_url: str, tmp_path: Path, attempt: int) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    expected = _feed(a, "alpha", 300, 40) | _feed(b, "beta", 300, 40)
    results = _both(db_url, [a, b], process=False, batch=10)
    assert sum(r["stored"] for r in results) == len(expected) == 560
    assert sum(r["duplicates"] for r in results) == 40
    _check_stored(db_url, expected)


@pytest.mark.slow
def test_concurrent_ingest_and_processing_on_a_migrated_database(
    db_url: str, tmp_path: Path
) -> None:
    open_engine(db_url).dispose()  # migrated before both start
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    expected = _feed(a, "alpha", 40, 20) | _feed(b, "beta", 40, 20)
    _both(db_url, [a, b], process=True, batch=5)
    _check_stored(db_url, expected)
    engine = open_engine(db_url)
    try:
        with engine.connect() as conn:
            per_report = conn.execute(
                select(claims.c.report_id, func.count()).group_by(claims.c.report_id)
            ).all()
            versions = set(conn.execute(select(reports.c.extractor_version)).scalars())
    finally:
        engine.dispose()
    # every report extracted once: its claims stored, none twice (ids are primary keys)
    assert len(per_report) == len(expected) and all(n >= 1 for _, n in per_report)
    assert None not in versions
