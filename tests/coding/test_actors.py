"""Actor 1 / actor 2, ACLED inter codes, interaction and UCDP's type of violence."""

from __future__ import annotations

import pytest

from tollwatch.coding import actor_key, code_event


@pytest.mark.parametrize(
    ("text", "country", "actor1", "inter1", "actor2", "inter2"),
    [
        (
            "Taliban fighters attacked a police checkpoint, killing four policemen.",
            "Afghanistan",
            "Taliban",
            2,
            "Police Forces of Afghanistan",
            1,
        ),
        (
            "Four traders were killed by gunmen on the road to the market.",
            "Nigeria",
            "Unidentified Armed Group (Nigeria)",
            3,
            "Civilians (Nigeria)",
            7,
        ),
        (
            "Suspected herdsmen killed nine villagers in an overnight raid.",
            "Nigeria",
            "Fulani Ethnic Militia (Nigeria)",
            4,
            "Civilians (Nigeria)",
            7,
        ),
        (
            "Al Shabaab militants ambushed a convoy of Somali soldiers, killing six.",
            "Somalia",
            "Al Shabaab",
            2,
            "Military Forces of Somalia",
            1,
        ),
        # a state's forces outside their country are external forces (8)
        (
            "Turkish warplanes struck a village, killing three fighters of the SDF.",
            "Syria",
            "Military Forces of Turkey",
            8,
            "QSD: Syrian Democratic Forces",
            2,
        ),
        # "Taliban" in Pakistan is the Pakistani Taliban
        (
            "Taliban militants shot dead two soldiers in North Waziristan.",
            "Pakistan",
            "TTP: Tehreek-i-Taliban Pakistan",
            2,
            "Military Forces of Pakistan",
            1,
        ),
        # an off-duty officer is a civilian for ACLED
        (
            "Gunmen shot dead an off-duty police officer outside his home.",
            "Kenya",
            "Unidentified Armed Group (Kenya)",
            3,
            "Civilians (Kenya)",
            7,
        ),
    ],
)
def test_actors_and_inter_codes(
    text: str, country: str, actor1: str, inter1: int, actor2: str, inter2: int
) -> None:
    c = code_event(text, country=country)
    assert c.actor1 is not None and c.actor2 is not None
    assert (c.actor1.name, c.actor1.inter) == (actor1, inter1)
    assert (c.actor2.name, c.actor2.inter) == (actor2, inter2)
    assert c.interaction == min(inter1, inter2) * 10 + max(inter1, inter2)


@pytest.mark.parametrize(
    ("text", "tov", "side_a", "side_b"),
    [
        (
            "Army troops clashed with Boko Haram fighters near the lake; twelve died.",
            1,
            "Government of Nigeria",
            "Boko Haram - Jama'atu Ahli is-Sunnah lid-Dawatai wal-Jihad",
        ),
        (
            "Bandits killed six farmers in their fields.",
            3,
            "Unidentified Armed Group (Nigeria)",
            "Civilians",
        ),
        (
            "Fulani militia and vigilantes fought a gun battle at the river; five were killed.",
            2,
            "Fulani Ethnic Militia (Nigeria)",
            "Vigilante Militia (Nigeria)",
        ),
        ("Traders protested peacefully against new market fees.", None, None, None),
    ],
)
def test_ucdp_type_of_violence_and_sides(
    text: str, tov: int | None, side_a: str | None, side_b: str | None
) -> None:
    c = code_event(text, country="Nigeria")
    assert (c.type_of_violence, c.side_a, c.side_b) == (tov, side_a, side_b)


@pytest.mark.parametrize(
    ("text", "country", "actor"),
    [
        # ANP is Afghanistan's police only in Afghanistan; in Pakistan it is a party
        ("Gunmen shot dead an ANP leader outside the market.", "Pakistan", "Civilians (Pakistan)"),
        (
            "Insurgents shot dead an ANP officer at a checkpoint.",
            "Afghanistan",
            "Police Forces of Afghanistan",
        ),
        # ACLED writes "the" before some countries
        (
            "Gunmen shot dead a police officer in the market.",
            "Philippines",
            "Police Forces of the Philippines",
        ),
        # the coalition in Yemen under ACLED's name
        ("Gunmen shot dead a soldier near the coast.", "Yemen", "Military Forces of Yemen"),
    ],
)
def test_target_names(text: str, country: str, actor: str) -> None:
    c = code_event(text, country=country)
    assert c.actor2 is not None and c.actor2.name == actor


