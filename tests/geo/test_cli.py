from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tollwatch.cli import app

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_gazetteer_import_and_info(runner: CliRunner, tmp_path: Path) -> None:
    gaz = tmp_path / "g.sqlite"
    files = [str(FIXTURES / n) for n in ("SY.txt", "admin1CodesASCII.txt")]
    # an empty start is not offered on the CLI: the built-in gazetteer is copied in first
    from tollwatch.geo import ensure_gazetteer

    gaz.write_bytes(ensure_gazetteer().read_bytes())
    result = runner.invoke(app, ["gazetteer", "import", *files, "--gazetteer", str(gaz)])
    assert result.exit_code == 0, result.output
    assert "SY.txt: geoname" in result.output
    info = runner.invoke(app, ["gazetteer", "info", "--gazetteer", str(gaz), "--json"])
    assert info.exit_code == 0
    assert json.loads(info.output)["meta"]["imported:SY.txt"].startswith("8 rows")


def test_cli_gazetteer_import_rejects_unknown_file(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "notes.csv"
    bad.write_text("a,b\n")
    result = runner.invoke(
        app, ["gazetteer", "import", str(bad), "--gazetteer", str(tmp_path / "g.sqlite")]
    )
    assert result.exit_code == 1
    assert "TW033" in result.output and "notes.csv" in result.output


def test_cli_geocode_and_places_on_empty_db(runner: CliRunner, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'tw.db'}"
    result = runner.invoke(app, ["--db", db, "geocode", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["reports"] == 0
    places = runner.invoke(app, ["--db", db, "places", "--json"])
    assert places.exit_code == 0 and json.loads(places.output) == []
