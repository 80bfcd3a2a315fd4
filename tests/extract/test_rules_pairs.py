"""Table-driven sentences written for tollwatch: two singular people joined by "and" before
"were killed" count 2."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tollwatch.extract import extract
from tollwatch.models import Outcome

PUB = date(2025, 6, 14)


def _killed(text: str) -> list[int]:
    return sorted(c.best or 0 for c in extract(text, PUB) if c.outcome is Outcome.KILLED)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A trader and his son were shot dead by gunmen in the market.", [2]),
        ("On 4 May, a farmer and his nephew were killed near the river.", [2]),
        ("A guard and a driver were killed when the convoy was ambushed.", [2]),
        ("The district chief and his bodyguard were killed in an ambush.", [2]),
        # a definite pair is a reference when the report gives another figure
        ("Gunmen killed 3 people on Monday. The district chief and his bodyguard were killed.", [3]),
        # the figure inside the pair counts them; no pair of things; other outcomes unchanged
        ("An army commander and his three aides were killed in the blast.", [3]),
        ("A truck and a bus were destroyed in the blast.", []),
        ("A man and a woman were arrested at the checkpoint.", []),
    ],
)  # fmt: skip
def test_rules_pairs_of_singular_victims(text: str, expected: list[int], nlp: Any) -> None:
    assert _killed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed a police officer and a civilian at the checkpoint.", [1, 1]),
        ("Militants killed 2 soldiers and a civilian in the raid.", [1, 2]),
        # the second person has another outcome, or is not a victim at all
        ("The blast killed a soldier and a civilian was injured.", [1]),
        ("Troops killed a militant and arrested a suspect.", [1]),
        ("Gunmen killed a trader and a day later burned his shop.", [1]),
    ],
)
def test_rules_coordinated_singular_objects(text: str, expected: list[int], nlp: Any) -> None:
    assert _killed(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject of a relative clause that then speaks is a witness, not a victim
        ("A trader who fled at dawn said 9 of his neighbours were killed.", [9]),
        ("A nurse who treated the wounded told reporters 5 people were killed.", [5]),
        # a victim described by a relative clause still counts
        ("A man who had joined the rival party is murdered at his home.", [1]),
        ("A farmer who was working in his field was killed by bandits.", [1]),
    ],
)
def test_rules_relative_clause_speaker_is_not_a_victim(
    text: str, expected: list[int], nlp: Any
) -> None:
    assert _killed(text) == expected
