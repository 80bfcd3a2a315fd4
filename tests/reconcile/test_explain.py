"""The explanation as a typed tree (reconcile/explain.py), its words (explain_words.py) and
its terminal rendering (cli/_explain.py), on the sample corpus and the coastal example."""

from __future__ import annotations

import ast
import io
import json
from pathlib import Path

from reconcile_kit import coastal_example, sample_corpus, store
from rich.console import Console
from sqlalchemy import Engine

import tollwatch.reconcile
from tollwatch.cli._explain import rich_tree
from tollwatch.reconcile.explain import (
    CategoryNode,
    ClaimNote,
    Explanation,
    IncidentNode,
    OutcomeNode,
    ReviewFlag,
    explanation_json,
)
from tollwatch.reconcile.explain_words import outline
from tollwatch.reconcile.figures import Range
from tollwatch.reconcile.service import explain, reconcile_all


def _category(tree: Explanation, outcome: str, category: str) -> CategoryNode:
    (o,) = [o for o in tree.outcomes if o.outcome == outcome]
    (c,) = [c for c in o.categories if c.category == category]
    return c


def _printed(tree: Explanation) -> str:
    buf = io.StringIO()
    Console(file=buf, width=400, color_system=None).print(rich_tree(tree))
    return buf.getvalue()


def test_explain_sample_corpus_tree_holds_series_bulletins_and_contained(engine: Engine) -> None:
    store(engine, *sample_corpus())
    reconcile_all(engine)
    tree = explain(engine, redact=False)
    killed = next(o for o in tree.outcomes if o.outcome == "killed")
    assert killed.total.best == 95
    civ = _category(tree, "killed", "civilians")
    assert civ.figure.best == 63
    (running,) = civ.running_tolls
    assert running.figure == Range(57, 57, 57)
    (series,) = running.series
    assert series.latest.best == 57
    assert [b.role for b in series.bulletins] == ["latest 57", "superseded 52", "superseded 30"]
    assert all(b.report_id and b.quote for b in series.bulletins)
    assert running.contained and all(ev.left_out_because for ev in running.contained)
    assert civ.added == Range(6, 6, 6)
    assert [ev.place for ev in civ.added_incidents] == ["Mubi"]
    assert all(ev.left_out_because is None for ev in civ.added_incidents)


def test_explain_tree_is_json_and_its_print_quotes_each_claim(engine: Engine) -> None:
    store(engine, *sample_corpus())
    reconcile_all(engine)
    tree = explain(engine, redact=False)
    data = json.loads(json.dumps(explanation_json(tree)))
    assert data["outcomes"][0]["total"] == {"low": 95, "best": 95, "high": 95}
    printed = _printed(tree)
    assert "superseded 30" in printed and "superseded 52" in printed
    quoted = [
        n.quote
        for o in tree.outcomes
        for c in o.categories
        for r in c.running_tolls
        for s in r.series
        for n in s.bulletins
    ]
    assert quoted and all(q[:40] in printed for q in quoted)


def test_explain_coastal_example_contained_incidents_say_why(engine: Engine) -> None:
    store(engine, *coastal_example())
    reconcile_all(engine)
    tree = explain(engine)
    civ = _category(tree, "killed", "civilians")
    assert civ.figure.best == 745
    contained = [ev for r in civ.running_tolls for ev in r.contained]
    places = " ".join(ev.place or "" for ev in contained)
    assert "Tuwaym" in places and "Baniyas" in places
    assert all("not added" in (ev.left_out_because or "") for ev in contained)
    printed = _printed(tree)
    assert "1,018" in printed and "1,074" not in printed


def _note(quote: str) -> ClaimNote:
    return ClaimNote("figure", "c1", "r1", "[bold]Outlet", None, quote, "why [/dim]")


def test_explain_print_shows_markup_like_words_as_written() -> None:
    ev = IncidentNode("e1", "[draft] town", "2025-01-01", None, Range(3, 3, 3), None, None,
                      (_note("[/bold]three [red]killed"),))  # fmt: skip
    cat = CategoryNode("civilians", Range(3, 3, 3), ("[flag]",), (), Range(3, 3, 3), (ev,))
    tree = Explanation(
        "all", (OutcomeNode("killed", Range(3, 3, 3), (cat,)),), 2, (ReviewFlag("k", "[/]m"),)
    )
    printed = _printed(tree)
    for words in ("[draft] town", "[/bold]three [red]killed", "[bold]Outlet", "why [/dim]"):
        assert words in printed
    assert "⚑ [flag]" in printed and "k: [/]m" in printed
    assert "2 more events counted but not listed" in printed
    (added,) = outline(tree).children[0].children[0].children
    assert added.children[0].children[0].report_id == "r1"


def test_explain_reconcile_imports_no_rich() -> None:
    package = Path(tollwatch.reconcile.__file__).parent
    imported = set()
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imported.update(a.name.split(".")[0] for a in node.names)
    assert "rich" not in imported
