"""Sentences written for tollwatch (none copied from news) on three readings a long news stream
got wrong: the outcome word of "the number of wounded at 40" belongs to the figure after it;
deaths from weather or road accidents are not conflict victims; a toll over a span ("in these
200 days") is a running toll even when the report carries no date."""

from __future__ import annotations

from datetime import date

import pytest

from tollwatch.extract import extract
from tollwatch.models import Scope

PUB = date(2025, 3, 8)


def _found(text: str, published: date | None = PUB) -> list[tuple[str, int | None, str]]:
    return sorted(
        (c.outcome.value, c.best, c.scope.value) for c in extract(text, published, report_id="t")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The toll in the valley riots was put at 35 and the number of wounded at 140 by the "
            "district office.",
            [("injured", 140), ("killed", 35)],
        ),
        (
            "Officials said the number of injured rose to 88 and 17 were killed.",
            [("injured", 88), ("killed", 17)],
        ),
        (
            "Nine people were killed and the number of wounded is 30.",
            [("injured", 30), ("killed", 9)],
        ),
    ],
)
def test_number_of_outcome_names_the_figure_after_it(
    text: str, expected: list[tuple[str, int]]
) -> None:
    assert [(o, b) for o, b, _ in _found(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Live updates: 14 people have lost their lives across the hill district in rain-related "
        "incidents.",
        "Six villagers were killed in a landslide near the river camp.",
        "Three people died in a road accident on the highway north of the town.",
    ],
)
def test_deaths_from_weather_or_road_accidents_are_not_conflict_victims(text: str) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(
    ("text", "outcome", "best"),
    [
        ("Eleven people were killed in clashes after heavy rain.", "killed", 11),
        ("Two guards were killed by a roadside bomb during the floods.", "killed", 2),
        ("Several herders remain missing after the flood of gunfire.", "missing", 3),
    ],
)
def test_violence_named_before_the_weather_still_counts(text: str, outcome: str, best: int) -> None:
    assert (outcome, best) in [(o, b) for o, b, _ in _found(text)]


def test_toll_over_a_span_is_running_with_or_without_a_report_date() -> None:
    text = "In these 200 days, 140 people have died and 9,000 have fled their homes."
    for published in (PUB, None):
        scopes = {o: s for o, _, s in _found(text, published)}
        assert scopes["killed"] == Scope.CUMULATIVE.value


def test_a_day_just_after_publication_is_a_plan_not_last_year() -> None:
    # told on 8 March: "on 12 March" is four days ahead, never 12 March of the year before
    text = "The funeral of the 23 victims will be held on March 12, the council said."
    for c in extract(text, PUB, report_id="t"):
        assert c.date.start is None or c.date.start.year == PUB.year
    # a day long after publication in the calendar is still last year's
    found = extract("Gunmen killed 12 herders on November 20.", PUB, report_id="t")
    assert [c.date.start for c in found] == [date(2024, 11, 20)]
