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


def _toll(
    rid: str, best: int, where: PlaceRef | None, *, revision: bool = True, on: str = "2026-02-06"
) -> Claim:
    c = claim(rid, best, category=UNK, where=where, when=day(on), quote=f"{best} toll")
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


# -- one incident retold: vague places and dates (rule 3.8) ----------------------------------

HALL = place("Kerrin", "test:kerrin", 13.6, 25.3, "SD", "55", "North Darfur")
SUBURB = place("Dalmo", "test:dalmo", 13.75, 25.4, "SD", "55", "North Darfur")  # ~20 km
FAR = place("Tawil", "test:tawil", 12.0, 23.0, "SD", "53", "West Darfur")
STATE = place("North Darfur", "test:north-darfur", 14.0, 25.0, "SD", "55", "North Darfur", 4)
COUNTRY = place("Sudan", "test:sudan", 15.0, 30.0, "SD", "", "", 6)


def _undated(rid: str, best: int, where: PlaceRef | None, quote: str) -> Claim:
    return claim(rid, best, category=UNK, where=where, quote=quote)


def _stream() -> tuple[list[Claim], list[tuple[str, str | None, str | None]]]:
    claims = [
        claim(
            "a", 40, category=UNK, where=HALL, when=day("2026-03-06"), quote="40 dead at the hall"
        ),
        _toll("b", 115, HALL, on="2026-03-06"),
        _toll("h", 145, HALL, on="2026-03-08"),  # dated by the day it was given
        # a page with no date, naming the town; another naming only the country
        _undated("c", 143, HALL, "the toll from the hall attack has reached 143"),
        _undated("d", 145, COUNTRY, "the attack at the Kerrin hall claimed 145 lives"),
        # the town next door, giving the investigators' early figure
        _undated("e", 40, SUBURB, "investigators counted 40 dead"),
        # the state, dated by its words to the same night
        claim(
            "f",
            133,
            category=UNK,
            where=STATE,
            when=day("2026-03-06"),
            quote="133 dead at the Kerrin hall",
        ),
        # an anniversary feature a year later, country only, no date in its words
        claim("g", 145, category=UNK, where=COUNTRY, quote="a year after the 145 were killed"),
    ]
    reports: list[tuple[str, str | None, str | None]] = [
        ("a", "2026-03-06", "A"),
        ("b", "2026-03-07", "B"),
        ("c", None, "C"),
        ("d", None, "D"),
        ("e", None, "E"),
        ("f", "2026-03-07", "F"),
        ("g", "2027-03-06", "G"),
        ("h", "2026-03-08", "H"),
    ]
    return claims, reports


def _run_undated(
    claims: list[Claim], reports: list[tuple[str, str | None, str | None]]
) -> tuple[Reconciliation, dict]:  # type: ignore[type-arg]
    from datetime import date

    from tollwatch.reconcile import ReportInfo

    infos = {
        rid: ReportInfo(rid, date.fromisoformat(pub) if pub else None, src)
        for rid, pub, src in reports
    }
    rec = reconcile(claims, infos)
    return rec, tolls_json(tally(rec.events, rec.scopes)[0])


def test_copies_of_one_incident_at_other_places_and_dates_are_one_event() -> None:
    claims, reports = _stream()
    rec, tolls = _run_undated(claims, reports)
    assert len(rec.events) == 1
    # the feature's 145 carries the toll on; the undated 145 may be its newest count too;
    # the undated 143 is below it: an earlier figure
    assert _killed(tolls) == (145, 145, 145)
    roles = {n.report_id: n.role for n in rec.events[0].notes}
    assert roles["c"] == "superseded" and roles["d"] == roles["g"] == "figure"
    reasons = " ".join(n.reason for n in rec.events[0].notes)
    assert "one incident retold" in reasons


def test_retellings_do_not_depend_on_claim_ids() -> None:
    claims, reports = _stream()
    first = _run_undated(claims, reports)[1]
    names = dict(zip("abcdefgh", "hgfedcba", strict=True))
    renamed = [replace(c, report_id=names[c.report_id]).with_id() for c in claims]
    again = _run_undated(renamed, [(names[r], p, s) for r, p, s in reports])[1]
    assert _killed(again) == _killed(first)


