"""Read side of the gazetteer file: candidates by name key or skeleton, the admin hierarchy.

A ``Gazetteer`` is opened once (read-only) and then only answers lookups; the resolver is pure
over it. Lookups are cached in memory, so a warm gazetteer resolves thousands of mentions a
second.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tollwatch.errors import GeocodeError
from tollwatch.geo.precision import kind_of
from tollwatch.models import Place

__all__ = ["Entry", "Gazetteer", "haversine_km"]

_COLUMNS = (
    "gid, pid, name, lat, lon, fclass, fcode, country, admin1, admin2, population, "
    "precision, members, context_only"
)

_PCOLUMNS = ", ".join("p." + c.strip() for c in _COLUMNS.split(","))


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer feature as the resolver sees it."""

    gid: int
    pid: str
    name: str
    lat: float
    lon: float
    fclass: str | None
    fcode: str | None
    country: str | None
    admin1: str | None
    admin2: str | None
    population: int
    precision: int | None
    members: tuple[str, ...]
    context_only: bool
    alt_match: bool = False  # found through an alternate name, not the primary one

    @property
    def kind(self) -> str:
        return kind_of(self.fclass, self.fcode)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


_EntryRow = tuple[
    int,  # gid
    str,  # pid
    str,  # name
    float,  # lat
    float,  # lon
    str | None,  # fclass
    str | None,  # fcode
    str | None,  # country
    str | None,  # admin1
    str | None,  # admin2
    int | None,  # population
    int | None,  # precision
    str | None,  # members, "|"-separated
    int,  # context_only
]
"""A row of ``places`` (``_COLUMNS``) as sqlite3 returns it."""


def _entry(row: _EntryRow, alt: object = 0) -> Entry:
    gid, pid, name, lat, lon, fclass, fcode, country, a1, a2, pop, prec, members, ctx = row
    return Entry(
        int(gid),
        str(pid),
        str(name),
        float(lat),
        float(lon),
        fclass,
        fcode,
        country,
        a1,
        a2,
        int(pop or 0),
        prec,
        tuple(str(members).split("|")) if members else (),
        bool(ctx),
        bool(alt),
    )


class Gazetteer:
    """A loaded gazetteer file. Thread-safe for reads; cheap to keep for the process."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            raise GeocodeError(
                f"gazetteer {path} does not exist",
                hint="run `tollwatch gazetteer info` to build the built-in one",
            )
        self.path = path
        self._conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._conn.execute("PRAGMA query_only=ON")
        self._admin1_names: dict[tuple[str, str], str] = {
            (c, code): name
            for c, code, name in self._conn.execute("SELECT country, code, name FROM admin1")
        }
        self._admin2_names: dict[tuple[str, str, str], str] = {
            (c, a1, code): name
            for c, a1, code, name in self._conn.execute(
                "SELECT country, admin1, code, name FROM admin2"
            )
        }
        self._country_rows: dict[str, tuple[str, int | None, int]] = {
            iso: (name, gid, pop or 0)
            for iso, name, gid, pop in self._conn.execute(
                "SELECT iso, name, gid, population FROM countries"
            )
        }
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)
        self.lookup_skeleton = lru_cache(maxsize=50_000)(self._lookup_skeleton)

    # -- lookups -------------------------------------------------------------------------
    def _lookup(self, key: str) -> tuple[Entry, ...]:
        rows = self._conn.execute(
            f"SELECT {_PCOLUMNS}, n.alt FROM names n JOIN places p ON p.gid = n.gid WHERE n.key = ?",
            (key,),
        ).fetchall()
        return tuple(_entry(r[:-1], r[-1]) for r in rows)

    def _lookup_skeleton(self, skel: str) -> tuple[tuple[str, Entry], ...]:
        rows = self._conn.execute(
            f"SELECT s.key, {_PCOLUMNS} "
            "FROM skels s JOIN places p ON p.gid = s.gid WHERE s.skel = ? LIMIT 400",
            (skel,),
        ).fetchall()
        return tuple((str(r[0]), _entry(r[1:])) for r in rows)

    def get(self, pid: str) -> Entry | None:
        row = self._conn.execute(f"SELECT {_COLUMNS} FROM places WHERE pid = ?", (pid,)).fetchone()
        return _entry(row) if row else None

    # -- hierarchy -----------------------------------------------------------------------
    def country_name(self, iso: str | None) -> str | None:
        return self._country_rows[iso][0] if iso in self._country_rows else None

    def country_population(self, iso: str | None) -> int:
        return self._country_rows[iso][2] if iso in self._country_rows else 0

    def admin1_name(self, country: str | None, code: str | None) -> str | None:
        if not country or not code:
            return None
        return self._admin1_names.get((country, code))

    def admin2_name(self, country: str | None, admin1: str | None, code: str | None) -> str | None:
        if not country or not admin1 or not code:
            return None
        return self._admin2_names.get((country, admin1, code))

    def to_place(self, entry: Entry) -> Place:
        """The domain ``Place`` for an entry, with its admin names filled in."""
        return Place(
            id=entry.pid,
            name=entry.name,
            lat=entry.lat,
            lon=entry.lon,
            country=entry.country,
            admin1=entry.admin1,
            admin2=entry.admin2,
            feature_class=entry.fclass,
            feature_code=entry.fcode,
            population=entry.population,
            admin1_name=self.admin1_name(entry.country, entry.admin1),
            admin2_name=self.admin2_name(entry.country, entry.admin1, entry.admin2),
        )

    def label_points(self, min_population: int) -> list[tuple[str, float, float, int, str]]:
        """Map labels: (name, lat, lon, population, kind) of populated places of at least
        ``min_population`` people, and of admin-1 units at their own point (kind "admin1")."""
        towns = self._conn.execute(
            "SELECT name, lat, lon, population FROM places "
            "WHERE fclass = 'P' AND population >= ? AND context_only = 0 "
            "ORDER BY population DESC",
            (min_population,),
        ).fetchall()
        # an admin-1 unit at its own point where the file has one, else at the mean of its
        # populated places
        units = self._conn.execute(
            "SELECT a.name, coalesce(o.lat, avg(p.lat)), coalesce(o.lon, avg(p.lon)), "
            "coalesce(o.population, sum(p.population)) FROM admin1 a "
            "LEFT JOIN places o ON o.gid = a.gid "
            "JOIN places p ON p.country = a.country AND p.admin1 = a.code AND p.fclass = 'P' "
            "GROUP BY a.country, a.code"
        ).fetchall()
        return [
            (str(n), float(la), float(lo), int(pop or 0), "town") for n, la, lo, pop in towns
        ] + [(str(n), float(la), float(lo), int(pop or 0), "admin1") for n, la, lo, pop in units]

    def info(self) -> dict[str, object]:
        """Counts and provenance of the loaded file."""
        meta = dict(self._conn.execute("SELECT key, value FROM meta").fetchall())
        count = self._conn.execute
        return {
            "path": str(self.path),
            "places": count("SELECT count(*) FROM places").fetchone()[0],
            "names": count("SELECT count(*) FROM names").fetchone()[0],
            "countries": len(self._country_rows),
            "admin1": len(self._admin1_names),
            "admin2": len(self._admin2_names),
            "meta": meta,
        }

    def close(self) -> None:
        self._conn.close()
