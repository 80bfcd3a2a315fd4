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


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    from tollwatch.geo.builtin import DATA_DIR

    out: list[tuple[re.Pattern[str], str]] = []
    with (DATA_DIR / "actor_countries.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for name in row["names"].split("|"):
                name = name.strip()
                if not name:
                    continue
                body = r"[\s\-]+".join(re.escape(w) for w in re.split(r"[\s\-]+", name))
                flags = 0 if name.isupper() else re.IGNORECASE
                out.append((re.compile(rf"(?<![\w\-]){body}(?![\w\-])", flags), row["country"]))
    return tuple(out)


def actor_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``text`` names an armed actor of the table ("Boko Haram": its "Haram" is no town)."""
    return tuple(
        sorted((m.start(), m.end()) for pattern, _cc in _patterns() for m in pattern.finditer(text))
    )


def actor_countries(text: str) -> tuple[str, ...]:
    """The countries of the armed actors ``text`` names, one entry per distinct actor name."""
    found: list[tuple[int, str]] = []
    for pattern, country in _patterns():
        m = pattern.search(text)
        if m:
            found.append((m.start(), country))
    return tuple(country for _start, country in sorted(found))
