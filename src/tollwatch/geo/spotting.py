"""Place spotting for linking: the gazetteer's toponyms of a report with their cue and role.

``spot_places(text, gazetteer)`` starts from ``recognise`` (capitalised runs the gazetteer
knows, number words, weekdays and months skipped) and adds what linking needs:

* **cues** -- "in/near/at/outside/from X" and "the village/district of X" before a name, and a
  kind word after it ("Idlib province", "Chirirbandar upazila", "Kakuma camp"). A cued name is
  kept even when the gazetteer does not know it, so an unknown village is seen (and later left
  unresolved rather than replaced by a look-alike abroad);
* **roles** -- ``EVENT`` (may be where the claim happened), ``DATELINE`` ("GENEVA --",
  "BEIRUT (Reuters)"), ``DESCRIPTOR`` ("a London-based monitor", "based in Britain"),
  ``ORGANISATION`` (a name inside an organisation's name: "the Sinjar Resistance Units"),
  ``ATTRIBUTION`` ("medics in Sumy said", "according to officials in Kherson") and
  ``DEMONYM`` ("Kuwaiti", "Arab": a nationality, never a place) and ``PERSON`` (a name
  the gazetteer knows used as part of a person's name with no cue: "Abdi Hassan said",
  "Viktor Shevchenko", "Sheikh Mahmoud al-Hassan"; never a place, and redaction withholds it).

Pure over a loaded gazetteer.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from tollwatch.geo._text import name_key
from tollwatch.geo.actor_cues import actor_spans
from tollwatch.geo.gazetteer import Gazetteer
from tollwatch.geo.recognise import recognise
from tollwatch.geo.resolver import SITE_WORDS

__all__ = ["Role", "Spot", "is_demonym", "spot_places", "unplace_word"]


class Role(Enum):
    EVENT = "event"
    DATELINE = "dateline"
    DESCRIPTOR = "descriptor"
    ORGANISATION = "organisation"
    ATTRIBUTION = "attribution"
    DEMONYM = "demonym"
    PERSON = "person"


@dataclass(frozen=True, slots=True)
class Spot:
    """A place name in a report. ``mention`` is what is geocoded ("Idlib province",
    "near Baniyas"); ``name`` the bare name; ``cued`` whether a cue word marks it a place."""

    start: int
    end: int
    name: str
    mention: str
    role: Role
    cued: bool
    own: bool = False  # the mention extraction chose for the claim (set by linking)
    kind: str | None = None  # the kind word after the name ("province", "territory")


# demonyms and group adjectives beyond the per-country list (country_names.csv)
_GROUP_WORDS = [
    "arab",
    "arabs",
    "arabic",
    "kurd",
    "kurds",
    "kurdish",
    "turkmen",
    "baloch",
    "baluch",
    "pashtun",
    "pashtuns",
    "tamil",
    "tamils",
    "hindu",
    "hindus",
    "sikh",
    "sikhs",
    "druze",
    "yazidi",
    "yazidis",
    "fulani",
    "hausa",
    "tuareg",
    "tuaregs",
    "somali",
    "european",
    "europeans",
    "african",
    "africans",
    "asian",
    "asians",
    "western",
    "westerner",
    "westerners",
    "latin",
    "palestinians",
    "israelis",
    "jewish",
    "jews",
    "rohingya",
    "bengali",
    "bengalis",
    "punjabi",
    "sindhi",
    "uyghur",
    "uighur",
    "hazara",
    "hazaras",
    "tajik",
    "tajiks",
    "uzbek",
    "uzbeks",
    "berber",
    "amazigh",
    "maasai",
    "kikuyu",
    "luo",
    "dinka",
    "nuer",
]

_ADMIN_KIND = (
    r"province|governorate|district|sub-?district|upazila|"
    r"local\s+government(?:\s+(?:area|council))?|local\s+council|council\s+area|lga|"
    r"county|territory|state|region|oblast|raion|"
    r"division|municipality|prefecture|department|camp|refugee\s+camp|village|town|city"
)
_KIND_AFTER = re.compile(rf"^\s+(?P<kind>{_ADMIN_KIND})\b", re.I)
# "Lido beach", "Tayaran square": the site is named, the resolver reads it as a site
_SITE_AFTER = re.compile(r"^\s+(?P<site>" + "|".join(sorted(SITE_WORDS)) + r")\b", re.I)
# kind words the resolver reads as a hint; the others are dropped before geocoding
_HINT_KINDS = frozenset(
    [
        "province",
        "governorate",
        "district",
        "county",
        "state",
        "region",
        "oblast",
        "prefecture",
        "department",
        "municipality",
        "village",
        "town",
        "city",
    ]
)
_CUE_BEFORE = re.compile(
    r"\b(?P<cue>in|inside|near|at|outside|around|from|of|into|towards?|across|"
    r"(?:attacks?|raids?|assault|strikes?)\s+on)\s+"
    r"(?:the\s+)?(?:(?:village|town|city|district|area|province|governorate|region|county|"
    r"camp|upazila|sub-?district|outskirts|suburbs?|countryside|vicinity|neighbou?rhood|"
    r"locality|community)\s+of\s+)?$",
    re.I,
)
_NEAR_CUE = frozenset({"near", "outside", "around"})
_CUED_NAME = re.compile(
    r"(?:\b(?i:in|near|at|outside|from)|\b(?i:attacks?|raids?|assault|strikes?)\s+on)\s+"
    r"(?i:the\s+)?(?i:(?:village|town|city|district|area|"
    r"locality|community|camp)\s+of\s+)?"
    r"(?P<name>[A-Z][\w'’\-]+(?:(?:\s+|-)(?:(?:al|el|ad|as|ash|at|ar|az|an|de|du|la|le)"
    r"(?:\s+|-))?[A-Z][\w'’\-]+){0,2})"
    r"(?:\s+(?P<kind>" + _ADMIN_KIND + r"))?"
)
_DATELINE = re.compile(
    r"(?:^|(?<=[.!?]\s))[ \t]*(?P<head>[A-Z][A-Za-z .,'’\-]{1,60}?)\s*(?:\((?:[A-Za-z .]{1,25})\)\s*)?"
    r"(?:[—–]|--|-\s|:\s)",
    re.M,
)
_DATELINE_AGENCY = re.compile(r"^\s*\((?:AP|AFP|Reuters|dpa|DPA|Xinhua|ANI|IANS|PTI|UPI)\)")
_BASED_BEFORE = re.compile(r"\bbased\s+in\s+(?:the\s+)?$", re.I)
_BASED_AFTER = re.compile(r"^-?\s?based\b", re.I)
_SPEAKER_BEFORE = re.compile(
    r"\b(?:medics|doctors|officials?|police|authorities|sources|residents|witnesses|governor|"
    r"mayor|spokes(?:man|woman|person)|officers?|rescuers|paramedics|journalists?|"
    r"correspondents?|activists?|monitors?|ministry|hospital\s+staff|health\s+workers|"
    r"volunteers|administration|council)\s+(?:in|of|from|at)\s+(?:the\s+)?$",
    re.I,
)
_SAYS_AFTER = re.compile(
    r"^[^.;!?]{0,60}?\b(?:said|says|say|told|reported|reports|confirmed|announced|stated)\b",
    re.I,
)
_SPEAKER_AFTER = re.compile(
    r"^['’]?s?\s+(?:regional\s+|city\s+|provincial\s+|local\s+|state\s+)?"
    r"(?:police|officials?|authorities|governor|mayor|administration|military\s+administration|"
    r"health\s+(?:ministry|department|officials))\s+(?:said|says|told|reported|confirmed)\b",
    re.I,
)
_ACCORDING = re.compile(r"\baccording\s+to\b[^.;!?]{0,80}$", re.I)
_ORG_WORDS = frozenset(
    [
        "party",
        "front",
        "army",
        "brigade",
        "brigades",
        "battalion",
        "regiment",
        "corps",
        "council",
        "committee",
        "union",
        "association",
        "group",
        "gang",
        "cartel",
        "movement",
        "organisation",
        "organization",
        "network",
        "company",
        "corporation",
        "bank",
        "university",
        "college",
        "times",
        "news",
        "post",
        "herald",
        "tribune",
        "radio",
        "television",
        "tv",
        "agency",
        "club",
        "fc",
        "united",
        "forces",
        "militia",
        "militias",
        "federation",
        "league",
        "alliance",
        "coalition",
        "ministry",
        "institute",
        "foundation",
        "observatory",
        "commission",
        "tigers",
        "liberation",
        "resistance",
        "units",
        "guard",
        "guards",
        "airlines",
        "airways",
        "press",
        "daily",
        "gazette",
        "journal",
        "wire",
        "courier",
        "chronicle",
        "observer",
        "telegraph",
        "mirror",
        "guardian",
        "monitor",
        "voice",
        "fm",
    ]
)


# armed groups and movements whose names are also towns somewhere ("Taliban", "Hamas")
_GROUP_NAMES = frozenset(
    [
        "taliban",
        "boko haram",
        "shabaab",
        "al shabaab",
        "shabab",
        "hamas",
        "hezbollah",
        "hizbullah",
        "isis",
        "isil",
        "daesh",
        "houthi",
        "houthis",
        "janjaweed",
        "wagner",
        "fano",
        "iswap",
        "jnim",
        "aqim",
        "ansar dine",
        "seleka",
        "anti balaka",
        "mai mai",
        "arbaki",
    ]
)


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    from tollwatch.geo.builtin import DATA_DIR

    keys = {name_key(w) for w in _GROUP_WORDS}
    with (DATA_DIR / "country_names.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row.get("kind") == "demonym":
                keys.add(name_key(row["name"]))
    return frozenset(k for k in keys if k)


def is_demonym(text: str) -> bool:
    """True for a nationality or group adjective ("Kuwaiti", "Arab", "Syrians")."""
    return name_key(text) in _demonyms()


def _datelines(text: str) -> list[tuple[int, int]]:
    """Spans of dateline heads: a report's (or a paragraph's) opening "CITY --" or
    "CITY, Country (Agency) --"."""
    out: list[tuple[int, int]] = []
    for m in _DATELINE.finditer(text):
        head = m.group("head")
        if len(head.split()) > 6:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        if m.start() - line_start > 2 and not re.search(r"[.!?]\s+$", text[line_start : m.start()]):
            continue
        out.append((m.start("head"), m.end("head")))
    # "BEIRUT (Reuters) Three people ..." without a dash
    first = re.match(r"^\s*(?P<head>[A-Z][A-Za-z .,'’\-]{1,40}?)\s*(?=\()", text)
    if first and _DATELINE_AGENCY.match(text[first.end("head") :]):
        out.append((first.start("head"), first.end("head")))
    return out


def _run_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The capitalised words right before and after a name, on its line."""
    before = re.search(
        r"((?:[A-Z][\w'’\-]*|of|for|the|and)\s+){1,4}$", text[max(0, start - 60) : start]
    )
    after = re.match(r"(\s+(?:[A-Z][\w'’\-]*|of|for|the|and)){1,5}", text[end : end + 80])
    return (before.group(0) if before else "", after.group(0) if after else "")


