"""The CLI commands over real databases: exit codes, one line per problem, JSON output."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.store import connect
from tollwatch.store.tables import claims, reports

runner = CliRunner()


@pytest.fixture
def cli_db(db_url: str) -> Iterator[str]:
    """A database URL for the CLI; the engine the CLI keeps for it (store.connect) is closed
    afterwards, before the database itself goes away."""
    yield db_url
    connect(db_url).dispose()


def _run(cli_db: str, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--db", cli_db, *args], input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def _folder(tmp_path: Path, good: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(good):
        (folder / f"r{i:02d}.md").write_text(
            f"date: 2025-06-{i + 1:02d}\nsource: Invented Desk\n\nInvented item number {i}."
        )
    return folder


def test_cli_ingest_ten_good_one_corrupt_exits_non_zero(cli_db: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path, 10)
    (folder / "corrupt.txt").write_bytes(b"\xff\xfe\xfd" + b"\x00" * 64)
    code, out, err = _run(cli_db, "ingest", str(folder), "--no-process")
    assert code == 1
    problems = [line for line in err.splitlines() if line.startswith("rejected")]
    assert len(problems) == 1
    assert "corrupt.txt" in problems[0] and "TW012" in problems[0]
    assert "10 new reports stored" in out and "1 rejected" in out
    code, out, _ = _run(cli_db, "reports", "--json", "--limit", "100")
    assert code == 0 and len(json.loads(out)) == 10


def test_cli_ingest_again_says_nothing_new(cli_db: str, tmp_path: Path) -> None:
    folder = _folder(tmp_path, 3)
    assert _run(cli_db, "ingest", str(folder), "--no-process")[0] == 0
    code, out, _ = _run(cli_db, "ingest", str(folder), "--no-process")
    assert code == 0
    assert "0 new reports stored" in out and "3 already stored" in out
    code, out, _ = _run(cli_db, "ingest", str(folder), "--no-process", "--force", "--json")
    assert code == 0 and json.loads(out)["updated"] == 3


def test_cli_ingest_json_and_retry(cli_db: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.csv"
    feed.write_text("body,outlet\nInvented row one.,Desk A\n")
    code, out, _ = _run(cli_db, "ingest", str(feed), "--no-process", "--json")
    value = json.loads(out)
    assert code == 1 and value["stored"] == 0 and value["rejected"] == 1
    assert value["failures"][0]["code"] == "TW013" and value["failures"][0]["origin"] == str(feed)
    code, out, _ = _run(
        cli_db,
        "ingest",
        "--retry-failed",
        "--field",
        "text=body",
        "--field",
        "source=outlet",
        "--no-process",
        "--json",
    )
    value = json.loads(out)
    assert code == 0 and value["stored"] == 1 and value["resolved"] == 1
    code, out, _ = _run(cli_db, "reports", "--source", "Desk A", "--json")
    assert [r["source"] for r in json.loads(out)] == ["Desk A"]


def test_cli_ingest_stdin_with_format(cli_db: str) -> None:
    raw = b'{"text": "Invented stdin row.", "date": "2025-06-03"}\n'
    code, out, _ = _run(
        cli_db, "ingest", "-", "--format", "jsonl", "--no-process", "--json", stdin=raw
    )
    ids = json.loads(out)["report_ids"]
    assert code == 0 and len(ids) == 1
    code, out, _ = _run(cli_db, "show", ids[0], "--json")
    shown = json.loads(out)
    assert shown["text"] == "Invented stdin row." and shown["published"] == "2025-06-03"
    assert re.fullmatch(r"stdin:[0-9a-f]{12}:1", shown["origin"])  # named by its content


def test_cli_ingest_sample_then_reports_and_show(cli_db: str) -> None:
    code, out, _ = _run(cli_db, "ingest", "--sample", "--no-process")
    assert code == 0 and "15 new reports stored" in out
    code, out, _ = _run(cli_db, "reports", "--json", "--from", "2025-06-12", "--to", "2025-06-12")
    rows = json.loads(out)
    assert code == 0 and {r["published"] for r in rows} == {"2025-06-12"} and len(rows) == 4
    code, out, _ = _run(cli_db, "show", rows[0]["id"])
    assert code == 0 and rows[0]["id"] in out and "Invented sample report" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest"], "nothing to ingest"),
        (["ingest", "x.txt", "--format", "pdf"], "--format 'pdf'"),
        (["ingest", "x.txt", "--field", "colour=x"], "unknown key"),
        (["ingest", "x.txt", "--date", "someday"], "someday"),
        (["show", "rnope"], "TW051"),
        (["reports", "--from", "06/07/2025"], "ambiguous"),
    ],
)
def test_cli_refuses_bad_arguments_with_one_line(
    cli_db: str, args: list[str], message: str
) -> None:
    connect(cli_db)  # an existing database: read-only commands refuse a missing one (TW055)
    code, out, err = _run(cli_db, *args)
    assert code != 0
    assert message in out + err


def test_cli_missing_file_is_a_usage_error_and_not_kept(cli_db: str, tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    code, _, err = _run(cli_db, "ingest", str(missing), "--no-process")
    assert code == 2 and "gone.txt" in err and "TW011" in err
    connect(cli_db)  # the database exists now, but nothing waits for a retry
    code, out, _ = _run(cli_db, "failures", "--json")
    assert code == 0 and json.loads(out) == []


def test_cli_every_command_has_help_with_examples() -> None:
    for command in ("ingest", "reports", "show", "failures"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.stdout, command


def test_cli_shared_example_once_then_nothing_new(cli_db: str, example_path: Path) -> None:
    code, out, _ = _run(cli_db, "ingest", str(example_path), "--no-process", "--json")
    value = json.loads(out)
    assert code == 0 and value["stored"] == 1
    code, out, _ = _run(cli_db, "show", value["report_ids"][0], "--json")
    shown = json.loads(out)
    assert shown["published"] == "2025-03-09" and not shown["date_missing"]
    assert not shown["text"].lower().startswith(("date", " date"))
    code, out, _ = _run(cli_db, "ingest", str(example_path), "--no-process")
    assert code == 0 and "0 new reports stored; 1 already stored" in out


def test_cli_failures_lists_waiting_then_resolved(cli_db: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Invented good row."}\n{"text": oops}\n')
    assert _run(cli_db, "ingest", str(feed), "--no-process")[0] == 1
    code, out, _ = _run(cli_db, "failures")
    assert code == 0 and f"{feed} line 2: TW013: invalid JSON" in out
    feed.write_text('{"text": "Invented good row."}\n{"text": "Invented fixed row."}\n')
    assert _run(cli_db, "ingest", str(feed), "--no-process")[0] == 0
    assert "no failures waiting" in _run(cli_db, "failures")[1]
    code, out, _ = _run(cli_db, "failures", "--all", "--json")
    (row,) = json.loads(out)
    assert row["resolved_at"] is not None and row["line"] == 2 and row["raw_bytes"] == 14


def test_cli_ingest_hands_reports_to_the_pipeline(tmp_path: Path) -> None:
    """Without --no-process, stored reports are extracted (SQLite only: one spaCy load)."""
    url = f"sqlite:///{tmp_path / 'p.db'}"
    note = tmp_path / "note.txt"
    note.write_text(
        "date: 2025-06-13\nsource: Invented Desk\n\n"
        "Seven soldiers were killed on Thursday when insurgents ambushed a patrol near Gwoza."
    )
    try:
        code, out, err = _run(url, "ingest", str(note))
        assert code == 0, err
        assert "processed: extract -> geocode -> reconcile" in out
        engine = connect(url)
        with engine.connect() as conn:
            version = conn.execute(select(reports.c.extractor_version)).scalar_one()
            found = conn.execute(select(claims.c.outcome, claims.c.best)).all()
        assert version is not None
        assert ("killed", 7) in [tuple(row) for row in found]
        code, _, _ = _run(url, "ingest", str(note))  # again: nothing new, nothing doubled
        with engine.connect() as conn:
            assert len(conn.execute(select(claims.c.id)).all()) == len(found)
    finally:
        connect(url).dispose()
