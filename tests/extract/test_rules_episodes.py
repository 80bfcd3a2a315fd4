"""Sentences written for tollwatch (none copied from news), for error classes seen on the real
episodes of issue 11: "claimed" that kills or owns an attack is no speech verb, an office kept
when a name is redacted, dates that name their year in an undated report, and an undated
report read from its own dateline."""

from __future__ import annotations

from datetime import date

import pytest

from tollwatch.extract import extract
from tollwatch.extract.context import find_attribution
from tollwatch.extract.dates import find_dates, own_dateline
from tollwatch.models import Claim, Outcome

PUB = date(2025, 3, 8)  # a Saturday


def _killed(text: str, published: date | None = PUB) -> list[Claim]:
    return [c for c in extract(text, published, report_id="t") if c.outcome is Outcome.KILLED]


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The unrest in the valley has claimed 61 lives since April, the district office said.", "the district office"),
        ("The storm claimed the lives of 14 fishermen, port officials said.", "port officials"),
        ("A militant group claimed responsibility for the ambush, which killed nine guards.", None),
        ("The insurgents claimed that 30 soldiers were killed in the raid.", "The insurgents"),
        ("Fighting has claimed at least 200 lives, the provincial council informed reporters.", "the provincial council"),
    ],
)  # fmt: skip
def test_claimed_lives_or_responsibility_is_not_a_speaker(
    sentence: str, speaker: str | None
) -> None:
    assert find_attribution(sentence, sentence.find("killed") + 1 or 40) == speaker


def test_a_group_claiming_an_attack_does_not_give_its_toll() -> None:
    (claim,) = _killed(
        "A rebel faction claimed responsibility for the bombing that killed 17 people."
    )
    assert claim.best == 17
    assert claim.attributed_to is None


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("Regional Governor Talia Mendes told lawmakers that 23 people were killed.", "Regional Governor a named person"),
        ("Deputy Health Minister Oren Kask said 12 people were killed in the blast.", "Deputy Health Minister a named person"),
        ("Ravi Osei said 4 people were killed.", "a named person"),
    ],
)  # fmt: skip
def test_a_redacted_name_keeps_its_office(sentence: str, speaker: str) -> None:
    (claim,) = _killed(sentence)
    assert claim.attributed_to == speaker


def test_a_date_naming_its_year_resolves_without_a_publication_date() -> None:
    found = find_dates("On 14 February 2024 a car bomb went off near the market.", None)
    assert [(m.range.start, m.range.end) for m in found] == [(date(2024, 2, 14), date(2024, 2, 14))]
    # a weekday or a yearless date has nothing to be read against
    assert find_dates("On Tuesday, 14 February, a car bomb went off.", None) == []


def test_an_undated_report_dates_a_yeared_event() -> None:
    (claim,) = _killed("On 14 February 2024 a car bomb killed 31 people near the market.", None)
    assert (claim.date.start, claim.date.end) == (date(2024, 2, 14), date(2024, 2, 14))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Thursday, June 12, 2025\nTwelve killed in raid on border post", date(2025, 6, 12)),
        ("Region | 3 May 2024 / 09:15\nFloods displace thousands", date(2024, 5, 3)),
        ("Last updated: October 2, 2023\n\nPolice said two people died.", date(2023, 10, 2)),
        # a sentence that merely contains a date is not the report's dateline
        ("On 14 February 2024 a car bomb killed 31 people near the market.", None),
        ("Twelve killed in raid on border post\nNo date here", None),
    ],
)  # fmt: skip
def test_own_dateline(text: str, day: date | None) -> None:
    assert own_dateline(text) == day


def test_an_undated_report_reads_its_weekdays_from_its_own_dateline() -> None:
    text = (
        "Thursday, June 12, 2025\n"
        "Toll of the border raid rises\n\n"
        "Gunmen killed 12 guards at the border post on Tuesday night, the army said."
    )
    (claim,) = _killed(text, None)
    assert claim.best == 12
    assert claim.date.start == date(2025, 6, 10)


