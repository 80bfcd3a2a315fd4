"""Event types and sub-event types from the words of a report (sentences our own)."""

from __future__ import annotations

import pytest

from tollwatch.coding import code_event


@pytest.mark.parametrize(
    ("text", "event_type", "sub_event_type"),
    [
        (
            "Soldiers and insurgents exchanged fire for two hours near the river crossing; "
            "four fighters died.",
            "Battles",
            "Armed clash",
        ),
        (
            "Government troops recaptured the market town from the rebels on Sunday after a "
            "week of fighting, killing nine.",
            "Battles",
            "Government regains territory",
        ),
        (
            "Jihadist militants overran the army outpost at the district border, killing "
            "three soldiers.",
            "Battles",
            "Non-state actor overtakes territory",
        ),
        (
            "An air strike hit a fuel depot outside the town, killing five people.",
            "Explosions/Remote violence",
            "Air/drone strike",
        ),
        (
            "A drone struck a pickup on the desert road; two men inside were killed.",
            "Explosions/Remote violence",
            "Air/drone strike",
        ),
        (
            "Artillery shells landed on a residential block overnight, killing a family of four.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        (
            "A roadside bomb tore through a minibus on the highway, killing six passengers.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (
            "A herder lost his life when he stepped on a landmine while grazing goats.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (
            "A suicide bomber blew himself up at the gate of a mosque, killing eleven worshippers.",
            "Explosions/Remote violence",
            "Suicide bomb",
        ),
        (
            "Unknown attackers threw a hand grenade into a tea stall, killing one customer.",
            "Explosions/Remote violence",
            "Grenade",
        ),
        (
            "Residents said a chemical weapons attack on the suburb killed dozens in their sleep.",
            "Explosions/Remote violence",
            "Chemical weapon",
        ),
        (
            "Gunmen stormed the hamlet at dawn and shot dead seven farmers.",
            "Violence against civilians",
            "Attack",
        ),
        (
            "Armed men abducted twelve schoolgirls from their dormitory on Tuesday night.",
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        (
            "Militia members raped two women who were fetching water near the camp.",
            "Violence against civilians",
            "Sexual violence",
        ),
        (
            "Hundreds of teachers held a peaceful protest outside the ministry over unpaid wages.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "Police fired tear gas to disperse students demonstrating against fee increases.",
            "Protests",
            "Protest with intervention",
        ),
        (
            "Police opened fire on protesters marching to the governor's office, killing two.",
            "Protests",
            "Excessive force against protesters",
        ),
        (
            "Demonstrators torched tyres and pelted stones at passing cars during the protest.",
            "Riots",
            "Violent demonstration",
        ),
        (
            "An angry mob beat a suspected cattle thief to death in the village square.",
            "Riots",
            "Mob violence",
        ),
        (
            "Police arrested fourteen suspected members of the outlawed group in a dawn sweep.",
            "Strategic developments",
            "Arrests",
        ),
        (
            "The bomb squad defused an explosive device found under a bridge; nobody was hurt.",
            "Strategic developments",
            "Disrupted weapons use",
        ),
        (
            "Unknown persons set fire to the village school at night; no casualties were reported.",
            "Strategic developments",
            "Looting/property destruction",
        ),
    ],
)
def test_event_type_and_sub_event_type(text: str, event_type: str, sub_event_type: str) -> None:
    coding = code_event(text, country="Nigeria")
    assert (coding.event_type, coding.sub_event_type) == (event_type, sub_event_type)
    assert coding.evidence["event_type"], "the words behind the type are kept"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a clash between armed actors that uses grenade launchers is still a battle
        (
            "Rebels fired grenade launchers and machine guns at army positions near the ridge; "
            "two soldiers were wounded.",
            "Battles",
        ),
        # an armed group attacking a rally is violence, not a protest
        (
            "Gunmen opened fire on an election rally in the town square, killing three people.",
            "Violence against civilians",
        ),
        # party supporters fighting with sticks is a riot, not a battle
        (
            "Supporters of two rival parties clashed with sticks and stones after the count; "
            "one man died.",
            "Riots",
        ),
        # the month March is not a march
        (
            "On 3 March, bandits killed two traders on the road to the market.",
            "Violence against civilians",
        ),
        # fighting is a battle even when nobody was reported hurt
        ("Fighting broke out between the army and the rebels near the border.", "Battles"),
        # mortars fired together with machine guns and small arms: a firefight
        (
            "Separatist units fired mortars, heavy machine guns and small arms at army "
            "positions outside the village.",
            "Battles",
        ),
        # mortars alone at positions: shelling
        (
            "Separatist units fired 82mm mortars at army positions outside the village; one "
            "soldier was wounded.",
            "Explosions/Remote violence",
        ),
        # a bomb that went off while the militants were planting it: no attack took place
        (
            "Two militants died when the landmine they were planting exploded prematurely.",
            "Strategic developments",
        ),
        # an old shell from a war decades ago
        (
            "A farmer was killed when an unexploded shell from the civil war went off in his field.",
            "Strategic developments",
        ),
        # neighbours with no organisation harming a man: mob violence
        (
            "A shopkeeper was beaten to death by his neighbours over a boundary wall.",
            "Riots",
        ),
        # two groups of villagers fighting over land: a battle between communal militias
        (
            "Three men died in a clash between two groups of villagers over grazing land.",
            "Battles",
        ),
        # fire in both directions across a front line is an exchange: a battle, whatever the
        # weapons
        (
            "Monitors counted forty explosions and projectiles in both directions of the "
            "front line near the village.",
            "Battles",
        ),
        # mortars and explosives the troops captured are goods, not weapons used
        (
            "Troops killed twelve insurgents in the forest and captured two rifles, a pickup "
            "and an old 60mm mortar; explosives were also recovered.",
            "Battles",
        ),
        # a raid on a bomb workshop is not a bombing
        (
            "Police raided a bomb-making workshop in the slum and shot dead three militants.",
            "Battles",
        ),
        # retaliation as a motive does not make a massacre of villagers a clash
        (
            "Armed men raided two hamlets at night, killing eleven. Elders believe the raid "
            "was retaliation for an earlier one.",
            "Violence against civilians",
        ),
        # a headline passive names the victims: soldiers killed in a town
        ("Two soldiers killed in the market town on Friday.", "Battles"),
        # rangers, customs officers and levies are state forces: attacks on them are battles
        ("Militants shot dead a ranger at a checkpoint outside the town.", "Battles"),
        (
            "Gunmen attacked customs officers at a border post, killing two of them.",
            "Battles",
        ),
        # a former inspector is a civilian
        (
            "A former sub-inspector was shot dead by unknown men at his shop.",
            "Violence against civilians",
        ),
        # a victim with a drug-trafficking record is a gang member in ACLED's coding: a clash
        (
            "A man was shot dead by two armed men near the bus terminal. The victim had "
            "charges against him for drug trafficking.",
            "Battles",
        ),
        ("Armed men killed an alleged drug dealer outside a bar on Friday.", "Battles"),
        # a mob that lynches one is still mob violence
        ("An angry mob beat a suspected drug dealer to death in the square.", "Riots"),
        # a member of an armed organisation the list does not know is still armed
        (
            "Unknown gunmen killed a member of the Border Protection Forces near the market.",
            "Battles",
        ),
        ("Gunmen opened fire on a convoy of the 9th Division, wounding one.", "Battles"),
        # heavy weapons fired at farms and villages, no enemy engaged: shelling
        (
            "Rebel forces fired mortar shells and heavy machine guns at farms and villages "
            "along the coast; no one was hurt.",
            "Explosions/Remote violence",
        ),
        # but gunmen firing at houses with rifles is an attack on the people there
        (
            "Gunmen fired rifles at houses in the village, killing two residents.",
            "Violence against civilians",
        ),
        # aerial raids are air strikes; a planted land mine is an explosive
        (
            "Nine militants were killed in aerial raids on their hideouts in the valley.",
            "Explosions/Remote violence",
        ),
        (
            "Two soldiers died when their truck hit a land mine planted by the insurgents.",
            "Explosions/Remote violence",
        ),
        # an attack thwarted on a front line is a battle, even with only the attacker named
        (
            "Government troops thwarted a rebel attack on the northern front, with losses "
            "on both sides.",
            "Battles",
        ),
        # two villages' men attacking each other with machetes: a clash
        (
            "Men from the two villages attacked each other with machetes, killing one.",
            "Battles",
        ),
        # "left three militants dead": the militants are the targets of an army operation
        ("An army operation near the river left three militants dead.", "Battles"),
        # a riot named as such is a riot, with or without the police
        (
            "Inmates rioted at the district prison over food; one inmate was killed.",
            "Riots",
        ),
        # riot police are not a riot
        (
            "Riot police stood by as gunmen shot dead two traders at the market.",
            "Violence against civilians",
        ),
        # demonstrations in other words: taking to the streets, marching to a court,
        # blocking a road to demand pay, a strike that goes on
        (
            "About two thousand people took to the streets of the capital to denounce rising "
            "fuel prices.",
            "Protests",
        ),
        ("Nurses march to the ministry over unpaid allowances.", "Protests"),
        (
            "Flood victims blocked the main road to demand a fair share of the relief funds.",
            "Protests",
        ),
        (
            "Dock workers continued their strike for a third day at the port.",
            "Protests",
        ),
        # kidnappers demanding a ransom are not demonstrators
        (
            "Gunmen abducted two engineers and are demanding a ransom for their release.",
            "Violence against civilians",
        ),
        # the abduction the women protest is not harm done at their march
        (
            "Hundreds of women marched in the state capital to protest the abduction of "
            "schoolgirls by the militants.",
            "Protests",
        ),
        # a roadside bomb followed by gunfire at a patrol: a combined assault, a battle
        (
            "A roadside bomb hit an army patrol and was followed by gunfire from the "
            "insurgents; three soldiers died.",
            "Battles",
        ),
    ],
)
def test_precedence_between_types(text: str, expected: str) -> None:
    assert code_event(text, country="Nigeria").event_type == expected


def test_one_armed_side_opening_fire_is_an_attack_not_a_clash() -> None:
    # one armed side, no opponent: its shooting is an attack on the people there
    text = (
        "Armed herders entered the hamlet before dawn and engaged in shooting, leading to the "
        "death of five persons."
    )
    assert code_event(text, country="Nigeria").event_type == "Violence against civilians"
    # two armed sides engaging each other stay a battle
    text = "Soldiers engaged the militants at the bridge; six militants died."
    assert code_event(text, country="Nigeria").event_type == "Battles"
