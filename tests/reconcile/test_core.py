"""The pure core on hand-built claims mirroring the sample corpus and the shared example."""

from __future__ import annotations

import pytest
from reconcile_kit import (
    CIV,
    CUM,
    NSA,
    SF,
    UNK,
    claim,
    coastal_example,
    day,
    report,
    sample_corpus,
    since,
)

from tollwatch.models import Outcome, Qualifier
from tollwatch.reconcile import reconcile, tally, tolls_json


def _tolls(claims, reports):  # type: ignore[no-untyped-def]
    rec = reconcile(claims, reports)
    tolls, _ = tally(rec.events, rec.scopes)
    return rec, tolls_json(tolls)


def test_core_running_toll_gives_latest_not_sum() -> None:
    reports = {
        r.id: r
        for r in [report("a", "2025-06-11"), report("b", "2025-06-12"), report("c", "2025-06-14")]
    }
    claims = [
        claim(rid, n, where="Borno", when=since("2025-06-10"), scope=CUM, attributed_to="NECM")
        for rid, n in (("a", 30), ("b", 52), ("c", 57))
    ]
    _, tolls = _tolls(claims, reports)
    assert tolls["killed"]["civilians"] == {"low": 57, "best": 57, "high": 57}
    assert tolls["killed"]["total"]["best"] == 57


@pytest.mark.parametrize(
    ("category", "best"),
    [
        ("civilians", 63),
        ("state_forces", 12),
        ("non_state_armed", 20),
        ("unknown", 0),
        ("total", 95),
    ],
)
def test_core_sample_corpus_tolls(category: str, best: int) -> None:
    _, tolls = _tolls(*sample_corpus())
    assert tolls["killed"][category]["best"] == best


def test_core_sample_incident_a_is_one_event() -> None:
    rec, _ = _tolls(*sample_corpus())
    konduga = [
        e for e in rec.events
        if e.event.place.name == "Konduga" and e.event.outcome == Outcome.KILLED
    ]  # fmt: skip
    assert len(konduga) == 1
    ev = konduga[0].event
    assert (ev.low, ev.best, ev.high) == (18, 20, 21)
    assert len(ev.claim_ids) == 3
    assert konduga[0].scope_id is not None  # inside NECM's Borno toll


def test_core_coastal_example_tolls() -> None:
    rec, tolls = _tolls(*coastal_example())
    killed = tolls["killed"]
    assert [killed[c]["best"] for c in ("civilians", "state_forces", "non_state_armed")] == [
        745, 125, 148,
    ]  # fmt: skip
    assert killed["total"]["best"] == 1018
    covered = {e.event.place.name for e in rec.events if e.scope_id is not None}
    assert covered == {"Tuwaym", "Baniyas"}
    assert all(e.cover_reason for e in rec.events)


def test_core_incidents_outside_running_toll_add_up() -> None:
    reports = {r.id: r for r in [report("m", "2025-06-14", "NECM"), report("x", "2025-06-14")]}
    claims = [
        claim("m", 57, where="Borno", when=since("2025-06-10"), scope=CUM),
        claim("x", 6, where="Mubi", when=day("2025-06-13")),  # Adamawa, outside
        claim("x", 9, where="Konduga", when=day("2025-06-20"), span=30),  # after the bulletin
    ]
    _, tolls = _tolls(claims, reports)
    assert tolls["killed"]["civilians"]["best"] == 57 + 6 + 9


def test_core_covered_incidents_exceeding_toll_keep_the_toll_and_are_flagged() -> None:
    reports = {r.id: r for r in [report("m", "2025-06-14", "NECM"), report("x", "2025-06-12")]}
    claims = [
        claim("m", 10, where="Borno", when=since("2025-06-10"), scope=CUM),
        claim("x", 14, where="Bama", when=day("2025-06-11")),
    ]
    rec, tolls = _tolls(claims, reports)
    assert tolls["killed"]["civilians"]["best"] == 10
    (flag,) = [f for f in rec.flags if f.kind == "coverage_conflict"]
    assert "14" in flag.message and "4 more" in flag.message


def test_core_later_lower_figure_is_flagged_not_used() -> None:
    reports = {r.id: r for r in [report("a", "2025-06-11"), report("b", "2025-06-12")]}
    claims = [
        claim("a", 52, where="Borno", when=since("2025-06-10"), scope=CUM, attributed_to="NECM"),
        claim("b", 40, where="Borno", when=since("2025-06-10"), scope=CUM, attributed_to="NECM"),
    ]
    rec, tolls = _tolls(claims, reports)
    assert tolls["killed"]["civilians"] == {"low": 40, "best": 52, "high": 52}
    assert [f.kind for f in rec.flags] == ["decrease"]


@pytest.mark.parametrize(
    ("second_place", "second_day", "events"),
    [
        ("Konduga", "2025-06-10", 1),  # same place, same day: one incident
        ("Bama", "2025-06-10", 2),  # different places, same day
        ("Konduga", "2025-06-11", 2),  # same place, different days
    ],
)
def test_core_same_place_and_day_make_one_event(
    second_place: str, second_day: str, events: int
) -> None:
    reports = {r.id: r for r in [report("a", "2025-06-11"), report("b", "2025-06-12")]}
    claims = [
        claim("a", 18, where="Konduga", when=day("2025-06-10")),
        claim("b", 21, where=second_place, when=day(second_day)),
    ]
    rec, tolls = _tolls(claims, reports)
    assert len(rec.events) == events
    # one event: the lower median of 18 and 21; two events: both add up
    assert tolls["killed"]["civilians"]["best"] == (18 if events == 1 else 39)


def test_core_unknown_total_beside_categories_is_not_extra() -> None:
    reports = {"r": report("r", "2025-06-13")}
    claims = [
        claim("r", 7, category=SF, where="Gwoza", when=day("2025-06-12")),
        claim("r", 15, category=NSA, where="Gwoza", when=day("2025-06-12"), span=20),
        claim("r", 22, category=UNK, where="Gwoza", when=day("2025-06-12"), span=40),
    ]
    _, tolls = _tolls(claims, reports)
    assert tolls["killed"]["total"]["best"] == 22
    assert tolls["killed"]["unknown"]["best"] == 0


def test_core_claim_without_number_is_excluded() -> None:
    reports = {"r": report("r", "2025-06-13")}
    claims = [claim("r", None, where="Gwoza", when=day("2025-06-12"), qualifier=Qualifier.VAGUE)]
    rec, tolls = _tolls(claims, reports)
    assert rec.events == () and len(rec.excluded) == 1
    assert tolls["killed"]["total"] is None  # "—": nothing known, not 0


def test_core_vague_place_joins_the_only_compatible_incident() -> None:
    reports = {r.id: r for r in [report("a", "2025-06-11"), report("b", "2025-06-12")]}
    claims = [
        claim("a", 18, where="Konduga", when=day("2025-06-10")),
        claim("b", 20, where="Borno", when=day("2025-06-10")),  # "in Borno State" only
    ]
    rec, _ = _tolls(claims, reports)
    assert len(rec.events) == 1 and len(rec.events[0].event.claim_ids) == 2
    assert rec.events[0].event.category == CIV
