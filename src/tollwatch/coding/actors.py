"""Actors named in a text, normalised to ACLED-style names with ACLED's inter codes. Pure.

ACLED's inter codes (the numeric form of its actor types):

====  ==========================  =====================================================
code  type                        recognised here from
====  ==========================  =====================================================
1     State forces                army, soldiers, troops, police, "Afghan forces", ...
2     Rebel groups                named insurgencies (Taliban, Al Shabaab, Boko Haram, ...)
3     Political militias          unidentified gunmen, bandits, gangs, vigilantes
4     Identity militias           ethnic / communal militias (Fulani herdsmen, ...)
5     Rioters                     rioters, a mob, rival party supporters clashing
6     Protesters                  protesters, demonstrators
7     Civilians                   villagers, residents, farmers, a man, children, ...
8     External/other forces       peacekeepers, a foreign state's forces, private security
====  ==========================  =====================================================

Names follow ACLED's conventions: ``Military Forces of <country>``, ``Police Forces of
<country>``, ``Civilians (<country>)``, ``Protesters (<country>)``, ``Rioters
(<country>)``, ``Unidentified Armed Group (<country>)`` for a perpetrator the text does not
name, and a short list of well-known groups under their ACLED names (``KNOWN_GROUPS``).
ACLED's regime years ("Military Forces of Nigeria (2015-)") are not guessed: ``actor_key``
drops them when names are compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

__all__ = [
    "INTER_NAMES",
    "KNOWN_GROUPS",
    "ActorMention",
    "actor_key",
    "civilians",
    "find_actors",
    "unidentified",
]

INTER_NAMES: Final[dict[int, str]] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/other forces",
}


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor named in the text: its normalised name, inter code and the words."""

    name: str
    inter: int
    start: int
    end: int
    words: str

    @property
    def armed(self) -> bool:
        return self.inter in (1, 2, 3, 4, 8)


@dataclass(frozen=True, slots=True)
class _Group:
    pattern: str
    name: str  # may contain {country}
    inter: int
    countries: frozenset[str] = frozenset()  # only in these countries (empty: anywhere)


def _g(pattern: str, name: str, inter: int, *countries: str) -> _Group:
    return _Group(pattern, name, inter, frozenset(countries))


