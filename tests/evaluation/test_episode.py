"""`tollwatch eval episode`: matching claims to the analysts' figures, and the command end to
end on a small invented episode (tests/evaluation/episode_fixture, our own words)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.evaluation.episode import (
    EpisodeObservation,
    field_checks,
    match_figures,
    same_place,
    same_speaker,
    score_episode,
)
from tollwatch.evaluation.extraction import EvalError
from tollwatch.evaluation.facts import Article, Facts, Figure, Trap, load_facts
from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    DateRange,
    Outcome,
    PlaceRef,
    Qualifier,
    Reliability,
    Scope,
)

FIXTURE = Path(__file__).parent / "episode_fixture"
REPO = Path(__file__).resolve().parents[2]
DAY = date(2024, 9, 2)


def _claim(best: int, outcome: Outcome = Outcome.KILLED, **kw: object) -> Claim:
    fields: dict[str, object] = {
        "report_id": "r1",
        "outcome": outcome,
        "low": best,
        "best": best,
        "high": best,
        "qualifier": Qualifier.EXACT,
        "start": 0,
        "end": 10,
        "quote": "",
    }
    fields.update(kw)
    return Claim(**fields)  # type: ignore[arg-type]


def _figure(number: int, outcome: str = "killed", **kw: object) -> Figure:
    fields: dict[str, object] = {"low": number, "high": number, "outcome": outcome}
    fields.update(kw)
    return Figure(**fields)  # type: ignore[arg-type]


def test_figures_take_the_claim_with_their_number_and_outcome_first() -> None:
    figures = [_figure(9, "injured"), _figure(9, "killed")]
    killed, injured = _claim(9), _claim(9, Outcome.INJURED)
    assert match_figures(figures, [killed, injured]) == [injured, killed]
    # a number found under another outcome still counts as found, with the outcome wrong
    only = match_figures([_figure(9, "injured")], [killed])
    assert only == [killed]
    assert field_checks(_figure(9, "injured"), killed)["outcome"] is False


def test_a_range_matches_its_bounds() -> None:
    fig = Figure(low=30, high=35, outcome="killed")
    ranged = _claim(32, low=30, high=35, qualifier=Qualifier.RANGE)
    assert match_figures([fig], [ranged]) == [ranged]
    assert match_figures([fig], [_claim(31)]) == [None]


def test_each_field_is_compared() -> None:
    fig = _figure(
        12,
        category="civilians",
        scope="incident_toll",
        date=DAY,
        place="Kaya market, Kaya",
        attributed_to="the regional governor",
        source_entity="centre-nord-governor",
    )
    right = _claim(
        12,
        category=Category.CIVILIANS,
        scope=Scope.INCIDENT_TOLL,
        date=DateRange(DAY, DAY, DatePrecision.DAY),
        place=PlaceRef(mention="Kaya"),
        attributed_to="the governor of the region",
    )
    assert all(field_checks(fig, right).values()), field_checks(fig, right)
    wrong = _claim(
        12,
        date=DateRange(date(2024, 8, 26), date(2024, 9, 2), DatePrecision.WEEK),
        place=PlaceRef(mention="Ouagadougou"),
        attributed_to="a hospital doctor",
        reliability=Reliability.PROJECTION,
    )
    checks = field_checks(fig, wrong)
    assert {k for k, ok in checks.items() if not ok} == {
        "category",
        "scope",
        "date",
        "place",
        "attribution",
        "reliability",
    }


def test_a_place_is_right_by_name_or_within_50_km() -> None:
    krasnogorsk = (55.82, 37.33)
    moscow = _claim(1, place=PlaceRef(mention="Moscow", name="Moscow", lat=55.75, lon=37.62))
    assert same_place("Crocus City Hall, Krasnogorsk", moscow, [krasnogorsk])
    assert not same_place("Crocus City Hall, Krasnogorsk", moscow, [(59.94, 30.31)])
    assert not same_place("Crocus City Hall, Krasnogorsk", moscow)
    assert same_place("Kerman", _claim(1, place=PlaceRef(mention="the city of Kerman")))


def test_speakers_compare_loosely() -> None:
    assert same_speaker("the FSB", "FSB")
    assert same_speaker("Russia's Federal Security Service", "Federal Security Service")
    assert same_speaker("UN", "United Nations")
    assert same_speaker(None, None)
    assert not same_speaker("the health ministry", "the army")
    assert not same_speaker("police", None)


def test_spurious_claims_and_traps() -> None:
    article = Article(
        id="a1",
        url=None,
        published=DAY,
        outlet="x",
        kind="news",
        copy_of=None,
        figures=(_figure(4),),
        traps=(Trap(1000, 1000, 9, "a projection"), Trap(2004, 2004, 6, "a year")),
    )
    facts = Facts(
        "e", "", (article,), (), {"killed": {"total": {"low": 4, "best": 4, "high": 4}}}, {}
    )
    claims = (
        _claim(4),
        _claim(4),  # the same figure told again (headline and body): restated, not spurious
        _claim(1000),  # a projection taken as fact: spurious, trap fallen
        _claim(1000, reliability=Reliability.PROJECTION),  # kept aside: not spurious
        _claim(7, Outcome.INJURED),  # injured, listed nowhere: spurious
        _claim(5000, Outcome.DISPLACED),  # displaced, not a trap: not spurious
    )
    found = EpisodeObservation(
        reports={"a1": "r1"},
        claims={"r1": claims},
        tolls={"killed": {"total": {"low": 1004, "best": 1004, "high": 1004}}},
    )
    scores = score_episode(facts, found)
    assert scores["claims"]["found"] == 1
    assert scores["claims"]["spurious"] == {
        "claims": 2,
        "per_100_articles": 200.0,
        "trap_numbers": 1,
        "unlisted_casualties": 1,
        "restated_figures": 1,
    }
    assert scores["traps"]["by_pitfall"] == {
        "6": {"traps": 1, "avoided": 1},
        "9": {"traps": 1, "avoided": 0},
    }
    (toll,) = scores["tolls"]
    assert toll["best_in_range"] is False and toll["best_error"] == 1000


def test_facts_errors_name_the_article(tmp_path: Path) -> None:
    bad = tmp_path / "facts.yaml"
    bad.write_text(
        "articles:\n  - id: x1\n    figures:\n      - number: 3\n        outcome: dead\n",
        encoding="utf-8",
    )
    with pytest.raises(EvalError, match="x1"):
        load_facts(bad)


def test_the_fixture_episode_end_to_end(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["eval", "episode", str(FIXTURE / "facts.yaml"), "--json", "--keep", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["episode"] == "kaya-market-invented"
    assert scores["articles"]["scored"] == 4 and scores["articles"]["missing_texts"] == ["t05"]
    claims = scores["claims"]
    assert claims["figures"] == 6
    assert set(claims["fields"]) == {
        "number",
        "outcome",
        "category",
        "scope",
        "date",
        "place",
        "attribution",
        "reliability",
    }
    assert claims["fields"]["number"]["stated"] == 6
    # "killing 12 civilians" and "has risen to 19" are plain sentences: they must be found
    found = {(w["article"], w["number"]) for w in claims["wrong"] if w["wrong"] == ["not found"]}
    assert not found & {("t01", 12), ("t02", 19), ("t03", 19)}
    assert [(t["outcome"], t["category"], t["analysts"]["best"]) for t in scores["tolls"]] == [
        ("killed", "total", 19),
        ("injured", "total", 30),
    ]
    (series,) = scores["sources"]
    assert series["source_entity"] == "centre-nord-governor" and series["latest"] == 19
    assert scores["traps"]["traps"] == 4
    assert set(scores["traps"]["by_pitfall"]) == {"6", "7", "9"}

    table = CliRunner().invoke(app, ["eval", "episode", str(FIXTURE / "facts.yaml")])
    assert table.exit_code == 0, table.output
    assert "kaya-market-invented: 4 of 5 articles scored" in table.stdout


def test_no_texts_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["eval", "episode", str(FIXTURE / "facts.yaml"), "--texts", str(tmp_path / "nope")]
    )
    assert result.exit_code == 2
    assert "no texts folder" in result.output


@pytest.mark.parametrize(
    "facts_path", sorted(REPO.glob("eval/episodes/*/facts.yaml")), ids=lambda p: p.parent.name
)
def test_the_committed_episode_facts_load(facts_path: Path) -> None:
    facts = load_facts(facts_path)
    assert len(facts.articles) >= 1
    assert facts.tolls, "the conclusions give the reconciled toll"
