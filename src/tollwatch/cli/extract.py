"""`tollwatch extract` and `tollwatch claims`: thin commands over ``tollwatch.extract.service``
and ``tollwatch.store.claims``."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from tollwatch.cli._app import app, console, fail, print_json, stage_bar, state
from tollwatch.config import get_settings
from tollwatch.errors import TollwatchError
from tollwatch.export.records import json_value
from tollwatch.models import Claim
from tollwatch.store.claims import claim_to_row

__all__ = ["claim_json", "claims_cmd", "extract_cmd"]


#: `claims --json` keys that differ from the ``claims`` table's column names
_JSON_KEYS = {
    "place_mention": "place",
    "date_start": "date",
    "span_start": "start",
    "span_end": "end",
    "geo_precision": "precision",
}


def claim_json(claim: Claim) -> dict[str, Any]:
    """The JSON object of one claim, as printed by `tollwatch claims --json`: its ``claims``
    row (one mapping, ``store.claims.claim_to_row``) with dates as ISO strings."""
    return {
        _JSON_KEYS.get(key, key): json_value(value) for key, value in claim_to_row(claim).items()
    }


@app.command("extract")
def extract_cmd(
    report: Annotated[
        list[str] | None,
        typer.Option("--report", help="Only this report id (repeatable)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract even reports done by this version.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Extract casualty claims from stored reports not yet processed by this extractor.

    A report's old claims are replaced atomically when the extractor version changes.

    Examples:

      tollwatch extract

      tollwatch extract --report r0123456789abcdef0123 --force
    """
    from tollwatch.extract import EXTRACTOR_VERSION
    from tollwatch.extract.service import extract_reports

    engine = state.engine()
    try:
        with stage_bar("extracting", len(report) if report else None) as tick:
            stats = extract_reports(
                engine, report, force=force, model=get_settings().spacy_model, progress=tick
            )
    except TollwatchError as exc:
        fail(exc)
    if as_json:
        print_json(
            {
                "reports": stats.reports,
                "claims": stats.claims,
                "skipped": stats.skipped,
                "extractor_version": EXTRACTOR_VERSION,
            }
        )
        return
    console.print(
        f"extracted {stats.claims} claims from {stats.reports} reports "
        f"(extractor {EXTRACTOR_VERSION}; {stats.skipped} already up to date)"
    )


@app.command("claims")
def claims_cmd(
    report: Annotated[
        str | None, typer.Option("--report", help="Only this report's claims.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON list of claims.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many claims.")] = None,
) -> None:
    """List extracted claims with their evidence (quote and character span).

    Examples:

      tollwatch claims

      tollwatch claims --report r0123456789abcdef0123 --json
    """
    from tollwatch.store.claims import list_claims
    from tollwatch.store.reports import get_report

    engine = state.reader()
    try:
        with engine.connect() as conn:
            if report is not None:
                get_report(conn, report)
            found = list_claims(conn, report_id=report, limit=limit)
    except TollwatchError as exc:
        fail(exc)
    if as_json:
        print_json([claim_json(c) for c in found])
        return
    if not found:
        console.print("no claims (run `tollwatch extract` after ingesting reports)")
        return
    table = Table(show_lines=False)
    for col in (
        "report",
        "outcome",
        "low/best/high",
        "category",
        "scope",
        "place",
        "date",
        "quote",
    ):
        table.add_column(col)
    for c in found:
        figures = f"{c.low if c.low is not None else '?'}/{c.best}/{c.high if c.high is not None else '?'}"
        quote = c.quote if len(c.quote) <= 120 else c.quote[:117] + "..."
        table.add_row(
            c.report_id,
            c.outcome.value,
            figures,
            c.category.value,
            c.scope.value,
            c.place.mention or "",
            c.date.start.isoformat() if c.date.start else "",
            quote,
        )
    console.print(table)
