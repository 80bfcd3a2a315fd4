"""Same-named places in the wrong country, and words that are no places (geo-8).

Every sample sentence is written for these tests.
"""

from __future__ import annotations

import pytest

from tollwatch.geo.gazetteer import Gazetteer
from tollwatch.geo.linking import ClaimSpot, place_claims, resolved_place_spans
from tollwatch.geo.resolver import GeoContext, geocode
from tollwatch.models import PlaceRef


def _claim(text: str, gaz: Gazetteer, mention: str | None = None) -> PlaceRef:
    """The place of one claim whose evidence is the last sentence of ``text``."""
    start = text.rfind(". ") + 2 if ". " in text else 0
    return place_claims(text, [ClaimSpot(start, len(text), mention)], gaz)[0]


@pytest.mark.parametrize("word", ["Thursday's", "Thursday’s", "Fridays", "SUNDAY", "March's"])
def test_a_weekday_or_month_in_any_form_is_never_a_place(builtin: Gazetteer, word: str) -> None:
    # "Thursday" is an alternate name of Thursday Island (Australia)
    assert geocode(word, GeoContext(), builtin).place_id is None
    text = f"The ministry raised the toll from {word} twin blasts at the bus station to 19."
    ref = _claim(text, builtin)
    assert ref.place_id is None and ref.country is None


def test_words_of_an_organisation_name_are_no_place(builtin: Gazetteer) -> None:
    # "Federal" is an alternate name of Brazil's Federal District
    text = "Agents of the Federal Security Service said two gunmen were shot dead in a raid."
    assert resolved_place_spans(text, builtin) == []
    assert _claim(text, builtin).country is None


def test_a_town_abroad_loses_to_the_country_the_report_places_things_in(
    builtin: Gazetteer,
) -> None:
    # Solhan is also a district seat in Turkey; the report names no country by name, but a
    # demonym, a town and a region all place it in Burkina Faso
    text = (
        "Burkinabe officials said the raid began at night near Sebba, in the Sahel region. "
        "Gunmen killed 30 residents of Solhan."
    )
    ref = _claim(text, builtin, mention="Solhan")
    assert ref.country == "BF"


def test_a_village_named_twice_is_one_mention_not_two_votes(builtin: Gazetteer) -> None:
    # "Solhan village" and "Solhan" are one place: the first is no evidence for the second
    text = (
        "Gunmen attacked Solhan village near Sebba in Burkina Faso at night. "
        "The army said 30 people died in Solhan."
    )
    ref = _claim(text, builtin, mention="Solhan")
    assert ref.country == "BF" and ref.place_id is None


def test_a_town_in_a_country_nobody_names_loses_in_a_report_naming_several(
    builtin: Gazetteer,
) -> None:
    # three countries named about equally: none leads, but Turkey is not among them
    text = (
        "Troops from Burkina Faso, Niger and Mali patrol the border area near Sebba. "
        "Gunmen killed 30 people in Solhan."
    )
    ref = _claim(text, builtin, mention="Solhan")
    assert ref.country != "TR" and ref.place_id is None


def test_neighbouring_countries_named_once_do_not_take_a_town(builtin: Gazetteer) -> None:
    # two neighbours named once each: neither is what the report is about
    text = "Insurgents ambushed a patrol outside Gwoza, not far from Cameroon and Chad."
    ref = _claim(text, builtin, mention="Gwoza")
    assert (ref.name, ref.country) == ("Gwoza", "NG")


def test_a_town_abroad_still_wins_when_its_country_is_named(builtin: Gazetteer) -> None:
    text = (
        "Burkinabe officials said the raid began at night near Sebba. "
        "In Turkey, two people were killed in Solhan in Bingol province."
    )
    assert _claim(text, builtin, mention="Solhan").country == "TR"


def test_another_languages_name_of_a_far_town_is_not_an_unknown_village(
    builtin: Gazetteer,
) -> None:
    # "Mushu" is an alternate name of Mus (Turkey): the report names no country at all
    text = "In the village of Mushu, 12 people killed in the raids were buried on Sunday."
    ref = _claim(text, builtin)
    assert ref.place_id is None and ref.country != "TR"
    # a spelling of the town's own name still counts
    assert geocode("Banyas", GeoContext(), builtin).country == "SY"


def test_a_beach_or_street_named_like_a_far_town_is_not_that_town(builtin: Gazetteer) -> None:
    text = "A month after the bombing on Lido beach that killed 20 people, the cafes reopened."
    ref = _claim(text, builtin)
    assert ref.country != "IT" and ref.place_id is None
    # in a report about the town's own country the site may be placed at the town
    ref = geocode("Lido beach", GeoContext(countries=("IT",)), builtin)
    assert ref.country == "IT"


def test_a_world_city_beats_a_small_namesake_that_only_its_country_supports(
    builtin: Gazetteer,
) -> None:
    text = (
        "Gunmen opened fire in a crowded concert hall in Moscow. "
        "It was deadlier than the shootings in El Paso, Texas, and in Oslo."
    )
    first = ClaimSpot(0, text.index(".") + 1, "Moscow")
    assert place_claims(text, [first], builtin)[0].country == "RU"
    # the small namesake wins when its state is named next to it
    text = text.replace("in Moscow.", "in Moscow, Idaho.")
    first = ClaimSpot(0, text.index(".") + 1, "Moscow")
    assert place_claims(text, [first], builtin)[0].country == "US"
