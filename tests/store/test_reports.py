from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from tollwatch.errors import ReportNotFound
from tollwatch.models import Report
from tollwatch.store.reports import (
    count_reports,
    get_report,
    list_reports,
    save_reports,
    source_ids,
)
from tollwatch.store.tables import sources

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def _report(text: str, **kw: object) -> Report:
    return Report.create(text, ingested_at=NOW, **kw)  # type: ignore[arg-type]


def test_reports_save_is_idempotent_and_counts_repeats(engine: Engine) -> None:
    a, b = _report("Invented A.", source="S1"), _report("Invented B.", source="S2")
    with engine.begin() as conn:
        first = save_reports(conn, [a, b, a])
    assert first.stored == (a.id, b.id) and first.duplicates == (a.id,)
    with engine.begin() as conn:
        second = save_reports(conn, [b, a])
        assert count_reports(conn) == 2
    assert second.stored == () and set(second.duplicates) == {a.id, b.id}


def test_reports_force_overwrites_and_clears_versions(engine: Engine) -> None:
    old = _report("Invented text.", url="https://x.example/1", title="Old", source="S")
    with engine.begin() as conn:
        save_reports(conn, [old])
        conn.execute(
            sources.update().values(kind="news")
        )  # unrelated change must survive the force
    new = _report("Invented text.", url="https://x.example/1", title="New", source="T")
    with engine.begin() as conn:
        forced = save_reports(conn, [new], force=True)
    assert forced.updated == (old.id,) and forced.stored == ()
    with engine.connect() as conn:
        stored = get_report(conn, old.id)
        kinds = set(conn.execute(select(sources.c.kind)).scalars())
    assert stored.report.title == "New" and stored.report.source == "T"
    assert stored.extractor_version is None and kinds == {"news", None}


def test_reports_round_trip_every_field(engine: Engine) -> None:
    report = _report(
        "Invented text with \u00e9 and \u201cquotes\u201d.",
        title="T",
        url="https://x.example/a",
        source="Invented Monitor",
        published=date(2025, 6, 14),
        language="fr",
        origin="a.txt",
    )
    with engine.begin() as conn:
        save_reports(conn, [report])
    with engine.connect() as conn:
        stored = get_report(conn, report.id)
    assert stored.report.id == report.id and stored.report.text == report.text
    assert stored.report.published == report.published and not stored.date_missing
    assert stored.report.ingested_at is not None
    assert stored.report.ingested_at.replace(tzinfo=UTC) == NOW or stored.report.ingested_at == NOW
    got = stored.report
    assert (got.title, got.url, got.source, got.language, got.origin) == (
        "T",
        "https://x.example/a",
        "Invented Monitor",
        "fr",
        "a.txt",
    )


def test_reports_list_filters_and_orders(engine: Engine) -> None:
    rows = [
        _report("Invented 1.", source="A", published=date(2025, 6, 10)),
        _report("Invented 2.", source="A", published=date(2025, 6, 12)),
        _report("Invented 3.", source="B", published=date(2025, 6, 11)),
        _report("Invented 4.", source="B"),
    ]
    with engine.begin() as conn:
        save_reports(conn, rows)
    with engine.connect() as conn:
        everything = [r.report.text for r in list_reports(conn)]
        only_a = [r.report.text for r in list_reports(conn, source="A")]
        window = list_reports(conn, date_from=date(2025, 6, 11), date_to=date(2025, 6, 12))
        limited = list_reports(conn, limit=1, offset=1)
    assert everything == ["Invented 2.", "Invented 3.", "Invented 1.", "Invented 4."]
    assert only_a == ["Invented 2.", "Invented 1."]
    assert [r.report.text for r in window] == ["Invented 2.", "Invented 3."]
    assert [r.report.text for r in limited] == ["Invented 3."]


def test_reports_get_missing_raises(engine: Engine) -> None:
    with engine.connect() as conn, pytest.raises(ReportNotFound, match="rnope"):
        get_report(conn, "rnope")


def test_reports_source_ids_upsert(engine: Engine) -> None:
    with engine.begin() as conn:
        first = source_ids(conn, ["A", "B", "A", ""])
        second = source_ids(conn, ["B", "C"])
    assert set(first) == {"A", "B"} and second["B"] == first["B"] and "C" in second


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=200
    ).filter(lambda t: t.strip() != ""),
    published=st.none() | st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 1, 1)),
)
def test_reports_hypothesis_round_trip(engine: Engine, text: str, published: date | None) -> None:
    text = f"{text} {uuid.uuid4().hex}"  # the engine is shared by examples: keep texts apart
    report = _report(text, published=published)
    with engine.begin() as conn:
        assert save_reports(conn, [report]).stored == (report.id,)
    with engine.connect() as conn:
        stored = get_report(conn, report.id)
    assert stored.report.text == text and stored.report.published == published
    assert stored.date_missing == (published is None)
