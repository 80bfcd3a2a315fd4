"""`tollwatch eval scenarios DIR`: multi-report counting scenarios against expected.json."""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from contextlib import redirect_stdout
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from tollwatch.cli._app import console, fail, print_json
from tollwatch.cli.eval import eval_app
from tollwatch.errors import TollwatchError

__all__ = ["eval_scenarios"]


@eval_app.command("scenarios")
def eval_scenarios(
    folder: Annotated[
        Path, typer.Argument(help="A folder of scenario folders (or one scenario folder).")
    ],
    match: Annotated[
        list[str] | None,
        typer.Option("--match", "-k", help="Only scenarios whose name contains this (repeatable)."),
    ] = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help='Print only {"passed", "failed", "cases"} as JSON on stdout.'),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with code 1 when any scenario fails.")
    ] = False,
    keep: Annotated[
        Path | None,
        typer.Option("--keep", help="Keep each scenario's SQLite database under this folder."),
    ] = None,
) -> None:
    """Ingest each scenario's reports into a fresh database and check its expected.json.

    Every failure names the stage at fault: ingest (a report rejected), extraction (an
    expected claim not found) or reconciliation (claims fine, tolls or events wrong). The
    exit code is 0 whatever the scores (a measurement), 1 with --strict when a scenario
    fails, 2 when the folder holds no readable scenario.

    Examples:

      tollwatch eval scenarios ../shared/eval/scenarios

      tollwatch eval scenarios tests/scenarios --json

      tollwatch eval scenarios tests/scenarios -k geneina --keep /tmp/scen
    """
    from tollwatch.evaluation.scenarios import find_scenarios, run_scenarios, summary

    try:
        scenarios = find_scenarios(folder, match=tuple(match or ()))
    except TollwatchError as exc:
        fail(exc, 2)
    # stdout carries only the JSON document: anything else the pipeline prints goes to stderr
    with redirect_stdout(sys.stderr), tempfile.TemporaryDirectory(prefix="tw-scen-") as tmp:
        work = keep if keep is not None else Path(tmp)
        try:
            results = run_scenarios(scenarios, work)
        except TollwatchError as exc:
            fail(exc)
    report = summary(results)
    if as_json:
        print_json(report)
    else:
        _print_table(report, [r.seconds for r in results])
    if strict and report["failed"]:
        raise typer.Exit(1)


def _print_table(report: dict[str, Any], seconds: list[float]) -> None:
    table = Table(title="scenarios", title_justify="left")
    table.add_column("scenario")
    table.add_column("result")
    table.add_column("stage at fault")
    table.add_column("s", justify="right")
    for case, secs in zip(report["cases"], seconds, strict=True):
        table.add_row(
            escape(case["name"]),
            "[green]pass[/]" if case["passed"] else "[red]FAIL[/]",
            case["stage"] or "",
            f"{secs:.1f}",
        )
    console.print(table)
    for case in report["cases"]:
        if case["passed"]:
            continue
        console.print(f"[bold]{escape(case['name'])}[/]: {escape(case['why'])}", highlight=False)
        for f in case["failures"]:
            console.print(
                f"  [red]{f['stage']}[/] {escape(f['field'])}: expected "
                f"{escape(repr(f['expected']))}, got {escape(repr(f['got']))}",
                highlight=False,
                soft_wrap=True,
            )
    from tollwatch.evaluation.scenarios import STAGES

    total = report["passed"] + report["failed"]
    stages = Counter(c["stage"] for c in report["cases"] if c["stage"])
    fault = ", ".join(f"{stage} {stages[stage]}" for stage in STAGES if stages[stage])
    console.print(
        f"{report['passed']} of {total} scenarios pass" + (f"; at fault: {fault}" if fault else ""),
        highlight=False,
    )
