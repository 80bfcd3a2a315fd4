"""Where: the fine place key of a claim, regions of cumulative tolls, and containment in space.

Precision follows UCDP's where_prec scale (models.GeoPrecision): a claim geocoded to a
village or "near" a town (1-2) names a place; 3-4 name only an admin unit; 5-7 name no more
than a country.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from tollwatch.models import GeoPrecision, PlaceRef

__all__ = [
    "NEAR_KM",
    "Region",
    "distance_km",
    "fine_place_id",
    "named_words",
    "region_contains",
    "region_for",
    "regions_overlap",
    "same_name_only",
]

NEAR_KM = 10.0
"""Two points this close count as one place when deciding whether a region covers an event."""


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _precision(place: PlaceRef) -> GeoPrecision | None:
    if place.place_id is None:
        return None
    return place.precision if place.precision is not None else GeoPrecision.EXACT


def fine_place_id(place: PlaceRef) -> str | None:
    """The gazetteer id when the claim names a place precisely enough (where_prec 1-2)."""
    prec = _precision(place)
    if prec is not None and prec <= GeoPrecision.NEAR:
        return place.place_id
    return None


@dataclass(frozen=True, slots=True)
class Region:
    """The area a cumulative toll speaks for.

    level is "place" (a town and what lies within NEAR_KM of it), "admin2", "admin1",
    "country", "named" (an area the toll's words name that the gazetteer did not resolve,
    "the Catatumbo region": it covers the incidents whose words name it), or "unknown" (no
    place and no country: it covers only placeless incidents of its own reports).
    """

    level: str
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    place_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    name: str | None = None
    admin1_name: str | None = None

    @property
    def key(self) -> str:
        parts = [self.level, self.country or "", self.admin1 or "", self.admin2 or ""]
        parts.append(self.place_id or "")
        if self.level == "named":
            parts.append(self.name or "")
        return "/".join(parts)

    @property
    def words(self) -> frozenset[str]:
        """The words of a named area, as names are compared (ties.names_in)."""
        return frozenset(w for w in (self.name or "").split() if len(w) >= 3)

    def describe(self) -> str:
        if self.level == "unknown":
            return "no stated place"
        if self.level == "named":
            where = f", {self.country}" if self.country else ""
            return f"{self.name}{where} (named; not in the gazetteer)"
        label = self.name or self.place_id or self.admin2 or self.admin1 or self.country or "?"
        if self.country and self.level != "country" and self.country not in label:
            label = f"{label}, {self.country}"
        return f"{label} ({self.level})"


_BORROWED = frozenset({"lede", "focus"})
"""Links (PlaceRef.link) that place a claim where its report is, not where its own words say."""


def _plain(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


def _borrowed(place: PlaceRef, quote: str | None) -> bool:
    """The claim was placed where its report is, not where its own words say: linked from the
    report's lede or main place, or from its clause when its words do not name the place."""
    if place.link in _BORROWED:
        return True
    if place.link != "clause" or not quote:
        return False
    said = _plain(quote)
    names = [n for n in (place.mention, place.name) if n and n.strip()]
    return bool(names) and not any(_plain(n) in said for n in names)


def region_for(place: PlaceRef, focus_country: str | None, quote: str | None = None) -> Region:
    """The region a cumulative claim with this place speaks for.

    A claim without a resolved place speaks for its report's country focus (the country of
    most of the report's places); without that, for no stated place. A claim placed only in
    a country other than its report's focus speaks for the focus too. A claim whose own clause
    names no place but that was placed at a town or district from the report's lede or main
    place (or from its clause, when ``quote``, its words, do not name it) speaks for the
    admin-1 unit around it.
    """
    prec = _precision(place)
    if prec is None and place.mention and _area_name(place.mention):
        # the toll's own words name an area the gazetteer does not know: never read it as the
        # whole country of the report (that would contain incidents far outside it)
        return Region("named", country=place.country or focus_country, name=_named(place.mention))
    if prec is None or place.country is None:
        country = place.country or focus_country
        if country:
            return Region("country", country=country, name=country)
        return Region("unknown")
    if prec >= GeoPrecision.COUNTRY and focus_country and focus_country != place.country:
        # a country that is not the report's focus names where the source sits ("a monitor
        # based in the UK"), not what its toll counts
        return Region("country", country=focus_country, name=focus_country)
    if prec <= GeoPrecision.ADM2 and place.admin1 and _borrowed(place, quote):
        # the toll's own clause names no place: its town came from the report's lede or main
        # place ("nearly 200 killed in the conflict" in a story about one town), so it speaks
        # for the admin-1 unit around that town, not for the town
        unit = place.admin1_name or place.admin1
        return Region("admin1", country=place.country, admin1=place.admin1, name=unit,
                      admin1_name=unit)  # fmt: skip
    if prec <= GeoPrecision.NEAR:
        return Region(
            "place",
            country=place.country,
            admin1=place.admin1,
            admin2=place.admin2,
            place_id=place.place_id,
            lat=place.lat,
            lon=place.lon,
            name=place.name or place.mention,
            admin1_name=place.admin1_name,
        )
    if prec == GeoPrecision.ADM2 and place.admin2:
        return Region(
            "admin2",
            country=place.country,
            admin1=place.admin1,
            admin2=place.admin2,
            name=place.name or place.mention,
            admin1_name=place.admin1_name,
        )
    if prec <= GeoPrecision.ADM1 and place.admin1:
        name = place.admin1_name or place.name or place.mention
        return Region(
            "admin1",
            country=place.country,
            admin1=place.admin1,
            name=name,
            admin1_name=name,
        )
    return Region("country", country=place.country, name=place.country)


