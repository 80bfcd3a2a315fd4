"""Every command of docs/quickstart.md runs, on the quickstart's own invented reports."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.store import connect

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "quickstart.md"


def _commands() -> list[list[str]]:
    commands = []
    for block in re.findall(r"```\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.S):
        for line in block.splitlines():
            line = line.split("  #", 1)[0].strip()
            if line.startswith(".venv/bin/tollwatch "):
                commands.append(shlex.split(line)[1:])
    return commands


def test_quickstart_commands_run(tmp_path: Path) -> None:
    commands = _commands()
    assert len(commands) >= 7
    runner = CliRunner()
    db = str(tmp_path / "cases.db")
    for args in commands:
        if args[-1] == "serve":
            continue  # a server does not return; tests/api covers what it serves
        args = [db if a == "cases.db" else a for a in args]
        args = [str(ROOT / a) if a.startswith("docs/") else a for a in args]
        args = [str(tmp_path / a) if a.endswith((".csv", ".geojson")) else a for a in args]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
    assert (tmp_path / "events.csv").read_text(encoding="utf-8").startswith("event_id_cnty,")
    claims = json.loads(runner.invoke(app, ["--db", db, "claims", "--json"]).stdout)
    assert {c["outcome"] for c in claims} >= {"killed", "injured"}
    connect(db).dispose()
