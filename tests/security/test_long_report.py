"""Issue 13, defect 5: a report longer than spaCy's max_length (1,000,000 characters) is read
piece by piece for names too, so its public page and the API answer (they gave 500), and a
name deep inside it is still withheld."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

from tollwatch.ingest.service import IngestOptions, ingest_paths
from tollwatch.pipeline import process_reports

from .conftest import TestClient

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_report_over_a_million_characters_has_a_public_page(
    engine: Engine, app_for: Callable[..., Any], tmp_path: Path
) -> None:
    filler = "The convoy passed the checkpoint without incident that morning. " * 16_000
    text = (
        filler
        + "\n\nWitness Baraka Mwangaza said gunmen killed 7 traders near the market.\n\n"
        + filler
    )
    assert len(text) > 1_000_000
    path = tmp_path / "long.txt"
    path.write_text(f"date: 2025-04-02\nsource: Invented Long Desk\n\n{text}", encoding="utf-8")
    result = ingest_paths(engine, [path], IngestOptions())
    (rid,) = result.stored
    process_reports(engine, [rid])
    with TestClient(app_for(public_read=True)) as public:
        page = public.get(f"/reports/{rid}")
        assert page.status_code == 200
        assert "Mwangaza" not in page.text
        api = public.get(f"/api/v1/reports/{rid}")
        assert api.status_code == 200, api.text
        assert "Mwangaza" not in api.text
