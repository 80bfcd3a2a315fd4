"""Hypothesis properties of reconcile: order, duplicates, and no toll below its claims."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reconcile_kit import PLACES, report

from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    DateRange,
    Outcome,
    PlaceRef,
    Qualifier,
    Scope,
)
from tollwatch.reconcile import ReportInfo, claim_range, reconcile, tally, tolls_json

START = date(2025, 6, 10)
WHERES = [PLACES[n] for n in ("Konduga", "Bama", "Mubi", "Borno", "Baniyas")] + [
    PlaceRef(),
    PlaceRef(mention="Konduga"),
]
REPORTS = {
    f"r{i}": report(f"r{i}", str(START + timedelta(days=i % 5)), ("NECM", "Wire", None)[i % 3])
    for i in range(8)
}


@st.composite
def claims_st(draw: st.DrawFn) -> Claim:
    rid = draw(st.sampled_from(sorted(REPORTS)))
    scope = draw(st.sampled_from([Scope.INCIDENT, Scope.INCIDENT, Scope.CUMULATIVE]))
    # 20 and 40 come often, so parts of a breakdown (part_of) often find their total
    best = draw(st.one_of(st.integers(1, 80), st.sampled_from([20, 40])))
    part_of = draw(st.sampled_from([None, None, None, 20, 40]))
    qualifier = draw(st.sampled_from(list(Qualifier)))
    low, high = best, best
    if qualifier in (Qualifier.RANGE, Qualifier.VAGUE):
        low = draw(st.integers(0, best))
        high = draw(st.integers(best, best + 50))
    dated = draw(st.sampled_from(["day", "since", "none"]))
    offset = draw(st.integers(0, 4))
    d = START + timedelta(days=offset)
    when = {
        "day": DateRange(d, d, DatePrecision.DAY),
        "since": DateRange(START, None, DatePrecision.DAY),
        "none": DateRange(),
    }[dated]
    c = Claim(
        report_id=rid,
        outcome=draw(st.sampled_from([Outcome.KILLED, Outcome.KILLED, Outcome.INJURED])),
        low=low,
        best=best,
        high=high,
        qualifier=qualifier,
        start=draw(st.integers(0, 5)) * 10,
        end=0,
        quote=f"{best} people",
        category=draw(st.sampled_from(list(Category))),
        place=draw(st.sampled_from(WHERES)),
        date=when,
        attributed_to=draw(st.sampled_from([None, "NECM", "a monitoring group"])),
        scope=scope,
        part_of=part_of,
        extractor_version="prop",
    )
    return c.with_id()


def _tolls(claims: list[Claim], reports: dict[str, ReportInfo]) -> dict[str, object]:
    rec = reconcile(claims, reports)
    tolls, _ = tally(rec.events, rec.scopes)
    return {"tolls": tolls_json(tolls), "events": [e.id for e in rec.events]}


SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(claims_st(), max_size=25), st.randoms(use_true_random=False))
def test_properties_order_never_changes_tolls(claims: list[Claim], rnd: object) -> None:
    shuffled = list(claims)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _tolls(shuffled, REPORTS) == _tolls(claims, REPORTS)


@SETTINGS
@given(st.lists(claims_st(), max_size=25), st.sets(st.sampled_from(sorted(REPORTS))))
def test_properties_duplicate_report_never_changes_tolls(
    claims: list[Claim], copied: set[str]
) -> None:
    reports = dict(REPORTS)
    extra = []
    for rid in copied:
        reports[rid + "copy"] = replace(REPORTS[rid], id=rid + "copy")
        extra += [
            replace(c, report_id=rid + "copy").with_id() for c in claims if c.report_id == rid
        ]
    once = _tolls(claims, REPORTS)
    twice = _tolls(claims + extra, reports)
    assert twice == once
    # and the very same report stored twice (same ids) changes nothing either
    assert _tolls(claims + claims, REPORTS) == once


@SETTINGS
@given(st.lists(claims_st(), min_size=1, max_size=25))
def test_properties_toll_never_below_largest_credible_claim(claims: list[Claim]) -> None:
    """No figure is lost silently: a toll is at least every claim it counts, unless a running
    toll that contains the claim's incident is kept over it and the gap is flagged."""
    rec = reconcile(claims, REPORTS)
    tolls = tolls_json(tally(rec.events, rec.scopes)[0])
    by_id = {c.id: c for c in claims}
    conflicted = {f.subject_id for f in rec.flags if f.kind == "coverage_conflict"}
    counted: set[str] = {
        n.claim_id
        for e in rec.events
        if e.scope_id not in conflicted
        for n in e.notes
        if n.role in ("figure", "total")
    }
    used_series = {
        m.claim_id for s in rec.series for m in s.members if m.role in ("latest", "peak")
    }
    for cid in counted | used_series:
        c = by_id[cid]
        r = claim_range(c)
        assert r is not None
        assert tolls[c.outcome.value]["total"]["high"] >= r.best, (c, tolls)
    for s in rec.series:  # a running toll's figure is never cut by containment
        if s.category != Category.UNKNOWN:
            assert tolls[s.outcome.value][s.category.value]["best"] >= s.value.best
    for e in rec.events:  # nor an incident's, in its own category, unless flagged
        if e.event.category != Category.UNKNOWN and e.scope_id not in conflicted:
            assert tolls[e.event.outcome.value][e.event.category.value]["best"] >= (
                e.event.best or 0
            )
