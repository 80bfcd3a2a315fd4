"""The shared real-news example through the real pipeline: the public API, pages and exports
never show the named resident; an analyst sees him. Skips when ../shared is absent."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from tollwatch.cli import app as cli
from tollwatch.extract.service import extract_reports
from tollwatch.ingest.service import ingest_paths
from tollwatch.reconcile.service import reconcile_all
from tollwatch.store.tables import claims, reports

from .conftest import TestClient, make_user

#: The resident who speaks on the record in the example (a fact of the file, read from it).
RESIDENT = ("Ali Sheha", "Sheha")


@pytest.fixture
def example_db(engine: Engine, example_path: Path) -> str:
    text = example_path.read_text(encoding="utf-8")
    for word in RESIDENT:
        assert word in text
    result = ingest_paths(engine, [example_path])
    (report_id,) = result.stored
    extract_reports(engine, [report_id])
    reconcile_all(engine)
    return report_id


def test_example_public_sees_no_resident(
    app_for: Callable[..., Any], engine: Engine, example_db: str, db_url: str, tmp_path: Path
) -> None:
    token = make_user(engine, "amira", "analyst")
    with engine.connect() as conn:
        claim_ids = conn.execute(select(claims.c.id)).scalars().all()
        assert conn.execute(select(reports.c.id)).scalars().all() == [example_db]
    assert claim_ids, "extraction found no claims in the example"
    public = TestClient(app_for(public_read=True))
    analyst = TestClient(app_for(), headers={"Authorization": f"Bearer {token}"})
    schema = public.get("/openapi.json").json()["paths"]
    seen: list[str] = []
    for path, ops in schema.items():
        if "get" not in ops:
            continue
        params = re.findall(r"\{([^}]+)\}", path)
        if not params:
            response = public.get(path)
            if response.status_code in (401, 403):
                continue  # analyst-only routes
            seen.append(response.text)
        elif params == ["report_id"]:
            seen.append(public.get(path.replace("{report_id}", example_db)).text)
        elif params == ["claim_id"]:
            seen += [public.get(path.replace("{claim_id}", c)).text for c in claim_ids]
    for fmt in ("csv", "geojson", "jsonl", "acled", "ucdp"):
        seen.append(public.get(f"/api/v1/export?format={fmt}").text)
    for page in ("/", "/reports", f"/reports/{example_db}", "/map"):
        seen.append(public.get(page).text)
    out = tmp_path / "export.jsonl"
    done = CliRunner().invoke(cli, ["--db", db_url, "export", "--format", "jsonl", "-o", str(out)])
    assert done.exit_code == 0, done.output
    seen.append(out.read_text(encoding="utf-8"))
    everything = "\n".join(seen)
    assert "Baniyas" in everything
    for word in RESIDENT:
        assert word not in everything, f"{word!r} reached the public"
    original = analyst.get(f"/api/v1/reports/{example_db}").text
    assert "Ali Sheha" in original
    public.close()
    analyst.close()
