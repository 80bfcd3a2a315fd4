"""Armed actors that say which country a report is about ("Boko Haram" -> Nigeria).

ACLED-style notes rarely name a country: "Boko Haram attacks Kuda" or "al-Shabaab fighters
fired mortars at Halgan" leave a village name that also exists in India or China. The actors
a report names are evidence of its country, like a demonym. ``actor_countries(text)`` lists
the ISO codes of the actors named in ``text`` (one per actor name found, in order), from the
curated table ``data/gazetteer/actor_countries.csv`` (each row cites a public source). Names
in capitals ("FARDC", "LNA") match case-sensitively; others ignore case. Pure.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

__all__ = ["actor_countries", "actor_spans"]


def _norm(words: str) -> str:
    return " ".join(re.split(r"[\s\-]+", words.lower()))


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[re.Pattern[str], ...], dict[str, str]]:
    """One pattern for the names in capitals, one for the others (a single scan each), and
    the country of every name (normalised)."""
    from tollwatch.geo.builtin import DATA_DIR

    exact: list[str] = []
    folded: list[str] = []
    country: dict[str, str] = {}
    with (DATA_DIR / "actor_countries.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for name in row["names"].split("|"):
                name = name.strip()
                if not name:
                    continue
                body = r"[\s\-]+".join(re.escape(w) for w in re.split(r"[\s\-]+", name))
                (exact if name.isupper() else folded).append(body)
                country.setdefault(_norm(name), row["country"])
    patterns = tuple(
        re.compile(
            rf"(?<![\w\-])(?:{'|'.join(sorted(names, key=len, reverse=True))})(?![\w\-])", flags
        )
        for names, flags in ((exact, 0), (folded, re.IGNORECASE))
        if names
    )
    return patterns, country


@lru_cache(maxsize=64)
def _found(text: str) -> tuple[tuple[int, int, str], ...]:
    patterns, country = _table()
    out = [
        (m.start(), m.end(), country[_norm(m.group(0))])
        for pattern in patterns
        for m in pattern.finditer(text)
        if _norm(m.group(0)) in country
    ]
    return tuple(sorted(out))


def actor_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text`` names an armed actor of the table ("Boko Haram": its "Haram" is no town)."""
    return tuple((start, end) for start, end, _cc in _found(text))


def actor_countries(text: str) -> tuple[str, ...]:
    """The countries of the armed actors ``text`` names, one entry per distinct actor name."""
    seen: set[str] = set()
    out: list[str] = []
    for start, end, cc in _found(text):
        name = _norm(text[start:end])
        if name not in seen:
            seen.add(name)
            out.append(cc)
    return tuple(out)
