"""docs/exports.md and docs/api.md describe what the code does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tollwatch.export.acled import ACLED_COLUMNS, TOLLWATCH_COLUMNS
from tollwatch.export.records import CLAIM_COLUMNS
from tollwatch.export.ucdp import UCDP_COLUMNS, priogrid_gid

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_docs_exports_list_claim_columns_in_order() -> None:
    text = (DOCS / "exports.md").read_text()
    block = text.split("Columns, in order:")[1].split("(data-model.md")[0]
    listed = [c.strip(" `\n") for c in block.replace("\n", " ").split(",")]
    assert listed == list(CLAIM_COLUMNS)


@pytest.mark.parametrize("column", ACLED_COLUMNS + UCDP_COLUMNS + TOLLWATCH_COLUMNS)
def test_docs_exports_mention_every_event_column(column: str) -> None:
    text = (DOCS / "exports.md").read_text()
    # either named in a table/list, or covered by a documented family such as `conflict_*`
    families = re.findall(r"`(\w+)\*`", text)
    assert f"`{column}`" in text or any(column.startswith(f) for f in families), column


def test_docs_api_mentions_every_route() -> None:
    from tollwatch.api.routes import (
        claims,
        events,
        export,
        failures,
        health,
        ingest,
        places,
        reports,
        sources,
        tolls,
    )

    text = (DOCS / "api.md").read_text()
    for module in (
        claims,
        events,
        export,
        failures,
        health,
        ingest,
        places,
        reports,
        sources,
        tolls,
    ):
        for route in module.router.routes:
            path = getattr(route, "path", "")
            base = "/api/v1" + path.split("/{")[0]
            assert base in text, base


@pytest.mark.parametrize(
    ("lat", "lon", "gid"),
    [(-89.75, -179.75, 1), (-89.75, -179.25, 2), (-89.25, -179.75, 721), (89.9, 179.9, 259200)],
)
def test_ucdp_priogrid_cells(lat: float, lon: float, gid: int) -> None:
    assert priogrid_gid(lat, lon) == gid


@pytest.mark.parametrize(("lat", "lon"), [(None, 1.0), (91.0, 0.0), (0.0, 181.0)])
def test_ucdp_priogrid_unknown_without_a_valid_point(lat: float | None, lon: float) -> None:
    assert priogrid_gid(lat, lon) is None
