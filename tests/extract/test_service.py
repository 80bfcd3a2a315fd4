"""`extract_reports` on both databases: incremental, atomic replacement, geocoding reset."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, insert, select, update

from tollwatch.extract import EXTRACTOR_VERSION
from tollwatch.extract.service import extract_reports
from tollwatch.models import Report
from tollwatch.store import transaction
from tollwatch.store.claims import list_claims
from tollwatch.store.tables import claims, reports

TEXTS = [
    ("Gunmen killed 12 villagers and wounded 4 others in an attack on Monday.", date(2025, 6, 11)),
    ("The convoy reached the camp and no one was hurt.", date(2025, 6, 11)),
    ("Seven soldiers and 15 militants were killed in an ambush on Thursday.", date(2025, 6, 13)),
]


def _store(engine: Engine) -> list[str]:
    ids = []
    with transaction(engine) as conn:
        for text, published in TEXTS:
            r = Report.create(text, published=published)
            conn.execute(
                insert(reports).values(
                    id=r.id,
                    content_hash=r.content_hash,
                    text=r.text,
                    published=published,
                    language="en",
                    date_missing=False,
                    sensitive=False,
                    ingested_at=datetime.now(UTC),
                )
            )
            ids.append(r.id)
    return ids


def test_service_extracts_then_is_incremental(engine: Engine, nlp: Any) -> None:
    ids = _store(engine)
    stats = extract_reports(engine)
    assert (stats.reports, stats.claims) == (3, 4)
    again = extract_reports(engine)
    assert (again.reports, again.claims) == (0, 0)
    with engine.connect() as conn:
        versions = set(conn.execute(select(reports.c.extractor_version)).scalars())
        found = list_claims(conn, report_id=ids[2])
    assert versions == {EXTRACTOR_VERSION}
    assert sorted((c.best, c.category.value) for c in found) == [
        (7, "state_forces"),
        (15, "non_state_armed"),
    ]


def test_service_replaces_old_version_and_clears_geocoding(engine: Engine, nlp: Any) -> None:
    ids = _store(engine)
    extract_reports(engine)
    with transaction(engine) as conn:
        conn.execute(update(claims).values(place_id="geonames:1", geocoder_version="g1"))
        conn.execute(
            update(reports)
            .where(reports.c.id == ids[0])
            .values(extractor_version="old", geocoder_version="g1")
        )
    stats = extract_reports(engine)
    assert stats.reports == 1
    with engine.connect() as conn:
        rows = conn.execute(select(claims).where(claims.c.report_id == ids[0])).all()
        other = conn.execute(select(claims).where(claims.c.report_id == ids[2])).all()
        report = conn.execute(select(reports).where(reports.c.id == ids[0])).one()
    assert len(rows) == 2 and all(r.place_id is None for r in rows)
    assert report.geocoder_version is None and report.extractor_version == EXTRACTOR_VERSION
    assert all(r.place_id == "geonames:1" for r in other)  # untouched


def test_service_only_requested_reports_and_force(engine: Engine, nlp: Any) -> None:
    ids = _store(engine)
    stats = extract_reports(engine, [ids[0]])
    assert stats.reports == 1
    forced = extract_reports(engine, [ids[0], ids[1]], force=True)
    assert forced.reports == 2
    skipped = extract_reports(engine, [ids[0]])
    assert (skipped.reports, skipped.skipped) == (0, 1)