#: Well-known armed groups under ACLED's names (checked before the generic classes).
KNOWN_GROUPS: Final[tuple[_Group, ...]] = (
    _g(
        r"(?:pakistani\s+taliban|tehr[ei]e?k[- ]i[- ]taliban|TTP)",
        "TTP: Tehreek-i-Taliban Pakistan",
        2,
    ),
    _g(r"taliban", "TTP: Tehreek-i-Taliban Pakistan", 2, "pakistan"),
    _g(r"taliban", "Taliban", 2),
    _g(
        r"(?:ISWAP|islamic\s+state\s+west\s+africa(?:\s+province)?|wilayat\s+gharb)",
        "Boko Haram - Wilayat Gharb Ifriqiyyah",
        2,
    ),
    _g(
        r"(?:boko\s+haram|shekau|JAS)",
        "Boko Haram - Jama'atu Ahli is-Sunnah lid-Dawatai wal-Jihad",
        2,
    ),
    _g(r"(?:IS-?K|ISKP|islamic\s+state\s+khorasan)", "Islamic State (Afghanistan)", 2),
    _g(r"(?:islamic\s+state|ISIS|ISIL|IS|daesh|da'esh)", "Islamic State ({country})", 2),
    _g(r"al[- ]?shabaa?b", "Al Shabaab", 2),
    _g(
        r"(?:AQAP|al[- ]qa'?eda\s+in\s+the\s+arabian\s+peninsula)",
        "AQAP: Al Qaeda in the Arabian Peninsula",
        2,
    ),
    _g(
        r"(?:JNIM|jama'?at\s+nusrat\s+al[- ]islam)",
        "JNIM: Group for Support of Islam and Muslims",
        2,
    ),
    _g(r"al[- ]qa'?eda", "Al Qaeda", 2),
    _g(
        r"(?:houthis?|ansar\s+allah|ansarullah)",
        "Military Forces of Yemen (2016-) Supreme Political Council",
        1,
        "yemen",
    ),
    _g(
        r"(?:pro-hadi\s+(?:forces?|troops|groups|fighters)|hadi\s+(?:government\s+)?forces)",
        "Military Forces of Yemen",
        1,
        "yemen",
    ),
    _g(
        r"(?:(?:saudi-led\s+)?(?:arab\s+)?coalition(?:\s+(?:forces|jets|warplanes|aircraft|"
        r"air\s*strikes?))?)",
        "Operation Restoring Hope",
        8,
        "yemen",
    ),
    _g(r"national\s+resistance(?:\s+forces)?", "National Resistance Forces", 3, "yemen"),
    _g(
        r"(?:LNA|libyan\s+national\s+army|haftar(?:'s)?\s+forces|pro-haftar\s+forces)",
        "Military Forces of Libya (2014-) Haftar Faction",
        1,
        "libya",
    ),
    _g(
        r"(?:GNA|government\s+of\s+national\s+accord)(?:\s+forces)?",
        "Military Forces of Libya (2016-) Government of National Accord",
        1,
        "libya",
    ),
    _g(r"military\s+police", "Military Forces of {country}", 1, "brazil"),
    _g(
        r"(?:ANDSF|ANSF|ANA|afghan\s+national\s+army)",
        "Military Forces of Afghanistan",
        1,
        "afghanistan",
    ),
    _g(
        r"(?:ANP|NDS|afghan\s+national\s+police|national\s+directorate\s+of\s+security)",
        "Police Forces of Afghanistan",
        1,
        "afghanistan",
    ),
    _g(r"(?:hezbollah|hizbullah)", "Hezbollah", 2),
    _g(r"(?:HTS|hay'?at\s+tahrir\s+al[- ]sham)", "HTS: Hayat Tahrir al Sham", 2),
    _g(r"(?:SDF|syrian\s+democratic\s+forces|QSD)", "QSD: Syrian Democratic Forces", 2),
    _g(r"(?:PKK|kurdistan\s+workers'?\s+party)", "PKK: Kurdistan Workers Party", 2),
    _g(r"(?:hamas|al[- ]qassam)", "Hamas Movement", 2),
    _g(
        r"(?:NAF|novorossiya|DPR|LPR|DNR|LNR|pro-russian\s+(?:separatists|rebels|militants|forces)"
        r"|(?:donetsk|luhansk|lugansk)\s+(?:separatists|rebels|militants))",
        "NAF: United Armed Forces of Novorossiya",
        2,
        "ukraine",
    ),
    _g(
        r"(?:separatists|rebels|militants)", "NAF: United Armed Forces of Novorossiya", 2, "ukraine"
    ),
    _g(
        r"(?:maoists?|naxal(?:ite)?s?|CPI\s*\(maoist\))",
        "CPI (Maoist): Communist Party of India (Maoist)",
        2,
    ),
    _g(r"(?:hizbul\s+mujahideen|HM)", "HM: Hizbul Mujahideen", 2, "india"),
    _g(r"(?:lashkar[- ]e[- ]ta[iy]y?ba|LeT)", "LeT: Lashkar-e-Taiba", 2),
    _g(r"(?:jaish[- ]e[- ]moh?amm?ad|JeM)", "JeM: Jaish-e-Mohammed", 2),
    _g(r"(?:arakan\s+army|AA)", "AA: Arakan Army", 2, "myanmar"),
    _g(r"(?:kachin\s+independence\s+army|KIA)", "KIA: Kachin Independence Army", 2, "myanmar"),
    _g(
        r"(?:ta'?ang\s+national\s+liberation\s+army|TNLA)",
        "TNLA: Ta'ang National Liberation Army",
        2,
    ),
    _g(r"(?:MNDAA|kokang)", "MNDAA: Myanmar National Democratic Alliance Army", 2),
    _g(r"SSA-N", "SSA-N: Shan State Army-North", 2),
    _g(r"(?:SSA-S|RCSS)", "RCSS/SSA-S: Restoration Council of Shan State/Shan State Army-South", 2),
    _g(
        r"(?:KNLA|KNU|karen\s+national\s+(?:liberation\s+army|union))",
        "KNU: Karen National Union",
        2,
    ),
    _g(r"(?:BLA|baloch(?:istan)?\s+liberation\s+army)", "BLA: Balochistan Liberation Army", 2),
    _g(r"baloch\s+(?:separatists|militants|insurgents|rebels)", "Baloch Separatists (Pakistan)", 2),
    _g(
        r"(?:southern\s+)?(?:separatists|insurgents|militants)",
        "Southern Muslim Separatists (Thailand)",
        2,
        "thailand",
    ),
    _g(r"(?:NPA|new\s+people'?s\s+army)", "NPA: New People's Army", 2, "philippines"),
    _g(r"(?:abu\s+sayyaf|ASG)", "Abu Sayyaf", 2, "philippines"),
    _g(
        r"(?:FARC|ELN|national\s+liberation\s+army)", "ELN: National Liberation Army", 2, "colombia"
    ),
    _g(
        r"(?:pro-government\s+(?:militias?|militiamen|militia\s+members?)|arbakis?|ALP|"
        r"afghan\s+local\s+police|uprising\s+forces)",
        "Militia (Pro-Government)",
        3,
    ),
    _g(r"(?:fulani|herdsm[ae]n|herders?|pastoralists?)", "Fulani Ethnic Militia ({country})", 4),
    _g(
        r"(?:civilian\s+JTF|CJTF|vigilantes?|vigilante\s+group|hunters|local\s+defen[cs]e\s+"
        r"(?:group|force|militia))",
        "Vigilante Militia ({country})",
        3,
    ),
    _g(
        r"(?:peacekeepers?|MINUSMA|MONUSCO|UNMISS|MINUSCA|UNIFIL|AMISOM|ATMIS)",
        "UN: United Nations",
        8,
    ),
    _g(r"private\s+security(?:\s+guards?)?", "Private Security Forces ({country})", 8),
)

