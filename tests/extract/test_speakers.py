"""Who says it: attributions resolved to source entities (extract/speakers.py, aliases.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tollwatch.extract import extract
from tollwatch.extract.aliases import alias_entity
from tollwatch.extract.context import find_attribution
from tollwatch.extract.speakers import acronyms, source_entities

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
        (["the Gaza health ministry", "the ministry", "the health ministry"], ["ministry:health:gaza"] * 3),
        (["the army", "the statement"], ["role:army", "role:army"]),
        (["Sudan's Ministry of Health", "the Ministry of Health in Sudan"], ["ministry:health:sudan"] * 2),
        ([None, "residents"], [None, "role:residents"]),
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
