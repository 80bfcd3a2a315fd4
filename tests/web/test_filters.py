from datetime import date

import pytest

from tollwatch.models import Category, Outcome
from tollwatch.web.filters import FilterError, PageFilters, parse_filters


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, PageFilters()),
        ({"country": "ng"}, PageFilters(country="NG")),
        ({"country": " ", "region": ""}, PageFilters()),
        ({"region": "Borno"}, PageFilters(region="Borno")),
        (
            {"from": "2025-06-10", "to": "2025-06-14"},
            PageFilters(date_from=date(2025, 6, 10), date_to=date(2025, 6, 14)),
        ),
        ({"category": "Civilians"}, PageFilters(category=Category.CIVILIANS)),
        ({"outcome": "killed"}, PageFilters(outcome=Outcome.KILLED)),
        ({"q": " market "}, PageFilters(q="market")),
        ({"view": "verified"}, PageFilters(view="verified")),
    ],
)
def test_filters_reads_query_parameters(params: dict[str, str], expected: PageFilters) -> None:
    assert parse_filters(params) == expected


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"country": "Nigeria"}, "country"),
        ({"country": "1Z"}, "country"),
        ({"from": "10/06/2025"}, "YYYY-MM-DD"),
        ({"from": "2025-06-14", "to": "2025-06-10"}, "after"),
        ({"category": "soldiers"}, "state_forces"),
        ({"outcome": "dead"}, "killed"),
        ({"q": "x" * 201}, "at most 200"),
        ({"view": "mine"}, "verified"),
    ],
)
def test_filters_refuses_bad_values_naming_them(params: dict[str, str], words: str) -> None:
    with pytest.raises(FilterError) as info:
        parse_filters(params)
    assert words in str(info.value)
    assert str(info.value).startswith("TW")


def test_filters_round_trip_through_the_query_string() -> None:
    f = PageFilters(
        country="NG",
        region="Borno",
        date_from=date(2025, 6, 10),
        date_to=date(2025, 6, 12),
        category=Category.CIVILIANS,
        outcome=Outcome.KILLED,
        q="market",
        view="verified",
    )
    assert f.active
    assert parse_filters(f.params()) == f
    assert f.query().startswith("?country=NG&region=Borno&from=2025-06-10")


def test_filters_replace_and_remove_one_parameter() -> None:
    f = PageFilters(country="NG", outcome=Outcome.KILLED)
    assert f.replace_query(outcome="injured") == "?country=NG&outcome=injured"
    assert f.replace_query(country=None) == "?outcome=killed"
    assert f.without("country") == PageFilters(outcome=Outcome.KILLED)
    assert PageFilters().query() == ""
    assert not PageFilters().active
