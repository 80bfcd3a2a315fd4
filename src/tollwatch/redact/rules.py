"""Rules that find people's names without a model: honorifics, "resident X said",
"named X", "X, a 57-year-old ...", and capitalised names next to speech verbs.

Pure functions over text; each match is a ``NameMention`` with the rule that found it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["STOPWORDS", "NameMention", "attribution_mentions", "rule_mentions"]


@dataclass(frozen=True, slots=True)
class NameMention:
    start: int
    end: int
    text: str
    rule: str  # "ner", "honorific", "role", "named", "age", "speech", "arabic", "attribution", "repeat"


# One capitalised name word (Latin letters with accents, apostrophes inside: O'Neill, Ma'an).
# Latin Extended-A/B and Additional (Ngũgĩ, Łukasz, Şahin, Nguyễn) mix both cases in one range.
_EXT = "\u0100-\u024f\u1e00-\u1eff"
_WORD = (
    rf"[A-Z\u00c0-\u00de{_EXT}][a-z\u00df-\u00ff{_EXT}]+"
    rf"(?:['\u2019][A-Za-z\u00c0-\u00ff{_EXT}]+)?"
)
_PART = rf"(?:(?:[Aa]l|[Ee]l|[Aa]d|[Aa]s|[Aa]sh|[Aa]t)-)?{_WORD}(?:-{_WORD})?"
_PARTICLE = r"(?:bin|ibn|bint|abu|Abu|Umm|umm|al|el|de|da|del|dela|della|di|du|dos|das|do|van|von|der|le|la|y)"
# One to four name words, joined by spaces and optional particles.
NAME = rf"{_PART}(?:\s+(?:{_PARTICLE}\s+)?{_PART}){{0,3}}"
# Two or more name words: what the speech-verb rule needs to be confident without NER.
MULTI_NAME = rf"{_PART}(?:\s+(?:{_PARTICLE}\s+)?{_PART}){{1,3}}"

_HONORIFIC = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sheikh|Shaykh|Imam|Father|Fr|Sister|Brother|"
    r"Haji|Hajji|Hajja|Mullah|Sayyid|Sayed|Madam|Mme|Mallam|Malam|Alhaji|Hajiya|Chief|"
    r"Pastor|Reverend|Rev|Abu|Umm|Um|Ma|Ko|Daw|Ya|Mallama)"
)
_ROLE = (
    r"(?:resident|witness|eyewitness|neighbou?r|relative|survivor|villager|farmer|herder|"
    r"shopkeeper|trader|vendor|teacher|nurse|doctor|medic|paramedic|father|mother|brother|"
    r"sister|son|daughter|wife|husband|widow|uncle|aunt|cousin|grandmother|grandfather|man|"
    r"woman|boy|girl|student|driver|activist|fisherman|worker|volunteer|mourner|displaced|"
    r"refugee|local|elder|youth|victim|parent|owner|guard|labourer|laborer|captain|leader|"
    r"chief|commander|spokesman|spokeswoman|spokesperson|priest|pastor|imam|cleric|journalist|"
    r"reporter|photographer|lawyer|engineer|mechanic|tailor|carpenter|miner|midwife|surgeon|"
    r"pharmacist|chairman|chairwoman|councillor|councilor|mayor|baker|butcher|cook|nephew|"
    r"niece|grandson|granddaughter|friend|colleague|classmate|pupil|porter|soldier|officer|"
    r"policeman|policewoman|fighter|official)"
)
_ROLE_LOWER = _ROLE.replace("|local|", "|").replace("|displaced|", "|").replace("|youth|", "|")
# The same nouns for one person, without those that also describe a place or a crowd: after a
# single name word ("Lalmuanpuii, a Kuki woman from ...") they mark a person.
_PERSON_NOUN = (
    r"(?:man|woman|boy|girl|mother|father|son|daughter|wife|husband|widow|widower|brother|"
    r"sister|uncle|aunt|cousin|grandmother|grandfather|grandson|granddaughter|nephew|niece|"
    r"teacher|nurse|doctor|farmer|herder|shopkeeper|trader|student|driver|fisherman|midwife|"
    r"pastor|priest|imam|journalist|lawyer|mechanic|tailor|carpenter|miner|teenager|pensioner)"
)
_KIN = (
    r"(?:mother|father|brother|sister|son|daughter|wife|husband|widow|uncle|aunt|cousin|"
    r"grandmother|grandfather|grandson|granddaughter|nephew|niece|children|sons|daughters|"
    r"parents|brothers|sisters)"
)
# Plural or collective nouns that open a sentence like a name ("Police, who arrived later").
_NOT_A_NAME = frozenset(
    {
        "police", "officials", "residents", "witnesses", "authorities", "rescuers", "militants",
        "gunmen", "soldiers", "troops", "doctors", "medics", "villagers", "survivors",
        "relatives", "locals", "families", "activists", "journalists", "reporters", "volunteers",
        "parents", "children", "women", "men", "others", "some", "many", "those", "several",
        "both", "all", "everyone", "anyone", "nobody", "someone", "investigators", "prosecutors",
        "firefighters", "paramedics", "protesters", "demonstrators", "rebels", "fighters",
    }
)  # fmt: skip
_SPEECH = (
    r"(?:said|says|told|tells|recalled|recounts|recounted|explained|added|stated|described|"
    r"remembered|wrote|asked|cried|whispered|testified|insisted|confirmed|reported)"
)

#: A word before a name that describes the person rather than naming them ("Farmer Idris
#: Mohammed", "Sheikh Mahmoud al-Hassan"): trimmed from the start of a name.
LEADING_TITLE = re.compile(rf"(?:{_HONORIFIC}|(?i:{_ROLE})|Villager|Elder|Doctor|Widow)")

#: Common given names (our own list, from public knowledge) of the regions the monitor
#: covers: one of these followed by a capitalised word is a person's name without any cue.
GIVEN_NAMES = [
    "Ahmed",
    "Ahmad",
    "Mohammed",
    "Muhammad",
    "Mohamed",
    "Mohammad",
    "Mahmoud",
    "Mustafa",
    "Mustapha",
    "Ali",
    "Omar",
    "Umar",
    "Hassan",
    "Hasan",
    "Hussein",
    "Husain",
    "Ibrahim",
    "Ismail",
    "Musa",
    "Moussa",
    "Isa",
    "Issa",
    "Yusuf",
    "Youssef",
    "Yousef",
    "Khaled",
    "Khalid",
    "Salim",
    "Salem",
    "Samir",
    "Sami",
    "Samer",
    "Tarek",
    "Tariq",
    "Karim",
    "Kareem",
    "Bashir",
    "Nasser",
    "Nabil",
    "Walid",
    "Fadi",
    "Rami",
    "Hamza",
    "Bilal",
    "Saleh",
    "Saeed",
    "Jamal",
    "Kamal",
    "Adel",
    "Amer",
    "Ayman",
    "Osama",
    "Usama",
    "Majid",
    "Mazen",
    "Ziad",
    "Imad",
    "Firas",
    "Bassel",
    "Bashar",
    "Hazem",
    "Anas",
    "Faisal",
    "Fahd",
    "Yasser",
    "Yasin",
    "Wael",
    "Qasim",
    "Jaber",
    "Fatima",
    "Fatma",
    "Aisha",
    "Aishatu",
    "Hauwa",
    "Zainab",
    "Maryam",
    "Mariam",
    "Amina",
    "Halima",
    "Hadiza",
    "Hafsat",
    "Khadija",
    "Layla",
    "Leila",
    "Nour",
    "Noor",
    "Huda",
    "Hoda",
    "Sara",
    "Salma",
    "Rania",
    "Mona",
    "Nadia",
    "Samira",
    "Yasmin",
    "Hanan",
    "Dalia",
    "Rasha",
    "Lina",
    "Reem",
    "Rana",
    "Dina",
    "Hiba",
    "Amal",
    "Suad",
    "Iman",
    "Asma",
    "Sana",
    "Yara",
    "Aminu",
    "Abubakar",
    "Usman",
    "Uthman",
    "Garba",
    "Bukar",
    "Modu",
    "Abba",
    "Goni",
    "Kabiru",
    "Sani",
    "Aliyu",
    "Lawal",
    "Danjuma",
    "Yakubu",
    "Idris",
    "Adamu",
    "Babagana",
    "Abdullahi",
    "Abdi",
    "Abdirahman",
    "Abdul",
    "Hodan",
    "Farah",
    "Osman",
    "Haroun",
    "Harun",
    "Emmanuel",
    "Joseph",
    "John",
    "Peter",
    "Paul",
    "James",
    "Grace",
    "Mary",
    "Joy",
    "Esther",
    "Ruth",
    "Jean",
    "Pierre",
    "Marie",
    "Ana",
    "Maria",
    "Miguel",
    "Jose",
    "Juan",
    "Oksana",
    "Viktor",
    "Olena",
    "Tsegaye",
    "Almaz",
    "Aung",
    "Hawa",
    "Safiya",
    "Zahra",
    "Rukia",
    "Esperance",
    "Pauline",
    "Innocent",
]
GIVEN = "(?:" + "|".join(GIVEN_NAMES) + ")"

# Capitalised words that start sentences or name things that are not people.
STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "its",
        "our",
        "this",
        "that",
        "these",
        "those",
        "there",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "some",
        "many",
        "several",
        "most",
        "other",
        "others",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "residents",
        "resident",
        "witnesses",
        "witness",
        "police",
        "army",
        "government",
        "ministry",
        "official",
        "officials",
        "observatory",
        "agency",
        "council",
        "committee",
        "forces",
        "force",
        "office",
        "reuters",
        "ap",
        "afp",
        "bbc",
        "network",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "president",
        "minister",
        "governor",
        "commander",
        "mayor",
        "according",
        "also",
        "but",
        "and",
        "or",
        "after",
        "before",
        "when",
        "while",
        "on",
        "in",
        "at",
        "by",
        "for",
        "from",
        "as",
        "if",
        "so",
        "then",
    ]
)

_PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("honorific", re.compile(rf"\b{_HONORIFIC}\.?\s+(?P<name>{NAME})"), "name"),
    (
        "role",
        re.compile(rf"\b(?i:{_ROLE})s?,?\s+(?P<name>{NAME})(?=\s*(?:,|\(|\s{_SPEECH}\b|\s+who\b))"),
        "name",
    ),
    (
        "named",
        re.compile(
            rf"\b(?:named|identified\s+as|known\s+as|called\s+himself|called\s+herself|"
            rf"whose\s+name\s+is|name\s+was|name\s+is)\s+(?P<name>{NAME})"
        ),
        "name",
    ),
    (
        "age",
        re.compile(
            rf"(?P<name>{NAME}),\s+(?:(?:a|an|aged)\s+)?\d{{1,3}}(?:-year-old\b|\s*,|\b(?=\s+(?:a|an|the)\b))"
        ),
        "name",
    ),
    (
        "apposition",
        re.compile(
            rf"(?P<name>{MULTI_NAME}),\s+(?:(?:a|an|the|one|another)\s+(?:[\w-]+\s+){{0,3}}"
            rf"(?i:{_ROLE})s?\b|who(?:se)?\b)"
        ),
        "name",
    ),
    (
        "given",
        re.compile(
            rf"(?<![\w-])(?P<name>{GIVEN}(?:-{_WORD})?(?:\s+(?:{_PARTICLE}\s+)?{_PART}){{1,3}})"
        ),
        "name",
    ),
    (
        # "her neighbour Vasyl Tkachuk pulled ...": a role noun in lower case, then two or more
        # name words, whatever follows (weak: an organisation or place decision may undo it)
        "role_loose",
        re.compile(rf"(?<![\w-]){_ROLE_LOWER}\s+(?P<name>{MULTI_NAME})"),
        "name",
    ),
    (
        # "Lalmuanpuii, a Kuki woman from ...": one name word described as one person
        "apposition_one",
        re.compile(
            rf"(?<![\w-])(?P<name>{_PART}),\s+(?:a|an)\s+(?:[\w-]+\s+){{0,3}}"
            rf"{_PERSON_NOUN}\b(?!\s+(?:of|from)\s+(?:the\s+)?(?:city|town|village|region))"
        ),
        "name",
    ),
    (
        # "Ngũgĩ Kamau's mother said ...": a person's kin, body or funeral
        "possessive_kin",
        re.compile(
            rf"(?<![\w-])(?P<name>{MULTI_NAME})['\u2019]s?\s+(?:{_KIN}|body|funeral|grave|family|"
            rf"relatives|home|house)\b"
        ),
        "name",
    ),
    (
        # "Hodan, who gave only her first name, ...": "who" is said of people, not places
        "who_one",
        re.compile(rf"(?<![\w'-])(?P<name>{_PART}),\s+who\b"),
        "name",
    ),
    ("speech", re.compile(rf"(?P<name>{MULTI_NAME}),?\s+{_SPEECH}\b"), "name"),
    ("speech", re.compile(rf"\b{_SPEECH},?\s+(?P<name>{MULTI_NAME})\b"), "name"),
)


def _clean(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim possessives, leading stopwords and honorific-like words; None when nothing is left."""
    chunk = text[start:end]
    for suffix in ("'s", "\u2019s"):
        if chunk.endswith(suffix):
            end -= len(suffix)
            chunk = chunk[: -len(suffix)]
    words = chunk.split()
    while len(words) > 1 and (
        words[0].casefold() in STOPWORDS or LEADING_TITLE.fullmatch(words[0].rstrip(".,"))
    ):
        start += len(words[0])
        start += len(text[start:]) - len(text[start:].lstrip())
        words = words[1:]
    if not words or all(w.casefold() in STOPWORDS for w in words):
        return None
    return start, end


