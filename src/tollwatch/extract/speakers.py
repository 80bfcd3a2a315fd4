"""Who says it: an attribution resolved to one source entity across its descriptions.

``source_entities(text, attributions)`` takes a report's text and the attributions of its
claims in order, and returns a source entity for each (``org:sohr``, ``gov:ps:health-ministry``,
``officials:local``, ``witness``; None without an attribution). Rules, in order:

1. a dateline or a bracketed wire name before the speaker is dropped ("BEIRUT (Wire) - the
   Observatory" is the Observatory, not the wire);
2. the curated alias list (``aliases.py``, data/speakers/aliases.yaml): "SOHR", "the
   Britain-based monitor", "the Hamas-run health ministry", "ISPR";
3. acronyms the report defines: "the Darfur Casualty Monitor (DCM)" makes "DCM" the same body;
4. coreference: "the Observatory", "the monitor", "the ministry", "the army", "the statement"
   refer back to the latest entity of the report that fits;
5. offices and roles (``speaker_keys.py``): a state office keyed by country and office
   ("the health ministry" in a report about Gaza -> gov:ps:health-ministry; the same office
   named again without its country is the one named before), officials, sources, witnesses;
   a named person by the office the words give, never by name;
6. anything else: an organisation by its own words, without determiners or descriptors
   ("the UK-based ..."), as ``org:<slug>``.

A person's name never reaches this module (attributions are redacted first). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from tollwatch.extract.aliases import alias_entity, aliases
from tollwatch.extract.speaker_keys import country_in, office_key, report_country, strip_dateline

__all__ = ["acronyms", "source_entities"]

_DEFINED = re.compile(
    r"(?P<name>(?:[A-Z][\w'’\-]*|of|for|the|and|on|in|&)(?:\s+(?:[A-Z][\w'’\-]*|of|for|the|and|on|"
    r"in|&)){1,9})\s+\((?P<acr>[A-Z][A-Za-z&]{1,9})\)"
)
_DETERMINER = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.I)
_DESCRIPTOR = re.compile(
    r"\b(?:[\w.]+-based|based\s+in\s+[\w\s]+?(?=,|$)|independent|state-run|state-owned|"
    r"official)(?!\w)\s*",
    re.I,
)
# descriptions that refer back to an entity already named in the report
_BACK = {
    "observatory": ("monitor",),
    "monitor": ("monitor", "ngo"),
    "war monitor": ("monitor",),
    "watchdog": ("monitor", "ngo"),
    "rights watchdog": ("monitor", "ngo"),
    "monitoring group": ("monitor", "ngo"),
    "group": ("monitor", "ngo", "aid", "org", "armed_group"),
    "rights group": ("monitor", "ngo"),
    "organisation": ("monitor", "ngo", "aid", "un", "org"),
    "organization": ("monitor", "ngo", "aid", "un", "org"),
    "office": ("un", "org"),
    "aid group": ("aid", "ngo"),
    "charity": ("aid", "ngo"),
    "ministry": ("ministry",),
    "army": ("military",),
    "military": ("military",),
    "armed forces": ("military",),
    "mission": ("un",),
    "un mission": ("un",),
    "un agency": ("un",),
    "militants": ("armed_group",),
    "insurgents": ("armed_group",),
    "rebels": ("armed_group",),
    "rebel group": ("armed_group",),
    "armed group": ("armed_group",),
    "agency": ("un", "aid", "org", "media"),
    "statement": ("*",),
    "bulletin": ("*",),
    "report": ("*",),
}
_ORG_HEAD = re.compile(
    r"\b(?:monitor|observatory|tracker|watch|network|committee|commission|council|group|"
    r"organi[sz]ation|institute|centre|center|union|association|society|foundation|coalition)\b",
    re.I,
)


def _slug(words: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", words.lower()).strip("-")


def acronyms(text: str) -> dict[str, str]:
    """Acronyms the report defines, "Full Name (ACRONYM)", -> the entity of the full name."""
    found: dict[str, str] = {}
    for m in _DEFINED.finditer(text):
        name = _DETERMINER.sub("", m.group("name").strip())
        name = re.sub(r"^(?:(?:of|for|and|on|in|&)\s+)+", "", name)
        alias = alias_entity(name) or alias_entity(m.group("acr"))
        found[m.group("acr")] = alias.entity if alias else "org:" + _slug(name)
    return found


_UN_MISSION = re.compile(
    r"\b(?:u\.?n\.?|united\s+nations)(?:['’]s?)?\s+(?:(?:peacekeeping|stabili[sz]ation|"
    r"assistance|support|monitoring)\s+)?(?:mission|peacekeepers|force|blue\s+helmets)\b",
    re.I,
)


@lru_cache(maxsize=64)
def _mission_of(country: str | None) -> str | None:
    """The curated UN mission or office of a country ("un:minusma" for ML), if there is one."""
    if country is None:
        return None
    found = [
        a.entity
        for a in aliases()
        if a.kind == "un" and a.country == country and re.search(r"Mission|Force|Office", a.name)
    ]
    return found[0] if found else None


def _office_kind(entity: str) -> str:
    if entity.endswith(("-ministry", "health-authorities", "civil-defence", "emergency-services")):
        return "ministry"
    if entity.endswith(":military"):
        return "military"
    if entity.startswith("gov:"):
        return "office"
    return "generic"  # officials, sources, witnesses, a named person: never referred back to


def _resolve_one(
    words: str,
    defined: dict[str, str],
    seen: list[tuple[str, str]],
    country: Callable[[], str | None],
    named: Callable[[], list[tuple[str, str]]] = list,
) -> tuple[str, str] | None:
    """(entity, kind) of one attribution; ``seen`` holds the report's earlier entities."""
    words = strip_dateline(words).strip(" ,;:-—–")
    if not words:
        return None
    alias = alias_entity(words)
    if alias is not None:
        return alias.entity, alias.kind
    for acr, entity in defined.items():
        if re.search(rf"\b{re.escape(acr)}\b", words):
            return entity, "monitor"
    bare = _DESCRIPTOR.sub("", _DETERMINER.sub("", words.strip())).strip().lower()
    bare = re.sub(r"^u\.n\.", "un", bare)
    if bare in _BACK and words.strip().lower().startswith(("the ", "its ", "this ", "their ")):
        fits = _BACK[bare]
        for entity, kind in reversed(seen):
            if "*" in fits or kind in fits:
                return entity, kind
        for entity, kind in named():
            # no earlier speaker: the body the report names ("... said the Observatory's
            # head ... the group said")
            if "*" in fits or kind in fits:
                return entity, kind
    if _UN_MISSION.search(words):
        # "the UN peacekeeping mission", "UN peacekeepers": the mission in the report's country
        mission = _mission_of(country_in(words) or country())
        if mission is not None:
            return mission, "un"
        for entity, kind in reversed(seen):
            if kind == "un":
                return entity, kind
    key = office_key(words, None if country_in(words) else country())
    if key is not None:
        kind = _office_kind(key)
        if key.startswith("gov:") and country_in(words) is None:
            # "the health ministry" after "the Gaza health ministry": the same office
            office = key.rsplit(":", 1)[-1]
            for entity, _k in reversed(seen):
                if entity.startswith("gov:") and entity.rsplit(":", 1)[-1] == office:
                    return entity, kind
        return key, kind
    if not bare:
        return None
    core = _DETERMINER.sub("", words.strip())
    if re.fullmatch(r"[A-Z][a-z'’\-]+", core) and not _ORG_HEAD.search(bare):
        return "person:named", "generic"  # a lone unknown name is more likely a person's
    if (
        _ORG_HEAD.search(bare)
        or (words[:1].isupper() and not words.lower().startswith("the "))
        or re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+", words)  # "the National Resistance forces"
        or re.fullmatch(r"[A-Z][A-Z0-9&\-]+", core)  # "the TNLA": an organisation's acronym
    ):
        return "org:" + _slug(bare), "org"
    return "role:" + _slug(bare), "role"


def _named_in(text: str) -> list[tuple[str, str]]:
    """Curated bodies the report names anywhere, first mention first."""
    found: list[tuple[int, str, str]] = []
    for alias in aliases():
        m = alias.pattern.search(text)
        if m:
            found.append((m.start(), alias.entity, alias.kind))
    return [(entity, kind) for _at, entity, kind in sorted(found)]


def source_entities(text: str, attributions: Sequence[str | None]) -> list[str | None]:
    """The source entity of each attribution, in report order (None without one)."""
    if not any(attributions):
        return [None] * len(attributions)
    defined = acronyms(text)

    @lru_cache(maxsize=1)
    def country() -> str | None:
        return report_country(text)

    @lru_cache(maxsize=1)
    def named() -> list[tuple[str, str]]:
        return _named_in(text)

    seen: list[tuple[str, str]] = []
    out: list[str | None] = []
    for words in attributions:
        found = _resolve_one(words, defined, seen, country, named) if words else None
        if found is None:
            out.append(None)
            continue
        entity, kind = found
        if kind != "generic":
            seen.append((entity, kind))
        out.append(entity)
    return out
