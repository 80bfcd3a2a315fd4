"""The ingest docs are true: their examples run as written, and every setting, error code,
model and table is documented."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

import tollwatch.errors as errors_module
from tollwatch import models
from tollwatch.cli import app
from tollwatch.config import Settings
from tollwatch.store import connect
from tollwatch.store.tables import metadata

DOCS = Path(__file__).resolve().parents[2] / "docs"
CONSOLE = re.compile(r"```console\n(.*?)```\n(?:\nprints `([^`]*)`)?", re.DOTALL)
EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")


def _examples(page: Path) -> list[tuple[str, int, str | None]]:
    """(command, expected exit code, expected output of the block's last command)."""
    found: list[tuple[str, int, str | None]] = []
    for match in CONSOLE.finditer(page.read_text()):
        lines = [ln[2:] for ln in match.group(1).splitlines() if ln.startswith("$ ")]
        for i, line in enumerate(lines):
            code = EXIT.search(line)
            command = EXIT.sub("", line) if code else line
            expect = match.group(2) if i == len(lines) - 1 else None
            found.append((command, int(code.group(1)) if code else 0, expect))
    return found


def test_docs_ingest_examples_run_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shell lines run in bash; `tollwatch` runs in-process (with --no-process, since this
    checks ingest, not extraction). Exit codes and quoted outputs must match."""
    monkeypatch.chdir(tmp_path)
    env: dict[str, str] = {}
    runner = CliRunner()
    examples = _examples(DOCS / "ingest.md")
    assert len(examples) >= 10
    for command, expected_code, expected_output in examples:
        if command.startswith("export "):
            key, _, value = command[len("export ") :].partition("=")
            env[key] = value
            monkeypatch.setenv(key, value)
            continue
        feed, _, tw = command.rpartition("| ")
        if not tw.startswith("tollwatch "):
            done = subprocess.run(["bash", "-c", command], cwd=tmp_path, check=False)
            assert done.returncode == expected_code, command
            continue
        stdin = None
        if feed:
            stdin = subprocess.run(
                ["bash", "-c", feed], cwd=tmp_path, capture_output=True, check=True
            ).stdout
        args = shlex.split(tw)[1:]
        if args[0] == "ingest":
            args.insert(1, "--no-process")
        result = runner.invoke(app, args, input=stdin, env=env)
        output = result.stdout + result.stderr
        assert result.exit_code == expected_code, f"{command}\n{output}"
        if expected_output is not None:
            assert expected_output in " ".join(output.split()), f"{command}\n{output}"
    connect(env["TOLLWATCH_DATABASE_URL"]).dispose()


def test_docs_every_setting_is_documented() -> None:
    page = (DOCS / "settings.md").read_text()
    for name in Settings.model_fields:
        assert f"`TOLLWATCH_{name.upper()}`" in page, f"setting {name} missing in docs/settings.md"


def test_docs_every_error_code_is_documented() -> None:
    page = (DOCS / "errors.md").read_text()
    for name in errors_module.__all__:
        cls = getattr(errors_module, name)
        assert f"`{cls.code}`" in page and name in page, (
            f"{name} ({cls.code}) not in docs/errors.md"
        )


def test_docs_every_model_and_table_is_documented() -> None:
    page = (DOCS / "data-model.md").read_text()
    for name in models.__all__:
        if isinstance(getattr(models, name), type):
            assert f"`{name}`" in page, f"model {name} missing in docs/data-model.md"
    for table in metadata.tables:
        assert f"`{table}`" in page, f"table {table} missing in docs/data-model.md"
