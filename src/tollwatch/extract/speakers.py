"""Who says it: an attribution resolved to one source entity across its descriptions.

``source_entities(text, attributions)`` takes a report's text and the attributions of its
claims in order, and returns a source entity for each (``org:sohr``, ``ministry:health:gaza``,
``role:residents``; None without an attribution). Rules, in order:

1. the curated alias list (``aliases.py``): "SOHR", "the Britain-based monitor";
2. acronyms the report defines: "the Darfur Casualty Monitor (DCM)" makes "DCM" the same body;
3. ministries: "Sudan's health ministry", "the Ministry of Health in Gaza" -> ministry:health:...;
4. coreference: "the Observatory", "the monitor", "the ministry", "the statement" refer back to
   the latest entity of the report that fits;
5. anything else: its own words, without determiners or descriptors ("the UK-based ...").

A person's name never reaches this module (attributions are redacted first). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tollwatch.extract.aliases import alias_entity

__all__ = ["acronyms", "source_entities"]

_DEFINED = re.compile(
    r"(?P<name>(?:[A-Z][\w'’\-]*|of|for|the|and|on|in|&)(?:\s+(?:[A-Z][\w'’\-]*|of|for|the|and|on|"
    r"in|&)){1,9})\s+\((?P<acr>[A-Z][A-Za-z&]{1,9})\)"
)
_DETERMINER = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.I)
_DESCRIPTOR = re.compile(
    r"\b(?:[\w.]+-based|based\s+in\s+[\w\s]+?(?=,|$)|independent|local|state-run|state-owned|"
    r"official)\s*",
    re.I,
)
_MINISTRY = re.compile(
    r"(?:(?P<q1>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)(?:'s|’s)?\s+|(?P<q2>[\w\-]+-(?:run|led|controlled))\s+)?"
    r"(?:federal\s+|national\s+)?(?:(?P<t1>health|defen[cs]e|interior|foreign|information)\s+"
    r"ministry|ministry\s+of\s+(?:public\s+)?(?P<t2>health|defen[cs]e|interior|foreign\s+affairs|"
    r"information)(?:\s+(?:in|of)\s+(?P<q3>[A-Z][\w\-]*))?)",
    re.I,
)
# descriptions that refer back to an entity already named in the report
_BACK = {
    "observatory": ("monitor",),
    "monitor": ("monitor", "ngo"),
    "war monitor": ("monitor",),
    "monitoring group": ("monitor", "ngo"),
    "group": ("monitor", "ngo", "aid", "org"),
    "rights group": ("monitor", "ngo"),
    "organisation": ("monitor", "ngo", "aid", "un", "org"),
    "organization": ("monitor", "ngo", "aid", "un", "org"),
    "agency": ("un", "aid", "org"),
    "office": ("un", "org"),
    "aid group": ("aid", "ngo"),
    "charity": ("aid", "ngo"),
    "ministry": ("ministry",),
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


_NOT_A_PLACE_WORD = frozenset(
    ["the", "a", "its", "their", "federal", "national", "health", "state", "regional", "local", "provincial", "interim"]
)


def _ministry(words: str) -> str | None:
    m = _MINISTRY.search(words)
    if not m:
        return None
    topic = (m.group("t1") or m.group("t2") or "").lower().split()[0].replace("defense", "defence")
    qual = m.group("q3") or m.group("q2") or m.group("q1")
    if qual:
        qual = re.sub(r"^(?:the|a|its|their)\s+", "", qual, flags=re.I)
        if qual.lower() in _NOT_A_PLACE_WORD:
            qual = None
    tail = ":" + _slug(re.sub(r"-(?:run|led|controlled)$", "", qual, flags=re.I)) if qual else ""
    return f"ministry:{topic}{tail}"


def _kind(entity: str) -> str:
    return entity.split(":", 1)[0]


def _resolve_one(
    words: str, defined: dict[str, str], seen: list[tuple[str, str]]
) -> tuple[str, str]:
    """(entity, kind) of one attribution; ``seen`` holds the report's earlier entities."""
    alias = alias_entity(words)
    if alias is not None:
        return alias.entity, alias.kind
    for acr, entity in defined.items():
        if re.search(rf"\b{re.escape(acr)}\b", words):
            return entity, "monitor"
    ministry = _ministry(words)
    bare = _DESCRIPTOR.sub("", _DETERMINER.sub("", words.strip())).strip().lower()
    if ministry is not None:
        if ministry.count(":") == 1:
            # "the health ministry" after "the Gaza health ministry": the same one
            for entity, _k in reversed(seen):
                if entity.startswith(ministry + ":"):
                    return entity, "ministry"
        return ministry, "ministry"
    if bare in _BACK and words.strip().lower().startswith(("the ", "its ", "this ")):
        fits = _BACK[bare]
        for entity, kind in reversed(seen):
            if "*" in fits or kind in fits:
                return entity, kind
    if bare == "a named person":
        return "person:named", "person"
    if _ORG_HEAD.search(bare) or (words[:1].isupper() and not words.lower().startswith("the ")):
        return "org:" + _slug(bare), "org"
    return "role:" + _slug(bare), "role"


def source_entities(text: str, attributions: Sequence[str | None]) -> list[str | None]:
    """The source entity of each attribution, in report order (None without one)."""
    defined = acronyms(text)
    seen: list[tuple[str, str]] = []
    out: list[str | None] = []
    for words in attributions:
        if not words:
            out.append(None)
            continue
        entity, kind = _resolve_one(words, defined, seen)
        seen.append((entity, kind))
        out.append(entity)
    return out
