"""A name the gazetteer knows, used with no cue as part of a person's name, is no place:
not the event's place, and never kept from redaction as one (issue 13: names must not leak;
issue 14: recognition beyond NER)."""

from __future__ import annotations

import pytest

from tollwatch.geo.gazetteer import Gazetteer
from tollwatch.geo.linking import resolved_place_spans
from tollwatch.geo.service import load_gazetteer
from tollwatch.geo.spotting import Role, spot_places


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Witness Abdi Hassan said the blast killed 20 at the market.", "Hassan"),
        ("Sheikh Mahmoud al-Hassan said 6 worshippers died in the raid.", "al-Hassan"),
        ("Resident Viktor Shevchenko said 3 neighbours were killed.", "Shevchenko"),
        ("Musa Bello said fighters killed 5 men in his village.", "Bello"),
        ("Hassan Jaber, whose shop burned, said nobody warned the traders.", "Hassan"),
    ],
)
def test_a_surname_is_not_a_place(gaz: Gazetteer, text: str, name: str) -> None:
    roles = {s.name: s.role for s in spot_places(text, gaz)}
    assert roles.get(name) is Role.PERSON
    assert all(text[a:b] != name for a, b in resolved_place_spans(text, gaz))


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Kharkiv Mayor Ihor Terekhov said 3 people died overnight.", "Kharkiv"),
        ("Three people were killed in Mariupol on Monday.", "Mariupol"),
        ("Shelling hit Douma overnight, medics said.", "Douma"),
    ],
)
def test_places_beside_names_and_titles_stay_places(gaz: Gazetteer, text: str, place: str) -> None:
    assert place in {text[a:b] for a, b in resolved_place_spans(text, gaz)}
