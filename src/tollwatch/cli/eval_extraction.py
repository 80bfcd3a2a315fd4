"""`tollwatch eval extraction FILE...`: casualty-count accuracy on labelled JSONL."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tollwatch.cli._app import console, fail, print_json
from tollwatch.cli.eval import eval_app
from tollwatch.errors import TollwatchError

__all__ = ["eval_extraction"]


@eval_app.command("extraction")
def eval_extraction(
    files: Annotated[
        list[Path], typer.Argument(help="ACLED extraction or victim-count JSONL files.")
    ],
    split_flag: Annotated[
        list[str] | None,
        typer.Option("--split-flag", help="Also score the rows with this flag set (repeatable)."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Only the first N rows of each file.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the metrics as one JSON object.")
    ] = False,
) -> None:
    """Exact match and MAE of the total killed per text (and injured where labelled).

    Examples:

      tollwatch eval extraction ../shared/eval/acled_extraction_dev.jsonl --split-flag recoverable

      tollwatch eval extraction ../shared/eval/victim-counts/msa_test.jsonl --json
    """
    from tollwatch.evaluation.extraction import load_rows, predict, score_rows

    try:
        rows = [row for f in files for row in load_rows(f, limit=limit)]
    except TollwatchError as exc:
        fail(exc, 2)
    metrics = score_rows(predict(rows), split_flag or ())
    if as_json:
        print_json(metrics)
        return
    console.print(f"texts: {metrics['n']}")
    console.print(f"killed: exact match {metrics['exact_match']}, MAE {metrics['mae']}")
    nd = metrics["no_deaths"]
    console.print(f"no deaths: {nd['n']} texts, no killed claim in {nd['accuracy']}")
    if "injured" in metrics:
        inj = metrics["injured"]
        console.print(f"injured: exact match {inj['exact_match']}, MAE {inj['mae']} (n={inj['n']})")
    for name, sub in metrics.get("subsets", {}).items():
        console.print(f"[{name}] n={sub['n']} exact match {sub['exact_match']}, MAE {sub['mae']}")
