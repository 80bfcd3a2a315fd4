"""`tollwatch eval extraction` on a small dev slice of ../shared/eval (skipped when absent)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tollwatch.cli import app

EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
ACLED_DEV = EVAL / "acled_extraction_dev.jsonl"
MSA_DEV = EVAL / "victim-counts" / "msa_dev.jsonl"


@pytest.mark.eval
def test_eval_extraction_dev_slice(nlp: Any) -> None:
    if not ACLED_DEV.exists():
        pytest.skip(f"{ACLED_DEV} is absent (../shared exists only for the team and CI)")
    result = CliRunner().invoke(
        app,
        [
            "eval",
            "extraction",
            str(ACLED_DEV),
            "--split-flag",
            "recoverable",
            "--limit",
            "300",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["n"] == 300
    assert metrics["subsets"]["recoverable"]["exact_match"] >= 0.8
    assert metrics["no_deaths"]["accuracy"] >= 0.9


@pytest.mark.eval
def test_eval_extraction_msa_has_injured(nlp: Any) -> None:
    if not MSA_DEV.exists():
        pytest.skip(f"{MSA_DEV} is absent (../shared exists only for the team and CI)")
    result = CliRunner().invoke(app, ["eval", "extraction", str(MSA_DEV), "--json"])
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["n"] == 36 and metrics["injured"]["n"] == 36


def test_eval_extraction_bad_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"nope": 1}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "extraction", str(bad)])
    assert result.exit_code == 2
    assert "bad.jsonl:1" in result.output.replace("\n", "")  # long tmp paths wrap
