"""Other names of admin1 units (data/gazetteer/admin_aliases.csv, gazetteer v8).

Every sample sentence is written for these tests.
"""

from __future__ import annotations

import pytest

from tollwatch.geo.gazetteer import Gazetteer
from tollwatch.geo.linking import ClaimSpot, place_claims
from tollwatch.models import GeoPrecision


@pytest.mark.parametrize(
    ("text", "country", "unit"),
    [
        ("The Arakan rights group said 40 civilians were killed in the state.", "MM", "Rakhine"),
        ("A bridge collapse killed 12 people in Orissa.", "IN", "Odisha"),
        (
            "Security forces killed four militants in the North-West Frontier Province.",
            "PK",
            "Khyber Pakhtunkhwa",
        ),
    ],
)
def test_a_former_name_of_a_province_is_that_province(
    builtin: Gazetteer, text: str, country: str, unit: str
) -> None:
    ref = place_claims(text, [ClaimSpot(0, len(text), None)], builtin)[0]
    assert (ref.country, ref.admin1_name, ref.precision) == (country, unit, GeoPrecision.ADM1)
