"""Scale-out throughput: reports/s of `scale extract` (or, with --stage geocode, `scale geocode`)
on a Dask LocalCluster vs in-process; with --stage reconcile, `scale reconcile` vs `reconcile_all`.

    .venv/bin/python benchmarks/scale.py [--reports 1000] [--workers 2] [--repeat 3]
                                         [--postgres postgresql://root@127.0.0.1/test]

Both runners process the same generated reports (tollwatch.scale.synthetic) from their own
temporary SQLite database (or PostgreSQL schema, with --postgres) through the same driver,
so the difference is the engine alone. The in-process LocalRunner is the baseline; the two
runners alternate (--repeat rounds of local then Dask, with the LocalCluster idle during the
local rounds), and the ratio is printed as the median of the pairs' ratios. Model loading is excluded from both timings (the
local extractor and every Dask worker are warmed up first); cluster start-up is printed
apart. The stored claims of both runs are compared, and the script fails if they differ.

On a machine with C cores a LocalCluster can at best approach C x the local rate (minus
pickling, scheduling and the driver's own writes); on the 2-core project machine, shared
with other work, the gain is bounded by 2x.

``--stage reconcile --claims N`` loads N generated claims (``reconcile.synth``, as
benchmarks/reconcile.py does) into both databases, then alternates ``reconcile_all(force=True)``
in process and ``scale_reconcile(force=True)`` on the LocalCluster (every partition of both
views recomputed), --repeat times; it prints the wall times, their ratio, and whether every
stored reconciliation row is identical (it fails if not).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, delete, select, text, update

from tollwatch.extract import extract
from tollwatch.geo import ensure_gazetteer
from tollwatch.scale import DaskRunner, LocalRunner, Runner
from tollwatch.scale.driver import scale_extract, store_partition
from tollwatch.scale.geocode import scale_geocode
from tollwatch.scale.partitions import Partition, ReportText, pending_partitions
from tollwatch.scale.synthetic import generate_reports, store_reports
from tollwatch.scale.tasks import extract_partition
from tollwatch.store import normalise_url, open_engine, transaction
from tollwatch.store.tables import claims, reports


def _reset(engine: Engine) -> None:
    with transaction(engine) as conn:
        conn.execute(delete(claims))
        conn.execute(update(reports).values(extractor_version=None))


def _claim_rows(engine: Engine) -> list[tuple[object, ...]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(claims).order_by(claims.c.id))]


def _time_geocode(engine: Engine, runner: Runner, partition_size: int, gazetteer: Path) -> float:
    """One `scale_geocode` run over every report (geocoder marks reset first): reports/s."""
    with transaction(engine) as conn:
        conn.execute(update(reports).values(geocoder_version=None))
    return scale_geocode(
        engine, runner, gazetteer, partition_size=partition_size
    ).reports_per_second


def _time(engine: Engine, runner: Runner, partition_size: int, repeat: int) -> list[float]:
    rates = []
    for _ in range(repeat):
        _reset(engine)
        run = scale_extract(engine, runner, partition_size=partition_size)
        rates.append(run.reports_per_second)
    return rates


def _write_rate(engine: Engine, partition_size: int) -> tuple[float, float]:
    """The driver alone: claims/s and reports/s it stores, the extraction done beforehand."""
    _reset(engine)
    parts = pending_partitions(
        engine, version_column="extractor_version", version="-", size=partition_size
    )
    results = [extract_partition(p) for p in parts]
    _reset(engine)
    started = time.perf_counter()
    for result in results:
        store_partition(engine, result)
    seconds = time.perf_counter() - started
    n_reports = sum(len(r.reports) for r in results)
    return sum(r.claim_count for r in results) / seconds, n_reports / seconds


@contextmanager
def _databases(tmp: Path, postgres: str | None) -> Iterator[tuple[str, str]]:
    """Two empty databases: SQLite files, or two fresh schemas of ``postgres`` (dropped after)."""
    if not postgres:
        yield f"sqlite:///{tmp / 'local.db'}", f"sqlite:///{tmp / 'dask.db'}"
        return
    url = normalise_url(postgres)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    names = [f"tw_bench_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'CREATE SCHEMA "{name}"'))
    sep = "&" if "?" in url else "?"
    try:
        yield (
            f"{url}{sep}options=-csearch_path%3D{names[0]}",
            f"{url}{sep}options=-csearch_path%3D{names[1]}",
        )
    finally:
        with admin.connect() as conn:
            for name in names:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin.dispose()


def _reconciled_rows(engine: Engine) -> list[tuple[object, ...]]:
    """Every stored reconciliation row, without autoincrement ids and clock columns."""
    from tollwatch.store.tables.reconcile import (
        event_claims,
        event_rollup,
        events,
        reconcile_flags,
        reconcile_runs,
        series_claims,
        toll_scopes,
        toll_series,
    )

    out: list[tuple[object, ...]] = []
    with engine.connect() as conn:
        for table in (events, event_claims, toll_scopes, toll_series, series_claims,
                      reconcile_flags, event_rollup, reconcile_runs):  # fmt: skip
            cols = [c for c in table.columns if c.name != "finished_at"
                    and not (c.primary_key and c.autoincrement is True)]  # fmt: skip
            rows = [(table.name, *r) for r in conn.execute(select(*cols))]
            out.extend(sorted(rows, key=repr))
    return out


def reconcile_stage(args: argparse.Namespace) -> None:
    from reconcile import load
    from tollwatch.reconcile.service import reconcile_all
    from tollwatch.reconcile.synth import generate
    from tollwatch.scale.reconcile import scale_reconcile

    claims_, reports_ = generate(args.claims, seed=1)
    with (
        tempfile.TemporaryDirectory(prefix="tw-scale-bench-") as tmp,
        _databases(Path(tmp), args.postgres) as (local_url, dask_url),
    ):
        local_db, dask_db = open_engine(local_url), open_engine(dask_url)
        print(f"database: {local_db.dialect.name}; {len(claims_):,} generated claims")
        for engine in (local_db, dask_db):
            load(engine, claims_, reports_)
        started = time.perf_counter()
        local: list[float] = []
        remote: list[float] = []
        with DaskRunner(workers=args.workers, threads_per_worker=1) as runner:
            startup = time.perf_counter() - started
            for _ in range(args.repeat):  # interleaved: local, dask, local, dask, ...
                t0 = time.perf_counter()
                stats = reconcile_all(local_db, force=True)
                local.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                run = scale_reconcile(dask_db, runner, force=True)
                remote.append(time.perf_counter() - t0)
            where = run.runner
        same = _reconciled_rows(local_db) == _reconciled_rows(dask_db)
        local_db.dispose()
        dask_db.dispose()
    lm, dm = statistics.median(local), statistics.median(remote)
    print(f"partitions recomputed per run: {len(stats.partitions)} (both views); events "
          f"{stats.events}, series {stats.series}")  # fmt: skip
    print(f"reconcile_all (baseline, in process): {lm:6.1f} s wall  (runs: "
          f"{', '.join(f'{x:.1f}' for x in local)})")  # fmt: skip
    print(f"scale_reconcile {where}: {dm:6.1f} s wall  (runs: "
          f"{', '.join(f'{x:.1f}' for x in remote)})")  # fmt: skip
    print(f"cluster start-up: {startup:.1f} s (not in the times)")
    pairs = sorted(x / d for d, x in zip(remote, local, strict=True))
    print(f"speed-up local/dask: {lm / dm:.2f}x of the medians, {statistics.median(pairs):.2f}x "
          f"median of the {args.repeat} interleaved pairs ({', '.join(f'{r:.2f}' for r in pairs)}) "
          f"on {args.workers} workers")  # fmt: skip
    print(f"stored reconciliation rows identical on both runners: {same}")
    if not same:
        raise SystemExit("scale_reconcile stored different rows from reconcile_all")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres", metavar="URL", help="use two schemas of this database")
    parser.add_argument(
        "--stage",
        choices=["extract", "geocode", "reconcile"],
        default="extract",
        help="geocode: extract in process first, then time `scale_geocode` on both runners",
    )
    parser.add_argument("--claims", type=int, default=10_000, help="--stage reconcile: claims")
    args = parser.parse_args()
    if args.stage == "reconcile":
        reconcile_stage(args)
        return

    items = generate_reports(args.reports, seed=2025)
    with (
        tempfile.TemporaryDirectory(prefix="tw-scale-bench-") as tmp,
        _databases(Path(tmp), args.postgres) as (local_url, dask_url),
    ):
        local_db, dask_db = open_engine(local_url), open_engine(dask_url)
        print(f"database: {local_db.dialect.name}")
        for engine in (local_db, dask_db):
            store_reports(engine, items)
        chars = sum(len(r.text) for r in items) / len(items)
        print(f"{args.reports} generated reports, {chars:.0f} characters on average")

        extract(items[0].text, items[0].published, report_id=items[0].id)  # load the model
        started = time.perf_counter()
        local: list[float] = []
        remote: list[float] = []
        with DaskRunner(workers=args.workers, threads_per_worker=1) as runner:
            warm = [Partition(i, (ReportText(r.id, r.text, r.published),)) for i, r in
                    enumerate(items[: 4 * args.workers])]  # fmt: skip
            list(runner.map_unordered(extract_partition, warm))  # every worker loads the model
            startup = time.perf_counter() - started
            gaz = ensure_gazetteer()
            if args.stage == "geocode":
                for engine in (local_db, dask_db):
                    scale_extract(engine, LocalRunner(), partition_size=args.partition_size)
            for _ in range(args.repeat):  # interleaved: local, dask, local, dask, ...
                if args.stage == "geocode":
                    local.append(_time_geocode(local_db, LocalRunner(), args.partition_size, gaz))
                    remote.append(_time_geocode(dask_db, runner, args.partition_size, gaz))
                    continue
                local += _time(local_db, LocalRunner(), args.partition_size, 1)
                remote += _time(dask_db, runner, args.partition_size, 1)
            where = runner.describe()

        same = _claim_rows(local_db) == _claim_rows(dask_db)
        n_claims = len(_claim_rows(local_db))
        write_claims, write_reports = (
            _write_rate(local_db, args.partition_size) if args.stage == "extract" else (0.0, 0.0)
        )
        local_db.dispose()
        dask_db.dispose()

    lm, dm = statistics.median(local), statistics.median(remote)
    print(f"LocalRunner (baseline, in process): {lm:8.1f} reports/s  (runs: "
          f"{', '.join(f'{x:.1f}' for x in local)})")  # fmt: skip
    print(f"DaskRunner  {where}: {dm:8.1f} reports/s  (runs: "
          f"{', '.join(f'{x:.1f}' for x in remote)})")  # fmt: skip
    print(f"cluster start-up and worker warm-up: {startup:.1f} s (not in the rates)")
    pairs = sorted(d / x for d, x in zip(remote, local, strict=True))
    print(f"ratio dask/local: {dm / lm:.2f}x of the medians, {statistics.median(pairs):.2f}x "
          f"median of the {args.repeat} interleaved pairs ({', '.join(f'{r:.2f}' for r in pairs)}) "
          f"on {args.workers} workers, partition size {args.partition_size}")  # fmt: skip
    print(f"claims stored: {n_claims}; identical on both runners: {same}")
    print(f"stage: {args.stage}")
    if args.stage == "extract":
        print(f"driver writes alone (the ceiling of one driver): {write_claims:,.0f} claims/s, "
              f"{write_reports:,.0f} reports/s")  # fmt: skip
    if not same:
        raise SystemExit(f"the Dask run stored different claims from the local run ({args.stage})")


if __name__ == "__main__":
    main()
