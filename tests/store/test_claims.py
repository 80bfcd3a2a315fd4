"""Claims repository: row <-> Claim round trip, atomic replacement, filters."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, insert, select

from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    DateRange,
    GeoPrecision,
    Outcome,
    PlaceRef,
    Qualifier,
    Scope,
)
from tollwatch.store import transaction
from tollwatch.store.claims import claim_to_row, list_claims, replace_claims, row_to_claim
from tollwatch.store.tables import reports


def _report(engine: Engine, rid: str) -> None:
    with transaction(engine) as conn:
        conn.execute(
            insert(reports).values(
                id=rid,
                content_hash="0" * 64,
                text="text",
                language="en",
                date_missing=False,
                sensitive=False,
                ingested_at=datetime.now(UTC),
                geocoder_version="geo-1",
            )
        )


def _claim(rid: str, best: int, start: int = 0, outcome: Outcome = Outcome.KILLED) -> Claim:
    return Claim(
        report_id=rid,
        outcome=outcome,
        low=best,
        best=best,
        high=best,
        qualifier=Qualifier.EXACT,
        start=start,
        end=start + 10,
        quote=f"{best} killed",
        quantity_text=str(best),
        category=Category.CIVILIANS,
        children=1,
        place=PlaceRef(mention="Konduga"),
        date=DateRange(
            date(2025, 6, 10), date(2025, 6, 10), DatePrecision.DAY, "on Tuesday", date(2025, 6, 11)
        ),
        attributed_to="police",
        scope=Scope.INCIDENT,
        extractor_version="v1",
    ).with_id()


claims_strategy = st.builds(
    Claim,
    report_id=st.just("r1"),
    outcome=st.sampled_from(Outcome),
    low=st.none() | st.integers(0, 10**6),
    best=st.none() | st.integers(0, 10**6),
    high=st.none() | st.integers(0, 10**6),
    qualifier=st.sampled_from(Qualifier),
    start=st.integers(0, 10**5),
    end=st.integers(0, 10**5),
    quote=st.text(max_size=50),
    quantity_text=st.none() | st.text(max_size=20),
    category=st.sampled_from(Category),
    children=st.none() | st.integers(0, 100),
    women=st.none() | st.integers(0, 100),
    men=st.none() | st.integers(0, 100),
    perpetrator=st.none() | st.text(max_size=20),
    place=st.builds(
        PlaceRef,
        mention=st.none() | st.text(max_size=20),
        place_id=st.none() | st.just("geonames:1"),
        lat=st.none() | st.floats(-90, 90),
        precision=st.none() | st.sampled_from(GeoPrecision),
    ),
    date=st.builds(
        DateRange,
        start=st.none() | st.dates(),
        end=st.none() | st.dates(),
        precision=st.sampled_from(DatePrecision),
    ),
    attributed_to=st.none() | st.text(max_size=20),
    scope=st.sampled_from(Scope),
    extractor_version=st.just("v1"),
    id=st.just("c1"),
)


@given(claims_strategy)
@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
def test_claims_row_round_trip(claim: Claim) -> None:
    row = claim_to_row(claim)
    row.setdefault("geocoder_version", None)
    assert row_to_claim(row) == claim


def test_claims_replace_is_atomic_and_resets_geocoding(engine: Engine) -> None:
    _report(engine, "r1")
    _report(engine, "r2")
    with transaction(engine) as conn:
        replace_claims(conn, "r1", [_claim("r1", 5), _claim("r1", 7, start=20)], "v1")
        replace_claims(conn, "r2", [_claim("r2", 3)], "v1")
    with transaction(engine) as conn:
        assert replace_claims(conn, "r1", [_claim("r1", 9)], "v2") == 1
    with engine.connect() as conn:
        r1 = list_claims(conn, report_id="r1")
        r2 = list_claims(conn, report_id="r2")
        row = conn.execute(select(reports).where(reports.c.id == "r1")).one()
    assert [c.best for c in r1] == [9] and r1[0].extractor_version == "v2"
    assert [c.best for c in r2] == [3]
    assert row.extractor_version == "v2" and row.geocoder_version is None
    assert r1[0].place.mention == "Konduga" and r1[0].place.place_id is None


def test_claims_replace_rolls_back_on_error(engine: Engine) -> None:
    _report(engine, "r1")
    with transaction(engine) as conn:
        replace_claims(conn, "r1", [_claim("r1", 5)], "v1")
    with pytest.raises(ValueError, match="belongs to"), transaction(engine) as conn:
        replace_claims(conn, "r1", [_claim("r1", 6), _claim("other", 8)], "v2")
    with engine.connect() as conn:
        kept = list_claims(conn, report_id="r1")
        version = conn.execute(select(reports.c.extractor_version)).scalar_one()
    assert [c.best for c in kept] == [5] and version == "v1"


def test_claims_list_filters(engine: Engine) -> None:
    _report(engine, "r1")
    with transaction(engine) as conn:
        replace_claims(
            conn,
            "r1",
            [
                _claim("r1", 5),
                replace(_claim("r1", 2, start=30, outcome=Outcome.INJURED)).with_id(),
            ],
            "v1",
        )
    with engine.connect() as conn:
        assert [c.best for c in list_claims(conn, outcome=Outcome.INJURED)] == [2]
        assert len(list_claims(conn, category=Category.CIVILIANS)) == 2
        assert len(list_claims(conn, since=date(2025, 6, 11))) == 0
        assert len(list_claims(conn, limit=1)) == 1
