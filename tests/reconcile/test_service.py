"""reconcile_all / query_tolls / explain on SQLite and PostgreSQL."""

from __future__ import annotations

import io

import pytest
from reconcile_kit import (
    CUM,
    claim,
    claim_row,
    coastal_example,
    report,
    sample_corpus,
    since,
    store,
)
from rich.console import Console
from sqlalchemy import Engine, insert, update

from tollwatch.cli._explain import rich_tree
from tollwatch.errors import EventNotFound, ReconcileError
from tollwatch.reconcile.service import explain, query_tolls, reconcile_all
from tollwatch.store.events import get_event
from tollwatch.store.tables import claims as claims_t


def _render(tree: object) -> str:
    buf = io.StringIO()
    Console(file=buf, width=400, color_system=None).print(tree)
    return buf.getvalue()


def test_service_sample_corpus_tolls_and_shape(engine: Engine) -> None:
    store(engine, *sample_corpus())
    stats = reconcile_all(engine)
    assert stats.events["all"] == 10
    out = query_tolls(engine)
    killed = out["tolls"]["killed"]
    assert {k: v["best"] for k, v in killed.items()} == {
        "civilians": 63, "state_forces": 12, "non_state_armed": 20, "unknown": 0, "total": 95,
    }  # fmt: skip
    assert set(out["tolls"]) == {"killed", "injured", "missing", "detained", "displaced"}
    ev = next(e for e in out["events"] if e["place"] == "Konduga" and e["outcome"] == "killed")
    assert set(ev) >= {
        "id",
        "place",
        "lat",
        "lon",
        "date",
        "outcome",
        "category",
        "low",
        "best",
        "high",
        "claims",
    }
    assert (ev["low"], ev["best"], ev["high"], len(ev["claims"])) == (18, 20, 21, 3)
    assert ev["date"] == "2025-06-10"


def test_service_is_idempotent_and_skips_unchanged(engine: Engine) -> None:
    store(engine, *sample_corpus())
    reconcile_all(engine)
    first = query_tolls(engine)
    again = reconcile_all(engine)
    assert again.skipped == ["all", "verified"]
    forced = reconcile_all(engine, force=True)
    assert forced.skipped == []
    assert query_tolls(engine) == first


def test_service_filters_country_region_dates(engine: Engine) -> None:
    store(engine, *sample_corpus())
    reconcile_all(engine)
    assert query_tolls(engine, country="SY")["tolls"]["killed"]["total"] is None  # no claim
    adamawa = query_tolls(engine, region="Adamawa")
    assert adamawa["tolls"]["killed"]["civilians"]["best"] == 6
    borno = query_tolls(engine, region="borno")
    assert borno["tolls"]["killed"]["civilians"]["best"] == 57
    # the running toll counts by its increments inside a date window
    upto12 = query_tolls(engine, date_to="2025-06-12")
    assert upto12["tolls"]["killed"]["civilians"]["best"] == 52
    window = query_tolls(engine, date_from="2025-06-12", date_to="2025-06-14")
    assert window["tolls"]["killed"]["civilians"]["best"] == 57 - 30 + 6
    with pytest.raises(ReconcileError):
        query_tolls(engine, date_from="2025-06-14", date_to="2025-06-01")
    with pytest.raises(ReconcileError):
        query_tolls(engine, date_from="last week")


@pytest.mark.parametrize("by", ["day", "week", "place", "category"])
def test_service_groups(engine: Engine, by: str) -> None:
    store(engine, *sample_corpus())
    reconcile_all(engine)
    out = query_tolls(engine, by=by)
    assert out["groups"]
    if by == "week":
        assert out["groups"]["2025-W24"]["tolls"]["killed"]["total"]["best"] == 95
    if by == "category":
        assert out["groups"]["civilians"]["killed"]["best"] == 63


def test_service_rejected_never_count_and_verified_view(engine: Engine) -> None:
    claims, reports = sample_corpus()
    store(engine, claims, reports)
    mubi = next(c for c in claims if c.place.name == "Mubi" and c.best == 6)
    with engine.begin() as conn:
        conn.execute(
            update(claims_t).where(claims_t.c.id == mubi.id).values(review_state="rejected")
        )
    reconcile_all(engine)
    assert query_tolls(engine)["tolls"]["killed"]["civilians"]["best"] == 57
    assert query_tolls(engine, verified_only=True)["tolls"]["killed"]["total"] is None
    with engine.begin() as conn:
        conn.execute(
            update(claims_t).where(claims_t.c.id == mubi.id).values(review_state="verified")
        )
    stats = reconcile_all(engine)
    assert stats.skipped == []
    verified = query_tolls(engine, verified_only=True)
    assert verified["tolls"]["killed"]["civilians"]["best"] == 6
    assert verified["view"] == "verified"


