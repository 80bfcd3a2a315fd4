"""`tollwatch eval places FILE...`: end-to-end placing of claims on ACLED notes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tollwatch.cli._app import console, fail, print_json
from tollwatch.cli.eval import eval_app
from tollwatch.errors import TollwatchError

__all__ = ["eval_places"]


@eval_app.command("places")
def eval_places(
    files: Annotated[list[Path], typer.Argument(help="acled_extraction_*.jsonl files.")],
    gazetteer: Annotated[
        Path | None,
        typer.Option("--gazetteer", help="Gazetteer file (default: the configured one)."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", help="Only the first N rows of each file.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Share of claims placed within 161 km of ACLED's point, share of notes with a placed
    claim, admin1 match (notes whose coded location is in the text and that yield a claim).

    Example: tollwatch eval places ../shared/eval/acled_extraction_dev.jsonl --json
    """
    from tollwatch.cli.geo import resolve_gazetteer_path
    from tollwatch.evaluation.places import load_place_rows, place_rows, score_places
    from tollwatch.geo.service import load_gazetteer

    try:
        rows = [row for f in files for row in load_place_rows(f, limit=limit)]
        gaz = load_gazetteer(resolve_gazetteer_path(gazetteer))
        result = score_places(place_rows(rows, gaz))
    except TollwatchError as exc:
        fail(exc, 2)
    result["gazetteer"] = str(gaz.path)
    if as_json:
        print_json(result)
        return
    console.print(f"notes: {result['notes']}, scored: {result['scored_notes']}")
    console.print(
        f"claims within 161 km: {result['claims_within_161km']} of {result['claims']}; "
        f"notes placed: {result['notes_placed']}; admin1 match: {result['claims_admin1_match']}"
    )
    console.print(f"links: {result['links']}")
