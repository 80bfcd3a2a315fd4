"""A small, hand-written database for API and export tests (our own invented sentences).

Reports and ingest failures go in through the real ingest readers and store functions;
claims are stored the way the extraction stage stores them, one row per
``tollwatch.models.Claim`` (with its evidence span located in the report text).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, insert

from tollwatch.ingest.options import IngestOptions
from tollwatch.ingest.readers import read_input
from tollwatch.ingest.records import Record, Rejection, to_report
from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    DateRange,
    GeoPrecision,
    Outcome,
    PlaceRef,
    Qualifier,
    Report,
    Scope,
)
from tollwatch.store.claims import claim_to_row
from tollwatch.store.failures import NewFailure, record_failures
from tollwatch.store.reports import save_reports
from tollwatch.store.tables import claims, places

NOW = datetime(2025, 3, 12, 9, 0, tzinfo=UTC)
#: Names of people in the seeded texts: none may reach a public reader.
NAMES = ("Samir Haddad", "Layla Mansour", "Omar Khalil")

JSONL = "\n".join(
    [
        json.dumps(
            {
                "text": "Gunmen killed 12 civilians, including 3 children, in Tall Kalakh on "
                "Friday, resident Samir Haddad told reporters. Another 5 people were wounded.",
                "date": "2025-03-08",
                "source": "Daily Wire",
                "title": "Twelve civilians killed in Tall Kalakh",
                "url": "https://example.org/a",
            }
        ),
        json.dumps(
            {
                "text": "The monitor has documented 40 civilians killed in Homs province since "
                "6 March, said Layla Mansour.",
                "date": "2025-03-09",
                "source": "Coastal Monitor",
                "title": "Monitor: 40 civilians killed in Homs province",
            }
        ),
        json.dumps(
            {
                "text": "At least 20 soldiers were killed in clashes near Baniyas, according "
                "to Omar Khalil.",
                "date": "10 March 2025",
                "source": "Daily Wire",
                "title": "Soldiers killed near Baniyas",
            }
        ),
        json.dumps({"text": "Markets reopened in the city on Tuesday.", "source": "Daily Wire"}),
        '{"text": "broken line',
    ]
)

PLACES = (
    {
        "id": "geonames:163345",
        "name": "Tall Kalakh",
        "lat": 34.6684,
        "lon": 36.2597,
        "country": "SY",
        "admin1": "11",
        "admin1_name": "Homs",
        "admin2": None,
        "admin2_name": None,
        "feature_class": "P",
        "feature_code": "PPLA2",
        "population": 16000,
    },
    {
        "id": "geonames:173576",
        "name": "Baniyas",
        "lat": 35.1824,
        "lon": 35.9487,
        "country": "SY",
        "admin1": "14",
        "admin1_name": "Tartus",
        "admin2": None,
        "admin2_name": None,
        "feature_class": "P",
        "feature_code": "PPLA2",
        "population": 43000,
    },
)


@dataclass(frozen=True)
class Seeded:
    """Ids of what ``seed`` stored, by name."""

    reports: dict[str, str]
    claims: dict[str, str]


def _place(index: int, precision: GeoPrecision = GeoPrecision.EXACT) -> PlaceRef:
    p = PLACES[index]
    return PlaceRef(
        mention=p["name"],
        place_id=p["id"],
        name=p["name"],
        lat=p["lat"],
        lon=p["lon"],
        country=p["country"],
        admin1=p["admin1"],
        admin1_name=p["admin1_name"],
        precision=precision,
    )


def _claim(report: Report, quote: str, **fields: Any) -> Claim:
    start = report.text.index(quote)
    base = Claim(
        report_id=report.id,
        start=start,
        end=start + len(quote),
        quote=quote,
        extractor_version="test-1",
        **fields,
    )
    return base.with_id()


def claim_row(c: Claim) -> dict[str, Any]:
    """The ``claims`` row for a Claim (as the extraction and geocoding stages write it)."""
    return {
        **claim_to_row(c),
        "geocoder_version": "test-1" if c.place.resolved else None,
        "review_state": "unreviewed",
    }


def read_reports() -> tuple[list[Report], list[Rejection]]:
    """The seeded JSONL read by the real reader; the broken last line is a rejection."""
    good: list[Report] = []
    bad: list[Rejection] = []
    options = IngestOptions()
    for item in read_input(JSONL.encode("utf-8"), "jsonl", "seed.jsonl", options):
        if isinstance(item, Record):
            good.append(to_report(item, options, NOW))
        else:
            bad.append(item)
    return good, bad


def seed(engine: Engine) -> Seeded:
    """Store the seeded reports, one ingest failure, two places and five claims."""
    good, bad = read_reports()
    tall, homs, baniyas, markets = good
    homs = replace(homs, sensitive=True)
    with engine.begin() as conn:
        save_reports(conn, [tall, homs, baniyas, markets])
        record_failures(
            conn,
            [NewFailure(b.origin, b.line, b.error.code, b.error.message, b.raw, "{}") for b in bad],
            NOW,
        )
        conn.execute(insert(places), list(PLACES))
        day = DateRange(date(2025, 3, 7), date(2025, 3, 7), DatePrecision.DAY, "on Friday")
        stored = {
            "tall_killed": _claim(
                tall,
                "Gunmen killed 12 civilians, including 3 children, in Tall Kalakh on Friday",
                outcome=Outcome.KILLED,
                low=12,
                best=12,
                high=12,
                qualifier=Qualifier.EXACT,
                quantity_text="12",
                category=Category.CIVILIANS,
                children=3,
                perpetrator="Gunmen",
                place=_place(0),
                date=day,
            ),
            "tall_injured": _claim(
                tall,
                "Another 5 people were wounded",
                outcome=Outcome.INJURED,
                low=5,
                best=5,
                high=5,
                qualifier=Qualifier.EXACT,
                quantity_text="5",
                place=_place(0),
                date=day,
            ),
            "homs_cumulative": _claim(
                homs,
                "documented 40 civilians killed in Homs province since 6 March",
                outcome=Outcome.KILLED,
                low=40,
                best=40,
                high=40,
                qualifier=Qualifier.EXACT,
                quantity_text="40",
                category=Category.CIVILIANS,
                scope=Scope.CUMULATIVE,
                attributed_to="The monitor",
                place=PlaceRef(
                    mention="Homs province",
                    place_id="geonames:169575",
                    name="Homs",
                    lat=34.5,
                    lon=37.5,
                    country="SY",
                    admin1="11",
                    admin1_name="Homs",
                    precision=GeoPrecision.ADM1,
                ),
                date=DateRange(date(2025, 3, 6), date(2025, 3, 9), DatePrecision.WEEK),
            ),
            "baniyas_soldiers": _claim(
                baniyas,
                "At least 20 soldiers were killed in clashes near Baniyas, according to Omar Khalil",
                outcome=Outcome.KILLED,
                low=20,
                best=20,
                high=None,
                qualifier=Qualifier.AT_LEAST,
                quantity_text="At least 20",
                category=Category.STATE_FORCES,
                attributed_to="Omar Khalil",
                place=_place(1, GeoPrecision.NEAR),
                date=DateRange(date(2025, 3, 9), date(2025, 3, 9), DatePrecision.DAY, "on Sunday"),
            ),
        }
        conn.execute(insert(claims), [claim_row(c) for c in stored.values()])
    return Seeded(
        reports={"tall": tall.id, "homs": homs.id, "baniyas": baniyas.id, "markets": markets.id},
        claims={k: c.id for k, c in stored.items()},
    )
