"""Who says it: attributions resolved to source entities (extract/speakers.py, aliases.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tollwatch.extract import extract
from tollwatch.extract.aliases import alias_entity, aliases
from tollwatch.extract.context import find_attribution
from tollwatch.extract.speakers import acronyms, source_entities
from tollwatch.models import Outcome

PUB = date(2025, 6, 14)


@pytest.mark.parametrize(
    ("words", "entity"),
    [
        ("the Syrian Observatory for Human Rights", "org:sohr"),
        ("the UK-based war monitor", "org:sohr"),
        ("SOHR", "org:sohr"),
        ("the UN humanitarian office", "un:ocha"),
        ("OCHA", "un:ocha"),
        ("the UN human rights office", "un:ohchr"),
        ("Doctors Without Borders", "org:msf"),
        ("the UN refugee agency", "un:unhcr"),
        ("the regional council", None),
    ],
)  # fmt: skip
def test_speakers_alias_list(words: str, entity: str | None) -> None:
    found = alias_entity(words)
    assert (found.entity if found else None) == entity


def test_speakers_acronym_defined_in_the_report() -> None:
    text = "The Lake Chad Casualty Tracker (LCCT) published its count on Monday."
    assert acronyms(text) == {"LCCT": "org:lake-chad-casualty-tracker"}
    assert source_entities(text, ["The Lake Chad Casualty Tracker (LCCT)", "LCCT"]) == [
        "org:lake-chad-casualty-tracker",
        "org:lake-chad-casualty-tracker",
    ]


@pytest.mark.parametrize(
    ("attributions", "entities"),
    [
        # descriptions refer back to the body named earlier in the report
        (["the Syrian Observatory for Human Rights", "the Observatory", "the monitor"], ["org:sohr"] * 3),
        (["the Gaza health ministry", "the ministry", "the health ministry"], ["gov:ps:health-ministry"] * 3),
        (["the army", "the statement"], ["gov:military", "gov:military"]),
        (["Sudan's Ministry of Health", "the Ministry of Health in Sudan"], ["gov:sd:health-ministry"] * 2),
        ([None, "residents"], [None, "witness"]),
    ],
)  # fmt: skip
def test_speakers_coreference_within_a_report(
    attributions: list[str | None], entities: list[str | None]
) -> None:
    assert source_entities("", attributions) == entities


@pytest.mark.parametrize(
    "sentence",
    [
        "Nine people were killed in the fighting, which an independent committee will review.",
        "The fighting killed 7 people.",
    ],
)
def test_speakers_clause_fragments_are_not_speakers(sentence: str) -> None:
    assert find_attribution(sentence, sentence.find("killed")) is None


def test_speakers_claims_carry_the_source_entity(nlp: Any) -> None:
    text = (
        "The Britain-based Syrian Observatory for Human Rights said 45 people were killed in "
        "Idlib on Wednesday. The war monitor later said the toll had risen to 52."
    )
    claims = extract(text, PUB)
    assert {c.source_entity for c in claims} == {"org:sohr"}
    # the "Britain-based" descriptor is not where anything happened
    assert all(c.place.mention != "Britain" for c in claims)


def test_speakers_dateline_is_not_the_place(nlp: Any) -> None:
    text = "NAIROBI, Kenya (Wire) - Gunmen killed 6 herders in Marsabit on Tuesday, police said."
    (claim,) = extract(text, PUB)
    assert claim.place.mention == "Marsabit"


def test_speakers_organisation_name_is_not_redacted(nlp: Any) -> None:
    (claim,) = extract("Al-Nasr hospital said it had received 17 bodies from the raid.", PUB)
    assert claim.attributed_to is not None and "named person" not in claim.attributed_to


# --- the curated list across conflicts, its sources, and report-level resolution ----------

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("words", "entity"),
    [
        ("the London-based Syrian Observatory", "org:sohr"),
        ("the Britain-based war monitor", "org:sohr"),
        ("the Hamas-run health ministry", "gov:ps:health-ministry"),
        ("the Ministry of Health in Gaza", "gov:ps:health-ministry"),
        ("the military's media wing ISPR", "gov:pk:ispr"),
        ("the Inter-Services Public Relations", "gov:pk:ispr"),
        ("the IDF", "gov:il:military"),
        ("the Israeli military", "gov:il:military"),
        ("the group's Amaq news agency", "nsa:islamic-state"),
        ("the Houthi-run Al-Masirah channel", "nsa:houthis"),
        ("the paramilitary Rapid Support Forces", "nsa:rsf"),
        ("Reporters Without Borders", "org:rsf-reporters"),
        ("the UN human rights monitoring mission", "un:hrmmu"),
        ("the UN chief", "un:secretary-general"),
        ("the UN peacekeeping mission in South Sudan", "un:unmiss"),
        ("Nigeria's National Emergency Management Agency", "gov:ng:nema"),
        ("Russia's Investigative Committee", "gov:ru:investigative-committee"),
        ("Ukraine's State Emergency Service", "gov:ua:state-emergency-service"),
        ("the Pakistani Taliban", "nsa:ttp"),
        ("a Taliban spokesman", "nsa:taliban"),
        ("the Taliban-run interior ministry", None),  # the de facto authorities, not the group
        ("a named person, a Wagner commander", None),  # a surname alone is not the group
        ("the Kivu Security Tracker", "org:kst"),
    ],
)  # fmt: skip
def test_speakers_alias_list_across_conflicts(words: str, entity: str | None) -> None:
    found = alias_entity(words)
    assert (found.entity if found else None) == entity


def test_speakers_every_alias_has_a_source_and_is_documented() -> None:
    entries = aliases()
    keys = [a.entity for a in entries]
    assert len(entries) >= 80 and len(set(keys)) == len(keys)
    assert all(a.source for a in entries)
    docs = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    missing = [k for k in keys if f"`{k}`" not in docs]
    assert missing == [], "document these aliases in docs/extraction.md"


@pytest.mark.parametrize(
    ("text", "attributions", "entities"),
    [
        # an office without its country is keyed by the country the report is about
        ("Strikes hit Gaza City overnight.", ["the health ministry"], ["gov:ps:health-ministry"]),
        ("Clashes in Sudan's Darfur region.", ["the army", "the military"], ["gov:sd:military"] * 2),
        # a named person is keyed by office; the name never reaches the key
        ("Shelling in southern Lebanon.", ["Health Minister a named person"], ["gov:lb:health-ministry"]),
        ("Bandits raided a village in Nigeria.", ["police spokesman a named person", "a named person"], ["gov:ng:police", "person:named"]),
        # generic officials, sources and witnesses
        ("A raid in Burkina Faso.", ["local officials", "security sources", "survivors"], ["officials:local", "sources:security", "witness"]),
        # the wire of a dateline is dropped in front of the speaker
        ("", ["BEIRUT (Wire) - The Syrian Observatory"], ["org:sohr"]),
        # the Taliban's ministries belong to Afghanistan
        ("Fighting in Afghanistan.", ["the Taliban-run interior ministry"], ["gov:af:interior-ministry"]),
        # a UN mission without its name is the mission in the report's country
        ("Raids in Mali's east.", ["the UN peacekeeping mission", "UN peacekeepers"], ["un:minusma", "un:minusma"]),
        ("", ["MINUSMA", "the UN mission"], ["un:minusma", "un:minusma"]),
        # "the statement" and "the group" refer back; "the group" after an armed group is that group
        ("", ["Boko Haram", "the group"], ["nsa:boko-haram", "nsa:boko-haram"]),
    ],
)  # fmt: skip
def test_speakers_keys_in_a_report(
    text: str, attributions: list[str | None], entities: list[str | None]
) -> None:
    assert source_entities(text, attributions) == entities


def test_speakers_one_monitor_under_four_names(nlp: Any) -> None:
    text = (
        "The Syrian Observatory for Human Rights said 12 people were killed in Idlib on Tuesday. "
        "The Britain-based monitor said 4 more people died on Wednesday. "
        "The Observatory said on Thursday that 6 people were killed in Hama. "
        "SOHR said 2 people died in Aleppo on Friday."
    )
    claims = [c for c in extract(text, PUB) if c.outcome is Outcome.KILLED]
    assert len(claims) == 4
    assert {c.source_entity for c in claims} == {"org:sohr"}
    assert all(c.place.mention != "Britain" for c in claims)


def test_speakers_dateline_wire_is_not_the_speaker(nlp: Any) -> None:
    text = (
        "BEIRUT (Wire) - The Syrian Observatory for Human Rights said 14 people were killed in "
        "Deir Ezzor on Monday."
    )
    (claim,) = extract(text, PUB)
    assert claim.source_entity == "org:sohr"
    assert claim.attributed_to is not None and "Wire" not in claim.attributed_to
    assert claim.place.mention != "BEIRUT"


def test_speakers_named_person_keyed_by_office(nlp: Any) -> None:
    text = (
        "Gunmen killed 9 farmers in Zamfara, Nigeria on Sunday, police spokesman Musa Danjuma said."
    )
    (claim,) = extract(text, PUB)
    assert claim.source_entity == "gov:ng:police"
    assert "musa" not in (claim.source_entity or "") and "danjuma" not in (
        claim.source_entity or ""
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Nine people were killed in the fighting, which an independent committee will conduct.",
        "The violence killed 7 people, the worst since the truce.",
        "Twelve people died in the attack that the governor condemned.",
    ],
)
def test_speakers_clause_fragments_are_never_speakers(sentence: str, nlp: Any) -> None:
    (claim,) = extract(sentence, PUB)
    assert claim.attributed_to is None and claim.source_entity is None


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # counts, times and clauses in the speaker's slot are not speakers
        ("Two civilians have been reported killed in the village.", None),
        ("Eight were reported dead after the raid on the camp.", None),
        ("Around 3 May (as reported in the local press) 4 people were killed.", None),
        ("He had been reported killed in the raid.", None),
        ("No group has claimed the blast that killed 6 people.", None),
        ("The convoy retreated after heavy fighting and claimed 5 attackers were killed.", None),
        # a count in front of a speaker noun is still the speaker
        ("Two security officials said 5 soldiers were killed.", "Two security officials"),
        ("Whereas the rebel front said 6 fighters died, the army gave no figure.", "the rebel front"),
    ],
)  # fmt: skip
def test_speakers_counts_times_and_clauses_are_not_speakers(
    sentence: str, speaker: str | None
) -> None:
    found = find_attribution(
        sentence, sentence.find("killed") if "killed" in sentence else sentence.find("died")
    )
    assert found == speaker


@pytest.mark.parametrize(
    ("attribution", "entity"),
    [
        ("VoJ", "nsa:taliban"),  # the group's website
        ("anti-Houthi forces", None),  # the group's enemies are not the group
        ("The TNLA", "org:tnla"),  # an acronym of an organisation
        ("Kabiru", "person:named"),  # a lone unknown name never becomes a key
        ("Govt forces", "gov:military"),
    ],
)
def test_speakers_keys_of_odd_attributions(attribution: str, entity: str | None) -> None:
    (found,) = source_entities("", [attribution])
    if entity is None:
        assert found != "nsa:houthis"
    else:
        assert found == entity


def test_speakers_quoted_figure_then_described_monitor(nlp: Any) -> None:
    text = (
        "The Syrian Observatory for Human Rights counts deaths across the country. "
        '"Nine people died when the market was shelled," the Britain-based watchdog said, '
        "revising its earlier reported toll of five. The group said 3 more people were killed "
        "in Hama on Friday."
    )
    claims = [c for c in extract(text, PUB) if c.outcome is Outcome.KILLED]
    assert {c.attributed_to for c in claims} >= {"the Britain-based watchdog"}
    assert {c.source_entity for c in claims} == {"org:sohr"}


def test_speakers_back_reference_without_an_earlier_speaker() -> None:
    # "the group" names no one, but the report names one curated body: that is the speaker
    text = "A rights group in Coventry, the Syrian Observatory for Human Rights, runs a network."
    assert source_entities(text, ["the group"]) == ["org:sohr"]
    assert source_entities("Nobody is named here.", ["the group"]) == ["org:group"]


def test_speakers_a_lone_name_is_redacted(nlp: Any) -> None:
    (claim,) = extract("Gunmen killed 4 herders near the river on Monday, Kabiru said.", PUB)
    assert claim.attributed_to == "a named person"
    assert claim.source_entity == "person:named"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # a syndication prefix and a dateline before the speaker
        ("(Syndic- Gulf Wire (GW)) TEHRAN, Jan 3 (GW) -- Iranian authorities announced that 30 were killed.", "Iranian authorities"),
        # "reports" after the speaker is not part of it
        ("At least 20 were killed, according to Iranian media reports.", "Iranian media"),
    ],
)  # fmt: skip
def test_speakers_wire_prefixes_and_report_nouns(sentence: str, speaker: str) -> None:
    assert find_attribution(sentence, sentence.find("killed")) == speaker


def test_speakers_media_keyed_by_country() -> None:
    assert source_entities("Blasts in Iran.", ["Iranian media", "local media", "state media"]) == [
        "media:ir",
        "media:ir",
        "gov:ir:state-media",
    ]
