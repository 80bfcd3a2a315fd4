"""Sentences written for tollwatch (none copied from news), issue #11: a month before a count,
a comparison that is no period, a monthly toll of an area."""

from __future__ import annotations

from datetime import date

import pytest

from tollwatch.extract import extract
from tollwatch.models import Category, Claim, DatePrecision, Outcome, Reliability, Scope

PUB = date(2025, 7, 9)  # a Wednesday


def _killed(text: str, published: date = PUB) -> list[Claim]:
    return [c for c in extract(text, published, report_id="t") if c.outcome is Outcome.KILLED]


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("In June at least 212 civilians were killed in the republic, the mission said.", 212),
        ("In April 95 herders were killed in the valley, the council said.", 95),
    ],
)  # fmt: skip
def test_month_before_a_count_is_not_a_day(text: str, best: int) -> None:
    assert [c.best for c in _killed(text)] == [best]


def test_month_before_a_day_is_still_a_date() -> None:
    found = _killed("On June 14 gunmen killed nine farmers near the ford.")
    assert [c.best for c in found] == [9]
    assert found[0].date.start == date(2025, 6, 14)


def test_monthly_toll_of_an_area_is_cumulative_and_not_a_comparison_span() -> None:
    found = _killed(
        "In June at least 212 civilians were killed in the republic, the highest monthly toll "
        "in a year."
    )
    assert len(found) == 1
    claim = found[0]
    assert claim.category is Category.CIVILIANS
    assert claim.scope is Scope.CUMULATIVE
    assert (claim.date.start, claim.date.end) == (date(2025, 6, 1), date(2025, 6, 30))
    assert claim.date.precision is DatePrecision.PERIOD


def test_when_clause_after_a_month_is_dated_by_that_month() -> None:
    found = _killed(
        "Villagers fled to the hills in February, when 14 herders were killed in raids on the "
        "grazing lands."
    )
    assert [c.best for c in found] == [14]
    assert (found[0].date.start, found[0].date.end) == (date(2025, 2, 1), date(2025, 2, 28))


def test_earlier_attack_a_comparison_points_back_to_is_background() -> None:
    found = _killed(
        "Gunmen killed six traders at the cattle market on Monday. It was the bloodiest raid on "
        "the district since April, when 17 herders were shot dead near the dam."
    )
    by_best = {c.best: c for c in found}
    assert by_best[6].reliability is Reliability.REPORTED
    assert by_best[17].reliability is Reliability.BACKGROUND
    assert by_best[17].date.start == date(2025, 4, 1)


def test_sub_count_before_its_total_is_a_part_of_it() -> None:
    found = _killed(
        "The league said on Tuesday that three of the 15 people killed in Sunday's raid on the "
        "ranch were herders, among them a cook and a stable boy."
    )
    whole = [c for c in found if c.part_of is None]
    parts = [c for c in found if c.part_of is not None]
    assert [c.best for c in whole] == [15]
    assert whole[0].category is Category.UNKNOWN
    assert [(c.best, c.category, c.part_of) for c in parts] == [(3, Category.CIVILIANS, 15)]


def test_sub_count_before_its_total_naming_children_is_a_demographic() -> None:
    found = extract("Six of the 20 people wounded in the blast were children, doctors said.", PUB)
    assert [(c.outcome, c.best, c.children, c.part_of) for c in found] == [
        (Outcome.INJURED, 20, 6, None)
    ]


def test_possessed_singular_subject_with_an_age_is_one_victim() -> None:
    found = extract(
        "Two boys were killed when a shell hit the house on Monday. Their 38-year-old father "
        "was wounded.",
        PUB,
        report_id="t",
    )
    injured = [c for c in found if c.outcome is Outcome.INJURED]
    assert [c.best for c in injured] == [1]
    assert [c.best for c in found if c.outcome is Outcome.KILLED] == [2]


def test_possessed_singular_subject_without_a_digit_is_read() -> None:
    found = extract("Gunmen shot dead a ferryman on Friday. His son was abducted.", PUB)
    assert [(c.outcome, c.best) for c in found] == [(Outcome.KILLED, 1), (Outcome.DETAINED, 1)]


def test_rate_after_a_comparison_word_is_kept_as_background() -> None:
    found = _killed(
        "The province's 812 murders in five months compare with some 20,000 homicides a year "
        "nationwide, the institute said."
    )
    by_best = {c.best: c for c in found}
    assert by_best[812].reliability is Reliability.REPORTED
    assert by_best[20000].reliability is Reliability.BACKGROUND


def test_war_as_the_subject_of_its_toll_is_background_when_it_began_long_ago() -> None:
    found = _killed(
        "The ministry says the war has now caused over 90,000 casualties since March 2024, among "
        "them 31,000 dead."
    )
    assert [(c.best, c.reliability) for c in found] == [(31000, Reliability.BACKGROUND)]


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("Five villagers, two women and three children, have been missing since the raid.", Outcome.MISSING),
        ("The bodies of the five people taken from the farm, two women and three children, were found on Monday.", Outcome.KILLED),
    ],
)  # fmt: skip
def test_appositive_women_and_children_describe_the_figure(text: str, outcome: Outcome) -> None:
    found = [c for c in extract(text, PUB, report_id="t") if c.outcome is outcome]
    assert [(c.best, c.women, c.children) for c in found] == [(5, 2, 3)]


def test_victims_listed_before_the_speaker_are_not_an_appositive() -> None:
    found = _killed("Gunmen killed four guards, two women and a boy, the police said.")
    assert sorted(c.best for c in found) == [1, 2, 4]
