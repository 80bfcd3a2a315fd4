"""A curated list of well-known casualty monitors, UN offices and aid bodies, and their names.

Each entry is one *source entity* (``org:sohr``) with the names and descriptions reports use
for it. Only bodies that publish casualty figures often and are named in many ways belong
here; anything else resolves by rule (``speakers.py``: "Full Name (ACRONYM)", ministries,
coreference). Patterns are matched case-insensitively against an attribution unless marked
``case``. Add an entry with its sources in docs/extraction.md ("Who says it").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["ALIASES", "Alias", "alias_entity"]


@dataclass(frozen=True, slots=True)
class Alias:
    entity: str  # "org:sohr", "un:ocha"
    name: str  # the name we show
    kind: str  # monitor | un | aid | ngo: what "the monitor", "the agency" can refer back to
    pattern: re.Pattern[str]


def _alias(entity: str, name: str, kind: str, words: str, acronym: str | None = None) -> Alias:
    body = rf"\b(?:{words})\b"
    if acronym:
        body += rf"|(?-i:\b{acronym}\b)"
    return Alias(entity, name, kind, re.compile(body, re.I))


ALIASES: tuple[Alias, ...] = (
    _alias(
        "org:sohr",
        "Syrian Observatory for Human Rights",
        "monitor",
        r"syrian\s+observatory(?:\s+for\s+human\s+rights)?|(?:britain|uk|london|u\.k\.)-based\s+"
        r"(?:war\s+|syrian\s+)?(?:monitor|observatory|monitoring\s+group)",
        "SOHR",
    ),
    _alias(
        "org:snhr",
        "Syrian Network for Human Rights",
        "monitor",
        r"syrian\s+network\s+for\s+human\s+rights",
        "SNHR",
    ),
    _alias(
        "un:ocha",
        "UN Office for the Coordination of Humanitarian Affairs",
        "un",
        r"office\s+for\s+the\s+coordination\s+of\s+humanitarian\s+affairs|"
        r"u\.?n\.?\s+(?:humanitarian|aid)\s+(?:office|agency|coordination\s+office)",
        "OCHA",
    ),
    _alias(
        "un:ohchr",
        "Office of the UN High Commissioner for Human Rights",
        "un",
        r"(?:office\s+of\s+the\s+)?(?:u\.?n\.?\s+|united\s+nations\s+)?high\s+commissioner\s+for\s+"
        r"human\s+rights|u\.?n\.?\s+(?:human\s+)?rights\s+(?:office|chief|agency)",
        "OHCHR",
    ),
    _alias(
        "un:hrmmu",
        "UN Human Rights Monitoring Mission in Ukraine",
        "un",
        r"human\s+rights\s+monitoring\s+mission\s+in\s+ukraine",
        "HRMMU",
    ),
    _alias(
        "un:unhcr",
        "UN refugee agency",
        "un",
        r"u\.?n\.?\s+refugee\s+agency|high\s+commissioner\s+for\s+refugees",
        "UNHCR",
    ),
    _alias("un:unicef", "UNICEF", "un", r"unicef|u\.?n\.?\s+children'?s\s+(?:agency|fund)"),
    _alias("un:who", "World Health Organization", "un", r"world\s+health\s+organi[sz]ation", "WHO"),
    _alias(
        "un:unama",
        "UN Assistance Mission in Afghanistan",
        "un",
        r"u\.?n\.?\s+assistance\s+mission\s+in\s+afghanistan|u\.?n\.?\s+mission\s+in\s+afghanistan",
        "UNAMA",
    ),
    _alias(
        "un:unami",
        "UN Assistance Mission for Iraq",
        "un",
        r"u\.?n\.?\s+assistance\s+mission\s+for\s+iraq",
        "UNAMI",
    ),
    _alias(
        "un:unrwa",
        "UN agency for Palestinian refugees",
        "un",
        r"u\.?n\.?\s+(?:relief\s+and\s+works\s+)?agency\s+for\s+palestin\w+\s+refugees",
        "UNRWA",
    ),
    _alias(
        "un:iom",
        "International Organization for Migration",
        "un",
        r"international\s+organi[sz]ation\s+for\s+migration|u\.?n\.?\s+migration\s+agency",
        "IOM",
    ),
    _alias(
        "org:icrc",
        "International Committee of the Red Cross",
        "aid",
        r"international\s+committee\s+of\s+the\s+red\s+cross",
        "ICRC",
    ),
    _alias(
        "org:msf",
        "Doctors Without Borders (MSF)",
        "aid",
        r"doctors\s+without\s+borders|m[ée]decins\s+sans\s+fronti[èe]res",
        "MSF",
    ),
    _alias(
        "org:prcs", "Palestine Red Crescent Society", "aid", r"palestin\w+\s+red\s+crescent", "PRCS"
    ),
    _alias(
        "org:acled",
        "Armed Conflict Location & Event Data Project",
        "monitor",
        r"armed\s+conflict\s+location\s+(?:&|and)\s+event\s+data",
        "ACLED",
    ),
    _alias("org:hrw", "Human Rights Watch", "ngo", r"human\s+rights\s+watch", "HRW"),
    _alias("org:amnesty", "Amnesty International", "ngo", r"amnesty(?:\s+international)?"),
    _alias("org:airwars", "Airwars", "monitor", r"airwars"),
    _alias("org:ibc", "Iraq Body Count", "monitor", r"iraq\s+body\s+count", "IBC"),
    _alias(
        "org:aapp",
        "Assistance Association for Political Prisoners",
        "monitor",
        r"assistance\s+association\s+for\s+political\s+prisoners",
        "AAPP",
    ),
    _alias(
        "org:sudan-doctors-network",
        "Sudan Doctors Network",
        "monitor",
        r"sudan\s+doctors'?\s+network",
    ),
)


def alias_entity(words: str) -> Alias | None:
    """The curated entity named in ``words`` (first by position), or None."""
    best: tuple[int, Alias] | None = None
    for alias in ALIASES:
        m = alias.pattern.search(words)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), alias)
    return best[1] if best else None
