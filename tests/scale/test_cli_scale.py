"""`tollwatch scale extract` through the real CLI."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.scale.synthetic import generate_reports, store_reports
from tollwatch.store import open_engine


def _db(tmp_path: Path, n: int) -> str:
    url = f"sqlite:///{tmp_path / 'scale.db'}"
    engine = open_engine(url)
    store_reports(engine, generate_reports(n, seed=21))
    engine.dispose()
    return url


def test_cli_scale_extract_local_json_then_nothing_left(tmp_path: Path) -> None:
    db = _db(tmp_path, 12)
    runner = CliRunner()
    first = runner.invoke(app, ["--db", db, "scale", "extract", "--local", "--json",
                                "--partition-size", "5"])  # fmt: skip
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert (summary["stage"], summary["reports"], summary["partitions"]) == ("extract", 12, 3)
    assert summary["claims"] > 0 and summary["runner"].startswith("local")
    second = runner.invoke(app, ["--db", db, "scale", "extract", "--json"])
    assert second.exit_code == 0, second.output
    again = json.loads(second.stdout)
    assert (again["reports"], again["runner"]) == (0, "none (nothing pending)")  # no cluster


def test_cli_scale_extract_on_a_threaded_local_cluster(tmp_path: Path) -> None:
    db = _db(tmp_path, 6)
    result = CliRunner().invoke(
        app, ["--db", db, "scale", "extract", "--threads", "--workers", "2", "--limit", "4"]
    )
    assert result.exit_code == 0, result.output
    assert "extracted 4 report(s)" in result.stdout
    assert "dask LocalCluster" in result.stdout


def test_cli_scale_extract_unreachable_scheduler_fails_with_one_line(tmp_path: Path) -> None:
    db = _db(tmp_path, 2)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = CliRunner().invoke(
        app,
        [
            "--db",
            db,
            "scale",
            "extract",
            "--scheduler",
            f"tcp://127.0.0.1:{port}",
            "--timeout",
            "1",
        ],
    )
    assert result.exit_code == 1
    assert "TW100" in result.output and f"127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output


def test_cli_scale_geocode_local_json_then_nothing_left(tmp_path: Path) -> None:
    db = _db(tmp_path, 8)
    runner = CliRunner()
    extracted = runner.invoke(app, ["--db", db, "scale", "extract", "--local", "--json"])
    assert extracted.exit_code == 0, extracted.output
    claims = json.loads(extracted.stdout)["claims"]
    first = runner.invoke(app, ["--db", db, "scale", "geocode", "--local", "--json",
                                "--partition-size", "3"])  # fmt: skip
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert (summary["stage"], summary["reports"], summary["partitions"]) == ("geocode", 8, 3)
    assert summary["claims"] == claims > 0
    second = runner.invoke(app, ["--db", db, "scale", "geocode", "--json"])
    assert second.exit_code == 0, second.output
    assert json.loads(second.stdout)["runner"] == "none (nothing pending)"  # no cluster
