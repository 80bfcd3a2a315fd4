"""The bundled (invented) sample corpus: the claims each report must yield, through the real
ingest and extract commands on SQLite."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tollwatch.cli import app


@pytest.fixture(scope="module")
def sample_claims(tmp_path_factory: pytest.TempPathFactory, nlp: Any) -> list[dict[str, Any]]:
    db = f"sqlite:///{tmp_path_factory.mktemp('sample') / 'sample.db'}"
    runner = CliRunner()
    ingested = runner.invoke(app, ["--db", db, "ingest", "--sample", "--no-process", "-q"])
    assert ingested.exit_code == 0, ingested.output
    extracted = runner.invoke(app, ["--db", db, "extract", "--json"])
    assert extracted.exit_code == 0, extracted.output
    assert json.loads(extracted.stdout)["reports"] >= 15
    listed = runner.invoke(app, ["--db", db, "claims", "--json"])
    claims: list[dict[str, Any]] = json.loads(listed.stdout)
    return claims


def _find(claims: list[dict[str, Any]], **want: Any) -> list[dict[str, Any]]:
    return [c for c in claims if all(c[k] == v for k, v in want.items())]


@pytest.mark.parametrize(
    ("want", "checks"),
    [
        ({"outcome": "killed", "best": 30, "scope": "cumulative"}, {"category": "civilians"}),
        ({"outcome": "killed", "best": 52, "scope": "cumulative"}, {"category": "civilians"}),
        (
            {"outcome": "killed", "best": 57, "scope": "cumulative"},
            {"category": "civilians", "date": "2025-06-10", "date_end": "2025-06-14"},
        ),
        ({"outcome": "killed", "best": 12, "category": "state_forces"}, {"scope": "cumulative"}),
        ({"outcome": "killed", "best": 20, "category": "non_state_armed"}, {"scope": "cumulative"}),
        ({"outcome": "injured", "low": 40}, {"scope": "cumulative", "qualifier": "at_least"}),
        ({"outcome": "killed", "low": 18}, {"qualifier": "at_least", "place": "Konduga", "date": "2025-06-10"}),
        ({"outcome": "killed", "best": 21}, {"children": 6, "women": 4, "date": "2025-06-10"}),
        ({"outcome": "killed", "best": 20, "qualifier": "about"}, {"date": "2025-06-10", "place": "Konduga"}),
        ({"outcome": "killed", "best": 14}, {"children": 5, "women": 3, "date": "2025-06-11", "place": "Bama"}),
        ({"outcome": "killed", "best": 7}, {"category": "state_forces", "date": "2025-06-12", "place": "Gwoza"}),
        ({"outcome": "killed", "best": 15}, {"category": "non_state_armed", "date": "2025-06-12"}),
        ({"outcome": "killed", "best": 6}, {"category": "civilians", "place": "Mubi", "date": "2025-06-13"}),
        ({"outcome": "detained", "best": 30}, {"qualifier": "at_most", "place": "Mubi"}),
        ({"outcome": "detained", "qualifier": "vague"}, {"best": 3}),
        ({"outcome": "displaced", "low": 2000}, {"qualifier": "at_least"}),
        ({"outcome": "missing", "qualifier": "vague"}, {}),
    ],
)  # fmt: skip
def test_sample_claims(
    sample_claims: list[dict[str, Any]], want: dict[str, Any], checks: dict[str, Any]
) -> None:
    found = _find(sample_claims, **want)
    assert len(found) == 1, f"{want}: {found}"
    for key, value in checks.items():
        assert found[0][key] == value, (key, found[0])


def test_sample_distractors_and_no_casualty_reports(sample_claims: list[dict[str, Any]]) -> None:
    figures = {c["best"] for c in sample_claims}
    for distractor in (42, 16, 2009, 5_000_000):
        assert distractor not in figures
    assert not _find(sample_claims, best=89)  # "89 people in all" is the sum of its breakdown
    assert len(sample_claims) == 19


def test_sample_dates_never_after_publication(sample_claims: list[dict[str, Any]]) -> None:
    for c in sample_claims:
        for key in ("date", "date_end"):
            if c[key]:
                assert date.fromisoformat(c[key]) <= date(2025, 6, 15)


def test_sample_named_witness_not_an_attribution(sample_claims: list[dict[str, Any]]) -> None:
    sample = Path(__file__).resolve().parents[2] / "src/tollwatch/data/sample"
    text = (sample / "02-lake-chad-courier-konduga-2025-06-10.txt").read_text(encoding="utf-8")
    witness = "Yagana Kolomi"  # invented; names of people are sensitive
    assert witness in text
    assert all(witness not in (c["attributed_to"] or "") for c in sample_claims)
    assert all(witness not in (c["perpetrator"] or "") for c in sample_claims)
