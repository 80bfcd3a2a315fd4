"""Who was counted: occupations and roles -> categories, breakdowns after a total, combined groups.

Sentences written for tollwatch (docs/extraction.md, "Categories").
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tollwatch.extract import extract
from tollwatch.extract.combine import report_total
from tollwatch.models import Category, Claim, Outcome

PUB = date(2025, 6, 14)
CIV, STATE, NSA, UNK = (
    Category.CIVILIANS,
    Category.STATE_FORCES,
    Category.NON_STATE_ARMED,
    Category.UNKNOWN,
)


def _killed(text: str) -> list[Claim]:
    return [c for c in extract(text, PUB) if c.outcome is Outcome.KILLED]


@pytest.mark.parametrize(
    ("who", "category"),
    [
        ("A tea seller was", CIV),
        ("Two hawkers were", CIV),
        ("Three football fans were", CIV),
        ("Two photographers were", CIV),
        ("A judge was", CIV),
        ("Five farmers were", CIV),
        ("Three students were", CIV),
        ("Twelve worshippers were", CIV),
        ("Three prison guards were", STATE),
        ("Two customs officers were", STATE),
        ("Two border guards were", STATE),
        ("Six security personnel were", STATE),
        ("Four gang members were", NSA),
        ("Three mercenaries were", NSA),
        ("Five paramilitaries were", NSA),
        ("Two cartel gunmen were", NSA),
        ("Three jihadists were", NSA),
        ("Four gunmen loyal to the warlord were", NSA),
        ("Four people were", UNK),
    ],
)
def test_categories_roles(who: str, category: Category, nlp: Any) -> None:
    (claim,) = _killed(f"{who} killed in the raid on Monday.")
    assert claim.category is category


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # a colon or a dash after the total introduces its breakdown
        ("The strike killed 11 people: six soldiers, three rebels and two farmers.", {STATE: 6, NSA: 3, CIV: 2}),
        ("Fighting left 50 dead — 35 fighters, 9 police officers and four civilians.", {NSA: 35, STATE: 9, CIV: 4, UNK: 2}),
        ("The clash killed 7 people - 4 soldiers and 3 militants - officials said.", {STATE: 4, NSA: 3}),
        ("The monitor recorded 2,310 people killed in the northern region: 1,150 civilians, 870 resistance fighters and 290 junta soldiers.", {CIV: 1150, NSA: 870, STATE: 290}),
        # "of whom N were X"
        ("The strike killed 20 people, of whom 12 were civilians and 8 were militants.", {CIV: 12, NSA: 8}),
        # one named group inside a larger total: the rest stays unknown
        ("A bomber struck the depot, killing 26 people, among them 14 soldiers, and wounding 62.", {STATE: 14, UNK: 12}),
        # in the next sentence
        ("At least 30 people were killed. Among the dead were 20 soldiers and 10 villagers.", {STATE: 20, CIV: 10}),
    ],
)  # fmt: skip
def test_categories_breakdown_sums_to_the_total(
    text: str, parts: dict[Category, int], nlp: Any
) -> None:
    killed = _killed(text)
    # the total is kept (category unknown) and each part names it: one figure, not a sum
    (total,) = [c for c in killed if c.part_of is None]
    assert total.category is UNK and total.best == sum(parts.values())
    got: dict[Category, int] = {}
    for c in killed:
        if c.part_of is not None:
            assert c.part_of == total.best and (c.start, c.end) == (total.start, total.end)
            got[c.category] = got.get(c.category, 0) + (c.best or 0)
    if sum(got.values()) < total.best:
        got[UNK] = total.best - sum(got.values())  # the rest stays unknown
    assert got == parts
    assert report_total(killed) == sum(parts.values())


def test_categories_speakers_after_a_list_of_victims_are_not_victims(nlp: Any) -> None:
    killed = _killed(
        "Raiders overran a border post near Tamsi on Friday, killing 9 soldiers, two local "
        "officials told the station on Saturday."
    )
    assert [(c.best, c.category) for c in killed] == [(9, STATE)]


def test_categories_parts_larger_than_the_total_are_not_a_breakdown(nlp: Any) -> None:
    # the "among them" figures cannot be inside 10: the total stands as it is
    killed = _killed("The raid killed 10 people, among them 8 soldiers and 7 rebels.")
    assert [(c.best, c.category) for c in killed] == [(10, UNK)]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Twenty security personnel and militants were killed in the clashes.", "security personnel and militants"),
        ("Clashes left 14 soldiers and rebels dead.", "soldiers and rebels"),
    ],
)  # fmt: skip
def test_categories_combined_groups_stay_one_unknown_figure(
    text: str, subject: str, nlp: Any
) -> None:
    (claim,) = _killed(text)
    assert claim.category is UNK and claim.subject == subject


@pytest.mark.parametrize(
    "text",
    [
        "The blast caused 62 casualties at the station.",
        "Casualties reached 40 after the shelling, medics said.",
    ],
)
def test_categories_casualties_alone_are_not_deaths(text: str, nlp: Any) -> None:
    assert _killed(text) == []


@pytest.mark.parametrize(
    ("text", "injured"),
    [
        # the wounded figure has no noun: it counts the soldiers named just before it
        ("The ministry said 17 soldiers were killed and 20 wounded in the ambush.", STATE),
        ("Four civilians were killed and nine injured in the shelling.", CIV),
        # a noun of its own keeps its own category
        ("Five soldiers were killed and 20 people wounded in the ambush.", UNK),
    ],
)
def test_categories_a_bare_second_figure_counts_the_same_people(
    text: str, injured: Category, nlp: Any
) -> None:
    (hurt,) = [c for c in extract(text, PUB) if c.outcome is Outcome.INJURED]
    assert hurt.category is injured
