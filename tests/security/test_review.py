from __future__ import annotations

import json

import pytest
from sqlalchemy import Engine, select

from api.seed import Seeded
from tollwatch.audit import iter_entries, verify
from tollwatch.errors import ClaimNotFound, ReviewError
from tollwatch.models import Category, Claim, Outcome, Qualifier, ReviewState
from tollwatch.review import (
    Override,
    active_overrides,
    apply_correction,
    apply_overrides,
    check_transition,
    effective,
    effective_claims,
    load_claims,
    merge_claims,
    review_claim,
    review_history,
    revoke_override,
    split_claims,
    validate_correction,
)
from tollwatch.review.queue import review_queue
from tollwatch.review.tolls import refresh, tolls_by_view
from tollwatch.store.tables import claims

S = ReviewState
CLAIM = Claim(
    report_id="r1",
    outcome=Outcome.KILLED,
    low=20,
    best=20,
    high=30,
    qualifier=Qualifier.RANGE,
    start=0,
    end=5,
    quote="words",
    id="c1",
)


@pytest.mark.parametrize(
    ("current", "target", "reason", "ok"),
    [
        (S.UNREVIEWED, S.VERIFIED, "", True),
        (S.UNREVIEWED, S.REJECTED, "double report", True),
        (S.UNREVIEWED, S.REJECTED, "  ", False),
        (S.UNREVIEWED, S.CORRECTED, "wrong figure", True),
        (S.UNREVIEWED, S.CORRECTED, "", False),
        (S.VERIFIED, S.VERIFIED, "", False),
        (S.REJECTED, S.REJECTED, "again", False),
        (S.CORRECTED, S.CORRECTED, "second look", True),
        (S.VERIFIED, S.REJECTED, "changed my mind", True),
        (S.VERIFIED, S.UNREVIEWED, "reopen", True),
        (S.VERIFIED, S.UNREVIEWED, "", False),
        (S.UNREVIEWED, S.UNREVIEWED, "x", False),
    ],
)
def test_review_transitions(current: S, target: S, reason: str, ok: bool) -> None:
    if ok:
        check_transition(current, target, reason)
    else:
        with pytest.raises(ReviewError):
            check_transition(current, target, reason)


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({}, "at least one"),
        ({"quote": "x"}, "cannot correct quote"),
        ({"best": -1}, "negative"),
        ({"best": "many"}, "whole number"),
        ({"best": 40}, "not ordered"),
        ({"outcome": "vanished"}, "outcome must be one of"),
        ({"date_start": "2025-13-01"}, "date like"),
        ({"date_start": "2025-03-09", "date_end": "2025-03-01"}, "after date_end"),
        ({"lat": 200.0}, "out of range"),
    ],
)
def test_review_validate_correction_refuses(values: dict[str, object], message: str) -> None:
    with pytest.raises(ReviewError, match=message):
        validate_correction(CLAIM, values)


def test_review_correction_keeps_identity() -> None:
    clean = validate_correction(CLAIM, {"best": 25, "category": "civilians", "high": None})
    fixed = apply_correction(CLAIM, clean)
    assert (fixed.low, fixed.best, fixed.high, fixed.category) == (20, 25, None, Category.CIVILIANS)
    assert (fixed.id, fixed.report_id, fixed.quote, fixed.start) == ("c1", "r1", "words", 0)
    assert CLAIM.best == 20


def test_review_effective_counts() -> None:
    c2 = apply_correction(CLAIM, {"best": 21}).__class__(**{**_fields(CLAIM), "id": "c2"})
    c3 = CLAIM.__class__(**{**_fields(CLAIM), "id": "c3"})
    states = {"c1": S.REJECTED, "c2": S.CORRECTED}
    corrections = {"c2": {"best": 22}}
    everything = effective([CLAIM, c2, c3], states, corrections)
    assert [(c.id, c.best) for c in everything] == [("c2", 22), ("c3", 20)]
    verified = effective([CLAIM, c2, c3], states, corrections, verified_only=True)
    assert [c.id for c in verified] == ["c2"]


def _fields(c: Claim) -> dict[str, object]:
    return {name: getattr(c, name) for name in Claim.__slots__}


@pytest.mark.parametrize(
    ("groups", "overrides", "expected"),
    [
        ([["a", "b"], ["c"], ["d"]], [("merge", [["a"], ["c"]])], [["a", "b", "c"], ["d"]]),
        ([["a", "b", "x"], ["c"]], [("split", [["a"], ["b"]])], [["a", "x"], ["b"], ["c"]]),
        (
            [["a", "b"], ["c"]],
            [("merge", [["a"], ["c"]]), ("split", [["c"], ["a", "b"]])],
            [["c"], ["a", "b"]],
        ),
        ([["a"], ["b"]], [("merge", [["a"], ["zz"]])], [["a"], ["b"]]),
    ],
)
def test_review_apply_overrides(
    groups: list[list[str]],
    overrides: list[tuple[str, list[list[str]]]],
    expected: list[list[str]],
) -> None:
    ovs = [
        Override(i + 1, kind, tuple(tuple(g) for g in gs), "amira", None, "why")  # type: ignore[arg-type]
        for i, (kind, gs) in enumerate(overrides)
    ]
    assert apply_overrides(groups, ovs) == expected
    revoked = [
        Override(**{**{s: getattr(o, s) for s in Override.__slots__}, "revoked_at": 1}) for o in ovs
    ]  # type: ignore[arg-type]
    assert apply_overrides(groups, revoked) == groups


