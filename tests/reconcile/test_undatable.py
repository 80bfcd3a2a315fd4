"""A claim reconciliation cannot place in time (a report dated 0001-01-01, a date near the
end of the calendar) is skipped and flagged, never an OverflowError that freezes every toll
(issue 13, defect 1). Databases written before ingest checked dates still hold such rows."""

from __future__ import annotations

from datetime import date

from reconcile_kit import CUM, claim, day, report, sample_corpus, since, store
from sqlalchemy import Engine, select

from tollwatch.models import DatePrecision, DateRange
from tollwatch.reconcile import reconcile
from tollwatch.reconcile.service import query_tolls, reconcile_all
from tollwatch.store.tables.reconcile import reconcile_flags


def _far_claims() -> tuple[list, dict]:  # type: ignore[type-arg]
    reports = {
        "rold": report("rold", "0001-01-01"),
        "rend": report("rend", "9999-12-31"),
        "rcum": report("rcum", "0001-01-02"),
    }
    claims = [
        claim("rold", 7, where="Borno"),  # no date: its report's day minus the look-back
        claim("rold", 4, where="Konduga", span=30, when=DateRange(None, date(1, 1, 1))),
        claim("rend", 9, where="Borno", when=DateRange(date(9999, 12, 31), None)),
        claim("rcum", 40, where="Borno", scope=CUM),
        claim(
            "rend", 3, where="Bama", when=DateRange(date(9999, 12, 1), None, DatePrecision.MONTH)
        ),
    ]
    return claims, reports


def test_reconcile_skips_and_flags_claims_it_cannot_place_in_time() -> None:
    good, infos = sample_corpus()
    far, far_infos = _far_claims()
    before = reconcile(good, infos)
    after = reconcile(good + far, {**infos, **far_infos})
    # the good claims reconcile exactly as without the far ones
    assert after.events == before.events
    assert after.series == before.series
    flagged = {f.subject_id for f in after.flags if f.kind == "undatable"}
    assert flagged == {c.id for c in far}
    notes = {n.claim_id: n for n in after.excluded if n.role == "undatable"}
    assert set(notes) == flagged
    assert all("cannot be placed in time" in n.reason for n in notes.values())


def test_reconcile_keeps_claims_inside_the_range() -> None:
    claims = [
        claim("r1", 5, where="Konduga", when=day("1850-03-01")),
        claim("r2", 6, where="Bama", when=since("2150-01-01"), scope=CUM),
    ]
    out = reconcile(claims, {"r1": report("r1", "1850-03-02"), "r2": report("r2", "2150-02-01")})
    assert not [f for f in out.flags if f.kind == "undatable"]
    assert len(out.events) == 1 and len(out.series) == 1


def test_reconcile_all_survives_a_stored_report_dated_year_one(engine: Engine) -> None:
    good, infos = sample_corpus()
    far, far_infos = _far_claims()
    store(engine, good + far, {**infos, **far_infos})
    stats = reconcile_all(engine)  # OverflowError before the fix; every later run too
    assert stats.events["all"] == 10
    killed = query_tolls(engine)["tolls"]["killed"]
    assert killed["total"]["best"] == 95
    with engine.connect() as conn:
        kinds = conn.execute(
            select(reconcile_flags.c.subject_id).where(reconcile_flags.c.kind == "undatable")
        ).scalars()
        assert {c.id for c in far} <= set(kinds)
    assert reconcile_all(engine).skipped == ["all", "verified"]