def test_protest_alone_is_sole_protester_action() -> None:
    c = code_event("Nurses staged a sit-in at the hospital over unpaid salaries.", country="Ghana")
    assert c.actor1 is not None and c.actor1.name == "Protesters (Ghana)"
    assert c.actor2 is None and c.interaction == 60


@pytest.mark.parametrize(
    ("perpetrator", "category", "actor1", "actor2"),
    [
        ("Islamic State", "civilians", "Islamic State (Iraq)", "Civilians (Iraq)"),
        (
            "unknown gunmen",
            "state_forces",
            "Unidentified Armed Group (Iraq)",
            "Military Forces of Iraq",
        ),
    ],
)
def test_claim_fields_fill_what_the_words_leave_open(
    perpetrator: str, category: str, actor1: str, actor2: str
) -> None:
    c = code_event(
        "Seven were killed in the attack.",
        country="Iraq",
        perpetrator=perpetrator,
        category=category,
    )
    assert c.actor1 is not None and c.actor1.name == actor1
    assert c.actor2 is not None and c.actor2.name == actor2


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Military Forces of Nigeria (2015-)", "Military Forces of Nigeria", True),
        (
            "Military Forces of Yemen (2016-) Supreme Political Council",
            "Military Forces of Yemen",
            True,
        ),
        ("Boko Haram - Wilayat Gharb Ifriqiyyah", "Boko Haram - Jama\ufffdatu Ahli", True),
        ("Civilians (Nigeria)", "Civilians (Niger)", False),
        ("Police Forces of India", "Military Forces of India", False),
    ],
)
def test_actor_key(a: str, b: str, same: bool) -> None:
    assert (actor_key(a) == actor_key(b)) is same


@pytest.mark.parametrize(
    ("text", "country", "actor1"),
    [
        # a bound body or a drive-by: an unnamed perpetrator with the marks of organised crime
        (
            "The body of a man with his hands tied and signs of torture was found by a highway.",
            "Mexico",
            "Unidentified Gang (Mexico)",
        ),
        (
            "A man was killed in a drive-by shooting by two men on a motorcycle.",
            "Brazil",
            "Unidentified Gang and/or Police Militia",
        ),
        # a plain shooting by unnamed men stays an unidentified armed group
        (
            "A man was shot dead by two armed men outside his home.",
            "Mexico",
            "Unidentified Armed Group (Mexico)",
        ),
    ],
)
def test_unnamed_perpetrators_with_marks_of_organised_crime(
    text: str, country: str, actor1: str
) -> None:
    coding = code_event(text, country=country)
    assert coding.actor1 is not None and coding.actor1.name == actor1


def test_mob_victims_and_destroyed_property_belong_to_civilians() -> None:
    mob = code_event("A mob beat a man to death near the bus stop.", country="Kenya")
    assert (mob.event_type, mob.sub_event_type) == ("Riots", "Mob violence")
    assert mob.actor2 is not None and mob.actor2.name == "Civilians (Kenya)"
    looting = code_event(
        "Unknown persons set fire to a row of shops at night; nobody was hurt.", country="Kenya"
    )
    assert looting.sub_event_type == "Looting/property destruction"
    assert looting.actor2 is not None and looting.actor2.name == "Civilians (Kenya)"


def test_fighting_on_a_known_front_line_with_no_side_named() -> None:
    coding = code_event(
        "Monitors counted thirty explosions in both directions of the front line near the village.",
        country="Ukraine",
    )
    assert coding.event_type == "Battles"
    assert coding.actor1 is not None and coding.actor1.name == "Military Forces of Ukraine"
    assert coding.actor2 is not None
    assert coding.actor2.name == "NAF: United Armed Forces of Novorossiya"
    assert "neither side named" in coding.evidence["actor1"]
    # a named side is kept
    named = code_event(
        "Separatist rebels fired mortars at a village near the front line.", country="Ukraine"
    )
    assert named.actor1 is not None
    assert named.actor1.name == "NAF: United Armed Forces of Novorossiya"
