"""Long work shows progress: every pipeline stage opens its display and reports its count."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, select

from tollwatch.ingest import IngestOptions, ingest_paths, sample_dir, sample_paths
from tollwatch.pipeline import process_reports
from tollwatch.store.tables import reports


def test_pipeline_reports_each_stage_and_its_count(engine: Engine) -> None:
    with sample_dir() as folder:
        ingest_paths(engine, sample_paths(folder), IngestOptions())
    with engine.connect() as conn:
        ids = [r for (r,) in conn.execute(select(reports.c.id))]
    seen: dict[str, list[int]] = {}
    totals: dict[str, int | None] = {}

    @contextmanager
    def record(stage: str, total: int | None) -> Iterator[Callable[[int], object]]:
        seen[stage] = []
        totals[stage] = total
        yield seen[stage].append

    process_reports(engine, ids, progress=record)
    assert list(seen) == ["extracting", "geocoding", "reconciling"]
    assert totals["extracting"] == totals["geocoding"] == len(ids) == 15
    assert seen["extracting"][-1] == 15 and seen["geocoding"][-1] == 15
    assert seen["extracting"] == sorted(seen["extracting"])  # counts only go up
