"""A curated list of well-known bodies that give casualty figures, and the names news uses.

The list is data: ``tollwatch/data/speakers/aliases.yaml``, one entry per *source entity*
(``org:sohr``, ``un:ocha``, ``gov:ps:health-ministry``, ``nsa:houthis``, ``media:reuters``)
with its kind, country, names (case-insensitive whole words, regex syntax allowed), acronyms
(case-sensitive) and the source of its facts. Monitors, UN offices, aid bodies, ministries and
health or emergency authorities with names of their own, militaries and their media wings,
armed groups and their outlets, wires. Anything else resolves by rule (``speakers.py``,
``speaker_keys.py``). docs/extraction.md ("Who says it") lists every entry with its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["ALIASES_FILE", "Alias", "alias_entity", "aliases"]

ALIASES_FILE = Path(__file__).resolve().parents[1] / "data" / "speakers" / "aliases.yaml"
KINDS = frozenset({"monitor", "ngo", "aid", "un", "ministry", "military", "armed_group", "media"})


@dataclass(frozen=True, slots=True)
class Alias:
    entity: str  # "org:sohr", "un:ocha"
    name: str  # the name we show
    kind: str  # what "the monitor", "the agency", "the army" can refer back to (KINDS)
    pattern: re.Pattern[str]
    country: str | None = None  # ISO 3166-1 alpha-2
    source: str = ""  # where the entry's facts come from


def _compile(names: list[str], acronyms: list[str]) -> re.Pattern[str]:
    # "anti-Houthi forces" and "pro-Hamas" are not the group itself
    parts = [r"(?<![\w-])(?:" + n.replace(" ", r"\s+") + r")(?![\w])" for n in names]
    parts += [rf"(?-i:\b{re.escape(a)}\b)" for a in acronyms]
    return re.compile("|".join(parts), re.I)


def _entry(item: dict[str, Any]) -> Alias:
    kind = str(item["kind"])
    if (
        kind not in KINDS
        or not item.get("source")
        or not (item.get("names") or item.get("acronyms"))
    ):
        raise ValueError(
            f"aliases.yaml: entry {item.get('key')!r} needs a kind, names and a source"
        )
    return Alias(
        entity=str(item["key"]),
        name=str(item["name"]),
        kind=kind,
        pattern=_compile(
            [str(n) for n in item.get("names") or []], [str(a) for a in item.get("acronyms") or []]
        ),
        country=str(item["country"]) if item.get("country") else None,
        source=str(item["source"]),
    )


@lru_cache(maxsize=1)
def aliases() -> tuple[Alias, ...]:
    """Every curated entry, in file order (loaded once)."""
    import yaml

    with ALIASES_FILE.open(encoding="utf-8") as fh:
        items = yaml.safe_load(fh)
    return tuple(_entry(item) for item in items)


def alias_entity(words: str) -> Alias | None:
    """The curated entity named in ``words`` (the first by position), or None."""
    best: tuple[int, int, Alias] | None = None
    for alias in aliases():
        m = alias.pattern.search(words)
        if m and (best is None or (m.start(), -len(m.group(0))) < (best[0], best[1])):
            best = (m.start(), -len(m.group(0)), alias)
    return best[2] if best else None