def test_review_claim_in_database(engine: Engine, seeded: Seeded) -> None:
    cid = seeded.claims["tall_killed"]
    with engine.begin() as conn:
        review_claim(conn, cid, "verified", reviewer="amira")
        rec = review_claim(
            conn,
            cid,
            "corrected",
            reviewer="amira",
            reason="15, not 12",
            corrected={"best": 15, "high": 15},
        )
        assert (rec.previous_state, rec.state) == (S.VERIFIED, S.CORRECTED)
        with pytest.raises(ReviewError, match="not ordered"):
            review_claim(
                conn, cid, "corrected", reviewer="amira", reason="x", corrected={"low": 99}
            )
        with pytest.raises(ClaimNotFound):
            review_claim(conn, "c-nope", "verified", reviewer="amira")
    with engine.connect() as conn:
        row = conn.execute(select(claims).where(claims.c.id == cid)).one()
        assert (row.review_state, row.best, row.high) == ("corrected", 12, 12)  # original kept
        (counted,) = effective_claims(conn, load_claims(conn, [cid]))
        assert (counted.best, counted.high, counted.low) == (15, 15, 12)
        history = review_history(conn, cid)
        assert [h.state for h in history] == [S.VERIFIED, S.CORRECTED]
        assert history[1].corrected == {"best": 15, "high": 15}
        entries = list(iter_entries(conn, target=f"claim:{cid}"))
        assert [e.action for e in entries] == ["claim.verified", "claim.corrected"]
        assert json.loads(entries[1].before or "{}")["values"]["best"] == 12
        assert verify(conn)[2] == []
    with engine.begin() as conn:
        review_claim(conn, cid, "rejected", reviewer="amira", reason="duplicate of another report")
    with engine.connect() as conn:
        assert effective_claims(conn, load_claims(conn, [cid])) == []


def test_review_tolls_follow_decisions(engine: Engine, seeded: Seeded) -> None:
    refresh(engine)
    before = tolls_by_view(engine)
    assert before["all"]["killed"]["total"]["best"] == 60
    assert before["verified"]["killed"]["total"] is None  # no verified claim: unknown, not 0
    with engine.begin() as conn:
        review_claim(conn, seeded.claims["baniyas_soldiers"], "verified", reviewer="amira")
        review_claim(
            conn, seeded.claims["homs_cumulative"], "rejected", reviewer="amira", reason="no source"
        )
    refresh(engine)
    after = tolls_by_view(engine)
    assert after["verified"]["killed"]["total"]["best"] == 20
    assert after["all"]["killed"]["total"]["best"] == 32  # 12 civilians + 20 soldiers


def test_review_queue_orders_by_toll_impact(engine: Engine, seeded: Seeded) -> None:
    with engine.connect() as conn:
        queue = review_queue(conn, verified_only=False)
    order = [it.claim.id for it in queue]
    names = {v: k for k, v in seeded.claims.items()}
    assert [names[c] for c in order] == [
        "homs_cumulative",  # rejecting it drops the civilian toll from 40 to 12
        "baniyas_soldiers",  # 20 soldiers
        "tall_injured",  # 5 injured
        "tall_killed",  # inside the monitor's 40: changes no toll
    ]
    assert [it.impact for it in queue] == [28, 20, 5, 0]
    with engine.connect() as conn:
        verified_view = review_queue(conn, verified_only=True)
    assert verified_view[0].claim.id == seeded.claims["homs_cumulative"]
    assert {it.impact for it in verified_view if it.claim.id == seeded.claims["tall_killed"]} == {
        12
    }


def test_review_merge_and_split_records(engine: Engine, seeded: Seeded) -> None:
    c = seeded.claims
    with engine.begin() as conn:
        merged = merge_claims(
            conn, [[c["tall_killed"]], [c["homs_cumulative"]]], reviewer="amira", reason="same"
        )
        with pytest.raises(ReviewError, match="different outcomes"):
            merge_claims(conn, [[c["tall_killed"]], [c["tall_injured"]]], reviewer="a", reason="x")
        with pytest.raises(ReviewError, match="unknown claim"):
            split_claims(conn, [[c["tall_killed"]], ["c-nope"]], reviewer="a", reason="x")
        with pytest.raises(ReviewError, match="needs a reason"):
            split_claims(
                conn, [[c["tall_killed"]], [c["homs_cumulative"]]], reviewer="a", reason=""
            )
        split = split_claims(
            conn, [[c["tall_killed"]], [c["homs_cumulative"]]], reviewer="amira", reason="differ"
        )
        revoke_override(conn, merged.id, reviewer="amira", reason="mistake")
    with engine.connect() as conn:
        assert [o.id for o in active_overrides(conn)] == [split.id]
        actions = [e.action for e in iter_entries(conn)]
    assert actions == ["event.merge", "event.split", "event.revoke"]
    assert split.groups == ((c["tall_killed"],), (c["homs_cumulative"],))


def test_review_fingerprint_changes_with_corrections_and_overrides(
    engine: Engine, seeded: Seeded
) -> None:
    from tollwatch.review import review_fingerprint

    c = seeded.claims
    with engine.connect() as conn:
        first = review_fingerprint(conn)
    with engine.begin() as conn:
        review_claim(
            conn,
            c["tall_killed"],
            "corrected",
            reviewer="a",
            reason="x",
            corrected={"best": 12, "high": 13},
        )
    with engine.connect() as conn:
        second = review_fingerprint(conn)
    with engine.begin() as conn:
        review_claim(
            conn, c["tall_killed"], "corrected", reviewer="a", reason="y", corrected={"high": 14}
        )
        split_claims(conn, [[c["tall_killed"]], [c["homs_cumulative"]]], reviewer="a", reason="z")
    with engine.connect() as conn:
        third = review_fingerprint(conn)
    assert len({first, second, third}) == 3
