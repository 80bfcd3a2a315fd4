"""`tollwatch tolls`, `tollwatch events`, `tollwatch reconcile`, `tollwatch synth`."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from tollwatch.cli._app import app, console, fail, print_json, stage_bar, state
from tollwatch.errors import TollwatchError


class By(StrEnum):
    day = "day"
    week = "week"
    place = "place"
    category = "category"


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} {value!r} is not a date (write it as YYYY-MM-DD)")


def _range(r: dict[str, int] | None, marks: list[str] | None = None) -> str:
    """A figure as the table shows it: "—" when no claim speaks for it, flags beside it."""
    if r is None:
        text = "—"
    elif r["low"] == r["best"] == r["high"]:
        text = f"{r['best']:,}"
    else:
        text = f"{r['best']:,} ({r['low']:,}–{r['high']:,})"
    if marks:
        text += "\n[yellow]⚑ " + ", ".join(m.replace("_", " ") for m in marks) + "[/]"
    return text


def _tolls_table(
    tolls: dict[str, Any], title: str, marks: dict[str, dict[str, list[str]]] | None = None
) -> Table:
    cats = ["civilians", "state_forces", "non_state_armed", "unknown", "total"]
    table = Table(title=title, title_justify="left")
    table.add_column("outcome")
    for c in cats:
        table.add_column(c.replace("_", " "), justify="right")
    for outcome, row in tolls.items():
        if row["total"] is None:
            continue
        flagged = (marks or {}).get(outcome, {})
        table.add_row(outcome, *(_range(row[c], flagged.get(c)) for c in cats))
    return table


def _country(value: str | None) -> str | None:
    """A --country value as an ISO alpha-2 code; a name or code we do not know fails."""
    from tollwatch.geo.countries import country_code

    if value is None:
        return None
    try:
        return country_code(value)
    except TollwatchError as exc:
        fail(exc, 2)


@app.command("tolls")
def tolls_command(
    country: Annotated[
        str | None,
        typer.Option("--country", help="Country: ISO code (NG, NGA) or name (Nigeria)."),
    ] = None,
    region: Annotated[
        str | None, typer.Option("--region", help="Admin-1 region or place name, e.g. Borno.")
    ] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
    by: Annotated[By | None, typer.Option("--by", help="Break the tolls down.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    show_explain: Annotated[
        bool, typer.Option("--explain", help="Show how each number was made, claim by claim.")
    ] = False,
    verified: Annotated[
        bool, typer.Option("--verified", help="Count verified claims only.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", help="Events listed (all are counted).")] = 1000,
    show_names: Annotated[
        bool,
        typer.Option("--show-names", help="Do not withhold people's names in --explain quotes."),
    ] = False,
) -> None:
    """Reconciled tolls: killed, injured, missing, detained, displaced, by victim category.

    Running tolls supersede their earlier bulletins; incidents inside a running toll are not
    added on top of it. Examples:

      tollwatch tolls --country NG --json
      tollwatch tolls --region Borno --from 2025-06-10 --to 2025-06-14 --explain
      tollwatch tolls --by day
    """
    from tollwatch.reconcile.service import QUESTIONING, explain, query_tolls

    d_from, d_to = _day(date_from, "--from"), _day(date_to, "--to")
    country = _country(country)
    engine = state.reader()
    try:
        result = query_tolls(
            engine,
            country=country,
            region=region,
            date_from=d_from,
            date_to=d_to,
            by=by.value if by else None,
            verified_only=verified,
            limit=limit,
        )
        tree = (
            explain(
                engine,
                country=country,
                region=region,
                date_from=d_from,
                date_to=d_to,
                verified_only=verified,
                limit=limit,
                redact=not show_names,
            )
            if show_explain
            else None
        )
    except TollwatchError as exc:
        fail(exc)
    if as_json:
        print_json(result)
        return
    console.print(
        _tolls_table(result["tolls"], "tolls (best, low–high; — = no claim)", result["marks"])
    )
    for key, group in (result.get("groups") or {}).items():
        if "tolls" in group:
            console.print(_tolls_table(group["tolls"], f"{by.value if by else ''} {key}"))
    if tree is not None:
        from tollwatch.cli._explain import rich_tree

        console.print(rich_tree(tree))
    elif result["flags"]:
        console.print(f"[yellow]{len(result['flags'])} flag(s) for review[/] (see --explain)")
        for f in result["flags"]:
            if f["kind"] in QUESTIONING:
                console.print(f"[yellow]⚑ {f['kind'].replace('_', ' ')}[/]: {f['message']}")


@app.command("events")
def events_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
    country: Annotated[
        str | None, typer.Option("--country", help="Country: ISO code (NG, NGA) or name.")
    ] = None,
    verified: Annotated[bool, typer.Option("--verified", help="Verified claims only.")] = False,
    limit: Annotated[int, typer.Option("--limit", help="Most events to list.")] = 1000,
) -> None:
    """Reconciled incidents: one row per event (outcome and victim category), with its range.

    Example: tollwatch events --json
    """
    from tollwatch.store.events import event_filters, list_events

    country = _country(country)
    engine = state.reader()
    with engine.connect() as conn:
        evs = list_events(
            conn, event_filters("verified" if verified else "all", country=country), limit=limit
        )
    if as_json:
        print_json({"events": evs})
        return
    table = Table(title=f"{len(evs)} events")
    for col in (
        "id",
        "date",
        "place",
        "outcome",
        "category",
        "type",
        "best",
        "low–high",
        "claims",
        "covered",
    ):
        table.add_column(col)
    for e in evs:
        table.add_row(
            e["id"][:12],
            e["date"] or "",
            e["place"] or "",
            e["outcome"],
            e["category"],
            (e.get("coding") or {}).get("event_type") or "",
            str(e["best"]),
            f"{e['low']}–{e['high']}",
            str(len(e["claims"])),
            "yes" if e["covered_by"] else "",
        )
    console.print(table)


@app.command("reconcile")
def reconcile_command(
    force: Annotated[bool, typer.Option("--force", help="Redo even if nothing changed.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")] = False,
) -> None:
    """Reconcile every stored claim into events and tolls (ingest does this too).

    Example: tollwatch reconcile --force
    """
    from tollwatch.reconcile.service import reconcile_all

    try:
        with stage_bar("reconciling", None):
            stats = reconcile_all(state.engine(), force=force)
    except TollwatchError as exc:
        fail(exc)
    if as_json:
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
            | {"seconds": round(stats.seconds, 3)}
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
    console.print(f"done in {stats.seconds:.1f} s")


@app.command("synth")
def synth_command(
    claims: Annotated[int, typer.Option("--claims", help="How many claims to generate.")] = 1000,
    output: Annotated[Path, typer.Option("-o", "--output", help="JSONL file to write.")] = Path(
        "synth-claims.jsonl"
    ),
    seed: Annotated[int, typer.Option("--seed", help="Random seed (same seed, same file).")] = 1,
) -> None:
    """Generate a realistic synthetic claim stream (JSONL, one claim per line) for benchmarks.

    Incidents told by several outlets with different numbers, running tolls with rising
    bulletins, incidents inside and outside them. Example:

      tollwatch synth --claims 1000000 -o /tmp/claims.jsonl
    """
    from tollwatch.reconcile.synth import write_jsonl

    if claims < 1:
        fail(f"--claims {claims} must be at least 1")
    try:
        n_claims, n_reports = write_jsonl(output, claims, seed=seed)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}")
    console.print(f"wrote {n_claims:,} claims from {n_reports:,} reports to {output}")
