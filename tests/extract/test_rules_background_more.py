"""Table-driven sentences written for tollwatch: killings that were prevented, and tolls in a
relative clause that give the reason for a protest, are not claims."""

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
        # prevented: nothing happened
        ("Police prevented an angry crowd from lynching a man accused of theft.", []),
        ("Neighbours stopped the gang from killing 2 shopkeepers.", []),
        ("Guards foiled the attackers' attempt and kept them from killing the hostages.", []),
        # the cause of a protest, in a relative clause
        ("Hundreds protested against the bombing of a mosque that left 12 dead.", []),
        ("Traders rioted over the raid which killed 4 porters last month.", []),
        # still claims
        ("Soldiers killed 5 rebels after failing to stop them from crossing.", [5]),
        ("The bombing of a mosque that left 12 dead shocked the town.", [12]),
        ("Gunmen killed 3 farmers; the army did not prevent the raid.", [3]),
    ],
)
def test_rules_prevented_and_protest_causes(text: str, expected: list[int], nlp: Any) -> None:
    assert _killed(text) == expected
