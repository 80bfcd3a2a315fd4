from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tollwatch.errors import BadDate
from tollwatch.ingest.dates import parse_date

GOOD = [
    ("2025-06-14", date(2025, 6, 14)),
    ("  2025-06-14 ", date(2025, 6, 14)),
    ("2025-06-11T08:30:00+01:00", date(2025, 6, 11)),
    ("2025-06-11 23:30:00", date(2025, 6, 11)),
    ("2025/06/14", date(2025, 6, 14)),
    ("14/06/2025", date(2025, 6, 14)),
    ("06/14/2025", date(2025, 6, 14)),
    ("05/05/2025", date(2025, 5, 5)),
    ("14.06.2025", date(2025, 6, 14)),
    ("14 June 2025", date(2025, 6, 14)),
    ("June 14, 2025", date(2025, 6, 14)),
    ("Sat, 14 Jun 2025 08:00:00 +0100", date(2025, 6, 14)),
    ("Saturday 14 June 2025", date(2025, 6, 14)),
]

BAD = [
    ("", "empty"),
    ("yesterday", "no year"),
    ("June 2025", "cannot read"),
    ("2025-02-30", "does not exist"),
    ("06/12/2025", "ambiguous"),
    ("tomorrow 2025", "cannot read"),
    ("next to nothing 1999", "cannot read"),
]


@pytest.mark.parametrize(("text", "expected"), GOOD)
def test_dates_reads_common_formats(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(("text", "reason"), BAD)
def test_dates_refuses_bad_dates_with_reason(text: str, reason: str) -> None:
    with pytest.raises(BadDate, match=reason) as info:
        parse_date(text)
    assert info.value.code == "TW014"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_dates_iso_round_trip(day: date) -> None:
    assert parse_date(day.isoformat()) == day
    assert parse_date(day.strftime("%d %B %Y")) == day