def test_a_vague_figure_that_fits_two_incidents_joins_neither() -> None:
    claims = [
        claim("a", 30, category=UNK, where=HALL, when=day("2026-03-06")),
        claim("b", 30, category=UNK, where=FAR, when=day("2026-03-06")),
        _undated("c", 30, COUNTRY, "30 people were killed in the attack"),
    ]
    rec, _ = _run_undated(
        claims, [("a", "2026-03-06", "A"), ("b", "2026-03-06", "B"), ("c", None, "C")]
    )
    assert len(rec.events) == 3
    assert "ambiguous_match" in {f.kind for f in rec.flags}


def test_far_apart_stated_dates_and_distant_sites_stay_two_incidents() -> None:
    claims = [
        claim("a", 30, category=UNK, where=HALL, when=day("2026-03-06")),
        claim("b", 30, category=UNK, where=STATE, when=day("2026-03-20")),  # stated, 14 days on
        claim("c", 30, category=UNK, where=FAR, when=day("2026-03-06")),  # another site
    ]
    rec, tolls = _run(
        claims, ("a", "2026-03-06", "A"), ("b", "2026-03-21", "B"), ("c", "2026-03-06", "C")
    )
    assert len(rec.events) == 3
    assert _killed(tolls) == (90, 90, 90)


def test_a_wildly_different_count_is_another_incident() -> None:
    claims = [
        claim("a", 140, category=UNK, where=HALL, when=day("2026-03-06")),
        claim("b", 5, category=UNK, where=STATE, when=day("2026-03-06")),
    ]
    rec, tolls = _run(claims, ("a", "2026-03-06", "A"), ("b", "2026-03-07", "B"))
    assert len(rec.events) == 2
    assert _killed(tolls) == (145, 145, 145)


def test_a_late_report_far_below_the_toll_is_not_a_retelling() -> None:
    # within days, nine beside a running toll of 30 could be its early count; two months
    # later, with no date and no figure of the incident, it is another incident
    claims = [
        _toll("a", 30, HALL, on="2026-03-06"),
        claim("b", 9, category=UNK, where=STATE, quote="nine were killed at the Kerrin hall"),
    ]
    rec, _ = _run(claims, ("a", "2026-03-06", "A"), ("b", "2026-05-01", "B"))
    assert len(rec.events) == 2
    rec, _ = _run(claims, ("a", "2026-03-06", "A"), ("b", "2026-03-07", "B"))
    assert len(rec.events) == 1


def test_a_running_toll_given_the_next_day_at_the_same_place_is_the_same_incident() -> None:
    update = replace(
        claim("b", 61, category=UNK, where=HALL, when=day("2026-03-07")),
        scope=Scope.INCIDENT_TOLL,
        revision=True,
    ).with_id()
    claims = [claim("a", 40, category=UNK, where=HALL, when=day("2026-03-06")), update]
    rec, tolls = _run(claims, ("a", "2026-03-06", "A"), ("b", "2026-03-07", "B"))
    assert len(rec.events) == 1
    assert _killed(tolls) == (61, 61, 61)


def test_plain_figures_at_one_place_on_two_days_stay_two_incidents() -> None:
    claims = [
        claim("a", 4, category=UNK, where=HALL, when=day("2026-03-06")),
        claim("b", 6, category=UNK, where=HALL, when=day("2026-03-07")),
    ]
    rec, tolls = _run(claims, ("a", "2026-03-06", "A"), ("b", "2026-03-07", "B"))
    assert len(rec.events) == 2
    assert _killed(tolls) == (10, 10, 10)


def test_a_figure_placed_only_in_the_country_with_nothing_tying_it_stays_apart() -> None:
    claims = [
        claim("a", 30, category=UNK, where=HALL, when=day("2026-03-06")),
        _undated("b", 28, COUNTRY, "28 people were killed in an attack"),
    ]
    rec, tolls = _run_undated(claims, [("a", "2026-03-06", "A"), ("b", None, "B")])
    assert len(rec.events) == 2
    assert _killed(tolls) == (58, 58, 58)
