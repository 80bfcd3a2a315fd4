"""The CLI mistakes a new user makes first: one line on stderr, a non-zero exit, no traceback,
and nothing created or recorded by a read-only command or a typo."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.store import connect

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    # a traceback would surface as an exception other than the exit itself
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stderr


def test_a_plain_file_path_for_db_is_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    report = tmp_path / "note.txt"
    report.write_text("date: 2025-02-03\n\nTwo farmers were killed near Djibo on Sunday.\n")
    code, err = _run("--db", str(path), "ingest", str(report), "--no-process")
    assert code == 0, err
    assert path.exists()
    code, err = _run("--db", str(path), "reports")
    assert code == 0, err
    connect(str(path)).dispose()


@pytest.mark.parametrize("bad", ["sqlite:/nope.db", "postgresql:host", "nosuch+driver://x/y"])
def test_an_unreadable_db_url_is_one_line(bad: str) -> None:
    code, err = _run("--db", bad, "reports")
    assert code != 0
    assert "TW056" in err or "TW050" in err
    assert "Traceback" not in err


def test_a_read_only_command_does_not_create_a_database(tmp_path: Path) -> None:
    where = tmp_path / "no" / "such" / "dir" / "x.db"
    for command in (["reports"], ["tolls"], ["claims"], ["failures"]):
        code, err = _run("--db", f"sqlite:///{where}", *command)
        assert code == 1, (command, err)
        assert "TW055" in err and "no database at" in err
    assert not (tmp_path / "no").exists()


def test_user_text_is_never_read_as_markup(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert _run("--db", db, "db", "upgrade")[0] == 0
    code, err = _run("--db", db, "show", "[/bold]x")
    assert code == 1
    assert "[/bold]x" in err  # printed as typed, not parsed as a closing tag
    connect(db).dispose()


def test_a_bracketed_file_name_is_printed_whole(tmp_path: Path) -> None:
    bad = tmp_path / "[draft] notes.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage\x00")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    code, err = _run("--db", db, "ingest", str(bad), "--no-process")
    assert code == 1
    assert "[draft] notes.txt" in err
    connect(db).dispose()


def test_a_missing_input_is_a_usage_error_not_a_failure_to_retry(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    code, err = _run("--db", db, "ingest", str(tmp_path / "typo.txt"))
    assert code == 2
    assert "no such file or folder" in err and "typo.txt" in err
    assert not (tmp_path / "x.db").exists()  # nothing was stored, so nothing to retry


def test_serve_on_a_busy_port_says_so_before_claiming_to_serve(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["--db", db, "serve", "--port", str(port)])
    assert result.exit_code == 2
    assert "cannot listen on" in result.stderr
    assert "serving on" not in result.stdout
    connect(db).dispose()


def test_tolls_country_takes_a_name_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'x.db'}"
    assert _run("--db", db, "db", "upgrade")[0] == 0
    assert _run("--db", db, "tolls", "--country", "Syria", "--json")[0] == 0
    code, err = _run("--db", db, "tolls", "--country", "Narnia")
    assert code == 2 and "unknown country 'Narnia'" in err
    connect(db).dispose()