def _in_organisation(text: str, start: int, end: int) -> bool:
    """A name inside an organisation's name: "Sinjar Resistance Units", "University of Mosul"."""
    before, after = _run_around(text, start, end)
    after_words: list[str] = []
    for w in after.split():
        if not (w[:1].isupper() or w.lower() in ("of", "for", "the", "and")):
            break
        after_words.append(w.lower().strip("'’"))
    if any(w in _ORG_WORDS for w in after_words):
        return True
    before_words = [w.lower().strip("'’") for w in before.split()]
    return (
        len(before_words) >= 2
        and before_words[-1] == "of"
        and any(w in _ORG_WORDS for w in before_words)
    )


def _role(text: str, start: int, end: int, datelines: list[tuple[int, int]]) -> Role:
    if any(s <= start and end <= e for s, e in datelines):
        return Role.DATELINE
    before = text[max(0, start - 60) : start]
    after = text[end : end + 80]
    if _BASED_BEFORE.search(before) or _BASED_AFTER.match(after):
        return Role.DESCRIPTOR
    if _SPEAKER_BEFORE.search(before) and _SAYS_AFTER.match(after):
        return Role.ATTRIBUTION
    if _SPEAKER_AFTER.match(after) or re.search(r"\btold\s+(?:the\s+)?$", before):
        return Role.ATTRIBUTION
    if _ACCORDING.search(text[max(0, start - 100) : start]) and not _CUE_BEFORE.search(
        text[max(0, start - 40) : start]
    ):
        return Role.ATTRIBUTION
    if _in_organisation(text, start, end):
        return Role.ORGANISATION
    return Role.EVENT


