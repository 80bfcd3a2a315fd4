"""One incident told many ways: running tolls of one incident across reports, copies and
later retellings (docs/reconciliation.md, rules 3.1 and 3.5). Claims are written for each
test in our own words; places are invented."""

from __future__ import annotations

from dataclasses import replace
from itertools import permutations

from reconcile_kit import UNK, claim, day, place, report

from tollwatch.models import Claim, PlaceRef, Qualifier, Scope
from tollwatch.reconcile import Reconciliation, reconcile, tally, tolls_json

TOWN = place("Kerrin", "test:kerrin", 13.6, 25.3, "SD", "55", "North Darfur")


def _run(claims: list[Claim], *reports: tuple[str, str, str | None]) -> tuple[Reconciliation, dict]:  # type: ignore[type-arg]
    infos = {rid: report(rid, pub, src) for rid, pub, src in reports}
    rec = reconcile(claims, infos)
    return rec, tolls_json(tally(rec.events, rec.scopes)[0])


def _killed(tolls: dict) -> tuple[int, int, int]:  # type: ignore[type-arg]
    r = tolls["killed"]["total"]
    return r["low"], r["best"], r["high"]


def _toll(rid: str, best: int, where: PlaceRef | None, *, revision: bool = True) -> Claim:
    c = claim(rid, best, category=UNK, where=where, when=day("2026-02-06"), quote=f"{best} toll")
    return replace(c, scope=Scope.INCIDENT_TOLL, revision=revision).with_id()


def test_a_site_named_by_any_claim_of_an_incident_matches_whatever_the_claim_ids() -> None:
    # the camp's name is in one claim of the incident, the town's in another; an update that
    # names only the camp joins whichever claim sorts first (the ids follow the report ids)
    camp = replace(TOWN, mention="Dabo camp")
    near = replace(TOWN, precision=2)
    for first, second, third in permutations("abcdx", 3):
        claims = [
            claim(first, 11, category=UNK, where=camp, when=day("2026-02-06")),
            _toll(second, 17, PlaceRef(mention="Dabo camp"), revision=False),
            _toll(third, 19, near),
        ]
        rec, tolls = _run(
            claims,
            (first, "2026-02-07", "A"),
            (second, "2026-02-08", "B"),
            (third, "2026-02-10", "C"),
        )
        assert _killed(tolls) == (19, 19, 19), (first, second, third)
        assert len(rec.events) == 1


def test_a_later_bulletin_at_least_the_running_toll_carries_it_on() -> None:
    claims = [
        claim("a", 11, category=UNK, where=TOWN, when=day("2026-02-06")),
        _toll("b", 18, TOWN),
        claim("c", 22, where=TOWN, when=day("2026-02-06")),  # no revision cue, two days later
    ]
    rec, tolls = _run(
        claims, ("a", "2026-02-07", "A"), ("b", "2026-02-08", "B"), ("c", "2026-02-10", "C")
    )
    assert _killed(tolls) == (22, 22, 22)  # never 18 (a median of 18 and 22), nor 51
    roles = {n.report_id: n.role for n in rec.events[0].notes}
    assert roles == {"a": "superseded", "b": "superseded", "c": "figure"}


def test_a_later_lower_figure_with_no_cue_is_an_old_figure_retold() -> None:
    claims = [
        claim("a", 15, category=UNK, where=TOWN, when=day("2026-02-06")),
        _toll("b", 34, TOWN),
        claim("c", 15, where=TOWN, when=day("2026-02-06"), quote="the attack that killed 15"),
    ]
    rec, tolls = _run(
        claims, ("a", "2026-02-06", "A"), ("b", "2026-02-08", "B"), ("c", "2027-02-06", "C")
    )
    assert _killed(tolls) == (34, 34, 34)
    roles = {n.report_id: n.role for n in rec.events[0].notes}
    assert roles == {"a": "superseded", "b": "figure", "c": "superseded"}


def test_plain_later_reports_without_a_running_toll_still_give_a_range() -> None:
    claims = [
        claim("a", 12, where=TOWN, when=day("2026-02-06"), qualifier=Qualifier.ABOUT),
        claim("b", 20, where=TOWN, when=day("2026-02-06")),
    ]
    _, tolls = _run(claims, ("a", "2026-02-06", "A"), ("b", "2026-02-09", "B"))
    assert _killed(tolls) == (12, 12, 20)


STORY = (
    "Armed men killed eight farmers in Kerrin on Saturday, a local association said on Sunday, "
    "and several families fled towards the river"
)


def test_a_republished_copy_citing_the_outlet_weeks_later_is_the_same_story() -> None:
    copy = "(Republished from Kerrin Morning Star, 6 February 2026) " + STORY
    claims = [
        claim("a", 8, where=TOWN, when=day("2026-02-07"), quote=STORY),
        claim("b", 8, where=TOWN, when=day("2026-02-08"), quote=copy),  # dated a day late
    ]
    rec, tolls = _run(
        claims, ("a", "2026-02-08", "Kerrin Morning Star"), ("b", "2026-03-06", "Digest Hub")
    )
    assert _killed(tolls) == (8, 8, 8)
    roles = sorted(n.role for e in rec.events for n in e.notes)
    assert roles == ["copy", "figure"]


def test_naming_an_outlet_weeks_later_in_other_words_is_not_a_copy() -> None:
    other = "Kerrin Morning Star reported eight deaths at a second farm, near the hills"
    claims = [
        claim("a", 8, where=TOWN, when=day("2026-02-07"), quote=STORY),
        claim("b", 8, where=TOWN, when=day("2026-03-04"), quote=other),
    ]
    _, tolls = _run(
        claims, ("a", "2026-02-08", "Kerrin Morning Star"), ("b", "2026-03-06", "Digest Hub")
    )
    assert _killed(tolls) == (16, 16, 16)
