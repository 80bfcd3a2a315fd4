"""A total and its breakdown are one figure; categories stated apart are other people.

Claims written for these rules, in our own words (invented places).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reconcile_kit import CIV, CUM, NSA, SF, UNK, claim, place, report, since

from tollwatch.models import Claim, DatePrecision, DateRange, Qualifier, Scope
from tollwatch.reconcile import Reconciliation, reconcile, tally, tolls_json

TOWN = place("Kerrin", "test:kerrin", 13.6, 25.3, "SD", "55", "North Darfur")
PROVINCE = place("Lowlands", "test:lowlands", 13.4, 25.0, "SD", "55", "North Darfur", 4)
DAY = DateRange(date(2026, 3, 7), date(2026, 3, 7), DatePrecision.DAY)


def _run(claims: list[Claim], *reports: tuple[str, str, str | None]) -> tuple[Reconciliation, dict]:  # type: ignore[type-arg]
    infos = {rid: report(rid, pub, src) for rid, pub, src in reports}
    rec = reconcile(claims, infos)
    return rec, tolls_json(tally(rec.events, rec.scopes)[0])


def _best(tolls: dict, cat: str = "total") -> int | None:  # type: ignore[type-arg]
    r = tolls["killed"][cat]
    return None if r is None else r["best"]


def _part(c: Claim, of: int) -> Claim:
    return replace(c, part_of=of).with_id()


def _sentence(rid: str, total: int, parts: list[tuple[int, object]], **kw: object) -> list[Claim]:
    """One sentence: a total (category unknown) and its parts, sharing its span."""
    head = claim(rid, total, category=UNK, quote=f"{total} killed, among them ...", **kw)  # type: ignore[arg-type]
    return [head] + [
        _part(claim(rid, n, category=cat, quote=head.quote, **kw), total)  # type: ignore[arg-type]
        for n, cat in parts
    ]


def test_breakdown_one_named_group_inside_a_total_sets_its_category_only() -> None:
    # "21 killed on the road, 13 soldiers among them": 21 in all, state forces 13, 8 unknown
    rec, tolls = _run(
        _sentence("a", 21, [(13, SF)], where=TOWN, when=DAY), ("a", "2026-03-08", "Radio A")
    )
    assert (_best(tolls), _best(tolls, "state_forces"), _best(tolls, "unknown")) == (21, 13, 8)
    reasons = [n.reason for e in rec.events for n in e.notes]
    assert any("one part of the total 21" in r for r in reasons)


def test_breakdown_parts_of_one_category_add_up_inside_the_total() -> None:
    # "30 dead: 10 soldiers, 5 police officers and 15 villagers": state forces 15, not 10
    claims = _sentence("a", 30, [(10, SF), (5, SF), (15, CIV)], where=TOWN, when=DAY)
    rec, tolls = _run(claims, ("a", "2026-03-08", "Radio A"))
    assert (_best(tolls), _best(tolls, "state_forces"), _best(tolls, "civilians")) == (30, 15, 15)
    assert _best(tolls, "unknown") == 0
    roles = sorted(n.role for e in rec.events for n in e.notes)
    assert "part" in roles


def test_breakdown_of_a_running_toll_adds_parts_of_one_category() -> None:
    # a monitor: "64 killed in the province since 2 March: 20 and 30 fighters of two groups,
    # 14 civilians": non-state armed 50, civilians 14, total 64 (not 30, not 128)
    when = since("2026-03-02")
    claims = _sentence(
        "m", 64, [(20, NSA), (30, NSA), (14, CIV)], where=PROVINCE, when=when, scope=CUM
    )
    rec, tolls = _run(claims, ("m", "2026-03-10", "Lowlands Monitor"))
    assert _best(tolls, "non_state_armed") == 50
    assert _best(tolls, "civilians") == 14
    assert _best(tolls) == 64
    reasons = [m.reason for s in rec.series for m in s.members]
    assert any("20 + 30 = 50" in r for r in reasons)


def test_breakdown_without_a_day_joins_the_incident_with_its_total() -> None:
    # Saturday: "a dozen, four soldiers among them"; Sunday (no date in the words): "19 died:
    # 4 soldiers and 15 civilians"; Monday: "now 22". One incident: total 22, soldiers 4.
    sat = _sentence(
        "a", 12, [(4, SF)], where=TOWN, when=DAY, qualifier=Qualifier.VAGUE, low=10, high=14
    )
    sun = _sentence("b", 19, [(4, SF), (15, CIV)], where=TOWN)
    mon = replace(
        claim("c", 22, category=UNK, where=TOWN, when=DAY, quote="now stands at 22"),
        scope=Scope.INCIDENT_TOLL,
        revision=True,
    ).with_id()
    _, tolls = _run(
        [*sat, *sun, mon],
        ("a", "2026-03-07", "Radio A"),
        ("b", "2026-03-08", "Radio B"),
        ("c", "2026-03-09", "Monitor C"),
    )
    assert (_best(tolls), _best(tolls, "state_forces"), _best(tolls, "civilians")) == (22, 4, 15)


def test_breakdown_unknown_figure_stated_apart_from_a_category_is_other_people() -> None:
    # one sentence: "the army said the 12 men it killed were all fighters, and that one of its
    # soldiers died"; another report: 12 killed. The 12 and the soldier add: 13, not 12 or 24.
    army = [
        claim("b", 12, category=UNK, where=TOWN, when=DAY, span=0),
        replace(claim("b", 1, category=SF, where=TOWN, when=DAY, span=0), end=40).with_id(),
    ]
    other = claim("a", 12, category=UNK, where=TOWN, when=DAY)
    rec, tolls = _run([*army, other], ("a", "2026-03-07", "Wire A"), ("b", "2026-03-08", "Wire B"))
    assert (_best(tolls), _best(tolls, "state_forces"), _best(tolls, "unknown")) == (13, 1, 12)
    assert tolls["killed"]["total"]["high"] == 13
    reasons = [n.reason for e in rec.events for n in e.notes]
    assert any("stated apart from the state_forces" in r for r in reasons)


def test_breakdown_unknown_figure_of_another_sentence_is_still_read_as_the_category() -> None:
    # different sentences: "5 soldiers were killed" ... "the attack killed 6": one category
    claims = [
        claim("a", 5, category=SF, where=TOWN, when=DAY, span=0),
        claim("a", 6, category=UNK, where=TOWN, when=DAY, span=100),
    ]
    _, tolls = _run(claims, ("a", "2026-03-08", "Wire A"))
    assert (_best(tolls), _best(tolls, "state_forces")) == (6, 6)


def test_breakdown_part_without_its_total_stands_on_its_own() -> None:
    # the total was left out (unverified): its part is an ordinary figure of its category
    _total, part = _sentence("a", 40, [(9, CIV)], where=TOWN, when=DAY)
    _, tolls = _run([part], ("a", "2026-03-08", "Wire A"))
    assert (_best(tolls), _best(tolls, "civilians")) == (9, 9)
