"""Running tolls of one area told by many outlets over months: alternative counts of the same
people, never a sum (issue 12). Claims written for these tests, places invented."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reconcile_kit import CUM, UNK, claim, day, place, since

from tollwatch.models import Claim, DatePrecision, DateRange, PlaceRef
from tollwatch.reconcile import Reconciliation, ReportInfo, reconcile, tally, tolls_json

TOWN = place("Kerrin", "test:kerrin", 13.6, 25.3, "SD", "55", "North Darfur")
OTHER = place("Dalmo", "test:dalmo", 13.0, 24.1, "SD", "55", "North Darfur")
PROVINCE = place("Lowlands", "test:lowlands", 13.4, 25.0, "SD", "55", "North Darfur", 4)


def _run(claims: list[Claim], *reports: tuple[str, str | None, str]) -> tuple[Reconciliation, dict]:  # type: ignore[type-arg]
    infos = {
        rid: ReportInfo(rid, date.fromisoformat(pub) if pub else None, src)
        for rid, pub, src in reports
    }
    rec = reconcile(claims, infos)
    return rec, tolls_json(tally(rec.events, rec.scopes)[0])


def _killed(tolls: dict) -> tuple[int, int, int]:  # type: ignore[type-arg]
    r = tolls["killed"]["total"]
    return r["low"], r["best"], r["high"]


def _toll(rid: str, best: int, **kw: object) -> Claim:
    return claim(rid, best, category=UNK, scope=CUM, **kw)  # type: ignore[arg-type]


def test_undated_toll_of_an_area_joins_its_dated_scope() -> None:
    # a page with no date says 52 for the province: one more count of the same people
    claims = [
        _toll("a", 40, where=PROVINCE, when=since("2026-01-01")),
        _toll("b", 55, where=PROVINCE, when=since("2026-01-01")),
        _toll("c", 52, where=PROVINCE),
    ]
    rec, tolls = _run(claims, ("a", "2026-01-20", "Wire A"), ("b", "2026-02-20", "Paper B"),
                      ("c", None, "Blog C"))  # fmt: skip
    assert _killed(tolls) == (40, 55, 55)  # never 55 + 52
    assert len([s for s in rec.scopes if s.outcome.value == "killed"]) == 1


def test_undated_toll_joins_one_dated_scope_and_never_links_two() -> None:
    # the province counted in January and, apart, in a later year: an undated 30 joins one
    claims = [
        _toll("a", 40, where=PROVINCE, when=since("2026-01-01")),
        _toll("b", 44, where=PROVINCE, when=since("2026-01-02")),
        _toll("c", 12, where=PROVINCE, when=since("2027-06-01")),
        _toll("d", 30, where=PROVINCE),
    ]
    rec, tolls = _run(claims, ("a", "2026-01-20", "Wire A"), ("b", "2026-01-25", "Paper B"),
                      ("c", "2027-06-10", "Wire A"), ("d", None, "Blog D"))  # fmt: skip
    assert len(rec.scopes) == 2
    assert _killed(tolls)[1] == 44 + 12


def test_a_count_that_only_grew_after_a_long_silence_is_the_same_toll() -> None:
    # "142 so far" in July, "219 so far" the next February: one count, 219 (not 361)
    grew = [
        _toll("a", 142, where=PROVINCE, when=day("2026-07-04"), quote="142 killed so far"),
        _toll("b", 219, where=PROVINCE, when=day("2027-02-28"), quote="219 killed so far"),
    ]
    _, tolls = _run(grew, ("a", "2026-07-10", "Office"), ("b", "2027-02-28", "Office"))
    assert _killed(tolls) == (219, 219, 219)
    # a count below the earlier one after the silence is a new count: they add up
    fell = [
        _toll("a", 142, where=PROVINCE, when=day("2026-07-04"), quote="142 killed so far"),
        _toll("b", 30, where=PROVINCE, when=day("2027-02-28"), quote="30 killed so far"),
    ]
    _, tolls = _run(fell, ("a", "2026-07-10", "Office"), ("b", "2027-02-28", "Office"))
    assert _killed(tolls)[1] == 172


def test_toll_naming_no_place_speaks_for_the_province_not_the_story_town() -> None:
    # one paper's "nearly 200 killed in the conflict" in a story about one town, and its "more
    # than 180" in a story about another: the same province-wide count, 200 (not 380)
    at = {k: replace(p, mention=None, link="lede") for k, p in (("town", TOWN), ("other", OTHER))}
    claims = [
        _toll("a", 180, where=at["other"], when=since("2026-01-01")),
        _toll("b", 200, where=at["town"], when=since("2026-01-01")),
        _toll("c", 150, where=PROVINCE, when=since("2026-01-01")),
    ]
    rec, tolls = _run(claims, ("a", "2026-03-01", "Paper P"), ("b", "2026-04-01", "Paper P"),
                      ("c", "2026-02-01", "Monitor M"))  # fmt: skip
    assert _killed(tolls) == (150, 200, 200)
    assert {s.region.level for s in rec.series} == {"admin1"}
    # a toll whose own clause names the town still speaks for the town
    named = [_toll("a", 9, where=TOWN, when=since("2026-01-01"))]
    rec, _ = _run(named, ("a", "2026-03-01", "Paper P"))
    assert rec.series[0].region.level == "place"


def test_one_source_has_one_name_whatever_area_it_counts() -> None:
    office = {"source_entity": "gov:lowlands"}
    claims = [
        replace(_toll("a", 98, where=PROVINCE, when=since("2026-01-01"),
                      attributed_to="the governor"), **office).with_id(),
        replace(_toll("b", 21, where=TOWN, when=since("2026-01-01"),
                      attributed_to="the state government"), **office).with_id(),
    ]  # fmt: skip
    rec, tolls = _run(claims, ("a", "2026-03-01", "Paper P"), ("b", "2026-03-02", "Wire W"))
    assert len({s.source for s in rec.series}) == 1
    assert _killed(tolls)[1] == 98  # the town's 21 is inside the province's 98


def test_place_ref_without_words_keeps_country_level() -> None:
    # a placeless toll of no resolved place is not widened into a unit it has none of
    country = PlaceRef(country="SD")
    rec, _ = _run([_toll("a", 5, where=country, when=since("2026-01-01"))],
                  ("a", "2026-03-01", "Paper P"))  # fmt: skip
    assert rec.series[0].region.level == "country"


def test_count_since_an_undated_start_reaches_back_to_the_other_tolls() -> None:
    # "since the start of the clashes" with no date, told months after the others' last word:
    # the same people, 400 (not 300 + 400)
    open_start = DateRange(None, date(2026, 9, 1), DatePrecision.PERIOD,
                           expression="since the start of the clashes")  # fmt: skip
    claims = [
        _toll("a", 250, where=PROVINCE, when=since("2026-01-01")),
        _toll("b", 300, where=PROVINCE, when=since("2026-01-01")),
        _toll("c", 400, where=PROVINCE, when=open_start),
    ]
    rec, tolls = _run(claims, ("a", "2026-03-01", "Wire A"), ("b", "2026-06-01", "Paper B"),
                      ("c", "2026-09-01", "Paper C"))  # fmt: skip
    assert _killed(tolls)[1] == 400
    assert len(rec.scopes) == 1


def test_clause_place_counts_only_when_the_toll_names_it() -> None:
    # placed from its clause: the town stays when the words name it, else the province
    town = replace(TOWN, mention=None, link="clause")
    named = _toll("a", 51, where=town, when=since("2026-01-01"), quote="51 killed in Kerrin")
    unnamed = _toll("b", 60, where=town, when=since("2026-01-01"), quote="60 killed since January")
    rec, _ = _run([named, unnamed], ("a", "2026-03-01", "Paper P"), ("b", "2026-03-01", "Wire W"))
    levels = {s.source: s.region.level for s in rec.series}
    assert levels == {"Paper P": "place", "Wire W": "admin1"}


def test_a_monitor_silent_for_months_is_not_the_low() -> None:
    # an army's 54 in the first week, two monitors' 210 and 225 a year on: low 210, not 54
    claims = [
        _toll("a", 54, where=PROVINCE, when=since("2026-01-01")),
        _toll("b", 210, where=PROVINCE, when=since("2026-01-01")),
        _toll("c", 225, where=PROVINCE, when=since("2026-01-01")),
    ]
    _, tolls = _run(claims, ("a", "2026-01-07", "Army"), ("b", "2026-12-20", "Monitor B"),
                    ("c", "2027-01-02", "Monitor C"))  # fmt: skip
    assert _killed(tolls) == (210, 225, 225)


def test_two_letters_the_gazetteer_does_not_know_are_no_area() -> None:
    # "ST" (a status, not a place) gives the toll no named area: it counts for the country
    st = PlaceRef(mention="ST", country="SD")
    claims = [
        _toll("a", 300, where=PROVINCE, when=since("2026-01-01")),
        _toll("b", 100, where=st, when=since("2026-01-01")),
    ]
    rec, tolls = _run(claims, ("a", "2026-03-01", "Paper P"), ("b", "2026-03-02", "Wire W"))
    assert {s.region.level for s in rec.series} == {"admin1", "country"}
    assert _killed(tolls)[1] == 300
