"""Review decisions reach the tolls: corrections, merges and splits (review helper's API)."""

from __future__ import annotations

from reconcile_kit import claim, day, report, sample_corpus, store
from sqlalchemy import Engine

from tollwatch.reconcile.service import query_tolls, reconcile_all
from tollwatch.review.overrides import merge_claims, split_claims
from tollwatch.review.service import review_claim


def test_service_review_correction_counts_with_new_values(engine: Engine) -> None:
    claims, reports = sample_corpus()
    store(engine, claims, reports)
    mubi = next(c for c in claims if c.place.name == "Mubi" and c.best == 6)
    with engine.begin() as conn:
        review_claim(
            conn, mubi.id, "corrected", reviewer="ana", reason="the text says eight",
            corrected={"low": 8, "best": 8, "high": 8},
        )  # fmt: skip
    reconcile_all(engine)
    assert query_tolls(engine)["tolls"]["killed"]["civilians"]["best"] == 57 + 8
    verified = query_tolls(engine, verified_only=True)["tolls"]["killed"]
    assert verified["civilians"]["best"] == 8


def test_service_review_split_and_merge(engine: Engine) -> None:
    reports = {r.id: r for r in [report("a", "2025-06-11"), report("b", "2025-06-12")]}
    first = claim("a", 18, where="Konduga", when=day("2025-06-10"))
    second = claim("b", 21, where="Konduga", when=day("2025-06-10"))
    store(engine, [first, second], reports)
    reconcile_all(engine)
    assert len(query_tolls(engine)["events"]) == 1
    with engine.begin() as conn:
        split = split_claims(conn, [[first.id], [second.id]], reviewer="ana", reason="two attacks")
    reconcile_all(engine)
    out = query_tolls(engine)
    assert len(out["events"]) == 2
    assert len({e["id"] for e in out["events"]}) == 2
    assert out["tolls"]["killed"]["civilians"]["best"] == 39
    with engine.begin() as conn:
        merge_claims(conn, [[first.id], [second.id]], reviewer="ana", reason="one attack after all")
    reconcile_all(engine)
    assert len(query_tolls(engine)["events"]) == 1
    assert split.kind == "split"