# Demonyms of state forces: "Afghan forces", "Pakistani troops", "the Nigerian army".
_DEMONYMS: Final[dict[str, str]] = {
    "afghan": "Afghanistan",
    "pakistani": "Pakistan",
    "indian": "India",
    "nigerian": "Nigeria",
    "cameroonian": "Cameroon",
    "chadian": "Chad",
    "nigerien": "Niger",
    "malian": "Mali",
    "burkinabe": "Burkina Faso",
    "somali": "Somalia",
    "kenyan": "Kenya",
    "ethiopian": "Ethiopia",
    "sudanese": "Sudan",
    "libyan": "Libya",
    "egyptian": "Egypt",
    "syrian": "Syria",
    "iraqi": "Iraq",
    "iranian": "Iran",
    "turkish": "Turkey",
    "israeli": "Israel",
    "lebanese": "Lebanon",
    "yemeni": "Yemen",
    "saudi": "Saudi Arabia",
    "saudi-led": "Saudi Arabia",
    "emirati": "United Arab Emirates",
    "russian": "Russia",
    "ukrainian": "Ukraine",
    "american": "United States",
    "us": "United States",
    "u.s.": "United States",
    "french": "France",
    "british": "United Kingdom",
    "burmese": "Myanmar",
    "myanmar": "Myanmar",
    "bangladeshi": "Bangladesh",
    "thai": "Thailand",
    "filipino": "Philippines",
    "philippine": "Philippines",
    "mexican": "Mexico",
    "colombian": "Colombia",
    "brazilian": "Brazil",
    "congolese": "Democratic Republic of Congo",
    "mozambican": "Mozambique",
    "ugandan": "Uganda",
    "rwandan": "Rwanda",
    "south sudanese": "South Sudan",
    "chinese": "China",
    "nepalese": "Nepal",
    "nepali": "Nepal",
    "sri lankan": "Sri Lanka",
}
_DEMONYM_RE = "|".join(sorted((re.escape(d) for d in _DEMONYMS), key=len, reverse=True))

