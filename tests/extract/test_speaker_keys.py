"""Keys of speakers named by office or role, and the country a report is about.

Sentences and phrases written for tollwatch (docs/extraction.md, "Who says it").
"""

from __future__ import annotations

import pytest

from tollwatch.extract.speaker_keys import country_in, office_key, report_country, strip_dateline


@pytest.mark.parametrize(
    ("words", "country", "key"),
    [
        ("the health ministry", "PS", "gov:ps:health-ministry"),
        ("the Ministry of Health", "SD", "gov:sd:health-ministry"),
        ("Sudan's army", None, "gov:sd:military"),  # the words name the country
        ("the Iraqi interior ministry", "SY", "gov:iq:interior-ministry"),  # words beat report
        ("the health ministry", None, "gov:health-ministry"),
        ("Health Minister a named person", "LB", "gov:lb:health-ministry"),  # keyed by office
        ("police spokesman a named person", "NG", "gov:ng:police"),
        ("a named person, a spokesman for the army", "ML", "gov:ml:military"),
        ("the state governor", "NG", "gov:ng:regional-government"),
        ("state television", "IR", "gov:ir:state-media"),
        ("local officials", "NG", "officials:local"),
        ("local authorities", None, "officials:local"),
        ("a village chief", "BF", "officials:local"),
        ("hospital officials", "SD", "officials:medical"),
        ("a doctor at the clinic", None, "officials:medical"),
        ("security sources", "PK", "sources:security"),
        ("residents", "NG", "witness"),
        ("a named person, a resident of the village", "NG", "witness"),
        ("survivors", None, "witness"),
        ("UN officials", "SD", "un"),
        ("officials", None, "officials"),
        ("the government", None, "officials"),
        ("the government", "ET", "gov:et:authorities"),
        ("a named person", "NG", "person:named"),
        ("Iranian media", None, "media:ir"),
        ("local press", "SO", "media:so"),
        ("the fighting", "NG", None),
    ],
)
def test_office_key(words: str, country: str | None, key: str | None) -> None:
    assert office_key(words, country) == key


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # the descriptor of the monitor is its seat, not the country the report is about
        (
            "Shelling killed 9 people in the Syrian north, the UK-based monitor said. Syria's army denied it.",
            "SY",
        ),
        # a dateline names where the reporter files from
        (
            "AMMAN, Jordan (Wire) - Sudanese troops and the paramilitaries fought in Darfur, Sudan.",
            "SD",
        ),
        ("The group, based in Britain, counted 40 dead in Yemen. Yemeni officials gave 31.", "YE"),
        ("Nobody said where it happened.", None),
    ],
)
def test_report_country(text: str, country: str | None) -> None:
    assert report_country(text) == country


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("BEIRUT (Wire) - Nine people died.", "Nine people died."),
        ("KHARTOUM, Sudan (Agency) — Nine people died.", "Nine people died."),
        ("GAZA CITY - Nine people died.", "Nine people died."),
        ("Nine people died - medics said.", "Nine people died - medics said."),
    ],
)
def test_strip_dateline(text: str, rest: str) -> None:
    assert strip_dateline(text) == rest


def test_country_in_words() -> None:
    assert country_in("the Nigerian police") == "NG"
    assert country_in("the UK-based monitor") is None
