"""What looks like a name but is not a person: places the gazetteer resolves in a place's
position ("in Konduga", "the town of Bama"), and organisations or armed groups ("Boko Haram
fighters", "the Rapid Support Forces", "SOHR").

Both decisions are pure given their inputs; ``gazetteer_places`` is the edge that loads the
gazetteer (``tollwatch.geo``) once per process and answers "no places" when it cannot.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

__all__ = [
    "ARMED_GROUPS",
    "PlaceFinder",
    "gazetteer_places",
    "is_organisation",
    "locative_places",
]

#: Returns the spans of ``text`` that are places, not people.
PlaceFinder = Callable[[str], list[tuple[int, int]]]

# A place word right after one of these is in a place's position.
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|near|from|of|to|into|inside|outside|around|across|toward|towards|between|"
    r"through|via|within|towns?\s+of|villages?\s+of|city\s+of|province\s+of|outskirts\s+of|"
    r"fled|left|reached|entered|stormed|raided|shelled|bombed|besieged|overran|captured|"
    r"flee|fleeing|leave|leaving|reach|reaching|enter|entering|storm|raid|shell|bomb|"
    r"capture|return\s+to|returned\s+to|arrived\s+in|arrive\s+in|shelling|bombing|raiding|"
    r"storming|capturing|besieging|attacking|attacked|attack\s+on|strike\s+on|strikes\s+on|"
    r"north\s+of|south\s+of|east\s+of|west\s+of|road\s+to)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(
    r"^(?:\s+(?:State|Province|Governorate|District|Region|county|town|village|city|"
    r"countryside|camp|market|LGA)\b|['\u2019]s\s+(?:market|mosque|hospital|outskirts))"
)
_AND = re.compile(r"^\s*(?:,|and|or|&)\s*$", re.IGNORECASE)

#: Armed groups and organisations often written like a person's name (our own list, from
#: public knowledge). Compared casefolded, as whole words.
ARMED_GROUPS = frozenset(
    {
        "boko haram",
        "ansaru",
        "iswap",
        "islamic state",
        "daesh",
        "isis",
        "isil",
        "al-qaeda",
        "al qaeda",
        "al-shabaab",
        "al shabaab",
        "jnim",
        "hayat tahrir al-sham",
        "hts",
        "hezbollah",
        "hamas",
        "taliban",
        "wagner",
        "houthis",
        "ansar allah",
        "ansar al-sharia",
        "fano",
        "tplf",
        "rsf",
        "janjaweed",
        "sdf",
        "ypg",
        "pkk",
        "m23",
        "adf",
        "lra",
        "civilian joint task force",
        "cjtf",
        "white helmets",
        "médecins sans frontières",
        "medecins sans frontieres",
        "msf",
        "doctors without borders",
        "red cross",
        "red crescent",
        "human rights watch",
        "amnesty",
        "\u062f\u0627\u0639\u0634",  # Daesh, Arabic script
        "\u0628\u0648\u0643\u0648 \u062d\u0631\u0627\u0645",  # Boko Haram
        "\u062d\u0632\u0628 \u0627\u0644\u0644\u0647",  # Hezbollah
        "\u062d\u0645\u0627\u0633",  # Hamas
        "\u0637\u0627\u0644\u0628\u0627\u0646",  # Taliban
    }
)
_GROUP_WORDS = re.compile(
    r"\b(?:Forces?|Army|Police|Brigades?|Battalions?|Regiment|Division|Militias?|Movement|"
    r"Front|Group|Council|Committee|Commission|Office|Ministry|Observatory|Monitor|Agency|"
    r"Union|Network|Watch|International|Nations|Organi[sz]ation|Institute|Cent(?:er|re)|"
    r"Hospital|Authority|Department|Command|Government|Crescent|Cross|Radio|News|Television|"
    r"TV|Press|Times|Post|Daily|Herald|Tribune|Courier|Wire|Telegram|Channel|Media|Service|"
    r"Association|Society|Federation|Party|Alliance|Coalition|Mission|Fund|Bank|University|"
    r"School|Church|Mosque|Rights|Task\s+Force|Guard|Emirate|State|Caliphate|Province)\b"
)
# A name right before one of these is a group's ("Boko Haram fighters").
_GROUP_AFTER = re.compile(
    r"^\s*(?:fighters|militants|gunmen|insurgents|members|forces|troops|soldiers|militia|"
    r"militiamen|jihadists|rebels|loyalists|commanders|units|positions|jets|drones|"
    r"faction|affiliates?|cells?|camps?|bases?|strongholds?|attacks?|group)\b",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,7}$")
_GROUPS = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(
        r"\s+".join(re.escape(w) for w in g.split()) for g in sorted(ARMED_GROUPS, key=len)[::-1]
    )
    + r")(?![\w-])",
    re.IGNORECASE,
)


def is_organisation(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` names an organisation or armed group, not a person."""
    chunk = text[start:end]
    lo = max(0, start - 40)
    for match in _GROUPS.finditer(text[lo : end + 40]):
        if match.start() + lo < end and start < match.end() + lo:
            return True  # inside or over "Hayat Tahrir al-Sham", "Boko Haram"
    if _ACRONYM.match(chunk.strip()):
        return True
    if _GROUP_WORDS.search(chunk):
        return True
    return bool(_GROUP_AFTER.match(text[end : end + 30]))


def locative_places(text: str, toponyms: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The toponyms (spans a gazetteer recognised) that stand where a place stands: after
    "in", "near", "the town of"..., before "State"/"Province", or listed with such a place
    ("in Konduga and Bama"). A name the gazetteer also knows ("Omar told us") is not taken."""
    out: list[tuple[int, int]] = []
    previous_end: int | None = None
    for start, end in toponyms:
        before = text[max(0, start - 40) : start]
        placed = bool(_LOCATIVE.search(before)) or bool(_PLACE_AFTER.match(text[end : end + 30]))
        if not placed and previous_end is not None and _AND.match(text[previous_end:start]):
            placed = True
        if placed:
            out.append((start, end))
            previous_end = end
        else:
            previous_end = None
    return out


@lru_cache(maxsize=1)
def _gazetteer() -> Any | None:
    try:
        from tollwatch.geo.service import load_gazetteer

        return load_gazetteer()
    except Exception:  # no gazetteer here (not built, unreadable): decide without it
        return None


def gazetteer_places(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` the geo recogniser resolves as places and that stand in a place's
    position (``locative_places``); [] without a gazetteer."""
    gazetteer = _gazetteer()
    if gazetteer is None:
        return []
    from tollwatch.geo.recognise import recognise

    return locative_places(text, [(t.start, t.end) for t in recognise(text, gazetteer)])
