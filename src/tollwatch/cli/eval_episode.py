"""`tollwatch eval episode FACTS --texts DIR`: one real episode against the analysts' facts."""

from __future__ import annotations

import sys
import tempfile
from contextlib import redirect_stdout
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from tollwatch.cli._app import console, fail, print_json
from tollwatch.cli.eval import eval_app
from tollwatch.errors import TollwatchError

__all__ = ["eval_episode"]


@eval_app.command("episode")
def eval_episode(
    facts_path: Annotated[Path, typer.Argument(help="An episode's facts.yaml.")],
    texts: Annotated[
        Path | None,
        typer.Option(
            "--texts", help="Folder of the article texts (<id>.txt); default: texts/ beside FACTS."
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the scores as one JSON document.")
    ] = False,
    keep: Annotated[
        Path | None, typer.Option("--keep", help="Keep the episode's SQLite database here.")
    ] = None,
) -> None:
    """Ingest an episode's articles into a fresh database and score claims, tolls and traps.

    Claims: the share of the analysts' figures found with every field right, accuracy per
    field, spurious casualty claims per 100 articles. Tolls: reconciled low/best/high beside
    the analysts' range, and each source's latest figure. Traps: avoided or not, by pitfall.
    See docs/evaluation.md.

    Examples:

      tollwatch eval episode eval/episodes/crocus-2024/facts.yaml

      tollwatch eval episode eval/episodes/manipur-2023/facts.yaml --texts /tmp/texts --json
    """
    from tollwatch.evaluation.episode import observe_episode, score_episode
    from tollwatch.evaluation.facts import load_facts

    folder = texts if texts is not None else facts_path.parent / "texts"
    try:
        facts = load_facts(facts_path)
    except TollwatchError as exc:
        fail(exc, 2)
    if not folder.is_dir():
        fail(f"no texts folder at {folder} (see docs/evaluation.md: retrieving the texts)", 2)
    with redirect_stdout(sys.stderr), tempfile.TemporaryDirectory(prefix="tw-episode-") as tmp:
        try:
            found = observe_episode(facts, folder, keep if keep is not None else Path(tmp))
        except TollwatchError as exc:
            fail(exc)
    scores = score_episode(facts, found)
    if as_json:
        print_json(scores)
        return
    _print(scores)


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.0f}%"


def _range(r: dict[str, Any]) -> str:
    if r.get("best") is None:
        return "–"
    return f"{r['best']:,} ({r['low']:,}–{r['high']:,})"


def _print(scores: dict[str, Any]) -> None:
    arts, claims, traps = scores["articles"], scores["claims"], scores["traps"]
    console.print(
        f"[bold]{escape(scores['episode'])}[/]: {arts['scored']} of {arts['listed']} articles "
        f"scored ({len(arts['missing_texts'])} without text, {len(arts['rejected'])} rejected)",
        highlight=False,
    )
    console.print(
        f"claims: {claims['found']} of {claims['figures']} figures found, "
        f"{_pct(claims['all_fields_right'])} with every field right; "
        f"{claims['spurious']['per_100_articles']} spurious casualty claims per 100 articles",
        highlight=False,
    )
    fields = Table(title="field accuracy (of the figures stating it)", title_justify="left")
    for col in ("field", "right", "stated", "accuracy"):
        fields.add_column(col, justify="right" if col != "field" else "left")
    for name, f in claims["fields"].items():
        fields.add_row(name, str(f["right"]), str(f["stated"]), _pct(f["accuracy"]))
    console.print(fields)
    tolls = Table(title="tolls: best (low–high)", title_justify="left")
    for col in ("outcome", "category", "analysts", "tollwatch", "in range"):
        tolls.add_column(col)
    for row in scores["tolls"]:
        tolls.add_row(
            row["outcome"],
            row["category"],
            _range(row["analysts"]),
            _range(row["tollwatch"]),
            "[green]yes[/]" if row["best_in_range"] else "[red]no[/]",
        )
    console.print(tolls)
    if scores["sources"]:
        sources = Table(title="source series: latest figure", title_justify="left")
        for col in ("source", "outcome", "analysts", "found", "claims"):
            sources.add_column(col)
        for s in scores["sources"]:
            sources.add_row(
                escape(s["source_entity"]),
                s["outcome"],
                str(s["latest"]),
                ("[green]" if s["right"] else "[red]") + f"{s['found_latest']}[/]",
                str(s["claims"]),
            )
        console.print(sources)
    pit = Table(title="traps avoided, by pitfall class", title_justify="left")
    for col in ("pitfall", "avoided", "traps"):
        pit.add_column(col, justify="right")
    for number, t in traps["by_pitfall"].items():
        pit.add_row(number, str(t["avoided"]), str(t["traps"]))
    pit.add_row("all", str(traps["avoided"]), str(traps["traps"]))
    console.print(pit)
