"""Where-precision of a resolved place on UCDP's where_prec scale (``GeoPrecision``).

    GeoPrecision   UCDP where_prec   ACLED geo_precision   assigned to
    EXACT          1                 1                     a populated place, a site (air base, camp)
    NEAR           2                 2                     "near X", a neighbourhood (PPLX), ADM3/ADM4
    ADM2           3                 3                     a second-order unit (district, county)
    ADM1           4                 3                     a first-order unit (governorate, state)
    REGION         5                 3                     a region, a landscape term, a river, mountains
    COUNTRY        6                 (none; 3)             a country or a demonym ("Syrian")
    INTERNATIONAL  7                 (none)                seas and oceans

ACLED's three levels map into ours as 1 -> EXACT, 2 -> NEAR, 3 -> ADM1 (the larger region;
``from_acled``); ours go back as ``to_acled``.
"""

from __future__ import annotations

import re

from tollwatch.models import GeoPrecision

__all__ = [
    "NEAR_WORDS",
    "from_acled",
    "kind_of",
    "precision_for",
    "to_acled",
]

NEAR_WORDS = re.compile(
    r"^(?:near|nearby|outside|around|close to|outskirts of|the outskirts of|north of|south of|"
    r"east of|west of|northeast of|northwest of|southeast of|southwest of|countryside of|"
    r"the countryside of|vicinity of|the vicinity of)\s+|\s+(?:countryside|outskirts|area|environs)$",
    re.IGNORECASE,
)


def kind_of(feature_class: str | None, feature_code: str | None) -> str:
    """Coarse kind of a gazetteer feature: country, adm1, adm2, adm3, region, water, place, site."""
    code = feature_code or ""
    if code.startswith("PCL") or code in {"TERR", "ZN"}:
        return "country"
    if code == "ADM1" or code == "ADM1H":
        return "adm1"
    if code in {"ADM2", "ADM2H"}:
        return "adm2"
    if code in {"ADM3", "ADM4", "ADM5", "ADMD", "ADM3H", "ADM4H"}:
        return "adm3"
    if code in {"OCN", "SEA", "GULF", "BAY", "STRT", "CHN"} or (
        feature_class == "H" and code == ""
    ):
        return "water"
    if code in {"CONT", "RGN", "RGNE", "RGNH", "AREA", "PRSH", "ZONE"}:
        return "region"
    if feature_class == "P":
        return "place"
    if feature_class in {"T", "H", "L", "V"}:
        return "region"
    return "site"


_BY_KIND = {
    "country": GeoPrecision.COUNTRY,
    "adm1": GeoPrecision.ADM1,
    "adm2": GeoPrecision.ADM2,
    "adm3": GeoPrecision.NEAR,
    "region": GeoPrecision.REGION,
    "water": GeoPrecision.INTERNATIONAL,
    "place": GeoPrecision.EXACT,
    "site": GeoPrecision.EXACT,
}


def precision_for(
    feature_class: str | None,
    feature_code: str | None,
    *,
    near: bool = False,
    override: int | None = None,
) -> GeoPrecision:
    """Precision of a resolved feature; ``near`` widens an exact point to NEAR."""
    if override is not None:
        base = GeoPrecision(override)
    elif feature_code in {"PPLX", "PPLL"}:
        base = GeoPrecision.NEAR
    else:
        base = _BY_KIND[kind_of(feature_class, feature_code)]
    if near and base == GeoPrecision.EXACT:
        return GeoPrecision.NEAR
    return base


def to_acled(precision: GeoPrecision) -> int | None:
    """ACLED geo_precision for ours (None where ACLED has no level: seas)."""
    if precision == GeoPrecision.INTERNATIONAL:
        return None
    return min(int(precision), 3)


def from_acled(geo_precision: int) -> GeoPrecision:
    """Ours for an ACLED geo_precision code (1, 2 or 3)."""
    return {1: GeoPrecision.EXACT, 2: GeoPrecision.NEAR, 3: GeoPrecision.ADM1}[geo_precision]