_MILITARY = (
    r"(?:army|armed\s+forces|military|soldiers?|troops?|servicem[ae]n|jawans?|security\s+"
    r"(?:forces|personnel|officials?|officers?|agents?|guards?|operatives)|paratroopers|marines|air\s*force|"
    r"navy|naval\s+forces|tatmadaw|regime|government\s+forces|pro-government\s+forces|"
    r"state\s+forces|national\s+guard|gendarm(?:es?|erie)|rangers?|frontier\s+corps|"
    r"border\s+guards?|BSF|CRPF|JTF|joint\s+task\s+force|warplanes?|fighter\s+jets?|"
    r"(?:military|army)\s+(?:aircraft|helicopters?|jets?)|commandos?|SSG|FC)"
)
_POLICE = (
    r"(?:police(?:m[ae]n|wom[ae]n|\s+officers?|\s+personnel|\s+forces?)?|policmen|cops?|"
    r"constables?|(?:assistant\s+)?sub[- ]inspectors?|levies(?:\s+(?:personnel|force))?|"
    r"customs\s+(?:officers?|officials?|personnel|men|service)|security\s+details?)"
)
# state forces' acronyms (written in capitals; Afghanistan's are in KNOWN_GROUPS); South
# Sudan's SSPDF; DR Congo's FARDC; Mali's FAMa; Sahel's FDS; Nigeria's JTF; India's CRPF
_STATE_ACRONYMS = r"(?:SSPDF|SPLA|FARDC|FAMa|FDS|JTF|CRPF|BSF|RAB|BGB)"

_UNIDENTIFIED = (
    r"(?:gunm[ae]n|armed\s+(?:men|group|assailants|attackers|bandits|robbers)|"
    r"(?:unknown|unidentified)\s+(?:armed\s+)?(?:men|persons|people|assailants|attackers|"
    r"group|gunmen|miscreants|individuals)|assailants|attackers|militants?|insurgents?|"
    r"terrorists?|jihadists?|extremists|islamists|rebels?|bandits?|kidnappers|abductors|"
    r"miscreants|armed\s+robbers|robbers|suicide\s+bombers?|bombers?|fighters|snipers?)"
)
_GANG = r"(?:gang(?:s|sters?)?|cartels?|criminal\s+groups?|drug\s+traffickers|narcos?|sicarios)"
_COMMUNAL = (
    r"(?:(?:two\s+)?rival\s+(?:groups|factions|clans|families|communities|villagers)|"
    r"two\s+(?:groups|factions|clans|families|communities)|(?:ethnic|communal|clan|tribal)\s+"
    r"militias?|clan\s+militias?|(?:[A-Z]\w+\s+and\s+[A-Z]\w+\s+)communities|"
    r"inter-?(?:clan|communal|ethnic|tribal))"
)
_PROTESTERS = r"(?:protest[eo]rs|demonstrators|agitators|marchers|strikers)"
_RIOTERS = (
    r"(?:rioters|(?:an?\s+|the\s+)?(?:angry\s+|irate\s+|violent\s+)?mobs?|lynch\s+mob|"
    r"(?:angry|irate|enraged)\s+(?:crowds?|residents|villagers|youths?|people|locals))"
)
_CIVILIANS = (
    r"(?:civilians?|villagers?|residents?|(?:local\s+)?people|persons?|inhabitants|locals?|"
    r"m[ae]n|wom[ae]n|child(?:ren)?|boys?|girls?|teen(?:age)?(?:r|rs)?|minors?|infants?|"
    r"bab(?:y|ies)|farmers?|traders?|shopkeepers?|vendors?|merchants?|workers?|labou?rers?|"
    r"students?|pupils?|teachers?|passengers?|travell?ers?|commuters?|worshippers?|"
    r"pilgrims?|famil(?:y|ies)|journalists?|reporters?|doctors?|nurses?|drivers?|motorists?|"
    r"fishermen|miners?|businessm[ae]n|elders?|chiefs?|ward\s+heads?|clerics?|imams?|priests?|"
    r"pastors?|monks?|aid\s+workers?|refugees?|displaced|IDPs|wife|husband|sons?|daughters?|"
    r"mothers?|fathers?|brothers?|sisters?|couple|youths?|guests?|patients?|customers?|"
    r"crowds?|mourners|(?:police\s+)?informers?|spies|tribals?|herdsman|"
    r"politicians?|councill?ors?|officials?|leaders?|activists?|lawyers?|judges?|"
    r"party\s+(?:workers?|members?|supporters?)|"
    r"(?:hindus?|muslims?|christians?|sikhs?|rohingyas?|dalits?))"
)


