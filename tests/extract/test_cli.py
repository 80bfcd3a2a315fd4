"""`tollwatch extract` and `tollwatch claims` through the real CLI on SQLite."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tollwatch.cli import app

KEYS = {
    "id", "report_id", "outcome", "low", "best", "high", "qualifier", "category", "children",
    "women", "men", "perpetrator", "place", "date", "date_end", "date_precision",
    "attributed_to", "scope", "start", "end", "quote", "place_id", "place_name", "lat", "lon",
    "admin1", "country", "precision",
}  # fmt: skip


def test_cli_extract_then_claims_json(tmp_path: Path, nlp: Any) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    note = tmp_path / "note.txt"
    note.write_text(
        "date: 2025-06-14\n\nPolice said on Friday that six civilians were killed in Mubi.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    ingested = runner.invoke(app, ["--db", db, "ingest", str(note), "--no-process", "-q"])
    assert ingested.exit_code == 0, ingested.output
    first = runner.invoke(app, ["--db", db, "extract", "--json"])
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["reports"] == 1
    second = runner.invoke(app, ["--db", db, "extract", "--json"])
    assert json.loads(second.stdout)["reports"] == 0
    listed = runner.invoke(app, ["--db", db, "claims", "--json"])
    assert listed.exit_code == 0, listed.output
    claims = json.loads(listed.stdout)
    assert len(claims) == 1
    c = claims[0]
    assert set(c) >= KEYS
    assert (c["outcome"], c["best"], c["category"], c["place"]) == (
        "killed",
        6,
        "civilians",
        "Mubi",
    )
    # "said on Friday that ...": Friday dates the statement, so it bounds the event from above
    assert c["date"] is None and c["date_end"] == "2025-06-13" and c["place_id"] is None
    assert c["quote"] in note.read_text(encoding="utf-8")
    table = runner.invoke(app, ["--db", db, "claims", "--report", c["report_id"]])
    assert table.exit_code == 0 and "killed" in table.stdout


def test_cli_claims_unknown_report_fails_with_one_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert CliRunner().invoke(app, ["--db", db, "db", "upgrade"]).exit_code == 0
    result = CliRunner().invoke(app, ["--db", db, "claims", "--report", "nope"])
    assert result.exit_code == 1
    assert "nope" in result.output
