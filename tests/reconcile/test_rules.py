"""Issue 12's counting rules, each on claims written for it (our own words, invented places
where the sample gazetteer has none)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reconcile_kit import CIV, CUM, INJ, UNK, claim, day, place, report, since

from tollwatch.models import (
    Claim,
    DatePrecision,
    DateRange,
    PlaceRef,
    Qualifier,
    Reliability,
    Scope,
)
from tollwatch.reconcile import Reconciliation, reconcile, tally, tolls_json

TOWN = place("Kerrin", "test:kerrin", 13.6, 25.3, "SD", "55", "North Darfur")
OTHER = place("Dalmo", "test:dalmo", 13.0, 24.1, "SD", "55", "North Darfur")
PROVINCE = place("Lowlands", "test:lowlands", 13.4, 25.0, "SD", "55", "North Darfur", 4)


def _run(claims: list[Claim], *reports: tuple[str, str, str | None]) -> tuple[Reconciliation, dict]:  # type: ignore[type-arg]
    infos = {rid: report(rid, pub, src) for rid, pub, src in reports}
    rec = reconcile(claims, infos)
    return rec, tolls_json(tally(rec.events, rec.scopes)[0])


def _killed(tolls: dict, cat: str = "total") -> tuple[int, int, int]:  # type: ignore[type-arg]
    r = tolls["killed"][cat]
    return r["low"], r["best"], r["high"]


def _kinds(rec: Reconciliation) -> list[str]:
    return sorted(f.kind for f in rec.flags)


# -- running tolls of one incident supersede ------------------------------------------------


def _toll_update(rid: str, best: int, subject: str, revises: int | None = None) -> Claim:
    return replace(
        claim(rid, best, category=UNK, when=day("2026-02-01"), quote=f"toll of {subject} {best}"),
        scope=Scope.INCIDENT_TOLL,
        subject=subject,
        revision=True,
        revises=revises,
    ).with_id()


def test_rules_running_toll_of_one_incident_ends_at_its_latest_figure() -> None:
    claims = [
        claim(
            "a", 15, category=UNK, where=TOWN, when=day("2026-02-01"), qualifier=Qualifier.AT_LEAST
        ),
        _toll_update("b", 27, "Sunday's shelling of the Kerrin market"),
        _toll_update("c", 34, "the Kerrin market shelling on 1 February"),
    ]
    rec, tolls = _run(
        claims,
        ("a", "2026-02-01", "Wire A"),
        ("b", "2026-02-02", "Radio B"),
        ("c", "2026-02-04", "Paper C"),
    )
    assert len(rec.events) == 1
    assert _killed(tolls) == (34, 34, 34)  # never 15 + 27 + 34, nor a median of the history
    roles = {n.report_id: n.role for n in rec.events[0].notes}
    assert roles == {"a": "superseded", "b": "superseded", "c": "figure"}


def test_rules_running_toll_keeps_disagreement_of_its_latest_day_only() -> None:
    claims = [
        claim("a", 40, category=UNK, where=TOWN, when=day("2026-02-01")),
        _toll_update("b", 61, "the strike on the Kerrin clinic"),
        replace(
            claim("c", 58, category=UNK, where=TOWN, when=day("2026-02-01")), revision=True
        ).with_id(),
    ]
    _, tolls = _run(
        claims, ("a", "2026-02-01", "A"), ("b", "2026-02-03", "B"), ("c", "2026-02-03", "C")
    )
    assert _killed(tolls) == (58, 58, 61)


def test_rules_plain_reports_of_later_days_are_a_range_not_a_revision() -> None:
    claims = [
        claim("a", 12, where=TOWN, when=day("2026-02-01"), qualifier=Qualifier.ABOUT),
        claim("b", 14, where=TOWN, when=day("2026-02-01"), qualifier=Qualifier.AT_LEAST),
        claim(
            "c", 15, where=TOWN, when=day("2026-02-01"), qualifier=Qualifier.RANGE, low=15, high=20
        ),
    ]
    _, tolls = _run(
        claims, ("a", "2026-02-01", "A"), ("b", "2026-02-02", "B"), ("c", "2026-02-03", "C")
    )
    assert _killed(tolls) == (12, 14, 20)


def test_rules_a_lower_bound_agrees_with_the_larger_figures_of_other_reports() -> None:
    at_least = claim("a", 30, where=TOWN, when=day("2026-02-01"), qualifier=Qualifier.AT_LEAST)
    listed = claim("b", 37, where=TOWN, when=day("2026-02-01"))
    reports = (("a", "2026-02-01", "A"), ("b", "2026-02-09", "B"))
    rec, tolls = _run([at_least, listed], *reports)
    assert _killed(tolls) == (30, 37, 37)
    (ev,) = rec.events
    assert "a lower bound" in next(n.reason for n in ev.notes if n.claim_id == at_least.id)
    # a third report below the bound: the reports disagree, the bound counts as stated
    fewer = claim("c", 24, where=TOWN, when=day("2026-02-01"))
    _, tolls = _run([at_least, listed, fewer], *reports, ("c", "2026-02-02", "C"))
    assert _killed(tolls) == (24, 30, 37)


def test_rules_revision_naming_the_earlier_figure_ties_a_placeless_update() -> None:
    claims = [
        claim("a", 70, category=UNK, where=TOWN, qualifier=Qualifier.AT_LEAST),
        replace(
            claim(
                "b", 91, category=UNK, when=day("2026-01-21"), quote="91 detainees died, up from 70"
            ),
            revision=True,
            revises=70,
        ).with_id(),
    ]
    rec, tolls = _run(claims, ("a", "2026-01-21", "A"), ("b", "2026-01-28", "B"))
    assert len(rec.events) == 1
    assert _killed(tolls) == (91, 91, 91)


# -- matching safety ----------------------------------------------------------------------------


def test_rules_placeless_claims_of_different_reports_stay_apart() -> None:
    claims = [
        claim(
            "a",
            120,
            category=UNK,
            when=day("2026-03-02"),
            quote="120 people were killed in the raids",
        ),
        claim(
            "b", 8, category=UNK, when=day("2026-03-02"), quote="eight were killed at a checkpoint"
        ),
    ]
    rec, tolls = _run(claims, ("a", "2026-03-02", "A"), ("b", "2026-03-02", "B"))
    assert len(rec.events) == 2
    assert _killed(tolls) == (128, 128, 128)


def test_rules_placeless_claim_never_absorbs_a_tenfold_figure() -> None:
    claims = [
        claim("a", 120, category=UNK, where=TOWN, when=day("2026-03-02")),
        claim(
            "b",
            8,
            category=UNK,
            when=day("2026-03-02"),
            quote="eight died near Kerrin, medics said",
        ),
    ]
    rec, tolls = _run(claims, ("a", "2026-03-02", "A"), ("b", "2026-03-02", "B"))
    assert len(rec.events) == 2
    assert _killed(tolls)[1] == 128


def test_rules_placeless_claim_naming_two_incidents_equally_is_flagged_not_merged() -> None:
    claims = [
        claim("a", 10, category=UNK, where=TOWN, when=day("2026-03-02")),
        claim("b", 12, category=UNK, where=OTHER, when=day("2026-03-02")),
        claim(
            "c", 11, category=UNK, when=day("2026-03-02"), quote="11 died between Kerrin and Dalmo"
        ),
    ]
    rec, _ = _run(
        claims, ("a", "2026-03-02", "A"), ("b", "2026-03-02", "B"), ("c", "2026-03-02", "C")
    )
    assert len(rec.events) == 3
    assert "ambiguous_match" in _kinds(rec)


# -- monitors disagreeing -----------------------------------------------------------------------


def test_rules_two_monitors_on_one_subject_give_a_range() -> None:
    claims = [
        claim(
            "a",
            183,
            where=PROVINCE,
            when=since("2026-08-04"),
            scope=CUM,
            attributed_to="Horn Tracker",
        ),
        claim(
            "b",
            240,
            where=PROVINCE,
            when=since("2026-08-04"),
            scope=CUM,
            attributed_to="Rights Watch",
            qualifier=Qualifier.AT_LEAST,
        ),
    ]
    rec, tolls = _run(claims, ("a", "2026-08-28", "A"), ("b", "2026-08-30", "B"))
    assert _killed(tolls, "civilians") == (183, 240, 240)  # never 423
    assert tolls["killed"]["unknown"] is None  # no total stated: not known to be 0
    (why,) = [f.message for f in rec.flags if f.kind == "monitors_disagree"]
    assert "lowest credible figure 183 (Horn Tracker)" in why
    assert "most complete monitor 240 (Rights Watch)" in why


def test_rules_a_monitor_counting_one_town_is_a_sub_count_not_the_low() -> None:
    claims = [
        claim(
            "a",
            500,
            where=PROVINCE,
            when=since("2026-08-04"),
            scope=CUM,
            attributed_to="Horn Tracker",
        ),
        claim(
            "b", 50, where=TOWN, when=since("2026-08-04"), scope=CUM, attributed_to="Town Committee"
        ),
    ]
    _, tolls = _run(claims, ("a", "2026-08-28", "A"), ("b", "2026-08-28", "B"))
    assert _killed(tolls, "civilians") == (500, 500, 500)


# -- source identity --------------------------------------------------------------------------


def test_rules_series_are_keyed_by_source_entity_not_its_words() -> None:
    claims = [
        replace(
            claim(
                "a",
                300,
                where=PROVINCE,
                when=since("2026-05-01"),
                scope=CUM,
                attributed_to="the UK-based war monitor",
            ),
            source_entity="org:sohr",
        ).with_id(),
        replace(
            claim(
                "b",
                340,
                where=PROVINCE,
                when=since("2026-05-01"),
                scope=CUM,
                attributed_to="the Observatory",
            ),
            source_entity="org:sohr",
        ).with_id(),
    ]
    rec, tolls = _run(claims, ("a", "2026-05-10", "A"), ("b", "2026-05-12", "B"))
    assert len(rec.series) == 1
    assert _killed(tolls) == (340, 340, 340)


def test_rules_a_generic_entity_is_the_reports_own_source() -> None:
    # a monitor's two bulletins: one says "the monitor" (a kind of speaker, org:monitor),
    # the other speaks in the outlet's own voice; one source, one series, latest figure
    claims = [
        claim("a", 52, where=PROVINCE, when=since("2026-05-01"), scope=CUM),
        replace(
            claim(
                "b",
                57,
                where=PROVINCE,
                when=since("2026-05-01"),
                scope=CUM,
                attributed_to="the monitor",
            ),
            source_entity="org:monitor",
        ).with_id(),
    ]
    rec, tolls = _run(
        claims, ("a", "2026-05-10", "Plains Monitor"), ("b", "2026-05-12", "Plains Monitor")
    )
    assert len(rec.series) == 1
    assert _killed(tolls) == (57, 57, 57)


def test_rules_without_an_entity_descriptors_do_not_split_a_source() -> None:
    claims = [
        claim(
            "a",
            300,
            where=PROVINCE,
            when=since("2026-05-01"),
            scope=CUM,
            attributed_to="the UK-based Lowlands Observatory",
        ),
        claim(
            "b",
            340,
            where=PROVINCE,
            when=since("2026-05-01"),
            scope=CUM,
            attributed_to="Lowlands Observatory",
        ),
    ]
    rec, tolls = _run(claims, ("a", "2026-05-10", "A"), ("b", "2026-05-12", "B"))
    assert len(rec.series) == 1
    assert _killed(tolls) == (340, 340, 340)


# -- containment cannot explode ----------------------------------------------------------------


def test_rules_running_toll_contains_incidents_even_when_they_add_up_to_more() -> None:
    claims = [
        claim(
            "m", 100, where=PROVINCE, when=since("2026-04-01"), scope=CUM, attributed_to="Monitor"
        ),
        claim("x", 80, where=TOWN, when=day("2026-04-03")),
        claim("y", 70, where=OTHER, when=day("2026-04-05")),
        claim("y", 30, category=UNK, where=OTHER, when=day("2026-04-06"), span=40),
    ]
    rec, tolls = _run(
        claims, ("m", "2026-04-08", "M"), ("x", "2026-04-03", "X"), ("y", "2026-04-06", "Y")
    )
    assert _killed(tolls) == (100, 100, 100)  # never 150 or 180
    (flag,) = [f for f in rec.flags if f.kind == "coverage_conflict"]
    assert "150" in flag.message and "50 more" in flag.message
    assert all(e.scope_id is not None for e in rec.events)


def test_rules_incidents_in_a_category_the_toll_does_not_state_stay_within_its_total() -> None:
    claims = [
        claim("m", 80, category=UNK, where=PROVINCE, when=since("2026-04-01"), scope=CUM),
        claim("x", 12, category=UNK, where=TOWN, when=day("2026-04-03")),
        claim("y", 2, category=CIV, where=OTHER, when=day("2026-04-05")),
    ]
    _, tolls = _run(
        claims, ("m", "2026-04-08", "M"), ("x", "2026-04-03", "X"), ("y", "2026-04-06", "Y")
    )
    assert _killed(tolls) == (80, 80, 80)
    assert _killed(tolls, "civilians") == (2, 2, 2)


# -- reliability marks ------------------------------------------------------------------------


def test_rules_projections_background_and_unverified_never_set_a_toll() -> None:
    claims = [
        claim("a", 4, where=TOWN, when=day("2026-04-13")),
        replace(
            claim("a", 1000, category=UNK, where=TOWN, span=20), reliability=Reliability.PROJECTION
        ).with_id(),
        replace(
            claim("a", 3000, category=UNK, where=TOWN, span=40), reliability=Reliability.UNVERIFIED
        ).with_id(),
        replace(
            claim("a", 100, category=UNK, when=since("2004-01-01"), scope=CUM, span=60),
            reliability=Reliability.BACKGROUND,
        ).with_id(),
    ]
    rec, tolls = _run(claims, ("a", "2026-04-14", "A"))
    assert _killed(tolls) == (4, 4, 4)
    listed = {n.role for e in rec.events for n in e.notes} | {n.role for n in rec.excluded}
    assert {"projection", "unverified", "background"} <= listed


def test_rules_a_correction_withdraws_the_outlets_earlier_figure() -> None:
    claims = [
        claim("a", 40, when=day("2026-09-13"), quote="a drone strike on the mosque killed 40"),
        replace(
            claim(
                "b", 40, category=UNK, when=day("2026-09-13"), quote="an earlier version said 40"
            ),
            reliability=Reliability.RETRACTED,
        ).with_id(),
        claim("b", 34, category=UNK, when=day("2026-09-13"), span=50, quote="the toll is 34"),
    ]
    rec, tolls = _run(claims, ("a", "2026-09-13", "Nile Wire"), ("b", "2026-09-14", "Nile Wire"))
    assert _killed(tolls) == (34, 34, 34)
    assert len(rec.events) == 1


# -- copies are one source ---------------------------------------------------------------------

WIRE = (
    "Gunmen on motorbikes attacked the weekly market in Kerrin on Tuesday and killed 23 "
    "traders and shoppers before fleeing towards the hills, a local official said"
)


def test_rules_copies_of_one_story_count_once_and_corroborate() -> None:
    rewritten = WIRE.replace("a local official said", "according to a local official")
    claims = [
        claim("a", 23, where=TOWN, when=day("2026-05-05"), quote=WIRE),
        claim("b", 23, where=TOWN, when=day("2026-05-05"), quote=rewritten),
        claim("c", 31, where=TOWN, when=day("2026-05-05"), quote="31 were killed at the market"),
    ]
    rec, tolls = _run(
        claims,
        ("a", "2026-05-05", "Wire"),
        ("b", "2026-05-06", "Daily"),
        ("c", "2026-05-06", "Radio"),
    )
    (ev,) = rec.events
    # two independent sources (23 and 31), not three: the lower median is 23 either way, so
    # check the roles
    roles = sorted(n.role for n in ev.notes)
    assert roles == ["copy", "figure", "figure"]
    assert _killed(tolls) == (23, 23, 31)


def test_rules_two_copies_do_not_outvote_an_independent_report() -> None:
    claims = [
        claim("a", 40, where=TOWN, when=day("2026-05-05"), quote=WIRE.replace("23", "40")),
        claim("b", 40, where=TOWN, when=day("2026-05-05"), quote=WIRE.replace("23", "40")),
        claim("c", 30, where=TOWN, when=day("2026-05-05"), quote="30 were killed at the market"),
    ]
    _, tolls = _run(
        claims, ("a", "2026-05-05", "W"), ("b", "2026-05-06", "D"), ("c", "2026-05-06", "R")
    )
    # 30 and 40 from two independent sources: the lower median is 30 (three sources would give 40)
    assert _killed(tolls) == (30, 30, 40)


# -- say what you do not know -------------------------------------------------------------------


def test_rules_a_category_no_claim_speaks_for_is_null_and_zero_only_when_said() -> None:
    claims = [
        claim("a", 6, where=TOWN, when=day("2026-04-03")),
        claim("a", 0, category=UNK, outcome=INJ, where=TOWN, when=day("2026-04-03"), span=30),
    ]
    _, tolls = _run(claims, ("a", "2026-04-03", "A"))
    assert tolls["killed"]["civilians"] == {"low": 6, "best": 6, "high": 6}
    assert tolls["killed"]["state_forces"] is None
    assert tolls["injured"]["unknown"] == {"low": 0, "best": 0, "high": 0}  # "no one was hurt"
    assert tolls["missing"]["total"] is None


def test_rules_a_repost_weeks_later_is_the_same_story_even_if_misdated() -> None:
    claims = [
        claim("a", 23, where=TOWN, when=day("2026-05-05"), quote=WIRE),
        claim("b", 23, where=TOWN, when=day("2026-05-19"), quote=WIRE),  # dated by its page
    ]
    rec, tolls = _run(claims, ("a", "2026-05-05", "Wire"), ("b", "2026-05-20", "Digest"))
    assert _killed(tolls) == (23, 23, 23)
    assert sorted(n.role for e in rec.events for n in e.notes) == ["copy", "figure"]


def test_rules_an_outlet_citing_the_wire_for_its_figure_is_not_a_second_source() -> None:
    claims = [
        claim("a", 14, where=TOWN, when=day("2026-05-05"), quote=WIRE.replace("23", "14")),
        claim(
            "c",
            14,
            when=day("2026-05-05"),
            quote="14 traders died at Kerrin, according to Sahel Wire",
        ),
    ]
    rec, tolls = _run(claims, ("a", "2026-05-05", "Sahel Wire"), ("c", "2026-05-06", "Digest"))
    assert _killed(tolls) == (14, 14, 14)
    assert len(rec.events) == 1


# -- region from the toll's own words ------------------------------------------------------------


def _named_area(name: str) -> PlaceRef:
    return PlaceRef(mention=name)  # named in the words, unknown to the gazetteer


def test_rules_two_monitors_naming_the_same_unresolved_area_count_the_same_people() -> None:
    claims = [
        claim(
            "a",
            183,
            where=_named_area("the Highland region"),
            when=since("2026-08-04"),
            scope=CUM,
            attributed_to="Horn Tracker",
        ),
        claim(
            "b",
            240,
            where=_named_area("Highland"),
            when=since("2026-08-04"),
            scope=CUM,
            attributed_to="Rights Watch",
        ),
    ]
    _, tolls = _run(claims, ("a", "2026-08-28", "A"), ("b", "2026-08-30", "B"))
    assert _killed(tolls, "civilians") == (183, 240, 240)  # never 423


def test_rules_an_unresolved_area_contains_the_incidents_that_name_it_and_no_others() -> None:
    claims = [
        claim(
            "m",
            80,
            category=UNK,
            where=_named_area("the Highland region"),
            when=since("2026-01-16"),
            scope=CUM,
            span=0,
        ),
        # the toll's report names a town elsewhere in the country: the toll is not country-wide
        claim(
            "m",
            2,
            category=CIV,
            where=OTHER,
            when=day("2026-01-17"),
            span=90,
            quote="two died in Dalmo",
        ),
        claim(
            "x",
            12,
            category=UNK,
            when=day("2026-01-17"),
            quote="12 were killed in a raid on a Highland village",
        ),
    ]
    _, tolls = _run(claims, ("m", "2026-01-20", "M"), ("x", "2026-01-18", "X"))
    assert _killed(tolls) == (82, 82, 82)  # 80 contains the Highland raid; Dalmo adds


def test_rules_claims_placed_only_in_a_country_are_as_placeless_as_none() -> None:
    sudan = place("Sudan", "test:sd", 15.0, 30.0, "SD", "", "", 6)
    claims = [
        claim(
            "a",
            120,
            category=UNK,
            where=sudan,
            when=day("2026-03-01"),
            quote="raiders killed 120 in eastern Sudan",
        ),
        claim(
            "b",
            8,
            category=UNK,
            where=sudan,
            when=day("2026-03-01"),
            quote="a mine killed eight in eastern Sudan",
        ),
    ]
    rec, tolls = _run(claims, ("a", "2026-03-02", "A"), ("b", "2026-03-02", "B"))
    assert len(rec.events) == 2
    assert _killed(tolls) == (128, 128, 128)


# -- a closed period ends where its words end it --------------------------------------------


def _month(start: str, end: str) -> DateRange:
    return DateRange(date.fromisoformat(start), date.fromisoformat(end), DatePrecision.PERIOD)


def test_rules_a_monthly_toll_told_later_does_not_cover_the_next_month() -> None:
    claims = [
        # the mission's figure for April, told on 9 May
        claim("m", 150, where=PROVINCE, when=_month("2026-04-01", "2026-04-30"), scope=CUM),
        claim("x", 5, where=TOWN, when=day("2026-04-12")),  # inside April: contained
        claim("y", 3, where=OTHER, when=day("2026-05-03")),  # May: after the period, added
    ]
    rec, tolls = _run(
        claims, ("m", "2026-05-09", "Mission"), ("x", "2026-04-12", "X"), ("y", "2026-05-04", "Y")
    )
    assert _killed(tolls) == (153, 153, 153)  # never 158, nor 150
    (series,) = rec.series
    assert str(series.period_end) == "2026-04-30"


def test_rules_a_town_and_the_unit_named_after_it_are_one_ground_for_two_monitors() -> None:
    # the gazetteer keeps the capital district apart from the province of the same name
    city = place("Lowton", "test:lowton", 14.0, 26.0, "SD", "60", "Lowton Capital District")
    province = place("Lowton Province", "test:lowton-p", 14.2, 26.3, "SD", "61", "Lowton", 4)
    march = _month("2026-03-01", "2026-03-31")
    claims = [
        claim("a", 38, where=province, when=march, scope=CUM, attributed_to="Tracker One"),
        claim("b", 51, where=city, when=march, scope=CUM, attributed_to="Rights Centre"),
    ]
    rec, tolls = _run(claims, ("a", "2026-04-05", "A"), ("b", "2026-04-08", "B"))
    assert _killed(tolls, "civilians") == (38, 51, 51)  # a range, never 89
    (flag,) = [f for f in rec.flags if f.kind == "overlapping_tolls"]
    assert "named after it" in flag.message


def test_rules_a_town_and_another_unit_are_different_ground() -> None:
    city = place("Lowton", "test:lowton", 14.0, 26.0, "SD", "60", "Lowton Capital District")
    province = place("Hillmark", "test:hillmark", 14.2, 26.3, "SD", "61", "Hillmark", 4)
    march = _month("2026-03-01", "2026-03-31")
    claims = [
        claim("a", 38, where=province, when=march, scope=CUM, attributed_to="Tracker One"),
        claim("b", 51, where=city, when=march, scope=CUM, attributed_to="Rights Centre"),
    ]
    _, tolls = _run(claims, ("a", "2026-04-05", "A"), ("b", "2026-04-08", "B"))
    assert _killed(tolls, "civilians") == (89, 89, 89)


def test_rules_a_days_figure_for_an_area_contains_that_days_incidents_only() -> None:
    one_day = DateRange(date(2026, 5, 23), date(2026, 5, 23), DatePrecision.PERIOD, "on Saturday")
    claims = [
        # "shelling killed 12 civilians across the province on Saturday"
        claim("r", 12, where=PROVINCE, when=one_day, scope=CUM, attributed_to="Officials"),
        claim("x", 7, category=UNK, where=TOWN, when=day("2026-05-23")),  # inside: not added
        claim("y", 4, category=UNK, where=OTHER, when=day("2026-05-21")),  # two days before: added
    ]
    _, tolls = _run(
        claims, ("r", "2026-05-24", "R"), ("x", "2026-05-23", "X"), ("y", "2026-05-21", "Y")
    )
    assert _killed(tolls) == (16, 16, 16)  # never 23, nor 12


def test_rules_one_sources_figures_for_two_days_are_two_counts_not_an_update() -> None:
    def on(d: str) -> DateRange:
        return DateRange(date.fromisoformat(d), date.fromisoformat(d), DatePrecision.PERIOD)

    claims = [
        claim("a", 12, category=UNK, where=PROVINCE, when=on("2026-09-15"), scope=CUM,
              attributed_to="Health Office"),
        claim("b", 25, category=UNK, where=PROVINCE, when=on("2026-09-16"), scope=CUM,
              attributed_to="Health Office"),
    ]  # fmt: skip
    _, tolls = _run(claims, ("a", "2026-09-16", "A"), ("b", "2026-09-17", "B"))
    assert _killed(tolls) == (37, 37, 37)  # never 25 (the second day is not a revision)


def test_rules_an_unresolved_area_contains_incidents_of_the_fighting_it_names() -> None:
    # the toll's report resolves no place: it takes the country of the reports that name the
    # same side (the "KLF"), and contains their incidents in its period; an incident with no
    # side in common is added
    ridge = place("Ridgeford", "test:ridgeford", 8.6, -72.7, "CO", "21", "Norte")
    coast = place("Marlow", "test:marlow", 2.9, -76.7, "CO", "09", "Coast")
    claims = [
        claim(
            "m", 80, category=UNK, where=_named_area("the Vellan region"), when=since("2026-01-16"),
            scope=CUM, quote="At least 80 have been killed in the Vellan region since fighting "
            "between the KLF and rival militias broke out on 16 January, the ombudsman said.",
        ),
        claim(
            "x", 12, category=UNK, where=ridge, when=day("2026-01-17"),
            quote="Twelve people were killed when KLF fighters raided homes in Ridgeford on Friday.",
        ),
        claim(
            "y", 2, category=UNK, where=coast, when=day("2026-01-18"),
            quote="Two soldiers were killed in an attack on a patrol in Marlow on Saturday.",
        ),
    ]  # fmt: skip
    rec, tolls = _run(
        claims, ("m", "2026-01-20", "M"), ("x", "2026-01-18", "X"), ("y", "2026-01-19", "Y")
    )
    assert _killed(tolls) == (82, 82, 82)  # never 94 (Ridgeford added) nor 80 (Marlow hidden)
    inside = [e for e in rec.events if e.scope_id is not None]
    assert [e.event.place.name for e in inside] == ["Ridgeford"]
    assert "klf" in (inside[0].cover_reason or "")


def test_rules_an_unresolved_area_does_not_contain_an_incident_naming_only_a_country() -> None:
    ridge = place("Ridgeford", "test:ridgeford", 8.6, -72.7, "CO", "21", "Norte")
    claims = [
        claim(
            "m", 80, category=UNK, where=_named_area("the Vellan region"), when=since("2026-01-16"),
            scope=CUM, quote="In Colombia at least 80 have been killed in the Vellan region since "
            "the fighting began on 16 January, the ombudsman said.",
        ),
        claim(
            "x", 12, category=UNK, where=ridge, when=day("2026-01-17"),
            quote="Twelve people were killed in Ridgeford, in northern Colombia, on Friday.",
        ),
    ]  # fmt: skip
    _, tolls = _run(claims, ("m", "2026-01-20", "M"), ("x", "2026-01-18", "X"))
    assert _killed(tolls) == (92, 92, 92)  # a shared country is not a shared side


# -- one monitor under several names ------------------------------------------------------------


def test_rules_a_bulletin_describing_its_monitor_is_that_monitors_series() -> None:
    claims = [
        # the watch's own bulletin (its outlet is the watch), "in Lowlands (Upland) state"
        claim("a", 37, where=PROVINCE, when=since("2026-01-01"), scope=CUM,
              quote="Lowlands Civilian Watch has documented 37 civilians killed since 1 January."),
        # a wire retells it; its area is named only as the gazetteer does not know it
        claim("b", 64, where=PlaceRef(mention="Lowlands"), when=since("2026-01-01"), scope=CUM,
              quote="The watch group now counts 64 civilians killed in Lowlands state since "
              "1 January, it said."),
    ]  # fmt: skip
    rec, tolls = _run(
        claims, ("a", "2026-02-07", "Lowlands Civilian Watch"), ("b", "2026-02-21", "Valley Wire")
    )
    assert _killed(tolls, "civilians") == (64, 64, 64)  # never 101, nor a range 37-64
    (series,) = rec.series
    assert series.source == "Lowlands Civilian Watch"
    latest = next(m for m in series.members if m.role == "latest")
    assert "the same source" in latest.reason and "not in the gazetteer" in latest.reason


def test_rules_a_description_that_fits_two_monitors_keys_nothing() -> None:
    claims = [
        claim("a", 37, where=PROVINCE, when=since("2026-01-01"), scope=CUM, quote="37 killed"),
        claim("c", 40, where=PROVINCE, when=since("2026-01-01"), scope=CUM, quote="40 killed"),
        claim("b", 64, where=PROVINCE, when=since("2026-01-01"), scope=CUM,
              quote="The watch group now counts 64 civilians killed in the state."),
    ]  # fmt: skip
    rec, _ = _run(
        claims,
        ("a", "2026-02-07", "Lowlands Civilian Watch"),
        ("c", "2026-02-08", "Upland Casualty Watch"),
        ("b", "2026-02-21", "Valley Wire"),
    )
    assert sorted(s.source for s in rec.series) == [
        "Lowlands Civilian Watch",
        "Upland Casualty Watch",
        "Valley Wire",
    ]
