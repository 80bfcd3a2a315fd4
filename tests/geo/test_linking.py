"""Claim <-> place linking and place spotting (tollwatch.geo.linking, tollwatch.geo.spotting).

Every sample sentence is written for these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tollwatch.geo import import_files
from tollwatch.geo.gazetteer import Gazetteer
from tollwatch.geo.linking import (
    ClaimSpot,
    is_resolved_place,
    place_claims,
    resolved_place_spans,
)
from tollwatch.geo.spotting import Role, is_demonym, spot_places
from tollwatch.models import GeoPrecision, PlaceRef

PK = Path(__file__).parent / "fixtures" / "pk"


def _one(text: str, gaz: Gazetteer, mention: str | None = None) -> PlaceRef:
    """The place of one claim whose evidence is the last sentence of ``text``."""
    start = text.rfind(". ") + 2 if ". " in text else 0
    return place_claims(text, [ClaimSpot(start, len(text), mention)], gaz)[0]


def test_town_the_ner_missed_is_placed_from_the_gazetteer(builtin: Gazetteer) -> None:
    ref = _one("Three people were killed in Mariupol on Tuesday.", builtin)
    assert (ref.name, ref.country, ref.link) == ("Mariupol", "UA", "clause")
    assert ref.precision is GeoPrecision.EXACT


@pytest.mark.parametrize("word", ["Nine", "Four", "Eleven", "Twenty", "Monday", "March"])
def test_number_words_weekdays_and_months_never_become_places(
    builtin: Gazetteer, word: str
) -> None:
    text = f"{word} of the wounded were taken to hospital."
    assert spot_places(text, builtin) == []
    assert not _one(text, builtin).resolved


@pytest.mark.parametrize("word", ["Arab", "Kuwaiti", "Syrians", "Kurdish"])
def test_demonyms_are_never_the_place(builtin: Gazetteer, word: str) -> None:
    assert is_demonym(word)
    ref = _one(f"Two {word} workers were shot dead.", builtin)
    assert ref.place_id is None


def test_province_word_resolves_to_the_admin1_unit(builtin: Gazetteer) -> None:
    ref = _one("Shelling killed five people in Idlib province overnight.", builtin)
    assert ref.country == "SY"
    assert ref.precision is GeoPrecision.ADM1
    assert ref.name is not None and "Idlib" in ref.name


def test_place_inside_the_attribution_is_used_when_the_clause_has_none(
    builtin: Gazetteer,
) -> None:
    ref = _one("Two civilians died and nine were hurt, medics in Sumy said.", builtin)
    assert (ref.name, ref.link) == ("Sumy", "attribution")


def test_the_clause_place_beats_the_attribution_place(builtin: Gazetteer) -> None:
    ref = _one("A drone killed two people in Kharkiv, officials in Kyiv said.", builtin)
    assert (ref.name, ref.link) == ("Kharkiv", "clause")


@pytest.mark.parametrize(
    "text",
    [
        "GENEVA — At least twelve people were killed in clashes, the agency said.",
        "BEIRUT (Reuters) - Four fighters were killed overnight, a monitor said.",
    ],
)
def test_a_dateline_is_never_the_event_place(builtin: Gazetteer, text: str) -> None:
    ref = place_claims(text, [ClaimSpot(0, len(text), None)], builtin)[0]
    assert ref.place_id is None
    roles = {s.name.upper(): s.role for s in spot_places(text, builtin)}
    assert Role.DATELINE in roles.values()


def test_dateline_mention_from_extraction_is_not_taken(builtin: Gazetteer) -> None:
    text = "BEIRUT (Reuters) - Four fighters were killed in Homs, a monitor said."
    ref = place_claims(text, [ClaimSpot(0, len(text), "BEIRUT")], builtin)[0]
    assert (ref.name, ref.link) == ("Homs", "clause")


def test_speaker_descriptor_is_not_the_event_place(builtin: Gazetteer) -> None:
    text = "Six soldiers were killed in Deir ez-Zor, the London-based monitor said."
    ref = _one(text, builtin)
    assert ref.country == "SY" and ref.link == "clause"
    events = [s.name for s in spot_places(text, builtin) if s.role is Role.EVENT]
    assert "London" not in events
    text = "Six soldiers were killed, a monitor based in Britain said."
    roles = {s.name: s.role for s in spot_places(text, builtin)}
    assert roles.get("Britain") is Role.DESCRIPTOR
    assert not _one(text, builtin).resolved


def test_lede_place_serves_later_claims(builtin: Gazetteer) -> None:
    text = (
        "An airstrike hit a market in Saraqib on Sunday. "
        "Nine people were killed and twenty were wounded."
    )
    ref = _one(text, builtin)
    assert ref.country == "SY" and ref.link == "lede"


def test_outlet_told_and_mid_line_dateline_are_not_event_places(builtin: Gazetteer) -> None:
    text = (
        "Written for a test. Kano Wire - Gunmen killed five traders near Gwoza on Monday, "
        "a witness told the Lake Chad Courier."
    )
    roles = {s.name: s.role for s in spot_places(text, builtin)}
    assert roles.get("Kano") is Role.DATELINE
    assert roles.get("Lake Chad") is not Role.EVENT
    ref = _one(text, builtin)
    assert (ref.name, ref.country) == ("Gwoza", "NG")


def test_place_inside_an_organisation_name_is_not_the_event_place(builtin: Gazetteer) -> None:
    text = "Fighters of the Aleppo Revolutionary Front killed three men."
    roles = {s.name: s.role for s in spot_places(text, builtin)}
    assert roles.get("Aleppo") is Role.ORGANISATION
    assert not _one(text, builtin).resolved


@pytest.fixture(scope="module")
def pakistan(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("gaz") / "pk.sqlite"
    import_files(sorted(PK.glob("*.txt")), path, builtin=False)
    return Gazetteer(path)


def test_unknown_village_falls_back_to_its_named_province(pakistan: Gazetteer) -> None:
    ref = _one("Gunmen shot dead four labourers in Juhan, Balochistan, on Friday.", pakistan)
    assert ref.country == "PK"
    assert ref.precision is GeoPrecision.ADM1
    assert ref.name == "Balochistan"


def test_resolved_places_are_reported_for_redaction(builtin: Gazetteer) -> None:
    text = "Omar said that shelling in Mariupol killed three people."
    spans = resolved_place_spans(text, builtin)
    assert (text.index("Mariupol"), text.index("Mariupol") + len("Mariupol")) in spans
    start = text.index("Mariupol")
    assert is_resolved_place(text, start, start + 8, builtin)
    assert not is_resolved_place(text, 0, 4, builtin)


def test_armed_group_named_like_a_town_is_not_a_place(builtin: Gazetteer) -> None:
    text = "Taliban fighters killed four policemen at a checkpoint."
    roles = {s.name: s.role for s in spot_places(text, builtin)}
    assert roles.get("Taliban") is Role.ORGANISATION
    assert not _one(text, builtin).resolved


def test_unit_after_an_unknown_district_is_the_clause_place(builtin: Gazetteer) -> None:
    text = "Militants killed two farmers and wounded one in Qorghanbad district, Kandahar."
    ref = _one(text, builtin)
    assert (ref.country, ref.link) == ("AF", "clause")
    assert ref.mention == "Kandahar"


def test_unknown_village_named_in_the_clause_stays_unresolved_in_its_country(
    builtin: Gazetteer,
) -> None:
    text = (
        "Shelling hit Saraqib on Monday. "
        "In the village of Qaryat Zubaydiyah, three people were killed."
    )
    ref = _one(text, builtin)
    # not at Saraqib (another town), and not at a country point: unresolved, with its name
    # (which ties other reports of the village to it) and the country the report is about
    assert (ref.country, ref.place_id, ref.precision) == ("SY", None, None)
    assert ref.mention == "Qaryat Zubaydiyah"


def test_unknown_village_takes_the_unit_the_report_names(builtin: Gazetteer) -> None:
    text = "Gunmen attacked Qaryat Zubaydiyah in Idlib province, killing four people."
    ref = _one(text, builtin)
    assert (ref.country, ref.precision, ref.link) == ("SY", GeoPrecision.ADM1, "clause")


def test_unknown_village_with_only_a_demonym_stays_unresolved(builtin: Gazetteer) -> None:
    ref = _one("A Kuwaiti man was killed in the village of Qaryat Zubaydiyah.", builtin)
    assert ref.place_id is None


def test_an_armed_actor_says_which_country_a_town_is_in(builtin: Gazetteer) -> None:
    # "Banki" is also a town in India, "Beni" a department of Bolivia: the group named
    # says which country the report is about
    ref = _one("Boko Haram fighters ambushed soldiers at Banki, killing four.", builtin)
    assert (ref.name, ref.country) == ("Banki", "NG")
    ref = _one("ADF rebels killed nine villagers near Beni.", builtin)
    assert (ref.name, ref.country) == ("Beni", "CD")
    # without the group, nothing in the words says so
    assert _one("Gunmen ambushed soldiers at Banki, killing four.", builtin).country != "NG"


def test_a_short_alternate_name_is_not_a_far_city(builtin: Gazetteer) -> None:
    # "Abi" is Abilene's airport code in GeoNames' alternate names
    ref = _one("Herders attack Abi community, killing two.", builtin)
    assert ref.name != "Abilene"


def test_village_in_a_local_government_area(builtin: Gazetteer) -> None:
    text = "Gunmen attacked Azir village in Damboa council area, killing four residents."
    ref = _one(text, builtin)
    assert ref.country == "NG"
    text = "Gunmen killed four people in Dinya village in Gassol Local Government Council."
    assert _one(text, builtin).country == "NG"


def test_area_toll_keeps_the_area_its_clause_names_first(builtin: Gazetteer) -> None:
    text = (
        "At least 300 civilians have been killed in North Kordofan since June, most of them "
        "in raids on villages around Bara."
    )
    area = place_claims(text, [ClaimSpot(0, len(text), None, cumulative=True)], builtin)[0]
    assert area.precision is GeoPrecision.ADM1 and area.country == "SD"
    incident = place_claims(text, [ClaimSpot(0, len(text), None)], builtin)[0]
    assert incident.precision is GeoPrecision.NEAR


def test_builtin_gazetteer_names_provinces_of_every_country(builtin: Gazetteer) -> None:
    for text, country in [
        ("Two soldiers were killed in Balochistan on Friday.", "PK"),
        ("Five people were killed in Amhara region.", "ET"),
        ("Gunmen killed nine villagers in Plateau State.", "NG"),
    ]:
        ref = _one(text, builtin)
        assert (ref.country, ref.precision) == (country, GeoPrecision.ADM1), text


def test_local_government_area_is_a_second_order_unit(builtin: Gazetteer) -> None:
    text = "Gunmen killed 19 farmers in Guma local government area of Benue State."
    ref = _one(text, builtin)
    assert (ref.country, ref.precision) == ("NG", GeoPrecision.ADM2)


def test_a_unit_of_another_kind_is_not_the_one_named(builtin: Gazetteer) -> None:
    # "Beni territory" (DR Congo) is not Bolivia's "Beni Department"
    text = "Eighteen people were killed in a raid on a village in Beni territory."
    assert _one(text, builtin).country == "CD"
