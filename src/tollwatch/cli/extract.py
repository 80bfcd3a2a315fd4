"""`tollwatch extract` and `tollwatch claims`: thin commands over ``tollwatch.extract.service``
and ``tollwatch.store.claims``."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from tollwatch.cli._app import app, console, fail, print_json, stage_bar, state
from tollwatch.config import get_settings
from tollwatch.errors import TollwatchError
from tollwatch.models import Claim

__all__ = ["claim_json", "claims_cmd", "extract_cmd"]


def claim_json(claim: Claim) -> dict[str, Any]:
    """The JSON object of one claim, as printed by `tollwatch claims --json`."""
    p = claim.place
    return {
        "id": claim.id,
        "report_id": claim.report_id,
        "outcome": claim.outcome.value,
        "low": claim.low,
        "best": claim.best,
        "high": claim.high,
        "qualifier": claim.qualifier.value,
        "quantity_text": claim.quantity_text,
        "category": claim.category.value,
        "children": claim.children,
        "women": claim.women,
        "men": claim.men,
        "perpetrator": claim.perpetrator,
        "place": p.mention,
        "date": claim.date.start.isoformat() if claim.date.start else None,
        "date_end": claim.date.end.isoformat() if claim.date.end else None,
        "date_precision": claim.date.precision.value,
        "date_expression": claim.date.expression,
        "attributed_to": claim.attributed_to,
        "scope": claim.scope.value,
        "reliability": claim.reliability.value,
        "source_entity": claim.source_entity,
        "subject": claim.subject,
        "revision": claim.revision,
        "revises": claim.revises,
        "part_of": claim.part_of,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "extractor_version": claim.extractor_version,
        "place_id": p.place_id,
        "place_name": p.name,
        "lat": p.lat,
        "lon": p.lon,
        "admin1": p.admin1,
        "country": p.country,
        "precision": int(p.precision) if p.precision is not None else None,
        "place_link": p.link,
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
