"""Ingest writes are audited: one hash-chained entry per stored batch."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import Engine

from tollwatch.audit import iter_entries, verify
from tollwatch.ingest import IngestOptions, ingest_paths


def test_audit_ingest_batch_is_recorded_and_chain_verifies(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        (folder / f"r{i}.txt").write_text(f"date: 2025-06-0{i + 1}\n\nInvented note {i}.\n")
    (folder / "empty.txt").write_text("")

    first = ingest_paths(engine, [folder], IngestOptions(), actor="cli:tester")
    again = ingest_paths(engine, [folder], IngestOptions(), actor="cli:tester")

    with engine.connect() as conn:
        entries = [e for e in iter_entries(conn) if e.action == "ingest.batch"]
        count, _head, problems = verify(conn)
    assert len(first.stored) == 3 and not again.stored
    assert problems == [] and count >= 2
    assert entries[0].actor == "cli:tester"
    after = json.loads(entries[0].after or "{}")
    assert sorted(after["stored"]) == sorted(first.stored)
    assert any("empty.txt" in r for r in after["rejected"])
