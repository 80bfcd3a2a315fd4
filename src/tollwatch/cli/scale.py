"""`tollwatch scale ...`: run a stage over the stored reports on a Dask cluster (docs/scale.md)."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from tollwatch.cli._app import app, console, fail, print_json, state
from tollwatch.config import get_settings
from tollwatch.errors import TollwatchError

if TYPE_CHECKING:
    from tollwatch.scale.driver import ScaleRun

scale_app = typer.Typer(
    help="Run extraction, geocoding or reconciliation on a Dask cluster "
    "(pip install 'tollwatch\\[scale]').",
    no_args_is_help=True,
)
app.add_typer(scale_app, name="scale")

Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786. "
        "Default: start a local cluster on this machine.",
        envvar="TOLLWATCH_DASK_SCHEDULER",
        show_envvar=True,
    ),
]
Timeout = Annotated[
    float,
    typer.Option("--timeout", min=0.1, help="Seconds to wait for the scheduler to answer."),
]
Workers = Annotated[
    int, typer.Option("--workers", min=1, help="Worker processes of the local cluster.")
]
Local = Annotated[
    bool, typer.Option("--local", help="No Dask: run in this process (the reference runner).")
]
Threads = Annotated[
    bool,
    typer.Option("--threads", help="Local cluster workers as threads of this process."),
]
PartitionSize = Annotated[
    int, typer.Option("--partition-size", min=1, help="Reports sent to a worker as one task.")
]
BatchSize = Annotated[
    int, typer.Option("--batch-size", min=1, help="Reports written per database transaction.")
]
Limit = Annotated[
    int | None, typer.Option("--limit", min=1, help="Process at most this many reports.")
]
SendSensitive = Annotated[
    bool,
    typer.Option(
        "--send-sensitive",
        help="Send reports marked sensitive to a remote cluster too "
        "(default: this process extracts them).",
    ),
]
Json = Annotated[bool, typer.Option("--json", help="Print the run summary as JSON.")]


@scale_app.command("extract")
def scale_extract_cmd(
    scheduler: Scheduler = None,
    timeout: Timeout = 10.0,
    workers: Workers = 2,
    local: Local = False,
    threads: Threads = False,
    partition_size: PartitionSize = 100,
    batch_size: BatchSize = 200,
    limit: Limit = None,
    send_sensitive: SendSensitive = False,
    json: Json = False,
) -> None:
    """Extract claims from every report the current extractor has not processed, in parallel.

    Only this process reads and writes the database; workers only extract.
    Re-running finishes an interrupted run; finished reports are skipped.
    Reports marked sensitive never go to a --scheduler cluster unless --send-sensitive.

    Examples:

      tollwatch scale extract

      tollwatch scale extract --scheduler tcp://10.0.0.5:8786

      tollwatch --db postgresql://db/tollwatch scale extract --partition-size 500
    """
    from tollwatch.scale import open_runner
    from tollwatch.scale.driver import ScaleRun, pending_reports, scale_extract

    engine = state.engine()
    try:
        total = pending_reports(engine)
        if limit is not None:
            total = min(total, limit)
        if total == 0:  # no cluster to start for nothing
            _report(ScaleRun("extract", "none (nothing pending)", 0, 0, 0, 0.0), json)
            return
        with (
            open_runner(
                scheduler, local=local, workers=workers, processes=not threads, timeout=timeout
            ) as runner,
            Progress(
                TextColumn("extract"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=console,
                disable=json,
                transient=True,
            ) as progress,
        ):
            task = progress.add_task("extract", total=total)
            run = scale_extract(
                engine,
                runner,
                partition_size=partition_size,
                batch_size=batch_size,
                limit=limit,
                model=get_settings().spacy_model,
                send_sensitive=send_sensitive,
                on_partition=lambda result: progress.advance(task, len(result.reports)),
            )
    except TollwatchError as exc:
        fail(exc)
    _report(run, json)


@scale_app.command("geocode")
def scale_geocode_cmd(
    scheduler: Scheduler = None,
    timeout: Timeout = 10.0,
    workers: Workers = 2,
    local: Local = False,
    threads: Threads = False,
    gazetteer: Annotated[
        Path | None,
        typer.Option(
            "--gazetteer",
            help="Gazetteer file, at this same path on every worker "
            "(default: TOLLWATCH_GAZETTEER_PATH or the built-in one).",
        ),
    ] = None,
    partition_size: PartitionSize = 100,
    batch_size: BatchSize = 100,
    limit: Limit = None,
    send_sensitive: SendSensitive = False,
    json: Json = False,
) -> None:
    """Geocode the claims of every report the current geocoder has not processed, in parallel.

    Workers run the same per-report function as `tollwatch geocode` and only read the
    gazetteer file; this process reads and writes the database.
    Reports marked sensitive never go to a --scheduler cluster unless --send-sensitive.

    Examples:

      tollwatch scale geocode

      tollwatch scale geocode --scheduler tcp://10.0.0.5:8786 --gazetteer /srv/gazetteer.sqlite
    """
    from tollwatch.cli.geo import resolve_gazetteer_path
    from tollwatch.geo.service import load_gazetteer
    from tollwatch.scale import open_runner
    from tollwatch.scale.driver import ScaleRun
    from tollwatch.scale.geocode import pending_geocode, scale_geocode

    engine = state.engine()
    try:
        total = pending_geocode(engine)
        if limit is not None:
            total = min(total, limit)
        if total == 0:
            _report(ScaleRun("geocode", "none (nothing pending)", 0, 0, 0, 0.0), json)
            return
        path = load_gazetteer(resolve_gazetteer_path(gazetteer)).path  # built here if missing
        with (
            open_runner(
                scheduler, local=local, workers=workers, processes=not threads, timeout=timeout
            ) as runner,
            Progress(
                TextColumn("geocode"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=console,
                disable=json,
                transient=True,
            ) as progress,
        ):
            task = progress.add_task("geocode", total=total)
            run = scale_geocode(
                engine,
                runner,
                path,
                partition_size=partition_size,
                batch_size=batch_size,
                limit=limit,
                send_sensitive=send_sensitive,
                on_partition=lambda result: progress.advance(task, len(result.reports)),
            )
    except TollwatchError as exc:
        fail(exc)
    _report(run, json)


@scale_app.command("reconcile")
def scale_reconcile_cmd(
    scheduler: Scheduler = None,
    timeout: Timeout = 10.0,
    workers: Workers = 2,
    local: Local = False,
    threads: Threads = False,
    force: Annotated[
        bool, typer.Option("--force", help="Recompute every partition, changed or not.")
    ] = False,
    send_sensitive: Annotated[
        bool,
        typer.Option(
            "--send-sensitive",
            help="Send partitions with claims of reports marked sensitive to a remote "
            "cluster too (default: this process reconciles them).",
        ),
    ] = False,
    json: Json = False,
) -> None:
    """Reconcile every stored claim, the changed partitions computed in parallel.

    Gives what `tollwatch reconcile` gives: this process reads the claims, splits them into
    partitions (a country, with the reports that link to it), and writes every result;
    workers only compute partitions and need no database, gazetteer or model.

    Examples:

      tollwatch scale reconcile

      tollwatch scale reconcile --scheduler tcp://10.0.0.5:8786 --force
    """
    from tollwatch.scale import open_runner
    from tollwatch.scale.reconcile import scale_reconcile

    engine = state.engine()
    try:
        with open_runner(
            scheduler, local=local, workers=workers, processes=not threads, timeout=timeout
        ) as runner:
            run = scale_reconcile(engine, runner, force=force, send_sensitive=send_sensitive)
    except TollwatchError as exc:
        fail(exc)
    stats = run.stats
    if json:
        print_json(
            {
                view: {
                    "claims": stats.claims.get(view, 0),
                    "unchanged": view in stats.skipped,
                    "events": stats.events.get(view, 0),
                    "series": stats.series.get(view, 0),
                    "flags": stats.flags.get(view, 0),
                }
                for view in ("all", "verified")
            }
            | {
                "partitions": len(stats.partitions),
                "runner": run.runner,
                "seconds": round(stats.seconds, 3),
            }
        )
        return
    for view in ("all", "verified"):
        if view in stats.skipped:
            console.print(f"{view}: {stats.claims[view]:,} claims, unchanged")
        else:
            console.print(
                f"{view}: {stats.claims[view]:,} claims -> {stats.events.get(view, 0):,} events, "
                f"{stats.series.get(view, 0):,} running-toll series, "
                f"{stats.flags.get(view, 0):,} flags"
            )
    console.print(
        f"{len(stats.partitions)} partition(s) recomputed on {run.runner}: {stats.seconds:.1f} s"
    )


def _report(run: ScaleRun, json: bool) -> None:
    if json:
        print_json({**asdict(run), "reports_per_second": run.reports_per_second})
        return
    done = "geocoded" if run.stage == "geocode" else "extracted"
    console.print(
        f"{done} {run.reports} report(s), {run.claims} claim(s), in {run.partitions} "
        f"partition(s) on {run.runner}: {run.seconds:.1f} s "
        f"({run.reports_per_second:.1f} reports/s)"
    )
    if run.kept_local:
        console.print(f"{run.kept_local} sensitive report(s) {done} here, not on the cluster")
