"""Table-driven sentences written for tollwatch: numbers, outcomes, categories, distractors,
demographics, dates, attribution and scope. Plus hypothesis properties."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tollwatch.extract import extract
from tollwatch.extract.dates import find_dates
from tollwatch.extract.numbers import find_quantities, parse_number_words
from tollwatch.models import Category, Outcome, Qualifier, Scope

PUB = date(2025, 6, 14)  # a Saturday


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("1,000", 1000), ("745", 745), ("thirty-one", 31), ("nine", 9), ("a dozen", 12),
        ("one hundred and twenty", 120), ("twenty three", 23), ("2 million", 2_000_000),
        ("1.5 million", 1_500_000), ("eleven", 11), ("ninety-nine", 99), ("half a dozen", 6),
        ("two dozen", 24), ("12,500", 12500), ("seventy", 70), ("one thousand", 1000),
    ],
)  # fmt: skip
def test_numbers_reads_number_words(words: str, value: int) -> None:
    assert parse_number_words(words) == value


@pytest.mark.parametrize(
    ("text", "low", "best", "high", "qualifier"),
    [
        ("at least 20", 20, 20, None, Qualifier.AT_LEAST),
        ("more than 2,000", 2000, 2000, None, Qualifier.AT_LEAST),
        ("over 40", 40, 40, None, Qualifier.AT_LEAST),
        ("surpassed 1,000", 1000, 1000, None, Qualifier.AT_LEAST),
        ("no fewer than 16", 16, 16, None, Qualifier.AT_LEAST),
        ("about 20", None, 20, None, Qualifier.ABOUT),
        ("around 35", None, 35, None, Qualifier.ABOUT),
        ("nearly 50", None, 50, 50, Qualifier.ABOUT),
        ("up to 30", None, 30, 30, Qualifier.AT_MOST),
        ("as many as 12", None, 12, 12, Qualifier.AT_MOST),
        ("20 to 30", 20, 20, 30, Qualifier.RANGE),
        ("between 20 and 30", 20, 20, 30, Qualifier.RANGE),
        ("between 6-12", 6, 6, 12, Qualifier.RANGE),
        ("two or three", 2, 2, 3, Qualifier.RANGE),
        ("dozens", 12, 12, 99, Qualifier.VAGUE),
        ("tens", 10, 10, 99, Qualifier.VAGUE),
        ("hundreds", 100, 100, 999, Qualifier.VAGUE),
        ("scores", 20, 20, 99, Qualifier.VAGUE),
        ("several", 3, 3, 9, Qualifier.VAGUE),
        ("a number of", 2, 2, None, Qualifier.VAGUE),
        ("thousands", 1000, 1000, 9999, Qualifier.VAGUE),
        ("31", 31, 31, 31, Qualifier.EXACT),
    ],
)
def test_numbers_qualifiers_give_honest_bounds(
    text: str, low: int | None, best: int, high: int | None, qualifier: Qualifier
) -> None:
    (q,) = find_quantities(text)
    assert (q.low, q.best, q.high, q.qualifier) == (low, best, high, qualifier)


def _summary(text: str) -> list[tuple[str, int | None, str]]:
    return sorted(
        (c.outcome.value, c.best, c.category.value) for c in extract(text, PUB, report_id="t")
    )


K, I, M, D, X = "killed", "injured", "missing", "detained", "displaced"  # noqa: E741
CIV, SF, NSA, UNK = "civilians", "state_forces", "non_state_armed", "unknown"

CASES: list[tuple[str, list[tuple[str, int, str]]]] = [
    ("Seven soldiers and 15 militants were killed in the ambush near Gwoza.", [(K, 7, SF), (K, 15, NSA)]),
    ("Gunmen killed 12 villagers and wounded 4 others in the raid.", [(I, 4, UNK), (K, 12, CIV)]),
    ("Twenty-one people were killed when the market was attacked.", [(K, 21, UNK)]),
    ("At least 18 people died in the blast at the bus station.", [(K, 18, UNK)]),
    ("The explosion killed one and injured 3 others.", [(I, 3, UNK), (K, 1, UNK)]),
    ("Three policemen were shot dead at a checkpoint.", [(K, 3, SF)]),
    ("Insurgents abducted 30 students from the school dormitory.", [(D, 30, CIV)]),
    ("Up to 30 passengers were kidnapped on the highway.", [(D, 30, CIV)]),
    ("More than 2,000 people fled their homes after the attack.", [(X, 2000, UNK)]),
    ("Several villagers remain missing after the flood of gunfire.", [(M, 3, CIV)]),
    ("Dozens were wounded in the crossfire.", [(I, 12, UNK)]),
    ("Police arrested 14 protesters outside the governor's office.", [(D, 14, CIV)]),
    ("Two suspected bandits were killed by troops on patrol.", [(K, 2, NSA)]),
    ("The army said it killed 40 insurgents in air strikes.", [(K, 40, NSA)]),
    ("Five rebels were captured during the operation.", [(D, 5, NSA)]),
    ("A soldier was killed and two others wounded in the attack.", [(I, 2, UNK), (K, 1, SF)]),
    ("A farmer was hacked to death on his way to the field.", [(K, 1, CIV)]),
    ("Gunmen shot dead a trader in the town on Friday.", [(K, 1, CIV)]),
    ("The bodies of 9 fishermen were recovered from the river.", [(K, 9, CIV)]),
    ("Eleven worshippers lost their lives in the mosque attack.", [(K, 11, CIV)]),
    ("The attack left six people dead and 20 injured.", [(I, 20, UNK), (K, 6, UNK)]),
    ("Four civilians were killed and nine injured in the shelling.", [(I, 9, CIV), (K, 4, CIV)]),
    ("Attackers torched 12 shops and killed three traders.", [(K, 3, CIV)]),
    ("Eight men, including two brothers, were gunned down in the village.", [(K, 8, CIV)]),
    ("Militants executed 10 hostages on Thursday.", [(K, 10, UNK)]),
    ("Fourteen villagers were killed, among them five children and three women.", [(K, 14, CIV)]),
    ("Six members of the security forces died in the ambush.", [(K, 6, SF)]),
    ("The clashes claimed the lives of 17 herders.", [(K, 17, CIV)]),
    ("Around 40 people were hospitalised after the bombing.", [(I, 40, UNK)]),
    ("At least 100 families were displaced by the fighting.", [(X, 100, UNK)]),
    ("Thirty-one people were killed in the village of Kaura.", [(K, 31, UNK)]),
    ("Troops killed 7 militants and arrested 3 others.", [(D, 3, UNK), (K, 7, NSA)]),
    ("The death toll from the bombing rose to 43.", [(K, 43, UNK)]),
    ("The death toll has climbed to 120 since the fighting began.", [(K, 120, UNK)]),
    ("Rebels kidnapped two aid workers near the border.", [(D, 2, CIV)]),
    ("A policeman was injured when the mob attacked the station.", [(I, 1, SF)]),
    ("Nine pupils were abducted and two teachers were killed.", [(D, 9, CIV), (K, 2, CIV)]),
    ("The blast killed 25 and injured 85.", [(I, 85, UNK), (K, 25, UNK)]),
    ("Between 20 and 30 people were killed in the raid.", [(K, 20, UNK)]),
    ("One person was killed and 10 others injured in the clash.", [(I, 10, UNK), (K, 1, UNK)]),
    ("Security forces killed 11 gunmen in a shootout.", [(K, 11, NSA)]),
    ("Two fighters were killed in the exchange of fire.", [(K, 2, NSA)]),
    ("About 20 people were killed and dozens wounded.", [(I, 12, UNK), (K, 20, UNK)]),
    ("Five soldiers are missing after the attack on the base.", [(M, 5, SF)]),
    ("The raid left 3 militants dead.", [(K, 3, NSA)]),
    ("Hundreds of residents fled to the hills.", [(X, 100, CIV)]),
    ("Gunmen abducted at least 25 villagers overnight.", [(D, 25, CIV)]),
    ("Two journalists were detained by the police.", [(D, 2, CIV)]),
    ("The shelling killed 4 children and 2 women.", [(K, 2, CIV), (K, 4, CIV)]),
    ("Twelve people died and 30 were injured when the bomb went off.", [(I, 30, UNK), (K, 12, UNK)]),
    ("Thirteen bodies were found in a shallow grave.", [(K, 13, UNK)]),
    ("The attack killed 3 police officers.", [(K, 3, SF)]),
    ("Nine insurgents surrendered and 4 were killed.", [(K, 4, UNK)]),
    ("An estimated 5,000 people were displaced by the attacks.", [(X, 5000, UNK)]),
    ("A village elder was shot dead outside his home.", [(K, 1, CIV)]),
    ("Gunmen stopped the driver on the road and killed him.", [(K, 1, UNK)]),
    ("Constable Danjuma Musa was killed when the patrol was ambushed.", [(K, 1, UNK)]),
    ("The district chairman was killed in the raid on Tuesday.", [(K, 1, UNK)]),
    ("Bandits abducted a trader and his son near the market.", [(D, 1, CIV)]),
    ("Three suicide bombers blew themselves up at the gate, killing only themselves.", [(K, 3, NSA)]),
    ("Four villagers, who tried to flee, were shot dead.", [(K, 4, CIV)]),
    ("Five policemen escorting a convoy have been killed.", [(K, 5, SF)]),
    ("At least 12 suspected militants believed to be behind the raid died in the clash.", [(K, 12, NSA)]),
    ("A herder was abducted and later stabbed to death.", [(D, 1, CIV), (K, 1, CIV)]),
    ("Two farmers were kidnapped and killed by bandits.", [(D, 2, CIV), (K, 2, CIV)]),
    ("Residents protested the death of three pupils on Monday.", []),
    ("The reprisal followed the killing of 18 soldiers last week.", []),
    ("Troops killed 7 militants and destroyed five hideouts.", [(K, 7, NSA)]),
    ("1 soldier killed 5 injured in blast.", [(I, 5, UNK), (K, 1, SF)]),
    ("Between twenty-four and twenty-six people were reported dead.", [(K, 24, UNK)]),
    ("The attack killed 25 (some reports say 30) and injured 85.", [(I, 85, UNK), (K, 25, UNK)]),
    ("Fighters killed a family of three in their home.", [(K, 3, UNK)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_rules_outcomes_and_categories(
    text: str, expected: list[tuple[str, int, str]], nlp: Any
) -> None:
    assert _summary(text) == sorted(expected)


DISTRACTORS = [
    "No one was killed in the attack on the convoy.",
    "There were no casualties, officials said.",
    "The convoy reached Dikwa and nobody was hurt.",
    "The group threatened to kill 100 hostages.",
    "A 57-year-old trader said he fled.",
    "The 16-year insurgency has displaced families across the region.",
    "The village lies 30 kilometres from the town.",
    "He was standing 100 meters from the gate.",
    "The attack came three months after the truce.",
    "The insurgency began in 2009.",
    "The state paid 5 million naira in compensation.",
    "Gunmen burned 12 shops and three trucks.",
    "The army seized 2 tonnes of explosives.",
    "Soldiers destroyed 14 vehicles used by the group.",
    "The rebels captured 3 villages in the north.",
    "They planned to kill 20 people at the rally, police said.",
    "No deaths were reported in the clash.",
    "The militants could have killed dozens.",
    "On 9 May 2020, protesters marched in the capital.",
    "The meeting lasted 4 hours and ended peacefully.",
    "About 70 percent of the town was without power.",
    "The attackers fled on 15 motorcycles.",
    "Police said 3 suspects tried to kill the chief but failed.",
    "The 2-day ceasefire held.",
    "A woman aged 35 gave birth in the camp.",
    "The report covers 12 districts.",
    "The group has 300 fighters in the area.",
    "Twenty cows were killed by the raiders.",
    "Neither injuries nor fatalities were reported.",
    "No one died in the fire at 10:30 pm.",
]


@pytest.mark.parametrize("text", DISTRACTORS)
def test_rules_distractors_make_no_casualty_claim(text: str, nlp: Any) -> None:
    claims = [c for c in extract(text, PUB) if c.outcome in (Outcome.KILLED, Outcome.INJURED)]
    assert claims == []


def test_rules_demographics_across_sentences(nlp: Any) -> None:
    text = "Gunmen killed 22 people in Bama on Wednesday. Among the dead were seven children and five women."
    (c,) = extract(text, PUB)
    assert (c.best, c.children, c.women) == (22, 7, 5)
    assert "seven children" in c.quote


def test_rules_demographics_in_one_sentence(nlp: Any) -> None:
    (c,) = extract("Eleven people, including six children, were killed in the blast.", PUB)
    assert (c.best, c.children) == (11, 6)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Six civilians were killed on Friday.", date(2025, 6, 13), date(2025, 6, 13), "day"),
        ("Six civilians were killed yesterday.", date(2025, 6, 13), date(2025, 6, 13), "day"),
        ("Six civilians were killed on June 3.", date(2025, 6, 3), date(2025, 6, 3), "day"),
        ("Six civilians were killed on 3 June 2025.", date(2025, 6, 3), date(2025, 6, 3), "day"),
        ("Six civilians were killed last week.", date(2025, 6, 2), date(2025, 6, 8), "week"),
        (
            "Six civilians were killed earlier this month.",
            date(2025, 6, 1),
            date(2025, 6, 14),
            "month",
        ),
        ("Six civilians were killed on Saturday.", date(2025, 6, 14), date(2025, 6, 14), "day"),
        (
            "Six civilians were killed on December 30.",
            date(2024, 12, 30),
            date(2024, 12, 30),
            "day",
        ),
        (
            "On Thursday, police said six civilians were killed the previous day.",
            date(2025, 6, 11),
            date(2025, 6, 11),
            "day",
        ),
    ],
)
def test_rules_dates_resolve_against_publication_and_statement(
    text: str, start: date, end: date, precision: str, nlp: Any
) -> None:
    (c,) = extract(text, PUB)
    assert (c.date.start, c.date.end, c.date.precision.value) == (start, end, precision)


def test_rules_dates_never_after_publication() -> None:
    for m in find_dates("It happened on June 20 and on Monday.", PUB):
        assert m.range.end is None or m.range.end <= PUB


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Six civilians were killed, according to the Lake Chad Courier.", "the Lake Chad Courier"),
        ("Police said six civilians were killed in Mubi.", "Police"),
        ("Six civilians were killed in Mubi, residents told reporters.", "residents"),
        ("The monitor reported that 57 civilians have been killed so far.", "The monitor"),
    ],
)
def test_rules_attribution(text: str, source: str, nlp: Any) -> None:
    (c,) = [c for c in extract(text, PUB) if c.outcome is Outcome.KILLED]
    assert c.attributed_to == source


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        ("The death toll has risen to 52 civilians.", Scope.INCIDENT_TOLL),
        ("At least 89 people have been killed since Tuesday.", Scope.CUMULATIVE),
        ("So far 30 civilians have been killed.", Scope.CUMULATIVE),
        ("In total, 40 people were injured.", Scope.CUMULATIVE),
        ("Six civilians were killed in Mubi on Friday.", Scope.INCIDENT),
        ("A bomb killed 9 people at the market.", Scope.INCIDENT),
    ],
)
def test_rules_scope(text: str, scope: Scope, nlp: Any) -> None:
    (c,) = extract(text, PUB)
    assert c.scope is scope


def test_rules_place_mention(nlp: Any) -> None:
    (c,) = extract("Gunmen killed 12 villagers in Konduga on Tuesday.", PUB)
    assert c.place.mention == "Konduga"


def test_rules_category_sets_civilians_for_women(nlp: Any) -> None:
    (c,) = extract("Raiders killed 4 women in the village.", PUB)
    assert (c.category, c.women) == (Category.CIVILIANS, 4)


WORDS = st.sampled_from(
    [
        "killed",
        "dead",
        "injured",
        "12",
        "seven",
        "at",
        "least",
        "about",
        "dozens",
        "soldiers",
        "civilians",
        "were",
        "the",
        "in",
        "on",
        "Friday",
        "yesterday",
        ",",
        ".",
        "(",
        ")",
        "including",
        "among",
        "them",
        "children",
        "women",
        "no",
        "one",
        "2020",
        "km",
        "year-old",
        "fled",
        "abducted",
        "toll",
        "rose",
        "to",
        "since",
        "a",
        "an",
        "of",
        "and",
        "1,000",
        "between",
        "20",
        "30",
        "up",
        "to",
    ]
)


@given(text=st.lists(WORDS, max_size=40).map(" ".join) | st.text(max_size=200))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_rules_properties_hold_on_any_text(text: str, nlp: Any) -> None:
    for c in extract(text, PUB, report_id="h"):
        assert c.low is None or c.best is None or c.low <= c.best
        assert c.high is None or c.best is None or c.best <= c.high
        assert c.quote == text[c.start : c.end]
        assert c.quantity_text is not None and c.quantity_text in c.quote
        digits = re.sub(r"[^\d]", "", c.quantity_text)
        assert digits == "" or digits in re.sub(r"[^\d]", "", c.quote)
        assert c.date.end is None or c.date.end <= PUB
