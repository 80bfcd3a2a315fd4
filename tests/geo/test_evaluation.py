"""`tollwatch eval geocoding` on a few real records (skipped without ../shared/eval)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.geo import Gazetteer
from tollwatch.geo.evaluation import Tally, evaluate_file

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"

pytestmark = pytest.mark.eval


def _head(name: str, n: int, tmp_path: Path) -> Path:
    src = EVAL / name
    if not src.exists():
        pytest.skip(f"{src} is absent (../shared exists only for the team and CI)")
    out = tmp_path / name
    with src.open(encoding="utf-8") as fh:
        out.write_text("".join(next(fh) for _ in range(n)), encoding="utf-8")
    return out


def test_evaluation_tally_counts_unresolved_as_misses() -> None:
    t = Tally()
    t.add(35.53, 35.79, 35.52, 35.78)  # ~1 km
    t.add(None, None, 0.0, 0.0)
    t.add(33.5, 36.3, 35.5, 35.8)  # ~225 km
    s = t.summary()
    assert s["n"] == 3 and s["acc_at_161km"] == pytest.approx(1 / 3, abs=1e-3)
    assert s["resolution_rate"] == pytest.approx(2 / 3, abs=1e-3)


def test_evaluation_trnews_records_beat_nothing(tmp_path: Path, builtin: Gazetteer) -> None:
    path = _head("geoparse_trnews_dev.jsonl", 8, tmp_path)
    result = evaluate_file(path, builtin)
    given = result["given_gold_toponyms"]
    assert given["n"] > 20
    assert given["acc_at_161km"] >= result["baseline"]["acc_at_161km"] - 0.1
    assert 0.4 <= given["acc_at_161km"] <= 1.0
    assert 0 < result["end_to_end"]["recognition_recall"] <= 1


def test_evaluation_cli_json_has_acc_key(tmp_path: Path, builtin: Gazetteer) -> None:
    paths = [
        _head("ucdp_ged_locations_dev.jsonl", 20, tmp_path),
        _head("geoparse_lgl_dev.jsonl", 5, tmp_path),
    ]
    result = CliRunner().invoke(
        app, ["eval", "geocoding", *map(str, paths), "--gazetteer", str(builtin.path), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert 0.0 <= data["acc_at_161km"] <= 1.0
    assert set(data["by_file"]) == {p.name for p in paths}
    assert "by_where_prec" in data["by_file"]["ucdp_ged_locations_dev.jsonl"]
