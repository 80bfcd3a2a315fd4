"""`tollwatch eval coding FILE...`: ACLED event types and actors against ACLED's coding."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tollwatch.cli._app import console, fail, print_json
from tollwatch.cli.eval import eval_app
from tollwatch.errors import TollwatchError

__all__ = ["eval_coding"]


@eval_app.command("coding")
def eval_coding(
    files: Annotated[list[Path], typer.Argument(help="ACLED extraction JSONL files.")],
    limit: Annotated[
        int | None, typer.Option("--limit", help="Only the first N rows of each file.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the metrics as one JSON object.")
    ] = False,
) -> None:
    """Event type accuracy (with a confusion table), sub-event type accuracy and actor 1 /
    actor 2 match of `tollwatch.coding` on ACLED's notes (input: text without coder notes).

    Examples:

      tollwatch eval coding ../shared/eval/acled_extraction_dev.jsonl

      tollwatch eval coding ../shared/eval/acled_extraction_dev.jsonl --json
    """
    from tollwatch.evaluation.coding import load_coding_rows, score_coding

    try:
        rows = [row for f in files for row in load_coding_rows(f, limit=limit)]
    except TollwatchError as exc:
        fail(exc, 2)
    metrics = score_coding(rows)
    if as_json:
        print_json(metrics)
        return
    console.print(f"notes: {metrics['n']}")
    console.print(
        f"event type accuracy: {metrics['event_type_accuracy']} (older rows as ACLED recoded "
        f"them in 2019: {metrics['event_type_accuracy_recoded']})",
        markup=False,
    )
    sub = metrics["sub_event_type"]
    console.print(
        f"sub-event type accuracy: {sub['accuracy']} (n={sub['n']}, where ACLED coded one)"
    )
    a1, a2 = metrics["actor1"], metrics["actor2"]
    console.print(f"actor 1 match: {a1['match']} (kind of actor: {a1['class_match']})")
    console.print(f"actor 2 match: {a2['match']}")
    for name, part in metrics.get("by_codebook", {}).items():
        console.print(
            f"[{name}] n={part['n']} type {part['event_type_accuracy']} "
            f"(recoded {part['event_type_accuracy_recoded']}), "
            f"actor 1 {part['actor1_match']}, actor 2 {part['actor2_match']}",
            markup=False,
        )
    predicted = sorted({t for row in metrics["confusion"].values() for t in row})
    console.print("confusion (rows: ACLED, columns: tollwatch):", markup=False)
    console.print(
        f"{'':24}" + "".join(f"{_ABBR.get(t, t[:7]):>7}" for t in predicted) + f"{'acc.':>7}",
        markup=False,
    )
    for gold, row in metrics["confusion"].items():
        acc = metrics["per_type"][gold]["accuracy"]
        cells = "".join(f"{row.get(t, 0):>7}" for t in predicted)
        console.print(f"{gold[:24]:24}{cells}{acc:>7}", markup=False)
    console.print(", ".join(f"{v} = {k}" for k, v in _ABBR.items()), markup=False)


_ABBR = {
    "Battles": "BAT",
    "Explosions/Remote violence": "ERV",
    "Protests": "PRO",
    "Riots": "RIO",
    "Strategic developments": "SD",
    "Violence against civilians": "VAC",
}