# words before a name that do not make it part of a person's name
_NOT_GIVEN_NAMES = frozenset(
    [
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "upper",
        "lower",
        "greater",
        "new",
        "old",
        "great",
        "little",
        "saint",
        "st",
        "the",
        "in",
        "at",
        "near",
        "from",
        "of",
        "and",
        "on",
        "to",
        "by",
    ]
)
_GIVEN_BEFORE = re.compile(
    r"(?P<given>\b[A-Z][a-z’'\-]+)\s+(?:(?:al|el|bin|ibn|abu|ben|van|de|da)[\s\-])?$"
)
_SURNAME_AFTER = re.compile(
    r"^\s+[A-Z][a-z’'\-]+(?:\s*,|\s+(?:said|says|told|who|whose|added|recalled|was|is)\b)"
)


def _person_name_part(text: str, start: int, end: int) -> bool:
    """An uncued name that a capitalised given name precedes on its line ("Abdi Hassan",
    "Mahmoud al-Hassan") or that a capitalised surname and a speech verb or comma follow
    ("Hassan Jaber, whose shop ..."): part of a person's name, not a place."""
    line_start = max(text.rfind("\n", 0, start) + 1, start - 40)
    before = _GIVEN_BEFORE.search(text[line_start:start])
    if before and before.group("given").lower() not in _NOT_GIVEN_NAMES:
        return True
    return bool(_SURNAME_AFTER.match(text[end : end + 60]))


