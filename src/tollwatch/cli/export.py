"""`tollwatch export`: stream claims or events to CSV, JSONL, GeoJSON, ACLED- or UCDP-like CSV."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Engine

from tollwatch.cli._app import app, err_console, fail, state
from tollwatch.errors import BadQuery, TollwatchError
from tollwatch.export.filters import ClaimFilter
from tollwatch.export.policy import ORIGINAL, TextPolicy
from tollwatch.export.stream import ExportFormat, export_chunks
from tollwatch.models import Category, Outcome, Scope

__all__ = ["export", "write_export"]


def write_export(
    engine_url: str,
    fmt: ExportFormat,
    filters: ClaimFilter,
    policy: TextPolicy | None,
    out: Path | None,
    view: str = "all",
) -> int:
    """Write the export to ``out`` (None: stdout); return the number of characters written.

    ``policy`` None: the public's view (names redacted, sensitive reports' words left out).

    A file is written under a temporary name and renamed at the end, so a failed export
    never leaves a truncated file that looks complete.
    """
    from tollwatch.store import open_engine

    engine = open_engine(engine_url)
    try:
        return _write(engine, fmt, filters, policy, out, view)
    finally:
        engine.dispose()


def _write(
    engine: Engine,
    fmt: ExportFormat,
    filters: ClaimFilter,
    policy: TextPolicy | None,
    out: Path | None,
    view: str,
) -> int:
    if policy is None:
        from tollwatch.api.security import public_text_policy

        policy = public_text_policy(engine)
    written = 0
    if out is None:
        for chunk in export_chunks(engine, fmt, filters, policy, view=view):
            sys.stdout.write(chunk)
            written += len(chunk)
        sys.stdout.flush()
        return written
    tmp = out.with_name(out.name + ".partial")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            for chunk in export_chunks(engine, fmt, filters, policy, view=view):
                fh.write(chunk)
                written += len(chunk)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return written


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadQuery(f"{option} {value!r} is not a date", hint="use YYYY-MM-DD") from None


@app.command("export")
def export(
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="csv, jsonl, geojson, acled or ucdp.")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="ISO country code, e.g. SY.")] = None,
    region: Annotated[str | None, typer.Option(help="Admin-1 region name or code.")] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Events on or after YYYY-MM-DD.")
    ] = None,
    date_to: Annotated[
        str | None, typer.Option("--to", help="Events on or before YYYY-MM-DD.")
    ] = None,
    category: Annotated[Category | None, typer.Option(help="Victim category.")] = None,
    outcome: Annotated[Outcome | None, typer.Option(help="killed, injured, ...")] = None,
    source: Annotated[str | None, typer.Option(help="Source name, exact.")] = None,
    scope: Annotated[Scope | None, typer.Option(help="incident or cumulative.")] = None,
    verified: Annotated[
        bool, typer.Option("--verified", help="acled/ucdp: events of verified claims only.")
    ] = False,
    originals: Annotated[
        bool,
        typer.Option(
            "--originals",
            help="Keep names of people and sensitive reports' words (internal use only).",
        ),
    ] = False,
) -> None:
    """Export claims (csv, jsonl, geojson) or reconciled events (acled, ucdp), streamed.

    Names of people are redacted and sensitive reports' words left out unless --originals.
    See docs/exports.md for every column.

    Examples:

      tollwatch export -f csv --country SY --from 2025-03-01 -o claims.csv
      tollwatch export -f geojson --outcome killed -o killed.geojson
      tollwatch export -f ucdp -o events-ged.csv
    """
    try:
        start, end = _day(date_from, "--from"), _day(date_to, "--to")
        if start and end and start > end:
            raise BadQuery(f"--from {start} is after --to {end}", hint="swap the two dates")
        filters = ClaimFilter(
            country=country,
            region=region,
            date_from=start,
            date_to=end,
            category=category,
            outcome=outcome,
            source=source,
            scope=scope,
        )
        view = "verified" if verified else "all"
        written = write_export(state.db_url, format, filters, _policy(originals), output, view)
    except TollwatchError as exc:
        fail(exc)
    if output is not None:
        err_console.print(f"wrote {output} ({written:,} characters, format {format.value})")


def _policy(originals: bool) -> TextPolicy | None:
    """None: what the public may see (decided per database in ``write_export``)."""
    return ORIGINAL if originals else None