@dataclass(frozen=True, slots=True)
class _Class:
    pattern: re.Pattern[str]
    name: str
    inter: int


def _c(pattern: str, name: str, inter: int, *, case: bool = False) -> _Class:
    flags = 0 if case else re.IGNORECASE
    return _Class(re.compile(rf"\b{pattern}\b", flags), name, inter)


_GENERIC: Final[tuple[_Class, ...]] = (
    # drug traffickers and dealers are a gang in ACLED's coding (killing one is a clash
    # between gangs); a mob that lynches one is still mob violence
    _c(
        r"(?:(?:suspected|alleged)\s+(?:\w+\s+)?)?drug\s+(?:dealers?|traffickers?|lords?|"
        r"peddlers?|gangs?|cartels?)",
        "Unidentified Gang ({country})",
        3,
    ),
    # suspects of crimes set upon by others are civilians too
    _c(
        r"(?:suspected|alleged|would-be|accused)\s+(?:\w+\s+)?(?:robbers?|thie(?:f|ves)|"
        r"criminals?|kidnappers?|rustlers?|burglars?|witch(?:es|craft)?|rapists?|murderers?|"
        r"smugglers?)",
        "Civilians ({country})",
        7,
    ),
    # off duty, retired or former: ACLED counts them as civilians
    _c(
        r"(?:off[- ]?duty|retired|former|ex-)\s*(?:[\w-]+\s+)?(?:soldiers?|police\w*|officers?|"
        r"(?:sub[- ])?inspectors?|"
        r"army\s+\w+|militants?|servicem[ae]n|jawans?|constables?|rebels?|bodyguards?|"
        r"(?:\w+\s+)?police\s+officers?)",
        "Civilians ({country})",
        7,
    ),
    _c(
        r"(?:body\s*guards?|security\s+guards?|private\s+guards?)",
        "Private Security Forces ({country})",
        8,
    ),
    _c(_POLICE, "Police Forces of {country}", 1),
    _c(_STATE_ACRONYMS, "Military Forces of {country}", 1, case=True),
    _c(_MILITARY, "Military Forces of {country}", 1),
    _c(_GANG, "Unidentified Gang ({country})", 3),
    _c(_UNIDENTIFIED, "Unidentified Armed Group ({country})", 3),
    _c(_COMMUNAL, "Unidentified Communal Militia ({country})", 4),
    _c(_PROTESTERS, "Protesters ({country})", 6),
    _c(_RIOTERS, "Rioters ({country})", 5),
    _c(_CIVILIANS, "Civilians ({country})", 7),
)


def _top_level(pattern: str) -> list[str]:
    """Split ``(?:a|b|c)`` (or ``a|b``) into its top-level alternatives."""
    inner = pattern
    if inner.startswith("(?:") and inner.endswith(")") and _balanced(inner[3:-1]):
        inner = inner[3:-1]
    parts: list[str] = []
    depth, last = 0, 0
    for i, ch in enumerate(inner):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(inner[last:i])
            last = i + 1
    parts.append(inner[last:])
    return parts


def _balanced(s: str) -> bool:
    depth = 0
    for ch in s:
        depth += ch == "("
        depth -= ch == ")"
        if depth < 0:
            return False
    return depth == 0


