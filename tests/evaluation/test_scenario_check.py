"""`eval scenarios`: the pure comparison with expected.json, and the command end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.evaluation.extraction import EvalError
from tollwatch.evaluation.scenarios import Observation, check, find_scenarios

SHARED_SCENARIOS = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "scenarios"


def _tolls(killed_total: tuple[int, int, int], **cats: tuple[int, int, int]) -> dict[str, Any]:
    row = {"total": dict(zip(("low", "best", "high"), killed_total, strict=True))}
    row |= {c: dict(zip(("low", "best", "high"), v, strict=True)) for c, v in cats.items()}
    return {"killed": row, "injured": {"total": {"low": 0, "best": 0, "high": 0}}}


def _claim(**fields: Any) -> dict[str, Any]:
    return {"outcome": "killed", "best": 1, "date": None, "category": "unknown"} | fields


def test_a_matching_observation_has_no_failures() -> None:
    expected = {
        "killed": {"total": {"best": [30, 40], "min": 30, "max": 41}},
        "events": {"count": 1},
        "forbid_totals": [70],
        "claims": [{"outcome": "killed", "best": 34, "date": "2024-06-09"}],
    }
    found = Observation(
        claims=(_claim(best=34, date="2024-06-09T00:00:00"),),
        tolls=_tolls((30, 34, 41)),
        events=1,
    )
    assert check(expected, found) == []


def test_each_wrong_figure_is_a_reconciliation_failure() -> None:
    expected = {
        "killed": {
            "total": {"best": 34, "min": 34, "max": 34},
            "civilians": {"low_range": [10, 20], "high_range": [30, 40]},
        },
        "events": {"count": 1},
        "forbid_totals": [76],
    }
    found = Observation(tolls=_tolls((76, 76, 76), civilians=(5, 7, 45)), events=3)
    failures = check(expected, found)
    assert {f.stage for f in failures} == {"reconciliation"}
    assert {f.field: f.got for f in failures} == {
        "killed.total.best": 76,
        "killed.total.min": 76,
        "killed.total.max": 76,
        "killed.civilians.low_range": 5,
        "killed.civilians.high_range": 45,
        "events.count": 3,
        "forbid_totals (killed.total.best)": 76,
        "forbid_totals (killed.total.high)": 76,
    }


def test_an_unmatched_claim_is_extraction_and_carries_the_toll_failures_with_it() -> None:
    expected = {
        "killed": {"total": {"best": 4}},
        "claims": [{"outcome": "killed", "best": 4, "category": "state_forces"}],
    }
    found = Observation(claims=(_claim(best=4),), tolls=_tolls((9, 9, 9)))
    failures = check(expected, found)
    assert [(f.stage, f.field) for f in failures] == [
        ("extraction", "claims[0]"),
        ("extraction", "killed.total.best"),
    ]
    assert failures[0].got == [{"outcome": "killed", "best": 4, "category": "unknown", "quote": ""}]


def test_a_claim_found_but_for_its_place_is_a_geocoding_failure() -> None:
    expected = {
        "killed": {"total": {"best": 9}},
        "claims": [{"outcome": "killed", "best": 9, "country": "SD"}],
    }
    found = Observation(claims=(_claim(best=9, country="SK"),), tolls=_tolls((9, 9, 9)))
    assert [(f.stage, f.field) for f in check(expected, found)] == [("geocoding", "claims[0]")]
    found = Observation(claims=(_claim(best=8, country="SK"),), tolls=_tolls((8, 8, 8)))
    assert [f.stage for f in check(expected, found)] == ["extraction", "extraction"]


def test_a_rejected_report_fails_at_ingest_unless_allowed() -> None:
    found = Observation(rejected=("b.csv:2: no text",), tolls=_tolls((0, 0, 0)))
    assert [f.stage for f in check({}, found)] == ["ingest"]
    assert check({"ingest_may_fail": True}, found) == []


def test_a_category_the_tolls_lack_fails_instead_of_crashing() -> None:
    failures = check({"missing": {"total": {"best": 2}}}, Observation(tolls=_tolls((0, 0, 0))))
    assert [(f.field, f.got) for f in failures] == [("missing.total.best", None)]


def _write_scenario(folder: Path, expected: dict[str, Any]) -> Path:
    folder.mkdir(parents=True)
    (folder / "a.txt").write_text(
        "date: 2024-03-05\nsource: Invented Valley Radio\n\n"
        "Gunmen on motorbikes killed six villagers in Bankass, in central Mali, on Monday, "
        "a local official told the radio.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        "date: 2024-03-06\nsource: Invented Sahel Wire\n\n"
        "The toll from Monday's attack on villagers in Bankass has risen to nine, the mayor "
        "said on Tuesday.\n",
        encoding="utf-8",
    )
    (folder / "expected.json").write_text(json.dumps(expected), encoding="utf-8")
    return folder


def test_the_command_prints_only_the_json_document(tmp_path: Path) -> None:
    _write_scenario(
        tmp_path / "cases" / "t-bankass",
        {"why": "a running toll", "claims": [{"outcome": "killed", "best": 6}]},
    )
    _write_scenario(tmp_path / "cases" / "t-impossible", {"killed": {"total": {"best": 123456}}})
    result = CliRunner().invoke(app, ["eval", "scenarios", str(tmp_path / "cases"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == {"passed", "failed", "cases"}
    assert (report["passed"], report["failed"]) == (1, 1)
    bad = report["cases"][1]
    assert bad["name"] == "t-impossible" and bad["passed"] is False
    assert bad["failures"][0]["stage"] == "reconciliation"
    assert bad["failures"][0]["field"] == "killed.total.best"
    assert set(bad["failures"][0]) == {"stage", "field", "expected", "got"}

    strict = CliRunner().invoke(app, ["eval", "scenarios", str(tmp_path / "cases"), "--strict"])
    assert strict.exit_code == 1
    assert "t-impossible" in strict.stdout and "1 of 2 scenarios pass" in strict.stdout


def test_a_folder_without_scenarios_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "scenarios", str(tmp_path)])
    assert result.exit_code == 2
    assert "no scenarios" in result.output


def test_a_broken_expected_json_names_the_file(tmp_path: Path) -> None:
    folder = _write_scenario(tmp_path / "x", {})
    (folder / "expected.json").write_text("{nope", encoding="utf-8")
    with pytest.raises(EvalError, match=r"expected\.json"):
        find_scenarios(tmp_path)


@pytest.mark.eval
def test_the_shared_scenarios_run_and_report_every_case() -> None:
    if not SHARED_SCENARIOS.is_dir():
        pytest.skip(f"{SHARED_SCENARIOS} is absent (../shared exists only for the team and CI)")
    result = CliRunner().invoke(app, ["eval", "scenarios", str(SHARED_SCENARIOS), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    names = sorted(p.name for p in SHARED_SCENARIOS.iterdir() if (p / "expected.json").is_file())
    assert [c["name"] for c in report["cases"]] == names
    assert report["passed"] + report["failed"] == len(names)
    for case in report["cases"]:
        assert case["passed"] is (not case["failures"])
        for failure in case["failures"]:
            assert failure["stage"] in {"ingest", "extraction", "geocoding", "reconciliation"}