def _spot(
    text: str, start: int, end: int, datelines: list[tuple[int, int]], known: bool
) -> Spot | None:
    name = text[start:end]
    if is_demonym(name):
        return Spot(start, end, name, name, Role.DEMONYM, False)
    key = name_key(name)
    if key in _GROUP_NAMES or key in _ORG_WORDS:
        # "Taliban" (a town's other name), "University", "Council": never the event's place
        return Spot(start, end, name, name, Role.ORGANISATION, False)
    role = _role(text, start, end, datelines)
    cue = _CUE_BEFORE.search(text[max(0, start - 60) : start])
    kind = _KIND_AFTER.match(text[end : end + 30])
    mention = name
    full_end = end
    if kind:
        word = kind.group("kind").lower()
        if word in _HINT_KINDS:
            mention = f"{name} {kind.group('kind')}"
            full_end = end + kind.end()
        elif word == "lga" or word.startswith(("local", "council")):
            # a Nigerian local government area is a second-order unit
            mention = f"{name} district"
            full_end = end + kind.end()
    site = None if kind else _SITE_AFTER.match(text[end : end + 30])
    if site:
        mention = f"{name} {site.group('site').lower()}"
    if cue and cue.group("cue").lower() in _NEAR_CUE:
        mention = f"near {mention}"
    cued = bool(cue) or bool(kind)
    if kind and role is Role.ORGANISATION:
        # "Gassol Local Government Council" is a unit, not an organisation
        role = Role.EVENT
    if not known and not cued:
        return None
    if not cued and role is Role.EVENT and _person_name_part(text, start, end):
        role = Role.PERSON
    word_kind = kind.group("kind").lower() if kind else None
    return Spot(start, full_end, name, mention, role, cued, kind=word_kind)


def spot_places(text: str, gazetteer: Gazetteer) -> list[Spot]:
    """The report's place names in order, with cue and role (see the module docstring)."""
    datelines = _datelines(text)
    out: list[Spot] = []
    taken: list[tuple[int, int]] = []
    for t in recognise(text, gazetteer):
        if _acronym(t.text, gazetteer):
            continue
        s = _spot(text, t.start, t.end, datelines, True)
        if s is not None:
            out.append(s)
            taken.append((t.start, t.end))
    for m in _CUED_NAME.finditer(text):
        start, end = m.start("name"), m.end("name")
        if any(s < end and start < e for s, e in taken):
            continue
        key = name_key(m.group("name"))
        if not key or is_demonym(m.group("name")) or unplace_word(key):
            continue
        s = _spot(text, start, end, datelines, False)
        if s is not None:
            out.append(s)
            taken.append((start, end))
    out.sort(key=lambda s: s.start)
    actors = actor_spans(text)
    if actors:
        # a name inside an armed actor's name ("Boko Haram", "Tehrik-i-Taliban Pakistan") is
        # part of that name, not a place of the report
        out = [
            Spot(s.start, s.end, s.name, s.mention, Role.ORGANISATION, False)
            if s.role is Role.EVENT and any(a <= s.start and s.end <= b for a, b in actors)
            else s
            for s in out
        ]
    return _containers_cued(text, out)


def _containers_cued(text: str, spots: list[Spot]) -> list[Spot]:
    """In "in Kishindih district, Balkh" the unit after the comma is cued like the place."""
    out: list[Spot] = []
    for i, s in enumerate(spots):
        prev = spots[i - 1] if i else None
        if (
            not s.cued
            and prev is not None
            and prev.cued
            and s.role is Role.EVENT
            and re.fullmatch(r"\s*,\s*", text[prev.end : s.start])
        ):
            s = Spot(s.start, s.end, s.name, s.mention, s.role, True, kind=s.kind)
        out.append(s)
    return out


def _acronym(name: str, gazetteer: Gazetteer) -> bool:
    """ "UN", "EU", "IS": short capitals that are no country's code are acronyms, not towns."""
    letters = name.replace(".", "")
    if not (letters.isupper() and len(letters) <= 4):
        return False
    return not any(e.kind == "country" for e in gazetteer.lookup(name_key(name)))


def unplace_word(key: str) -> bool:
    """A name key that is a function word, weekday or month (or starts with one), in any
    inflection ("Thursday's", "Fridays")."""
    from tollwatch.geo.recognise import STOP_WORDS, is_calendar_word

    first = key.split()[0]
    return key in STOP_WORDS or first in STOP_WORDS or is_calendar_word(first)