def _compile_group(pattern: str) -> re.Pattern[str]:
    """Acronyms (all capitals) match only in capitals ("IS", "AA"); names in any case."""
    alternatives = [
        p if re.fullmatch(r"[A-Z][A-Z-]+", p) else f"(?i:{p})" for p in _top_level(pattern)
    ]
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


_KNOWN_RE: Final[tuple[tuple[_Group, re.Pattern[str]], ...]] = tuple(
    (g, _compile_group(g.pattern)) for g in KNOWN_GROUPS
)


@lru_cache(maxsize=512)
def _known_for(where: str) -> tuple[re.Pattern[str], tuple[_Group, ...]]:
    """One pattern for the groups that apply in a country: one capturing group per known
    group, in priority order (one scan of the text instead of one per group)."""
    groups = tuple(g for g in KNOWN_GROUPS if not g.countries or where in g.countries)
    alternatives = (
        "|".join(
            f"(?-i:{p})" if re.fullmatch(r"[A-Z][A-Z-]+", p) else p for p in _top_level(g.pattern)
        )
        for g in groups
    )
    # one word boundary up front: alternatives are only tried where a word starts
    pattern = r"\b(?:" + "|".join(f"({alt})" for alt in alternatives) + r")\b"
    return re.compile(pattern, re.IGNORECASE), groups


_STATE_DEMONYM = re.compile(
    rf"\b(?i:(?:the\s+)?({_DEMONYM_RE}))[\s-]+(?i:(?:(?:government|regime|state|security|"
    rf"armed|military|army|air|naval|special|border|federal|led|coalition)\s+)*"
    rf"(?:(forces|troops|soldiers|army|military|air\s*force|warplanes|jets|aircraft|drones?|"
    rf"police|navy|coalition|strikes?|airstrikes?|air\s+strikes?|artillery|shelling)))\b"
)


def _country_label(country: str | None) -> str:
    return country or "Unknown"


# countries ACLED names with "the" after "Forces of": "Police Forces of the Philippines"
_WITH_ARTICLE = frozenset(
    {
        "philippines",
        "united states",
        "united kingdom",
        "netherlands",
        "democratic republic of congo",
        "republic of congo",
        "central african republic",
        "gambia",
        "comoros",
        "maldives",
        "bahamas",
    }
)


def _with_article(country: str) -> str:
    return f"the {country}" if country.lower() in _WITH_ARTICLE else country


def _fill(name: str, country: str | None) -> str:
    if "Forces of {country}" in name and country:
        return name.replace("{country}", _with_article(country))
    return name.replace("{country}", _country_label(country))


def civilians(country: str | None) -> str:
    return _fill("Civilians ({country})", country)


def unidentified(country: str | None) -> str:
    return _fill("Unidentified Armed Group ({country})", country)


