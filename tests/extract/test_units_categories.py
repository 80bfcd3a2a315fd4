"""Numbers, counted units and victim categories (docs/extraction.md, counting conventions)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tollwatch.extract import extract
from tollwatch.extract.combine import report_total
from tollwatch.extract.numbers import find_quantities
from tollwatch.models import Category, Outcome

PUB = date(2025, 6, 14)


@pytest.mark.parametrize(
    ("text", "best"),
    [
        ("half a million", 500_000),
        ("half a dozen", 6),
        ("a dozen", 12),
        ("1.247", 1247),
        ("1,247", 1247),
        ("2.5 million", 2_500_000),
        ("a thousand", 1000),
    ],
)
def test_units_number_words(text: str, best: int) -> None:
    (q,) = find_quantities(text)
    assert q.best == best


@pytest.mark.parametrize(
    ("text", "low", "best", "high"),
    [
        ("Dozens were killed in the raid.", 12, 12, 99),
        ("Scores were killed in the raid.", 20, 20, 99),
        ("Hundreds were killed in the raid.", 100, 100, 999),
    ],
)
def test_units_vague_words_keep_their_ranges(
    text: str, low: int, best: int, high: int, nlp: Any
) -> None:
    (c,) = extract(text, PUB)
    assert (c.low, c.best, c.high) == (low, best, high)


def test_units_dotted_toll_in_a_sentence(nlp: Any) -> None:
    (c,) = extract("The ministry said the death toll had reached 1.247 by Thursday.", PUB)
    assert c.best == 1247


@pytest.mark.parametrize(
    "text",
    [
        "The commission documented 31 massacres in the province.",
        "Investigators collected 60 testimonies from survivors.",
        "Police gathered 40 pieces of evidence at the site.",
        "Authorities imposed a 12-hour curfew on the town.",
    ],
)
def test_units_things_are_not_casualties(text: str, nlp: Any) -> None:
    assert [c for c in extract(text, PUB) if c.outcome is Outcome.KILLED] == []


def test_units_families_are_households_not_people(nlp: Any) -> None:
    (c,) = extract("More than 900 families fled the village after the raid.", PUB)
    assert c.outcome is Outcome.DISPLACED and c.subject == "households"


def test_units_one_stated_victim(nlp: Any) -> None:
    (c,) = extract("A shopkeeper was shot dead outside his store on Tuesday, police said.", PUB)
    assert (c.best, c.category) == (1, Category.CIVILIANS)


def test_units_casualties_alone_are_not_killed(nlp: Any) -> None:
    claims = extract("The blast caused 30 casualties, medics said.", PUB)
    assert [c for c in claims if c.outcome is Outcome.KILLED] == []


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("A nurse was killed when the clinic was shelled.", Category.CIVILIANS),
        ("Three General Security members were killed in the ambush.", Category.STATE_FORCES),
        ("Four police officers were shot dead at a checkpoint.", Category.STATE_FORCES),
        ("Six tribal fighters were killed in the clashes.", Category.NON_STATE_ARMED),
        ("Two vendors were killed by a stray shell.", Category.CIVILIANS),
    ],
)
def test_units_roles_map_to_categories(text: str, category: Category, nlp: Any) -> None:
    (c,) = [c for c in extract(text, PUB) if c.outcome is Outcome.KILLED]
    assert c.category is category


def test_units_breakdown_after_a_total_sums_to_it(nlp: Any) -> None:
    text = "The assault killed 50 people, among them 35 fighters, 9 police officers and four civilians."
    killed = [c for c in extract(text, PUB) if c.outcome is Outcome.KILLED]
    parts = {c.category: c.best for c in killed if c.part_of == 50}
    assert parts == {
        Category.NON_STATE_ARMED: 35,
        Category.STATE_FORCES: 9,
        Category.CIVILIANS: 4,
    }
    (total,) = [c for c in killed if c.part_of is None]
    assert (total.best, total.category) == (50, Category.UNKNOWN)
    assert report_total(killed) == 50


def test_units_children_in_a_total_are_not_a_breakdown(nlp: Any) -> None:
    (c,) = extract("The strike killed 34 people, among them eight children.", PUB)
    assert (c.best, c.children, c.category) == (34, 8, Category.UNKNOWN)


def test_units_combined_groups_stay_combined(nlp: Any) -> None:
    (c,) = extract("Twenty security personnel and militants were killed in the clashes.", PUB)
    assert c.category is Category.UNKNOWN
    assert c.subject == "security personnel and militants"


def test_units_wounded_before_a_person_noun(nlp: Any) -> None:
    claims = extract("The clinic treated 45 wounded people after the shelling.", PUB)
    assert [(c.outcome, c.best) for c in claims] == [(Outcome.INJURED, 45)]


def test_units_sdf_is_not_a_state_force(nlp: Any) -> None:
    (c,) = extract("Twelve SDF fighters were killed in the raid.", PUB)
    assert c.category is Category.NON_STATE_ARMED


def test_units_rest_of_a_total_says_what_it_is(nlp: Any) -> None:
    # the total is kept as it was said; the 12 nobody named stay unknown inside it
    text = "The bomb killed 26 people, among them 14 soldiers, police said."
    killed = extract(text, PUB)
    (total,) = [c for c in killed if c.category is Category.UNKNOWN]
    assert (total.best, total.quantity_text, total.part_of) == (26, "26", None)
    (part,) = [c for c in killed if c.category is Category.STATE_FORCES]
    assert (part.best, part.part_of) == (14, 26)


def test_units_every_number_of_a_list_of_ages_is_an_age(nlp: Any) -> None:
    text = "Three children aged 4, 8 and 11 were killed when a shell hit their house on Monday."
    killed = [c for c in extract(text, PUB) if c.outcome is Outcome.KILLED]
    assert [(c.best, c.children) for c in killed] == [(3, 3)]


def test_units_the_old_figure_a_correction_names_is_not_a_claim(nlp: Any) -> None:
    text = (
        "Police on Sunday revised the toll from Friday's market blast in Kerrin to 9 dead, "
        "saying the earlier count of 14 had included people who were hurt."
    )
    killed = [c for c in extract(text, PUB) if c.outcome is Outcome.KILLED]
    assert [(c.best, c.revision) for c in killed] == [(9, True)]
