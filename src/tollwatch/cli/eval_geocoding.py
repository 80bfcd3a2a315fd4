"""`tollwatch eval geocoding FILE...`: geocoding accuracy on ../shared/eval files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tollwatch.cli._app import console, fail, print_json
from tollwatch.cli.eval import eval_app
from tollwatch.errors import TollwatchError


@eval_app.command("geocoding")
def eval_geocoding(
    files: Annotated[
        list[Path], typer.Argument(help="geoparse_*.jsonl or ucdp_ged_locations_*.jsonl files.")
    ],
    gazetteer: Annotated[
        Path | None,
        typer.Option("--gazetteer", help="Gazetteer file (default: the configured one)."),
    ] = None,
    end_to_end: Annotated[
        bool,
        typer.Option("--end-to-end/--gold-only", help="Also score our own toponym recognition."),
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Accuracy within 161 km, median error and resolution rate, given the gold toponyms
    (and end to end with our own toponym recognition).

    Example: tollwatch eval geocoding ../shared/eval/geoparse_lgl_test.jsonl --json
    """
    from tollwatch.geo.evaluation import evaluate_files
    from tollwatch.geo.service import load_gazetteer

    for f in files:
        if not f.exists():
            fail(f"{f}: no such file")
    try:
        from tollwatch.cli.geo import resolve_gazetteer_path

        gaz = load_gazetteer(resolve_gazetteer_path(gazetteer))
        result = evaluate_files(files, gaz, end_to_end=end_to_end)
    except TollwatchError as exc:
        fail(exc)
    if as_json:
        print_json(result)
        return
    console.print(
        f"gazetteer: {result['gazetteer']['path']} ({result['gazetteer']['places']} places)"
    )
    for name, r in result["by_file"].items():
        g, b = r["given_gold_toponyms"], r["baseline"]
        line = (
            f"{name}: n={g['n']} acc@161km={g['acc_at_161km']} median={g['median_error_km']} km "
            f"resolved={g['resolution_rate']} (baseline acc@161km={b['acc_at_161km']})"
        )
        if "end_to_end" in r:
            e = r["end_to_end"]
            line += f"; end-to-end acc@161km={e['acc_at_161km']} recall={e['recognition_recall']} precision={e['recognition_precision']}"
        console.print(line)
    console.print(f"all: acc@161km={result['acc_at_161km']} over {result['n']} toponyms")