def find_actors(text: str, country: str | None) -> list[ActorMention]:
    """Every actor named in ``text``, in text order; overlaps go to the more specific."""
    where = (country or "").strip().lower()
    found: list[ActorMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(name: str, inter: int, s: int, e: int) -> None:
        found.append(ActorMention(name, inter, s, e, text[s:e]))
        taken.append((s, e))

    known, groups = _known_for(where)
    for m in known.finditer(text):
        group = groups[(m.lastindex or 1) - 1]
        if free(m.start(), m.end()):
            add(_fill(group.name, country), group.inter, m.start(), m.end())
    for m in _STATE_DEMONYM.finditer(text):
        nation = _DEMONYMS[m.group(1).lower()]
        kind = m.group(2).lower()
        police = kind == "police"
        base = "Police Forces of" if police else "Military Forces of"
        foreign = bool(where) and nation.lower() != where
        if free(m.start(), m.end()):
            add(f"{base} {_with_article(nation)}", 8 if foreign else 1, m.start(), m.end())
    members: set[str] = set()
    for m in _MEMBERS_OF.finditer(text):
        org = m.group("org") or m.group("acr")
        if org and free(m.start(), m.end()) and not _not_an_actor(text, m.start(), m.end()):
            name = re.sub(r"^(?:the|a|an)\s+", "", org.strip(), flags=re.IGNORECASE)
            members.add(name)
            add(name, 3, m.start(), m.end())
    for cls in _GENERIC:
        for m in cls.pattern.finditer(text):
            s, e = m.start(), m.end()
            if not free(s, e) or _qualifies_named(text, s, taken) or _not_an_actor(text, s, e):
                continue
            if cls.inter == 1 and _OFF_DUTY.match(text, e):
                add(civilians(country), 7, s, e)  # "a police officer (off-duty)"
                continue
            add(_fill(cls.name, country), cls.inter, s, e)
    named = {
        a.name
        for a in found
        if a.inter in (2, 4)
        or (a.inter == 3 and "Unidentified" not in a.name and a.name not in members)
    }
    if named:
        # "gunmen suspected to be Boko Haram", "the attackers": the named group, described
        found = [a for a in found if not a.name.startswith("Unidentified Armed Group")]
    found.sort(key=lambda a: a.start)
    return found


# a member of an armed organisation the list does not know: "a member of the National Defence
# Forces", "two members of the Quds Brigade", "three TMF fighters" (named as written)
_MEMBERS_OF = re.compile(
    r"\b(?i:(?:members?|fighters?|commanders?|militiam[ae]n|elements?)\s+of\s+"
    r"(?P<org>(?:the\s+|a\s+)?(?:[\w'-]+\s+){0,4}?(?:forces|brigades?|militias?|army|"
    r"mobili[sz]ation|corps|battalions?|guards|vigilante\s+groups?|armed\s+groups?)))\b"
    r"|\b(?P<acr>[A-Z]{2,6})(?:'s)?\s+(?i:fighters?|commanders?|militiam[ae]n|combatants?)\b"
)

_OFF_DUTY = re.compile(r"\s*[(,]?\s*(?:assumed\s+|reportedly\s+)?off[- ]?duty", re.IGNORECASE)

_NOT_ACTOR_AFTER = re.compile(
    r"^\s+(?:said|say|says|claimed|claim|reported|report|stated|confirmed|added|told|spokes\w+|"
    r"sources?|officials?\s+said|informers?|station|stations|post\s+(?:area|limits)|limits|"
    r"area|jurisdiction|chief\s+said|recovered|registered|filed|launched\s+an?\s+"
    r"investigation|suspect\w*|arrived|reached|rushed|are\s+investigating)\b",
    re.IGNORECASE,
)
_NOT_ACTOR_BEFORE = re.compile(
    r"\b(?:according\s+to|quoted|quoting)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE
)


def _not_an_actor(text: str, start: int, end: int) -> bool:
    """A speaker ("police said"), a place ("police station") or a reference, not a party."""
    return bool(
        _NOT_ACTOR_AFTER.search(text[end : end + 40])
        or _NOT_ACTOR_BEFORE.search(text[max(0, start - 30) : start])
    )


def _qualifies_named(text: str, start: int, taken: list[tuple[int, int]]) -> bool:
    """A generic noun right after a named group ("Taliban fighters", "IS militants")."""
    return any(0 <= start - e <= 2 and not text[e:start].strip(" -") for _, e in taken)


_YEARS = re.compile(r"\s*\((?:\d{4}-(?:\d{4})?)\)")


def actor_key(name: str | None) -> str | None:
    """A name reduced for comparison: no regime years, factions after them or after " - ",
    case and punctuation folded. "Military Forces of Nigeria (2015-)" and "Military Forces
    of Nigeria" compare equal; so do the two Boko Haram factions' names."""
    if not name:
        return None
    n = name.replace("\ufffd", "'").replace("\u2019", "'")
    m = _YEARS.search(n)
    if m:
        n = n[: m.start()]
    n = n.split(" - ")[0]
    n = re.sub(r"[^\w()]+", " ", n.lower())
    return re.sub(r"\s+", " ", n).strip() or None
