"""docs/scale.md documents every option of `tollwatch scale extract`."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from tollwatch.cli import app

PAGE = Path(__file__).resolve().parents[2] / "docs" / "scale.md"


def _options() -> list[str]:
    root = typer.main.get_command(app)
    extract = root.commands["scale"].commands["extract"]  # type: ignore[attr-defined]
    return sorted(o for p in extract.params for o in p.opts if o.startswith("--") and o != "--help")


@pytest.mark.parametrize("option", _options())
def test_docs_scale_lists_every_option(option: str) -> None:
    assert f"`{option}" in PAGE.read_text(encoding="utf-8"), f"{option} missing in docs/scale.md"


def test_docs_scale_options_are_found() -> None:
    assert {"--scheduler", "--partition-size", "--send-sensitive"} <= set(_options())
