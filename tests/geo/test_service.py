"""geocode_reports over real SQLite and PostgreSQL, claims inserted with SQLAlchemy Core."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select, update

from tollwatch.geo import GEOCODER_VERSION, Gazetteer, geocode_reports
from tollwatch.models import GeoPrecision, content_hash
from tollwatch.store.places import list_places
from tollwatch.store.tables import claims, places, reports

# Our own sentences, using the facts of the shared example.
TEXT = (
    "Gunmen attacked Alawite homes across Syria's coast. In Baniyas, at least 20 people were "
    "killed in one neighbourhood. In the village of Tuwaym, 31 people were buried. "
    "Near Latakia, 4 people died when the power failed. Families fled to Lebanon."
)


def _claim(cid: str, mention: str | None, start: int) -> dict[str, object]:
    return {
        "id": cid,
        "report_id": "r1",
        "extractor_version": "test",
        "outcome": "killed",
        "best": 1,
        "qualifier": "exact",
        "category": "civilians",
        "scope": "incident",
        "span_start": start,
        "span_end": start + 10,
        "quote": TEXT[start : start + 10],
        "place_mention": mention,
    }


@pytest.fixture
def stored(engine: Engine) -> Engine:
    with engine.begin() as conn:
        conn.execute(
            reports.insert(),
            [
                {
                    "id": "r1",
                    "content_hash": content_hash(TEXT),
                    "text": TEXT,
                    "ingested_at": datetime(2025, 3, 9, tzinfo=UTC),
                }
            ],
        )
        conn.execute(
            claims.insert(),
            [
                _claim("c1", "Baniyas", TEXT.index("Baniyas")),
                _claim("c2", "Tuwaym", TEXT.index("Tuwaym")),
                _claim("c3", "near Latakia", TEXT.index("Latakia")),
                _claim("c4", None, 0),
            ],
        )
    return engine


def test_service_fills_claim_place_columns(stored: Engine, builtin: Gazetteer) -> None:
    stats = geocode_reports(stored, gazetteer=builtin)
    assert (
        stats.reports,
        stats.claims,
        stats.resolved,
        stats.unresolved,
        stats.without_mention,
    ) == (1, 4, 3, 1, 1)
    with stored.connect() as conn:
        rows = {r.id: r for r in conn.execute(select(claims))}
        version = conn.execute(select(reports.c.geocoder_version)).scalar_one()
        stored_places = {r.id for r in conn.execute(select(places.c.id))}
    assert version == GEOCODER_VERSION
    b = rows["c1"]
    assert (b.place_id, b.country, b.admin1, b.geo_precision) == (
        "geonames:171830",
        "SY",
        "14",
        int(GeoPrecision.EXACT),
    )
    assert b.lat == pytest.approx(35.18, abs=0.05) and b.geocoder_version == GEOCODER_VERSION
    t = rows["c2"]
    assert (
        t.place_id is None and t.lat is None and t.country == "SY" and t.place_mention == "Tuwaym"
    )
    n = rows["c3"]
    assert n.place_id == "geonames:173576" and n.geo_precision == int(GeoPrecision.NEAR)
    # a claim without a mention of its own is linked to the report's incident place (lede)
    assert (rows["c4"].place_id, rows["c4"].place_link) == ("geonames:171830", "lede")
    assert rows["c4"].geocoder_version == GEOCODER_VERSION
    assert (b.place_link, n.place_link, t.place_link) == ("clause", "clause", None)
    assert stored_places == {"geonames:171830", "geonames:173576"}
    counts = {p.place.id: p.claims for p in list_places(stored)}
    assert counts == {"geonames:171830": 2, "geonames:173576": 1}


def test_service_is_incremental_and_force_redoes(stored: Engine, builtin: Gazetteer) -> None:
    assert geocode_reports(stored, gazetteer=builtin).reports == 1
    assert geocode_reports(stored, gazetteer=builtin).reports == 0
    with stored.begin() as conn:
        start = TEXT.index("Near Latakia")
        conn.execute(
            update(claims)
            .where(claims.c.id == "c1")
            .values(place_mention="Latakia", span_start=start, span_end=start + 40)
        )
    assert geocode_reports(stored, gazetteer=builtin).reports == 0
    again = geocode_reports(stored, ["r1"], force=True, gazetteer=builtin)
    assert again.reports == 1
    with stored.connect() as conn:
        assert (
            conn.execute(select(claims.c.place_id).where(claims.c.id == "c1")).scalar_one()
            == "geonames:173576"
        )


def test_service_stale_version_is_redone(stored: Engine, builtin: Gazetteer) -> None:
    geocode_reports(stored, gazetteer=builtin)
    with stored.begin() as conn:
        conn.execute(update(reports).values(geocoder_version="geo-0"))
    assert geocode_reports(stored, gazetteer=builtin).reports == 1
