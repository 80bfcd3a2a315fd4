"""`tollwatch ingest`, `tollwatch reports`, `tollwatch show`: thin commands over
``tollwatch.ingest`` and ``tollwatch.store.reports``."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import Engine

from tollwatch.cli._app import app, console, err_console, fail, print_json, stage_bar, state
from tollwatch.cli.user import cli_actor
from tollwatch.config import get_settings
from tollwatch.errors import IngestError, SourceUnavailable, TollwatchError
from tollwatch.ingest import (
    FORMATS,
    IngestOptions,
    IngestResult,
    count_inputs,
    ingest_bytes,
    ingest_paths,
    parse_date,
    parse_field_map,
    retry_failed,
    sample_dir,
    sample_paths,
)
from tollwatch.ingest.dates import check_plausible
from tollwatch.ingest.records import locate
from tollwatch.pipeline import PipelineResult, StageProgress
from tollwatch.store.failures import list_failures
from tollwatch.store.reports import StoredReport, get_report, list_reports

__all__ = ["failures", "ingest", "process_reports", "reports", "show"]


def _date_option(value: str | None, *, published: bool = False) -> date | None:
    if value is None:
        return None
    try:
        day = parse_date(value)
        return check_plausible(day, datetime.now(UTC).date()) if published else day
    except IngestError as exc:
        raise typer.BadParameter(str(exc)) from exc


def process_reports(
    engine: Engine, report_ids: tuple[str, ...], *, progress: StageProgress | None = None
) -> PipelineResult | None:
    """Hand reports to the rest of the pipeline (extract -> geocode -> reconcile).

    Each stage skips what its current version already did, so already-stored ids cost
    little and finish a run that was interrupted between storing and processing.
    """
    if not report_ids:
        return None
    from tollwatch.pipeline import process_reports as run_pipeline

    return run_pipeline(engine, list(dict.fromkeys(report_ids)), progress=progress)


@contextmanager
def _progress(total: int, show: bool) -> Iterator[Any]:
    if not show or total < 2:
        yield None
        return
    columns = (
        TextColumn("ingesting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task("ingest", total=total)
        yield lambda done: bar.update(task, completed=done)


def _merge(results: list[IngestResult]) -> IngestResult:
    return IngestResult(
        stored=tuple(i for r in results for i in r.stored),
        updated=tuple(i for r in results for i in r.updated),
        duplicates=tuple(i for r in results for i in r.duplicates),
        rejected=tuple(x for r in results for x in r.rejected),
        date_missing=tuple(i for r in results for i in r.date_missing),
        resolved=sum(r.resolved for r in results),
    )


@app.command("ingest")
def ingest(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files or folders (read recursively); '-' reads stdin.", show_default=False
        ),
    ] = None,
    date_: Annotated[
        str | None,
        typer.Option("--date", help="Publication date for reports that have none (YYYY-MM-DD)."),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Source (outlet) for reports that name none.")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=f"Read every input as this format ({'|'.join(FORMATS)}); default: by file "
            "extension, txt for stdin.",
        ),
    ] = None,
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            help="Map a JSONL key / CSV column onto text, date, url, source, title or id, "
            "e.g. --field text=body (repeatable).",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Re-store reports already stored and re-process them."),
    ] = False,
    retry: Annotated[
        bool,
        typer.Option(
            "--retry-failed",
            help="Retry every recorded failure from its saved raw input; --date, --source, "
            "--format and --field given here override the ones it was recorded with.",
        ),
    ] = False,
    sample: Annotated[
        bool, typer.Option("--sample", help="Ingest the bundled (invented) sample corpus.")
    ] = False,
    no_process: Annotated[
        bool,
        typer.Option("--no-process", help="Only store; do not extract, geocode or reconcile."),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only errors (no progress, no summary).")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the result as JSON on stdout.")
    ] = False,
) -> None:
    """Store reports from files, folders or stdin; then extract, geocode and reconcile them.

    Reads .txt/.md (optional date/source/url/title header), .html, .jsonl and .csv.
    Ingesting the same input again stores nothing new. Every rejected input is printed
    (file, line/row, reason), kept with its raw bytes for --retry-failed, and makes the
    exit code 1.

    Examples:

      tollwatch ingest --sample

      tollwatch ingest reports/ feed.jsonl --source "Sahel Wire"

      tollwatch ingest export.csv --field text=body --field date=published_at

      cat note.txt | tollwatch ingest - --date 2025-06-11

      tollwatch ingest --retry-failed --date 2025-06-11
    """
    paths = paths or []
    if not (paths or sample or retry):
        fail("nothing to ingest: give files, folders, '-' (stdin), --sample or --retry-failed", 2)
    if fmt is not None and fmt not in FORMATS:
        fail(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}", 2)
    try:
        options = IngestOptions(
            date=_date_option(date_, published=True),
            source=source,
            format=fmt,
            fields=parse_field_map(field or []),
            force=force,
            batch_size=get_settings().ingest_batch_size,
        )
    except IngestError as exc:
        fail(exc, 2)
    # a path that does not exist is a typing mistake, not an input to keep for a retry
    missing = [p for p in paths if p != "-" and not os.path.lexists(p)]
    if missing:
        fail(
            SourceUnavailable(
                f"no such file or folder: {', '.join(missing)}",
                hint="nothing was ingested; check the path(s) and run again",
            ),
            2,
        )
    engine = state.engine()
    show_progress = not quiet and not as_json and err_console.is_terminal
    results: list[IngestResult] = []
    try:
        with ExitStack() as stack:
            files = [Path(p) for p in paths if p != "-"]
            if sample:
                folder = stack.enter_context(sample_dir())
                files = sample_paths(folder) + files
            if retry:
                results.append(retry_failed(engine, options, actor=cli_actor()))
            if "-" in paths:
                raw = sys.stdin.buffer.read()
                results.append(ingest_bytes(engine, raw, options, actor=cli_actor()))
            if files:
                total = count_inputs(files, options.format) if show_progress else 0
                with _progress(total, show_progress) as tick:
                    results.append(
                        ingest_paths(engine, files, options, progress=tick, actor=cli_actor())
                    )
    except TollwatchError as exc:
        fail(exc)
    result = _merge(results)
    _print_result(result, quiet=quiet, as_json=as_json)
    if not no_process:
        try:
            # duplicates too: a run killed between storing and processing is finished by
            # running it again (every stage skips what its version already did)
            done = process_reports(
                engine,
                result.processed + result.duplicates,
                progress=stage_bar if show_progress else None,
            )
        except TollwatchError as exc:  # the reports are stored; processing can be re-run
            fail(exc)
        if done is not None and not (quiet or as_json):
            stages = " -> ".join(done.stages) or "nothing"
            console.print(f"processed: {stages} (see `tollwatch tolls`)", highlight=False)
    if result.rejected:
        raise typer.Exit(1)


def _print_result(result: IngestResult, *, quiet: bool, as_json: bool) -> None:
    for rejection in result.rejected:
        err_console.print(
            f"[red]rejected[/]: {escape(str(rejection))}",
            highlight=False,
            markup=True,
            soft_wrap=True,
        )
    if as_json:
        print_json(result.to_dict())
        return
    if quiet:
        return
    console.print(f"ingest: {result.summary()}", highlight=False)
    if result.rejected:
        console.print(
            f"{len(result.rejected)} input(s) rejected and kept: fix them or run "
            "`tollwatch ingest --retry-failed`",
            highlight=False,
        )


def _report_dict(stored: StoredReport, *, with_text: bool) -> dict[str, Any]:
    r = stored.report
    value: dict[str, Any] = {
        "id": r.id,
        "published": r.published.isoformat() if r.published else None,
        "date_missing": stored.date_missing,
        "source": r.source,
        "title": r.title,
        "url": r.url,
        "language": r.language,
        "origin": r.origin,
        "content_hash": r.content_hash,
        "ingested_at": r.ingested_at.isoformat() if r.ingested_at else None,
        "extractor_version": stored.extractor_version,
        "geocoder_version": stored.geocoder_version,
        "chars": len(r.text),
    }
    if with_text:
        value["text"] = r.text
    return value


@app.command("reports")
def reports(
    source: Annotated[str | None, typer.Option("--source", help="Only this source.")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Published on or after this date.")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Published on or before this date.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
) -> None:
    """List stored reports, newest first (undated ones last).

    Examples:

      tollwatch reports

      tollwatch reports --source "Northeast Casualty Monitor" --from 2025-06-11 --to 2025-06-14

      tollwatch reports --json --limit 500
    """
    start, end = _date_option(date_from), _date_option(date_to)
    engine = state.reader()
    with engine.connect() as conn:
        rows = list_reports(conn, source=source, date_from=start, date_to=end, limit=limit)
    if as_json:
        print_json([_report_dict(r, with_text=False) for r in rows])
        return
    if not rows:
        console.print("no reports match", highlight=False)
        return
    table = Table(box=None)
    table.add_column("id", no_wrap=True, min_width=21)
    table.add_column("published", no_wrap=True)
    table.add_column("source")
    table.add_column("title")
    table.add_column("chars", justify="right")
    for stored in rows:
        r = stored.report
        table.add_row(
            r.id,
            r.published.isoformat() if r.published else "[yellow]no date[/]",
            escape(r.source or ""),
            escape((r.title or r.text[:60]).replace("\n", " ")),
            str(len(r.text)),
        )
    console.print(table)
    if len(rows) == limit:
        console.print(f"(the newest {limit}; see more with --limit)", highlight=False)


@app.command("show")
def show(
    report_id: Annotated[str, typer.Argument(help="A report id from `tollwatch reports`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
) -> None:
    """Show one report: its metadata and full text.

    Example: tollwatch show r0123456789abcdef0123
    """
    engine = state.reader()
    try:
        with engine.connect() as conn:
            stored = get_report(conn, report_id)
    except TollwatchError as exc:
        fail(exc)
    value = _report_dict(stored, with_text=True)
    if as_json:
        print_json(value)
        return
    for key, item in value.items():
        if key != "text" and item is not None:
            console.print(f"[bold]{key}[/]: {escape(str(item))}", highlight=False)
    console.print()
    console.print(stored.report.text, highlight=False, markup=False)


@app.command("failures")
def failures(
    show_all: Annotated[
        bool, typer.Option("--all", help="Include failures already resolved.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
) -> None:
    """List inputs that could not be ingested and wait for `tollwatch ingest --retry-failed`.

    Examples:

      tollwatch failures

      tollwatch failures --all --json
    """
    engine = state.reader()
    with engine.connect() as conn:
        rows = list_failures(conn, unresolved_only=not show_all)
    values = [
        {
            "id": f.id,
            "where": locate(f.origin, f.line),
            "origin": f.origin,
            "line": f.line,
            "code": f.code,
            "reason": f.reason,
            "raw_bytes": None if f.raw is None else len(f.raw),
            "attempts": f.attempts,
            "created_at": f.created_at.isoformat(),
            "resolved_at": f.resolved_at.isoformat() if f.resolved_at else None,
        }
        for f in rows
    ]
    if as_json:
        print_json(values)
        return
    if not values:
        console.print("no failures waiting for a retry", highlight=False)
        return
    for v in values:
        state_note = "resolved" if v["resolved_at"] else f"{v['attempts']} attempt(s)"
        console.print(
            f"{v['where']}: {v['code']}: {v['reason']} [{state_note}]",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
