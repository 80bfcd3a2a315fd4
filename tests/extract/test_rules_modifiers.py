"""Table-driven sentences written for tollwatch: compound modifiers before a singular victim
and reporting words between a killing verb and its figure."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tollwatch.extract import extract
from tollwatch.extract.tokens import verbish

PUB = date(2025, 6, 14)

K = "killed"
CIV, SF, NSA, UNK = "civilians", "state_forces", "non_state_armed", "unknown"


def _summary(text: str) -> list[tuple[str, int | None, str]]:
    return sorted(
        (c.outcome.value, c.best, c.category.value) for c in extract(text, PUB, report_id="t")
    )


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("non-commissioned", False),
        ("self-styled", False),
        ("so-called", False),
        ("re-captured", True),
        ("attacked", True),
        ("killing", True),
    ],
)
def test_tokens_hyphenated_modifier_is_not_a_verb(word: str, expected: bool) -> None:
    assert verbish(word) is expected


CASES: list[tuple[str, list[tuple[str, int, str]]]] = [
    ("On 2 May, a non-commissioned officer was killed near the depot.", [(K, 1, SF)]),
    ("A self-styled commander of the gang was killed in a shootout on Monday.", [(K, 1, UNK)]),
    ("Raiders attacked the hamlet at dawn, killing a reported 17.", [(K, 17, UNK)]),
    ("The blast hit the bus station, killing a confirmed 8 passengers.", [(K, 8, CIV)]),
    ("Troops shelled the ridge, killing reportedly 6 fighters.", [(K, 6, NSA)]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_rules_modifiers_and_reporting_words(
    text: str, expected: list[tuple[str, int, str]], nlp: Any
) -> None:
    assert _summary(text) == sorted(expected)


@pytest.mark.parametrize(
    "text",
    [
        "A so-called peace committee was reported in the district.",
        "The well-armed group reported 12 new recruits.",
    ],
)
def test_rules_modifiers_make_no_killed_claim(text: str, nlp: Any) -> None:
    assert [c for c in extract(text, PUB) if c.outcome.value == K] == []