def test_a_lede_figure_takes_the_day_of_the_one_incident_the_report_dates() -> None:
    text = (
        "Officials say 26 people were killed and 70 wounded in an assault on a wedding hall. "
        "The assault Thursday began when gunmen forced the doors. "
        "A regional official said on Friday that rescuers were still searching."
    )
    claims = extract(text, PUB, report_id="t")
    assert sorted(c.best for c in claims) == [26, 70]
    assert {(c.date.start, c.date.end) for c in claims} == {(date(2025, 3, 6), date(2025, 3, 6))}


def test_two_dated_incidents_leave_an_undated_figure_undated() -> None:
    text = (
        "At least 9 people were killed across the province, the governor said. "
        "An ambush on Tuesday hit a convoy near the dam. "
        "A separate raid on Thursday struck a market in the north."
    )
    (claim,) = _killed(text)
    assert claim.best == 9
    assert claim.date.start is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Some 4,000 people have fled the communal violence in the hill districts, which has killed at least 37, the governor said.",
        "At least 61 people have been killed in the ethnic clashes between the two groups, the state government said.",
        "Nearly 90 people have been killed and 8,000 displaced due to the conflict, officials said.",
    ],
)  # fmt: skip
def test_a_toll_of_spread_violence_counted_up_to_now_is_cumulative(sentence: str) -> None:
    claims = extract(sentence, PUB, report_id="t")
    killed = [c for c in claims if c.outcome is Outcome.KILLED]
    assert killed and all(c.scope.value == "cumulative" for c in killed)


@pytest.mark.parametrize(
    "sentence",
    [
        "Four people were killed in communal clashes in the village on Tuesday, police said.",
        "A blast at the market has killed 12 people amid the ongoing conflict, officials said.",
    ],
)  # fmt: skip
def test_one_incident_in_a_conflict_stays_an_incident(sentence: str) -> None:
    claims = [c for c in extract(sentence, PUB, report_id="t") if c.outcome is Outcome.KILLED]
    assert claims and all(c.scope.value == "incident" for c in claims)


def test_a_yearless_day_followed_by_last_year_is_of_the_year_before() -> None:
    (mention,) = find_dates("Since 9 April last year, the raids have not stopped.", PUB)
    assert mention.range.start == date(2024, 4, 9)
    (mention,) = find_dates("Since 9 April, the raids have not stopped.", date(2025, 5, 1))
    assert mention.range.start == date(2025, 4, 9)


@pytest.mark.parametrize(
    ("sentence", "best"),
    [
        ("Two blasts killed 40 people in the market on Monday.", 40),
        ("Three airstrikes killed 12 civilians in the village.", 12),
        ("Two explosions near the shrine killed at least 103 people.", 103),
        ("Four raids and two ambushes killed 18 herders this week.", 18),
        ("Two bombings killed 9 worshippers.", 9),
    ],
)  # fmt: skip
def test_a_count_of_attacks_is_not_a_count_of_the_dead(sentence: str, best: int) -> None:
    assert [c.best for c in _killed(sentence)] == [best]


def test_an_unresolved_weekday_keeps_another_incidents_day_away() -> None:
    # an undated page: "on Wednesday" cannot be resolved, and the only dated killing in the
    # report is another one, years before (3 January 2020 was a Friday)
    text = (
        "Two explosions near the shrine killed at least 80 people on Wednesday, state media said.\n"
        "The commander was killed on Jan. 3, 2020, near the airport in a drone strike."
    )
    (claim,) = _killed(text, published=None)
    assert claim.best == 80
    assert claim.date.start is None


def test_a_weekday_that_fits_takes_the_reports_incident_day() -> None:
    # 4 January 2024 was a Thursday: the named weekday agrees with the dated incident
    text = (
        "At least 30 people were killed on Thursday, officials said.\n"
        "The attack on 4 January 2024 targeted a crowd at the gates."
    )
    (claim,) = _killed(text, published=None)
    assert claim.date.start == date(2024, 1, 4)