def _area_name(mention: str) -> bool:
    """Words that can name an area: one word of three letters or more ("ST" in "ST status"
    or "the st" are not an area)."""
    return any(len(w) >= 3 for w in _named(mention).split())


def named_words(mention: str) -> str:
    """An area's name as compared: lower case, without "the" and kind words ("region")."""
    return _named(mention)


def _named(mention: str) -> str:
    words = [w.strip(".,;:'\"()").lower() for w in mention.replace("-", " ").split()]
    words = [w[:-2] if w.endswith("'s") else w for w in words]
    drop = {"the", "region", "province", "state", "district", "area", "of", "in", "city", "town"}
    return " ".join(w for w in words if w and w not in drop)


def region_contains(region: Region, place: PlaceRef, focus_country: str | None) -> bool:
    """Whether an incident at ``place`` lies inside ``region``.

    An incident with no resolved place lies inside a country-level region of its reports'
    country focus, and inside nothing finer.
    """
    if region.level in ("unknown", "named"):
        return False  # handled by shared reports and named sites, see contain.py
    if place.place_id is None or place.country is None:
        country = place.country or focus_country
        return region.level == "country" and country is not None and country == region.country
    if place.country != region.country:
        return False
    if region.level == "country":
        return True
    if region.level == "admin1":
        return place.admin1 is not None and place.admin1 == region.admin1
    if region.level == "admin2":
        return (
            place.admin1 == region.admin1
            and place.admin2 is not None
            and place.admin2 == region.admin2
        )
    # a place-level region
    if place.place_id == region.place_id:
        return True
    if None in (place.lat, place.lon, region.lat, region.lon):
        return False
    fine = _precision(place)
    if fine is None or fine > GeoPrecision.NEAR:
        return False
    assert place.lat is not None and place.lon is not None
    assert region.lat is not None and region.lon is not None
    return distance_km(place.lat, place.lon, region.lat, region.lon) <= NEAR_KM


_RANK = {"place": 0, "admin2": 1, "admin1": 2, "country": 3}


def _within(inner: Region, outer: Region) -> bool:
    if inner.country != outer.country or _RANK[inner.level] > _RANK[outer.level]:
        return False
    if outer.level == "country":
        return True
    if outer.level == "admin1":
        return inner.admin1 == outer.admin1
    if outer.level == "admin2":
        return inner.admin1 == outer.admin1 and inner.admin2 == outer.admin2
    if inner.place_id == outer.place_id:
        return True
    if None in (inner.lat, inner.lon, outer.lat, outer.lon):
        return False
    assert inner.lat is not None and inner.lon is not None
    assert outer.lat is not None and outer.lon is not None
    return distance_km(inner.lat, inner.lon, outer.lat, outer.lon) <= NEAR_KM


def regions_overlap(a: Region, b: Region) -> bool:
    """Whether two regions share ground (one lies within the other). A named area is the same
    ground as the same name, and lies within its country."""
    if a.level == "unknown" or b.level == "unknown":
        return a == b
    if a.level == "named" or b.level == "named":
        if a.level == b.level == "named":
            same_country = a.country is None or b.country is None or a.country == b.country
            return a.name == b.name and same_country
        named, other = (a, b) if a.level == "named" else (b, a)
        return other.level == "country" and named.country == other.country
    return _within(a, b) or _within(b, a) or _same_name(a, b)


_KIND_WORDS = frozenset(
    {
        "the", "region", "province", "state", "district", "area", "of", "in", "city", "town",
        "governorate", "oblast", "county", "department", "prefecture", "municipality",
        "territory", "division",
    }
)  # fmt: skip


def _base_name(name: str | None) -> str:
    words = [w.strip(".,;:'\"()").lower() for w in (name or "").replace("-", " ").split()]
    return " ".join(w for w in words if w and w not in _KIND_WORDS)


def same_name_only(a: Region, b: Region) -> bool:
    """Whether two regions share ground only by their name (see ``_same_name``)."""
    if a.level in ("unknown", "named") or b.level in ("unknown", "named"):
        return False
    return _same_name(a, b) and not (_within(a, b) or _within(b, a))


def _same_name(a: Region, b: Region) -> bool:
    """A town and the unit named after it in the same country ("Sanaa" and "Sanaa
    governorate"): the gazetteer may keep them apart (a capital district beside its
    governorate), but two tolls naming them cannot be told to count different people, so they
    are read as the same ground: a range, never a sum."""
    if a.country is None or a.country != b.country or "country" in (a.level, b.level):
        return False
    if a.level == b.level:
        return False
    na, nb = _base_name(a.name), _base_name(b.name)
    return bool(na) and na == nb