def test_service_new_report_updates_tolls(engine: Engine) -> None:
    claims, reports = sample_corpus()
    store(engine, claims, reports)
    reconcile_all(engine)
    late = report("r99", "2025-06-16", "NECM")
    extra = claim(
        "r99",
        70,
        where="Borno",
        when=since("2025-06-10"),
        scope=CUM,
        attributed_to="Northeast Casualty Monitor",
    )
    store(engine, [extra], {late.id: late})
    reconcile_all(engine)
    assert query_tolls(engine)["tolls"]["killed"]["civilians"]["best"] == 70 + 6


def test_service_explain_coastal_example(engine: Engine) -> None:
    store(engine, *coastal_example())
    reconcile_all(engine)
    out = query_tolls(engine)
    killed = out["tolls"]["killed"]
    assert [
        killed[c]["best"] for c in ("civilians", "state_forces", "non_state_armed", "total")
    ] == [745, 125, 148, 1018]
    text = _render(rich_tree(explain(engine)))
    assert "Tuwaym" in text and "Baniyas" in text
    assert text.count("not added") >= 2
    assert "1,074" not in text and "1074" not in text
    assert "1,018" in text


def test_service_get_event(engine: Engine) -> None:
    store(engine, *sample_corpus())
    reconcile_all(engine)
    ev = query_tolls(engine)["events"][0]
    got = get_event(engine, ev["id"])
    assert got["id"] == ev["id"] and got["claim_notes"]
    assert all("quote" in n for n in got["claim_notes"])
    with pytest.raises(EventNotFound):
        get_event(engine, "e-missing")


def test_service_same_report_twice_changes_nothing(engine: Engine) -> None:
    claims, reports = sample_corpus()
    store(engine, claims, reports)
    reconcile_all(engine)
    before = query_tolls(engine)
    # the same claims stored again under a second copy of each report (another URL)
    copies = {
        f"{rid}x": report(f"{rid}x", str(r.published), r.source) for rid, r in reports.items()
    }
    dup = [claim_row(c) | {"id": c.id + "x", "report_id": c.report_id + "x"} for c in claims]
    store(engine, [], copies)
    with engine.begin() as conn:
        conn.execute(insert(claims_t), dup)
    reconcile_all(engine)
    after = query_tolls(engine)
    assert after["tolls"] == before["tolls"]
    assert [e["id"] for e in after["events"]] == [e["id"] for e in before["events"]]


def test_service_new_report_recomputes_only_its_partition(engine: Engine) -> None:
    ng_claims, ng_reports = sample_corpus()
    sy_claims, sy_reports = coastal_example()
    store(engine, ng_claims + sy_claims, ng_reports | sy_reports)
    first = reconcile_all(engine)
    assert sorted(first.partitions) == ["all:NG", "all:SY"]
    sy_before = query_tolls(engine, country="SY")
    late = report("r99", "2025-06-16", "NECM")
    extra = claim(
        "r99", 70, where="Borno", when=since("2025-06-10"), scope=CUM, attributed_to="NECM"
    )
    store(engine, [extra], {late.id: late})
    second = reconcile_all(engine)
    assert second.partitions == ["all:NG"]
    assert query_tolls(engine, country="SY") == sy_before
    assert query_tolls(engine, country="NG")["tolls"]["killed"]["civilians"]["best"] == 70 + 6
    assert query_tolls(engine)["tolls"]["killed"]["civilians"]["best"] == 70 + 6 + 745


def test_service_reconcile_refreshes_planner_statistics(engine: Engine) -> None:
    store(engine, *sample_corpus())
    reconcile_all(engine)
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            analyzed = {t for (t,) in conn.exec_driver_sql("SELECT DISTINCT tbl FROM sqlite_stat1")}
        else:  # reltuples is -1 until a table is first analysed (PostgreSQL 14+)
            analyzed = {
                t
                for (t,) in conn.exec_driver_sql(
                    "SELECT relname FROM pg_class WHERE oid = ANY(ARRAY["
                    "'events'::regclass, 'toll_scopes'::regclass, 'series_claims'::regclass])"
                    " AND reltuples >= 0"
                )
            }
    assert {"events", "toll_scopes", "series_claims"} <= analyzed
