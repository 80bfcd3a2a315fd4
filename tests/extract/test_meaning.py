"""What a figure means: scope, subject, period, revision and reliability (docs/extraction.md).

Sentences written for tollwatch; each row is one rule.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tollwatch.extract import extract
from tollwatch.extract.combine import report_total
from tollwatch.models import Claim, DatePrecision, Outcome, Reliability, Scope

PUB = date(2025, 6, 14)  # a Saturday


def _killed(text: str, published: date | None = PUB) -> list[Claim]:
    return [c for c in extract(text, published) if c.outcome is Outcome.KILLED]


def _one(text: str) -> Claim:
    found = _killed(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("Gunmen killed 11 herders near the river crossing on Thursday, elders said.", Scope.INCIDENT),
        ("The toll from Thursday's bombing of the bus depot has risen to 38, medics said.", Scope.INCIDENT_TOLL),
        ("The number of people killed in the June 2 blast at the depot has climbed to 41.", Scope.INCIDENT_TOLL),
        ("The death toll now stands at 29, the governor said.", Scope.INCIDENT_TOLL),
        ("At least 640 civilians have been killed in the western districts since 3 May, the monitor said.", Scope.CUMULATIVE),
        ("Some 95 people were killed in the province in April, the rights group said.", Scope.CUMULATIVE),
        ("Fighting over four days has killed 57 people in the valley, officials said.", Scope.CUMULATIVE),
        ("The monitor counted 212 deaths in the state last month.", Scope.CUMULATIVE),
        ("The death toll in Kordofan has risen to 1,200, the ministry said.", Scope.CUMULATIVE),
    ],
)  # fmt: skip
def test_meaning_scope(text: str, scope: Scope, nlp: Any) -> None:
    assert _one(text).scope is scope


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("The toll from Thursday's bombing of the bus depot has risen to 38, medics said.", "Thursday's bombing of the bus depot"),
        ("Medics said 44 people had died in the ferry sinking, up from 30.", "the ferry sinking"),
    ],
)  # fmt: skip
def test_meaning_incident_toll_names_its_incident(text: str, subject: str, nlp: Any) -> None:
    claim = _one(text)
    assert claim.scope is Scope.INCIDENT_TOLL
    assert claim.subject == subject


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("At least 70 people have been killed in the district since Thursday, the council said.", date(2025, 6, 12), PUB),
        ("The group said 130 civilians had been killed in the north since the start of March.", date(2025, 3, 1), PUB),
        ("Some 95 people were killed in the province in April, the rights group said.", date(2025, 4, 1), date(2025, 4, 30)),
        ("Fighting over four days has killed 57 people in the valley, officials said.", date(2025, 6, 11), PUB),
        ("The monitor counted 212 deaths in the state last month.", date(2025, 5, 1), date(2025, 5, 31)),
        ("Between 1 January and 31 March, at least 880 people were killed in the capital, the office said.", date(2025, 1, 1), date(2025, 3, 31)),
        ("The league counted 410 civilians killed in the north from April to June.", date(2025, 4, 1), date(2025, 6, 14)),
        ("The network documented 95 deaths in the city from mid-March to the end of April.", date(2025, 3, 15), date(2025, 4, 30)),
        ("Prosecutors registered 230 homicides in the state since 2 May.", date(2025, 5, 2), PUB),
        ("The clinics it runs recorded 212 civilian deaths in the valley during April.", date(2025, 4, 1), date(2025, 4, 30)),
        # a day's figure for an area: the hours reach into the day before; "across" an area on a day
        ("The ministry said 42 people were killed across the territory in the previous 24 hours.", date(2025, 6, 13), PUB),
        ("Shelling killed nine civilians across the province on Thursday, officials said.", date(2025, 6, 12), date(2025, 6, 12)),
        # the statement's date inside a since-clause does not open it
        ("The count now stands at 312 civilians killed in the valley since November 2024, the league said on Tuesday.", date(2024, 11, 1), date(2025, 6, 10)),
        ("Both groups that follow the fighting put April's civilian death toll in the valley at between 180 and 212.", date(2025, 4, 1), date(2025, 4, 30)),
        # the end is the statement date, not publication
        ("The monitor said on Wednesday that 300 had been killed in the region since 1 June.", date(2025, 6, 1), date(2025, 6, 11)),
    ],
)  # fmt: skip
def test_meaning_period_has_start_and_end(text: str, start: date, end: date, nlp: Any) -> None:
    claim = _one(text)
    assert claim.scope is Scope.CUMULATIVE
    assert claim.date.precision is DatePrecision.PERIOD
    assert (claim.date.start, claim.date.end) == (start, end)


def test_meaning_since_is_never_one_day(nlp: Any) -> None:
    claim = _one("Health officials said 410 people had died in the city since 2 June.")
    assert claim.date.start == date(2025, 6, 2) and claim.date.end == PUB


def test_meaning_comparison_since_is_not_a_period(nlp: Any) -> None:
    claim = _one(
        "It was the deadliest attack since March: 23 people were killed in the market on Friday."
    )
    assert claim.scope is Scope.INCIDENT
    assert claim.date.start == date(2025, 6, 13)


@pytest.mark.parametrize(
    ("text", "revises"),
    [
        ("The toll has risen to 52, the hospital said.", None),
        ("Rescuers said the toll had reached 61.", None),
        ("The ministry said 77 people were killed in the raid, up from an earlier count of 41.", 41),
        ("The death toll rose from 12 to 19 overnight, police said.", 12),
    ],
)  # fmt: skip
def test_meaning_revision_cue(text: str, revises: int | None, nlp: Any) -> None:
    claim = max(_killed(text), key=lambda c: c.best or 0)
    assert claim.revision is True
    assert claim.revises == revises


def test_meaning_plain_figure_is_not_a_revision(nlp: Any) -> None:
    claim = _one("Soldiers killed 14 insurgents in an ambush on Tuesday.")
    assert claim.revision is False and claim.revises is None


@pytest.mark.parametrize(
    ("text", "reliability"),
    [
        ("Gunmen killed 9 villagers on Friday, residents said.", Reliability.REPORTED),
        ("Aid workers warned that the toll could exceed 2,000 in the coming weeks.", Reliability.PROJECTION),
        ("Officials fear deaths from the outbreak may reach 700 by the end of the year.", Reliability.PROJECTION),
        ("There were unconfirmed reports of more than 3,000 dead in the town.", Reliability.UNVERIFIED),
        ("Six fishermen are feared dead after the boat was shelled.", Reliability.PROJECTION),
        ("The famine of the last war, which historians say killed 400,000 people, is remembered.", Reliability.BACKGROUND),
        ("It was the worst attack since the March 2019 bombing that killed more than 90 people.", Reliability.BACKGROUND),
        ("The country records some 20,000 homicides a year.", Reliability.BACKGROUND),
        ("More than 250,000 people have died since the civil war began.", Reliability.BACKGROUND),
        ("In 2009, hundreds died in raids on the same district.", Reliability.BACKGROUND),
    ],
)  # fmt: skip
def test_meaning_reliability(text: str, reliability: Reliability, nlp: Any) -> None:
    assert _one(text).reliability is reliability


def test_meaning_correction_retracts_and_revises(nlp: Any) -> None:
    text = (
        "Correction: an earlier version of this article said 52 people were killed in the strike. "
        "The health office says the toll is 48."
    )
    by_best = {c.best: c for c in _killed(text)}
    assert by_best[52].reliability is Reliability.RETRACTED
    assert by_best[52].attributed_to is None
    assert by_best[48].reliability is Reliability.REPORTED
    assert (by_best[48].revision, by_best[48].revises) == (True, 52)
    assert report_total(list(by_best.values())) == 48


def test_meaning_marked_figures_stay_out_of_the_report_total(nlp: Any) -> None:
    text = (
        "Shelling killed four civilians in the camp on Sunday. Deaths from hunger could exceed "
        "1,000 by December. In 2004, hundreds died in attacks on the same villages."
    )
    assert report_total(extract(text, PUB)) == 4


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # the weekday in the figure's own clause dates the event, before ", X said"
        ("At least 14 civilians were killed in an attack on a mosque on Friday, two officials said.", date(2025, 6, 13)),
        ("Twelve people were killed when raiders burned homes on Wednesday, elders said.", date(2025, 6, 11)),
        # a date after the speech verb dates the statement; the event date stays unknown
        ("Police said on Thursday that 5 people were killed.", None),
        ("The toll from Tuesday's strike on the depot has risen to 31, medics said on Friday.", date(2025, 6, 10)),
        # a later feature dates the event from its words, not from the page
        ("A week after the raid, the ministry said 64 prisoners had been killed in the June 3 strike.", date(2025, 6, 3)),
    ],
)  # fmt: skip
def test_meaning_event_date(text: str, day: date | None, nlp: Any) -> None:
    claim = max(_killed(text), key=lambda c: c.best or 0)
    assert claim.date.start == day


def test_meaning_not_figure_is_withdrawn(nlp: Any) -> None:
    text = "Correction: officials put the number of dead at 19, not 31."
    by_best = {c.best: c for c in _killed(text)}
    assert by_best[31].reliability is Reliability.RETRACTED
    assert (by_best[19].revision, by_best[19].revises) == (True, 31)
    assert report_total(list(by_best.values())) == 19


def test_meaning_feared_dead_counts_only_when_nothing_else_is_said(nlp: Any) -> None:
    assert report_total(extract("Two traders are feared dead after the raid.", PUB)) == 2
    text = "Two traders are feared dead after the raid. Police said 3 people were killed."
    assert report_total(extract(text, PUB)) == 3


def test_meaning_a_claim_that_could_not_be_verified(nlp: Any) -> None:
    text = (
        "The rebels said they had killed more than 60 soldiers near the bridge. "
        "The army did not comment and the claim could not be verified."
    )
    (c,) = _killed(text)
    assert c.reliability is Reliability.UNVERIFIED


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("The group counted 96 people killed in the villages between 11 and 13 June.", date(2025, 6, 11), date(2025, 6, 13)),
        ("At least 300 were killed in the town from 2 to 5 May 2024, the report found.", date(2024, 5, 2), date(2024, 5, 5)),
    ],
)  # fmt: skip
def test_meaning_days_of_one_month_are_a_period(
    text: str, start: date, end: date, nlp: Any
) -> None:
    claim = _one(text)
    assert (claim.date.start, claim.date.end, claim.date.precision) == (
        start,
        end,
        DatePrecision.PERIOD,
    )


def test_meaning_lede_date_carries_to_the_statement_sentence(nlp: Any) -> None:
    text = (
        "A truck bomb exploded outside the market in the town on Wednesday evening. "
        "The governor said on Thursday that 22 people were killed."
    )
    assert _one(text).date.start == date(2025, 6, 11)


def test_meaning_live_blog_entries_are_of_their_day(nlp: Any) -> None:
    text = "10:05 Shelling hits the port district.\n\n12:40 At least nine people have been killed, the mayor says."
    claim = _one(text)
    assert (claim.date.start, claim.date.end) == (PUB, PUB)


def test_meaning_social_media_figures_are_unverified(nlp: Any) -> None:
    text = "Posts on social media claimed that more than 150 people had died in the blast."
    assert _one(text).reliability is Reliability.UNVERIFIED


def test_meaning_so_far_without_an_area_is_the_incident_toll(nlp: Any) -> None:
    claim = _one("Rescuers have pulled 30 bodies from the rubble so far.")
    assert claim.scope is Scope.INCIDENT_TOLL


def test_meaning_martyrs_toll(nlp: Any) -> None:
    claim = _one("The number of martyrs from Friday's strike on the camp has risen to 44.")
    assert (claim.best, claim.scope, claim.revision) == (44, Scope.INCIDENT_TOLL, True)


def test_meaning_a_date_in_another_clause_stays_there(nlp: Any) -> None:
    text = (
        "The ministry reported 40 new deaths in the district, adding that 1,900 people had been "
        "wounded since the offensive began on 2 May."
    )
    claims = extract(text, PUB)
    (killed,) = [c for c in claims if c.outcome is Outcome.KILLED]
    (injured,) = [c for c in claims if c.outcome is Outcome.INJURED]
    assert killed.date.start is None and killed.scope is not Scope.CUMULATIVE
    assert injured.scope is Scope.CUMULATIVE and injured.date.start == date(2025, 5, 2)


def test_meaning_since_after_a_state_noun_is_not_a_period(nlp: Any) -> None:
    text = "The ministry in the enclave, under the group's control since 2007, said 930 people were killed."
    claim = _one(text)
    assert claim.reliability is Reliability.REPORTED and claim.date.start is None


def test_meaning_earlier_figure_is_not_a_claim(nlp: Any) -> None:
    text = "The toll from the school strike increased from 15 dead to 22, the ministry said."
    (claim,) = _killed(text)
    assert (claim.best, claim.revision, claim.revises) == (22, True, 15)


def test_meaning_toll_of_a_war_is_cumulative(nlp: Any) -> None:
    claim = _one(
        "At least 38,000 people have been killed in the war between the two armies, the ministry said."
    )
    assert claim.scope is Scope.CUMULATIVE
    assert claim.subject is not None and "war" in claim.subject


def test_meaning_deaths_inside_casualties_are_killed(nlp: Any) -> None:
    text = "Between 1 January and 31 March the monitor recorded 212 civilian casualties in the province, including 71 deaths."
    killed = _killed(text)
    assert [(c.best, c.scope) for c in killed] == [(71, Scope.CUMULATIVE)]


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("The observatory said 84 civilians were killed in the province in the first three months of the year.", date(2025, 3, 31)),
        ("Monitors counted 530 people killed in the region in the first half of the year.", date(2025, 6, 14)),
    ],
)  # fmt: skip
def test_meaning_first_months_of_the_year(text: str, end: date, nlp: Any) -> None:
    claim = _one(text)
    assert claim.scope is Scope.CUMULATIVE
    assert (claim.date.start, claim.date.end) == (date(2025, 1, 1), end)
