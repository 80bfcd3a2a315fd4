"""The driver: a scaled run stores exactly what `tollwatch extract` stores, and resumes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, select, update

from tollwatch.errors import ConfigError, ScaleError
from tollwatch.extract import EXTRACTOR_VERSION
from tollwatch.extract.service import extract_reports
from tollwatch.models import Claim, Outcome, Qualifier
from tollwatch.scale import DaskRunner, LocalRunner, Runner
from tollwatch.scale.driver import check_version, pending_reports, scale_extract
from tollwatch.scale.synthetic import generate_reports, store_reports
from tollwatch.scale.tasks import PartitionClaims
from tollwatch.store import open_engine, transaction
from tollwatch.store.claims import replace_claims
from tollwatch.store.tables import claims, reports

N = 16


class Crash(Exception):
    """Stands for the driver dying between two partitions."""


def _snapshot(engine: Engine) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """Every stored claim column, and every report's stage versions."""
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(select(claims).order_by(claims.c.id))]
        done = [
            tuple(r)
            for r in conn.execute(
                select(
                    reports.c.id, reports.c.extractor_version, reports.c.geocoder_version
                ).order_by(reports.c.id)
            )
        ]
    return rows, done


def _reset(engine: Engine) -> None:
    with transaction(engine) as conn:
        conn.execute(delete(claims))
        conn.execute(update(reports).values(extractor_version=None))


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    store_reports(engine, generate_reports(N, seed=11))
    return engine


@pytest.fixture
def reference(loaded: Engine) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """What the in-process `tollwatch extract` path stores; the database is reset afterwards."""
    stats = extract_reports(loaded)
    assert stats.reports == N
    snap = _snapshot(loaded)
    _reset(loaded)
    return snap


def _runner(kind: str, dask_runner: DaskRunner) -> Runner:
    return LocalRunner() if kind == "local" else dask_runner


@pytest.mark.parametrize(("kind", "size", "batch"), [("dask", 3, 2), ("local", 7, 200)])
def test_driver_stores_what_tollwatch_extract_stores(
    loaded: Engine,
    reference: tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]],
    dask_runner: DaskRunner,
    kind: str,
    size: int,
    batch: int,
) -> None:
    ref_claims, ref_done = reference
    assert len(ref_claims) > N  # the generated reports do yield claims
    assert {r[1] for r in ref_done} == {EXTRACTOR_VERSION}
    run = scale_extract(loaded, _runner(kind, dask_runner), partition_size=size, batch_size=batch)
    assert (run.reports, run.claims) == (N, len(ref_claims))
    assert run.partitions == -(-N // size)
    assert _snapshot(loaded) == (ref_claims, ref_done)


def test_driver_rerun_does_nothing(loaded: Engine, dask_runner: DaskRunner) -> None:
    first = scale_extract(loaded, dask_runner, partition_size=8)
    before = _snapshot(loaded)
    again = scale_extract(loaded, dask_runner, partition_size=8)
    assert (first.reports, again.reports, again.partitions, again.claims) == (N, 0, 0, 0)
    assert pending_reports(loaded) == 0
    assert _snapshot(loaded) == before


def test_driver_resumes_after_a_crash(
    loaded: Engine,
    reference: tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]],
    dask_runner: DaskRunner,
) -> None:
    stored: list[int] = []

    def crash_after_first(result: PartitionClaims) -> None:
        stored.append(len(result.reports))
        raise Crash

    with pytest.raises(Crash):
        scale_extract(loaded, dask_runner, partition_size=4, on_partition=crash_after_first)
    assert pending_reports(loaded) == N - stored[0] == N - 4
    rest = scale_extract(loaded, dask_runner, partition_size=4)
    assert rest.reports == N - 4
    assert _snapshot(loaded) == reference


def test_driver_replaces_claims_of_an_older_extractor(
    loaded: Engine, dask_runner: DaskRunner
) -> None:
    with loaded.connect() as conn:
        rid = conn.execute(select(reports.c.id).order_by(reports.c.id)).scalars().first()
    assert rid is not None
    stale = Claim(rid, Outcome.KILLED, 999, 999, 999, Qualifier.EXACT, 0, 3, "xyz",
                  extractor_version="old-1").with_id()  # fmt: skip
    with transaction(loaded) as conn:
        replace_claims(conn, rid, [stale], "old-1")
    assert pending_reports(loaded) == N  # "old-1" counts as not done
    scale_extract(loaded, dask_runner, partition_size=10)
    with loaded.connect() as conn:
        kept = conn.execute(select(claims.c.id, claims.c.best).where(claims.c.report_id == rid))
        assert stale.id not in {r.id for r in kept}
        assert 999 not in {r.best for r in kept}
        version = conn.execute(select(reports.c.extractor_version).where(reports.c.id == rid))
        assert version.scalar_one() == EXTRACTOR_VERSION


def test_driver_refuses_results_of_another_extractor_version() -> None:
    result = PartitionClaims(number=3, version="rules-0.0", reports=())
    with pytest.raises(ScaleError, match=r"extractor 'rules-0\.0' on partition 3"):
        check_version(result, EXTRACTOR_VERSION)
    check_version(PartitionClaims(3, EXTRACTOR_VERSION, ()), EXTRACTOR_VERSION)


def test_driver_limit_takes_the_first_pending_reports(loaded: Engine) -> None:
    run = scale_extract(loaded, LocalRunner(), partition_size=4, limit=10)
    assert (run.reports, run.partitions) == (10, 3)
    assert pending_reports(loaded) == N - 10


def test_driver_refuses_a_zero_batch(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'zero.db'}")
    with pytest.raises(ConfigError, match="batch size"):
        scale_extract(engine, LocalRunner(), batch_size=0)
    engine.dispose()


def test_driver_keeps_sensitive_reports_off_a_remote_cluster(
    loaded: Engine,
    reference: tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]],
    dask_runner: DaskRunner,
) -> None:
    with loaded.connect() as conn:
        ids = conn.execute(select(reports.c.id).order_by(reports.c.id)).scalars().all()
    secret = set(ids[2:5]) | {ids[-1]}
    with transaction(loaded) as conn:
        conn.execute(update(reports).where(reports.c.id.in_(secret)).values(sensitive=True))
    order: list[str] = []
    # a second driver connected by address: to it, the cluster may be on other machines
    with DaskRunner(dask_runner.address) as remote:
        assert remote.leaves_machine and not dask_runner.leaves_machine
        run = scale_extract(
            loaded,
            remote,
            partition_size=5,
            on_partition=lambda r: order.extend(x.report_id for x in r.reports),
        )
    assert run.reports == N and sorted(order) == ids
    # the sensitive ones were extracted by the driver itself, after everything else
    assert run.kept_local == len(secret)
    assert set(order[-len(secret) :]) == secret
    assert _snapshot(loaded) == reference
