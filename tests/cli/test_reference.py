"""docs/cli.md is what the commands print today, and every command that reports has --json."""

from __future__ import annotations

from pathlib import Path

import pytest

from tollwatch.cli.reference import render_reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"

# commands whose output is a report a script may want to read (not actions or file writers)
REPORTING = [
    "audit log",
    "audit verify",
    "claims",
    "db upgrade",
    "eval coding",
    "eval episode",
    "eval extraction",
    "eval geocoding",
    "eval scenarios",
    "events",
    "extract",
    "failures",
    "gazetteer info",
    "geocode",
    "ingest",
    "places",
    "reconcile",
    "reports",
    "run",
    "scale reconcile",
    "show",
    "tolls",
    "user list",
]


@pytest.fixture(scope="module")
def reference() -> str:
    return render_reference()


def test_reference_page_is_current(reference: str) -> None:
    assert DOC.read_text(encoding="utf-8") == reference, (
        "docs/cli.md is stale: run `python -m tollwatch.cli.reference > docs/cli.md`"
    )


@pytest.mark.parametrize("command", REPORTING)
def test_reporting_commands_take_json(reference: str, command: str) -> None:
    section = reference.split(f"\n## `tollwatch {command}`\n", 1)[1].split("\n## ", 1)[0]
    assert "--json" in section, f"tollwatch {command} has no --json"
