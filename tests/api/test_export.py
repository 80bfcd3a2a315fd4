"""``/api/v1/export`` and ``tollwatch export`` on the seeded database."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from api.conftest import SeededDb
from api.seed import NAMES, Seeded
from tollwatch.cli import app as cli


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_export_csv_has_every_claim_with_provenance(client: Any, seeded: Seeded) -> None:
    r = client.get("/api/v1/export", params={"format": "csv"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    rows = _csv(r.text)
    assert {row["claim_id"] for row in rows} == set(seeded.claims.values())
    tall = next(row for row in rows if row["claim_id"] == seeded.claims["tall_killed"])
    assert (tall["low"], tall["best"], tall["high"], tall["children"]) == ("12", "12", "12", "3")
    assert tall["report_id"] == seeded.reports["tall"]
    assert tall["source"] == "Daily Wire"
    soldiers = next(row for row in rows if row["claim_id"] == seeded.claims["baniyas_soldiers"])
    assert soldiers["high"] == ""  # unknown, not zero


def test_export_filters_apply(client: Any, seeded: Seeded) -> None:
    r = client.get("/api/v1/export", params={"format": "jsonl", "category": "civilians"})
    ids = {json.loads(line)["claim_id"] for line in r.text.splitlines()}
    assert ids == {seeded.claims["tall_killed"], seeded.claims["homs_cumulative"]}


def test_export_geojson_points(client: Any) -> None:
    doc = client.get("/api/v1/export", params={"format": "geojson"}).json()
    assert doc["type"] == "FeatureCollection"
    coords = {tuple(f["geometry"]["coordinates"]) for f in doc["features"] if f["geometry"]}
    assert (36.2597, 34.6684) in coords


def test_export_acled_rows_are_fatal_events(client: Any, seeded: Seeded) -> None:
    rows = _csv(client.get("/api/v1/export", params={"format": "acled"}).text)
    assert len(rows) == 2  # killed events only; the injured event is not an ACLED row
    by_cat = {row["tollwatch_category"]: row for row in rows}
    civ = by_cat["civilians"]
    assert civ["fatalities"] == "12"
    assert civ["country"] == "Syria" and civ["iso"] == "760"
    assert civ["civilian_targeting"] == "Civilian targeting"
    assert civ["time_precision"] == "1" and civ["geo_precision"] == "1"
    assert civ["tollwatch_claim_ids"] == seeded.claims["tall_killed"]
    assert civ["tollwatch_covered_by"]  # inside the monitor's running toll
    assert by_cat["state_forces"]["geo_precision"] == "2"
    # coded from the claim's words: "Gunmen killed 12 civilians ..."
    assert (civ["event_type"], civ["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (civ["actor1"], civ["inter1"]) == ("Unidentified Armed Group (Syria)", "3")
    assert (civ["actor2"], civ["inter2"], civ["interaction"]) == ("Civilians (Syria)", "7", "37")
    assert civ["disorder_type"] == "Political violence"


def test_export_ucdp_splits_deaths_by_category(client: Any) -> None:
    rows = _csv(client.get("/api/v1/export", params={"format": "ucdp"}).text)
    soldiers = next(r for r in rows if r["tollwatch_category"] == "state_forces")
    assert (soldiers["deaths_a"], soldiers["deaths_b"], soldiers["deaths_civilians"]) == (
        "20",
        "0",
        "0",
    )
    assert (soldiers["low"], soldiers["best"], soldiers["high"]) == ("20", "20", "20")
    assert soldiers["where_prec"] == "2"
    assert soldiers["geom_wkt"] == "POINT (35.9487 35.1824)"
    assert soldiers["date_prec"] == "1"
    # "20 soldiers were killed in clashes": state-based, the government against an unnamed group
    assert (soldiers["type_of_violence"], soldiers["side_a"], soldiers["side_b"]) == (
        "1",
        "Government of Syria",
        "Unidentified Armed Group (Syria)",
    )
    for r in rows:
        parts = sum(
            int(r[k]) for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
        )
        assert parts == int(r["best"])


@pytest.mark.parametrize(
    "params",
    [{"format": "acled", "source": "Daily Wire"}, {"format": "ucdp", "outcome": "injured"}],
)
def test_export_event_formats_refuse_claim_filters(client: Any, params: dict[str, str]) -> None:
    r = client.get("/api/v1/export", params=params)
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "TW090"


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "geojson", "acled", "ucdp"])
def test_export_public_has_no_names(client: Any, analyst: Any, fmt: str) -> None:
    public = client.get("/api/v1/export", params={"format": fmt}).text
    original = analyst.get("/api/v1/export", params={"format": fmt}).text
    for name in NAMES:
        assert name.split()[0] not in public
    if fmt != "ucdp":
        assert "Omar Khalil" in original


def test_export_cli_writes_file_like_the_api(api_db: SeededDb, client: Any, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = CliRunner().invoke(
        cli, ["--db", api_db.url, "export", "-f", "csv", "--country", "SY", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    from_api = client.get("/api/v1/export", params={"format": "csv", "country": "SY"}).text
    assert out.read_bytes().decode("utf-8") == from_api
    assert not (tmp_path / "claims.csv.partial").exists()


def test_export_cli_bad_date_is_one_line(api_db: SeededDb, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    result = CliRunner().invoke(
        cli, ["--db", api_db.url, "export", "-f", "csv", "--from", "March", "-o", str(out)]
    )
    assert result.exit_code == 1
    assert "TW090" in result.output
    assert not out.exists()
