"""The CLI reference page (docs/cli.md), generated from the Typer app's own help.

``python -m tollwatch.cli.reference > docs/cli.md`` rewrites it; a test fails when the page
and the commands disagree, so the reference is always what ``--help`` prints today.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import typer

__all__ = ["render_reference"]

_HEAD = """# CLI reference

Generated from `tollwatch --help` by `python -m tollwatch.cli.reference > docs/cli.md`;
`tests/cli/test_reference.py` fails when this page and the commands disagree.
Every command takes the global `--db URL` (or `TOLLWATCH_DATABASE_URL`; a plain file path
is a SQLite file). Commands that report take `--json` for scripts.
"""


def _walk(command: Any, path: list[str]) -> Iterator[list[str]]:
    """Every command path, depth first (Typer ships its own click, so duck-type groups)."""
    yield path
    if hasattr(command, "list_commands"):
        ctx = command.context_class(command)
        for name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, name)
            if sub is not None and not getattr(sub, "hidden", False):
                yield from _walk(sub, [*path, name])


def _help(path: list[str]) -> str:
    """What ``tollwatch ... --help`` prints, at a fixed width and without colour."""
    from typer.testing import CliRunner

    from tollwatch.cli import app

    env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "TOLLWATCH_DATABASE_URL": ""}
    result = CliRunner().invoke(app, [*path[1:], "--help"], env=env)
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    return "\n".join(lines).strip("\n")


def render_reference() -> str:
    """The whole reference page as Markdown."""
    from tollwatch.cli import app

    root = typer.main.get_command(app)
    parts = [_HEAD]
    for path in _walk(root, ["tollwatch"]):
        title = " ".join(path)
        parts.append(f"\n## `{title}`\n\n```text\n{_help(path)}\n```\n")
    return "".join(parts)


if __name__ == "__main__":
    sys.stdout.write(render_reference())
