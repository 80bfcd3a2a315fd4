"""`scale_geocode`: a scaled run stores exactly what `tollwatch geocode` stores, and resumes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, insert, select, update

from tollwatch.errors import ScaleError
from tollwatch.extract.service import extract_reports
from tollwatch.geo import ensure_gazetteer
from tollwatch.geo.service import GEOCODER_VERSION, geocode_reports, load_gazetteer
from tollwatch.scale import DaskRunner, LocalRunner, Runner
from tollwatch.scale.geocode import PartitionPlaces, _check, pending_geocode, scale_geocode
from tollwatch.scale.synthetic import generate_reports, store_reports
from tollwatch.store import transaction
from tollwatch.store.tables import claims, places, reports

N = 16
Snapshot = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]


class Crash(Exception):
    """Stands for the driver dying between two partitions."""


def _snapshot(engine: Engine) -> Snapshot:
    """Every claim column, every places row, and every report's geocoder version."""
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(select(claims).order_by(claims.c.id))]
        where = [tuple(r) for r in conn.execute(select(places).order_by(places.c.id))]
        done = [
            tuple(r)
            for r in conn.execute(
                select(reports.c.id, reports.c.geocoder_version).order_by(reports.c.id)
            )
        ]
    return rows, where, done


@pytest.fixture(scope="module")
def gazetteer() -> Path:
    return ensure_gazetteer()


@pytest.fixture
def extracted(engine: Engine) -> tuple[Engine, list[dict[str, Any]]]:
    """Reports with extracted, not yet geocoded claims, and those claims' rows."""
    store_reports(engine, generate_reports(N, seed=11))
    extract_reports(engine)
    with engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(select(claims))]
    return engine, rows


def _reset(engine: Engine, rows: list[dict[str, Any]]) -> None:
    """Back to the state right after extraction: claims as extracted, no places."""
    with transaction(engine) as conn:
        conn.execute(delete(claims))
        conn.execute(insert(claims), rows)
        conn.execute(delete(places))
        conn.execute(update(reports).values(geocoder_version=None))


@pytest.fixture
def reference(extracted: tuple[Engine, list[dict[str, Any]]], gazetteer: Path) -> Snapshot:
    """What the in-process `tollwatch geocode` stores; the database is reset afterwards."""
    engine, rows = extracted
    stats = geocode_reports(engine, gazetteer=load_gazetteer(gazetteer))
    assert stats.reports == N
    assert stats.resolved > 0  # the generated reports name places the gazetteer knows
    snap = _snapshot(engine)
    _reset(engine, rows)
    assert pending_geocode(engine) == N
    return snap


def _runner(kind: str, dask_runner: DaskRunner) -> Runner:
    return LocalRunner() if kind == "local" else dask_runner


@pytest.mark.parametrize(("kind", "size", "batch"), [("dask", 3, 2), ("local", 7, 100)])
def test_scale_geocode_stores_what_tollwatch_geocode_stores(
    extracted: tuple[Engine, list[dict[str, Any]]],
    reference: Snapshot,
    gazetteer: Path,
    dask_runner: DaskRunner,
    kind: str,
    size: int,
    batch: int,
) -> None:
    engine, _ = extracted
    run = scale_geocode(
        engine, _runner(kind, dask_runner), gazetteer, partition_size=size, batch_size=batch
    )
    assert (run.stage, run.reports, run.partitions) == ("geocode", N, -(-N // size))
    assert run.claims == len(reference[0])
    assert {r[1] for r in reference[2]} == {GEOCODER_VERSION}
    assert _snapshot(engine) == reference
    assert pending_geocode(engine) == 0


def test_scale_geocode_resumes_after_a_crash(
    extracted: tuple[Engine, list[dict[str, Any]]],
    reference: Snapshot,
    gazetteer: Path,
    dask_runner: DaskRunner,
) -> None:
    engine, _ = extracted
    stored: list[int] = []

    def crash_after_first(result: PartitionPlaces) -> None:
        stored.append(len(result.reports))
        raise Crash

    with pytest.raises(Crash):
        scale_geocode(
            engine, dask_runner, gazetteer, partition_size=4, on_partition=crash_after_first
        )
    assert pending_geocode(engine) == N - stored[0] == N - 4
    rest = scale_geocode(engine, dask_runner, gazetteer, partition_size=4)
    assert rest.reports == N - 4
    assert _snapshot(engine) == reference
    again = scale_geocode(engine, dask_runner, gazetteer, partition_size=4)
    assert (again.reports, again.partitions) == (0, 0)


def test_scale_geocode_refuses_another_gazetteer_or_version() -> None:
    other = PartitionPlaces(number=2, version=GEOCODER_VERSION, gazetteer_bytes=10,
                            reports=(), places=())  # fmt: skip
    with pytest.raises(ScaleError, match="gazetteer has 10 bytes"):
        _check(other, 11)
    old = PartitionPlaces(number=2, version="geo-0", gazetteer_bytes=10, reports=(), places=())
    with pytest.raises(ScaleError, match="geocoder 'geo-0'"):
        _check(old, 10)
