"""The shared real-news example (../shared; skipped when absent): the claims an analyst takes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tollwatch.extract import extract
from tollwatch.models import Category, Claim, DatePrecision, Outcome, Qualifier, Scope

PUBLISHED = date(2025, 3, 9)
EXAMPLE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "examples"
    / "coastal-violence-2025-03.txt"
)


@pytest.fixture(scope="module")
def claims(nlp: Any) -> list[Claim]:
    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is absent (../shared exists only for the team and CI)")
    text = EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+", "", text)
    return extract(text, PUBLISHED, report_id="rexample")


def _killed(claims: list[Claim], best: int) -> Claim:
    found = [c for c in claims if c.outcome is Outcome.KILLED and c.best == best]
    assert len(found) == 1, f"expected one killed claim of {best}, got {found}"
    return found[0]


@pytest.mark.parametrize(
    ("best", "category"),
    [(745, Category.CIVILIANS), (125, Category.STATE_FORCES), (148, Category.NON_STATE_ARMED)],
)
def test_example_monitor_breakdown_is_cumulative_and_attributed(
    claims: list[Claim], best: int, category: Category
) -> None:
    c = _killed(claims, best)
    assert c.category is category
    assert c.scope is Scope.CUMULATIVE
    assert c.attributed_to is not None and "Syrian Observatory for Human Rights" in c.attributed_to
    # the breakdown of "the toll from two days of clashes" (to Saturday): that period
    assert (c.date.start, c.date.end) == (date(2025, 3, 7), date(2025, 3, 8))
    assert c.date.precision is DatePrecision.PERIOD
    assert str(best) in c.quote


def test_example_total_surpassed_1000(claims: list[Claim]) -> None:
    c = _killed(claims, 1000)
    assert c.qualifier is Qualifier.AT_LEAST
    assert c.low == 1000 and c.high is None
    assert c.scope is Scope.CUMULATIVE
    assert c.category is Category.UNKNOWN


def test_example_tuwaym_with_children_and_women(claims: list[Claim]) -> None:
    c = _killed(claims, 31)
    assert c.place.mention == "Tuwaym"
    assert c.date.start == date(2025, 3, 7) and c.date.end == date(2025, 3, 7)
    assert c.date.anchor == date(2025, 3, 8)
    assert (c.children, c.women) == (9, 4)
    assert c.scope is Scope.INCIDENT
    assert "nine children" in c.quote and "four women" in c.quote
    # the sub-counts are not claims of their own
    assert not [k for k in claims if k.outcome is Outcome.KILLED and k.best in (9, 4)]


def test_example_baniyas(claims: list[Claim]) -> None:
    twenty = _killed(claims, 20)
    assert twenty.low == 20 and twenty.qualifier is Qualifier.AT_LEAST
    assert twenty.place.mention == "Baniyas"
    # "hours after the violence broke out Friday": from Friday 7 March to publication
    assert (twenty.date.start, twenty.date.end) == (date(2025, 3, 7), date(2025, 3, 9))
    five = _killed(claims, 5)
    assert five.date.start == date(2025, 3, 7)
    assert five.scope is Scope.INCIDENT


@pytest.mark.parametrize("distractor", [57, 12, 100, 14, 3, 2])
def test_example_distractors_make_no_claim(claims: list[Claim], distractor: int) -> None:
    assert not [c for c in claims if c.best == distractor]


def test_example_no_date_after_publication(claims: list[Claim]) -> None:
    for c in claims:
        for d in (c.date.start, c.date.end):
            assert d is None or d <= PUBLISHED
