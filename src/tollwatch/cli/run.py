"""`tollwatch run --sample`: the main job behind `make run`.

Ingest the bundled sample corpus (idempotent), extract, geocode and reconcile it, print what
was found, then serve the dashboard and API on it.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Annotated, Any

import typer
from rich.markup import escape
from sqlalchemy import func, select

from tollwatch.cli._app import app, console, err_console, fail, print_json, stage_bar, state
from tollwatch.errors import TollwatchError

__all__ = ["run"]


@app.command("run")
def run(
    sample: Annotated[
        bool, typer.Option("--sample", help="Process the bundled (invented) sample corpus.")
    ] = False,
    serve: Annotated[
        bool, typer.Option("--serve/--no-serve", help="Serve the dashboard afterwards.")
    ] = True,
    host: Annotated[str, typer.Option(help="Interface the dashboard listens on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    public: Annotated[
        bool | None,
        typer.Option(
            "--public/--private",
            help="Serve read-only without login (default: on for --sample, whose reports are "
            "invented; otherwise TOLLWATCH_PUBLIC_READ).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print the summary as JSON on stdout (serving logs go to stderr)."
        ),
    ] = False,
) -> None:
    """Process reports end to end and serve the result (what `make run` does).

    Ingests (with --sample, the bundled corpus), extracts claims, geocodes them, reconciles
    events and tolls, prints a summary, then serves http://HOST:PORT.

    Examples:

      tollwatch run --sample
      tollwatch --db postgresql://127.0.0.1/test run --sample --no-serve
    """
    from tollwatch.cli.user import cli_actor
    from tollwatch.ingest import IngestOptions, ingest_paths, sample_dir, sample_paths
    from tollwatch.pipeline import process_reports
    from tollwatch.reconcile.service import query_tolls
    from tollwatch.store.tables import claims, reports

    engine = state.engine()
    try:
        if sample:
            with ExitStack() as stack:
                folder = stack.enter_context(sample_dir())
                result = ingest_paths(
                    engine, sample_paths(folder), IngestOptions(), actor=cli_actor()
                )
            if not as_json:
                console.print(f"ingest: {result.summary()}")
            for rejection in result.rejected:
                err_console.print(f"[red]rejected[/]: {escape(str(rejection))}")
        if not as_json:
            console.print("processing: extract -> geocode -> reconcile ...")
        process_reports(engine, None, progress=None if as_json else stage_bar)
        with engine.connect() as conn:
            n_reports = conn.execute(select(func.count()).select_from(reports)).scalar_one()
            n_claims = conn.execute(select(func.count()).select_from(claims)).scalar_one()
            n_placed = conn.execute(
                select(func.count()).select_from(claims).where(claims.c.place_id.is_not(None))
            ).scalar_one()
        found = query_tolls(engine)
    except TollwatchError as exc:
        fail(exc)
    if as_json:
        print_json(
            {
                "reports": n_reports,
                "claims": n_claims,
                "geocoded": n_placed,
                "events": found.get("events_total", len(found["events"])),
                "flags": len(found.get("flags", [])),
                "tolls": found["tolls"],
            }
        )
    else:
        _print_summary(found, n_reports, n_claims, n_placed)
    if not serve:
        return
    _serve(sample, public, host, port, quiet_stdout=as_json)


def _print_summary(found: dict[str, Any], n_reports: int, n_claims: int, n_placed: int) -> None:
    from tollwatch.cli.tolls import _tolls_table

    console.print(
        f"found: {n_reports} reports, {n_claims} casualty claims ({n_placed} geocoded), "
        f"{found.get('events_total', len(found['events']))} events, "
        f"{len(found.get('flags', []))} flags for review"
    )
    console.print(_tolls_table(found["tolls"], "tolls (best, low–high)"))
    console.print("explain any number: tollwatch tolls --explain")


def _serve(sample: bool, public: bool | None, host: str, port: int, *, quiet_stdout: bool) -> None:
    import uvicorn

    from tollwatch.api import create_app
    from tollwatch.cli.serve import check_port
    from tollwatch.config import get_settings

    public_read = get_settings().public_read if public is None else public
    if public is None and sample:
        public_read = True
    settings = get_settings().model_copy(
        update={"database_url": state.db_url, "public_read": public_read}
    )
    app_ = create_app(settings)
    check_port(host, port)
    loaded = "sample corpus loaded" if sample else "database loaded"
    mode = (
        "public read-only: anyone on this address can read"
        if public_read
        else "log in first: tollwatch user add NAME --role analyst"
    )
    err_console.print(f"[bold]dashboard: http://{host}:{port}[/] ({loaded}; {mode}; Ctrl-C stops)")
    uvicorn.run(app_, host=host, port=port, log_level="warning")