def rule_mentions(text: str) -> Iterator[NameMention]:
    for rule, pattern, group in _PATTERNS:
        for match in pattern.finditer(text):
            span = _clean(text, match.start(group), match.end(group))
            if span is None:
                continue
            if rule in ("apposition_one", "who_one") and (
                text[span[0] : span[1]].casefold() in _NOT_A_NAME
                or text[span[0] : span[1]].casefold() in STOPWORDS
            ):
                continue
            yield NameMention(span[0], span[1], text[span[0] : span[1]], rule)


_SEGMENT = re.compile(r"[^,;()]+")
_NAME_ONLY = re.compile(rf"^\s*(?:(?:{_HONORIFIC})\.?\s+)?(?P<name>{NAME})\s*$")
_DESCRIBED = re.compile(r"^\s*(?:a|an|the|one|another|his|her|their|local)\s+[a-z]", re.IGNORECASE)
_ROLE_THEN_NAME = re.compile(rf"\b(?i:{_ROLE})s?\s+(?P<name>{MULTI_NAME})\s*$")


def attribution_mentions(value: str) -> Iterator[NameMention]:
    """Names in who a claim is attributed to: "a community leader, Bulama Modu", "Bulama Modu,
    a farmer", "resident Samir Haddad". A part set apart by commas that is only a name is a
    person's when another part describes someone, or when it has two or more name words;
    organisations ("the UN human rights office", "SOHR") are left to the caller's filter."""
    from tollwatch.redact.nonpeople import is_organisation

    segments = list(_SEGMENT.finditer(value))
    described = any(_DESCRIBED.match(seg.group(0)) for seg in segments)
    for seg in segments:
        match = _NAME_ONLY.match(seg.group(0))
        if match is None:
            role = _ROLE_THEN_NAME.search(seg.group(0))
            if role is None:
                continue
            match = role
        start, end = seg.start() + match.start("name"), seg.start() + match.end("name")
        span = _clean(value, start, end)
        if span is None:
            continue
        words = value[span[0] : span[1]].split()
        if len(words) < 2 and not described:
            continue
        if is_organisation(value, span[0], span[1]):
            continue
        yield NameMention(span[0], span[1], value[span[0] : span[1]], "attribution")
