"""`tollwatch tolls`, `events`, `reconcile`, `synth` through the Typer app."""

from __future__ import annotations

import json
from pathlib import Path

from reconcile_kit import sample_corpus, store
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.reconcile.service import reconcile_all
from tollwatch.reconcile.synth import iter_jsonl
from tollwatch.store import open_engine


def _db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = open_engine(url)
    store(engine, *sample_corpus())
    reconcile_all(engine)
    engine.dispose()
    return url


def test_cli_tolls_json_shape(tmp_path: Path) -> None:
    url = _db(tmp_path)
    result = CliRunner().invoke(app, ["--db", url, "tolls", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["tolls"]["killed"]["total"] == {"low": 95, "best": 95, "high": 95}
    assert set(out["tolls"]["killed"]) == {
        "civilians", "state_forces", "non_state_armed", "unknown", "total",
    }  # fmt: skip
    for ev in out["events"]:
        assert {
            "id",
            "place",
            "lat",
            "lon",
            "date",
            "outcome",
            "category",
            "low",
            "best",
            "high",
            "claims",
        } <= set(ev)


def test_cli_tolls_filters_by_and_explain(tmp_path: Path) -> None:
    url = _db(tmp_path)
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "--db",
            url,
            "tolls",
            "--region",
            "Borno",
            "--from",
            "2025-06-12",
            "--to",
            "2025-06-14",
            "--json",
        ],
    )
    assert json.loads(result.stdout)["tolls"]["killed"]["civilians"]["best"] == 57 - 30
    result = runner.invoke(app, ["--db", url, "tolls", "--by", "day"])
    assert result.exit_code == 0 and "2025-06-10" in result.stdout
    result = runner.invoke(app, ["--db", url, "tolls", "--explain", "--show-names"])
    assert result.exit_code == 0 and "superseded" in result.stdout and "Mubi" in result.stdout


def test_cli_tolls_bad_date_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["--db", _db(tmp_path), "tolls", "--from", "yesterday"])
    assert result.exit_code != 0
    assert "--from" in result.output and "YYYY-MM-DD" in result.output


def test_cli_events_and_reconcile(tmp_path: Path) -> None:
    url = _db(tmp_path)
    runner = CliRunner()
    result = runner.invoke(app, ["--db", url, "events", "--json"])
    assert len(json.loads(result.stdout)["events"]) == 10
    result = runner.invoke(app, ["--db", url, "reconcile"])
    assert result.exit_code == 0 and "unchanged" in result.stdout


def test_cli_synth_writes_claims_that_read_back(tmp_path: Path) -> None:
    out = tmp_path / "claims.jsonl"
    result = CliRunner().invoke(app, ["synth", "--claims", "300", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(iter_jsonl(out))
    assert len(rows) >= 300
    kinds = {c.scope.value for c, _ in rows}
    assert kinds == {"incident", "cumulative"}
    # several outlets tell the same incident: more claims than distinct place-days
    incidents = {(c.place.place_id, c.date.start) for c, _ in rows if c.scope.value == "incident"}
    assert len(incidents) < sum(1 for c, _ in rows if c.scope.value == "incident")
