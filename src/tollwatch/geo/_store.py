"""The gazetteer file: an SQLite database with a normalised-name index.

Tables (``SCHEMA``): ``places`` (one row per feature, GeoNames ids kept, supplement rows get
negative ids), ``names`` (name key -> place), ``skels`` (consonant skeleton -> name key ->
place), ``countries``, ``admin1``, ``admin2`` (the hierarchy, codes -> names) and ``meta``.
``GazetteerWriter`` is the one way rows get in; it batches inserts so that memory stays
bounded whatever the size of the input.
"""

from __future__ import annotations

import sqlite3
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tollwatch.geo._text import is_latin, name_key, skeleton

__all__ = ["SCHEMA", "SCHEMA_VERSION", "GazetteerWriter", "PlaceRow", "connect_rw"]

SCHEMA_VERSION = "2"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    gid INTEGER PRIMARY KEY,
    pid TEXT NOT NULL,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    fclass TEXT,
    fcode TEXT,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    precision INTEGER,
    members TEXT,
    context_only INTEGER NOT NULL DEFAULT 0,
    source TEXT
);
CREATE INDEX IF NOT EXISTS ix_places_admin ON places (country, admin1, admin2);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, gid INTEGER NOT NULL, alt INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (key, gid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS skels (
    skel TEXT NOT NULL, key TEXT NOT NULL, gid INTEGER NOT NULL, PRIMARY KEY (skel, key, gid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS countries (
    iso TEXT PRIMARY KEY, iso3 TEXT, name TEXT NOT NULL, gid INTEGER,
    population INTEGER NOT NULL DEFAULT 0, capital TEXT, neighbours TEXT
);
CREATE TABLE IF NOT EXISTS admin1 (
    country TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL, gid INTEGER,
    PRIMARY KEY (country, code)
);
CREATE TABLE IF NOT EXISTS admin2 (
    country TEXT NOT NULL, admin1 TEXT NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,
    gid INTEGER, PRIMARY KEY (country, admin1, code)
);
"""

# Words that name the kind of an administrative unit; indexed without them too.
ADMIN_SUFFIXES = (
    "governorate",
    "province",
    "state",
    "county",
    "parish",
    "district",
    "region",
    "oblast",
    "prefecture",
    "department",
    "municipality",
    "muhafazat",
    "wilayah",
    "mohafazat",
)


@dataclass(frozen=True, slots=True)
class PlaceRow:
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
    population: int = 0
    precision: int | None = None
    members: str | None = None
    context_only: bool = False
    source: str | None = None


def connect_rw(path: Path) -> sqlite3.Connection:
    """Open (creating) a gazetteer file for writing, with the schema in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=60)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-65536")
    conn.executescript(SCHEMA)
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,)
    )
    return conn


def _code(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if value and value not in {"00", "0"} else None


def keys_for(names: Iterable[str], *, admin: bool = False) -> set[str]:
    """Name keys for the Latin-script names of one feature (and admin names without 'County')."""
    keys: set[str] = set()
    for raw in names:
        raw = raw.strip()
        if not raw or len(raw) > 120 or not is_latin(raw):
            continue
        key = name_key(raw)
        if not key:
            continue
        keys.add(key)
        if admin:
            words = key.split()
            if len(words) > 1 and words[-1] in ADMIN_SUFFIXES:
                keys.add(" ".join(words[:-1]))
            if len(words) > 2 and words[0] in ADMIN_SUFFIXES and words[1] == "of":
                keys.add(" ".join(words[2:]))
    return keys


class GazetteerWriter:
    """Batched, idempotent writes into a gazetteer file (INSERT OR REPLACE by GeoNames id)."""

    def __init__(self, conn: sqlite3.Connection, batch: int = 50_000) -> None:
        self.conn = conn
        self.batch = batch
        self._places: list[tuple[object, ...]] = []
        self._names: list[tuple[str, int, int]] = []
        self._skels: list[tuple[str, str, int]] = []
        self.rows = 0
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS stage_names (key TEXT, gid INTEGER, alt INTEGER)"
        )
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS stage_skels (skel TEXT, key TEXT, gid INTEGER)"
        )

    def add_place(self, row: PlaceRow, names: Iterable[str]) -> None:
        self._places.append(
            (
                row.gid,
                row.pid,
                row.name,
                row.lat,
                row.lon,
                row.fclass,
                row.fcode,
                row.country,
                _code(row.admin1),
                _code(row.admin2),
                row.population,
                row.precision,
                row.members,
                int(row.context_only),
                row.source,
            )
        )
        admin = (row.fcode or "").startswith(("ADM", "PCL"))
        self.add_names(row.gid, [row.name], admin=admin, alt=False)
        self.add_names(row.gid, names, admin=admin)
        self.rows += 1
        if len(self._places) >= self.batch:
            self.flush()

    def add_names(
        self, gid: int, names: Iterable[str], *, admin: bool = False, alt: bool = True
    ) -> None:
        """Index names of a feature; ``alt`` marks alternate (not primary) names."""
        for key in keys_for(names, admin=admin):
            self._names.append((key, gid, int(alt)))
            skel = skeleton(key)
            if len(skel) >= 2:
                self._skels.append((skel, key, gid))
        if len(self._names) >= self.batch * 4:
            self.flush()

    def flush(self) -> None:
        """Write buffered places; names go to an unindexed staging table until ``commit``."""
        if self._places:
            self.conn.executemany(
                "INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self._places
            )
        if self._names:
            self.conn.executemany("INSERT INTO stage_names VALUES (?,?,?)", self._names)
        if self._skels:
            self.conn.executemany("INSERT INTO stage_skels VALUES (?,?,?)", self._skels)
        self._places.clear()
        self._names.clear()
        self._skels.clear()

    def merge(self) -> None:
        """Move staged names into the indexes in one sorted pass (much faster than row by row)."""
        self.flush()
        self.conn.execute(
            "INSERT INTO names (key, gid, alt) SELECT key, gid, min(alt) FROM stage_names "
            "WHERE true GROUP BY key, gid ON CONFLICT (key, gid) "
            "DO UPDATE SET alt = min(alt, excluded.alt)"
        )
        self.conn.execute(
            "INSERT OR IGNORE INTO skels SELECT DISTINCT skel, key, gid FROM stage_skels "
            "ORDER BY skel, key, gid"
        )
        self.conn.execute("DELETE FROM stage_names")
        self.conn.execute("DELETE FROM stage_skels")

    def commit(self) -> None:
        self.merge()
        self.conn.commit()

    def add_country(
        self,
        iso: str,
        name: str,
        *,
        iso3: str | None = None,
        gid: int | None = None,
        population: int = 0,
        capital: str | None = None,
        neighbours: str | None = None,
    ) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO countries VALUES (?,?,?,?,?,?,?)",
            (iso, iso3, name, gid, population, capital, neighbours),
        )

    def add_admin1(self, country: str, code: str, name: str, gid: int | None) -> None:
        old = self.conn.execute(
            "SELECT gid FROM admin1 WHERE country=? AND code=?", (country, code)
        ).fetchone()
        if old and old[0] is not None and old[0] != gid and old[0] < 0:
            # a supplement unit replaced by the GeoNames one: keep its names and variants
            self.merge()
            if gid is not None:
                self.conn.execute(
                    "INSERT OR IGNORE INTO names SELECT key, ?, alt FROM names WHERE gid = ?",
                    (gid, old[0]),
                )
                self.conn.execute(
                    "INSERT OR IGNORE INTO skels SELECT skel, key, ? FROM skels WHERE gid = ?",
                    (gid, old[0]),
                )
            self._drop_place(old[0])
        self.conn.execute(
            "INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?)", (country, code, name, gid)
        )

    def add_admin2(self, country: str, admin1: str, code: str, name: str, gid: int | None) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO admin2 VALUES (?,?,?,?,?)", (country, admin1, code, name, gid)
        )

    def _drop_place(self, gid: int) -> None:
        self.merge()
        self.conn.execute("DELETE FROM places WHERE gid=?", (gid,))
        self.conn.execute("DELETE FROM names WHERE gid=?", (gid,))
        self.conn.execute("DELETE FROM skels WHERE gid=?", (gid,))

    def finalise(self) -> None:
        """Give every country / admin1 / admin2 without a feature row one at its members' centre."""
        self.flush()
        conn = self.conn
        missing_c = conn.execute(
            "SELECT iso, name, gid, population FROM countries c "
            "WHERE gid IS NULL OR NOT EXISTS (SELECT 1 FROM places p WHERE p.gid = c.gid)"
        ).fetchall()
        missing_a1 = conn.execute(
            "SELECT country, code, name, gid FROM admin1 a "
            "WHERE gid IS NULL OR NOT EXISTS (SELECT 1 FROM places p WHERE p.gid = a.gid)"
        ).fetchall()
        missing_a2 = conn.execute(
            "SELECT country, admin1, code, name, gid FROM admin2 a "
            "WHERE gid IS NULL OR NOT EXISTS (SELECT 1 FROM places p WHERE p.gid = a.gid)"
        ).fetchall()
        want_c = {r[0] for r in missing_c}
        want_a1 = {(r[0], r[1]) for r in missing_a1}
        want_a2 = {(r[0], r[1], r[2]) for r in missing_a2}
        pts_c: dict[str, list[tuple[float, float]]] = defaultdict(list)
        pts_a1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        pts_a2: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
        pop_a1: dict[tuple[str, str], int] = defaultdict(int)
        pop_a2: dict[tuple[str, str, str], int] = defaultdict(int)
        if want_c or want_a1 or want_a2:
            cur = conn.execute(
                "SELECT country, admin1, admin2, lat, lon, population FROM places WHERE fclass='P'"
            )
            for country, a1, a2, lat, lon, pop in cur:
                if country in want_c:
                    pts_c[country].append((lat, lon))
                if (country, a1) in want_a1:
                    pts_a1[(country, a1)].append((lat, lon))
                    pop_a1[(country, a1)] += pop or 0
                if (country, a1, a2) in want_a2:
                    pts_a2[(country, a1, a2)].append((lat, lon))
                    pop_a2[(country, a1, a2)] += pop or 0
        for iso, name, gid, pop in missing_c:
            if pts_c.get(iso):
                lat, lon = _centre(pts_c[iso])
                gid = gid or _synthetic_gid(f"country:{iso}")
                conn.execute("UPDATE countries SET gid=? WHERE iso=?", (gid, iso))
                self.add_place(
                    PlaceRow(
                        gid,
                        f"geonames:{gid}" if gid > 0 else f"tollwatch:country-{iso}",
                        name,
                        lat,
                        lon,
                        "A",
                        "PCLI",
                        iso,
                        None,
                        None,
                        pop or 0,
                        source="centre of member places",
                    ),
                    [],
                )
        for country, code, name, gid in missing_a1:
            pts = pts_a1.get((country, code))
            if pts:
                lat, lon = _centre(pts, trim=0.01)
                gid = gid or _synthetic_gid(f"admin1:{country}.{code}")
                conn.execute(
                    "UPDATE admin1 SET gid=? WHERE country=? AND code=?", (gid, country, code)
                )
                self.add_place(
                    PlaceRow(
                        gid,
                        f"geonames:{gid}" if gid > 0 else f"tollwatch:admin1-{country}-{code}",
                        name,
                        lat,
                        lon,
                        "A",
                        "ADM1",
                        country,
                        code,
                        None,
                        pop_a1[(country, code)],
                        source="centre of member places",
                    ),
                    [],
                )
        for country, a1, code, name, gid in missing_a2:
            pts = pts_a2.get((country, a1, code))
            if pts:
                lat, lon = _centre(pts, trim=0.01)
                gid = gid or _synthetic_gid(f"admin2:{country}.{a1}.{code}")
                conn.execute(
                    "UPDATE admin2 SET gid=? WHERE country=? AND admin1=? AND code=?",
                    (gid, country, a1, code),
                )
                self.add_place(
                    PlaceRow(
                        gid,
                        f"geonames:{gid}" if gid > 0 else f"tollwatch:admin2-{country}-{a1}-{code}",
                        name,
                        lat,
                        lon,
                        "A",
                        "ADM2",
                        country,
                        a1,
                        code,
                        pop_a2[(country, a1, code)],
                        source="centre of member places",
                    ),
                    [],
                )
        # country and admin feature rows always carry their own names as index keys
        for _iso, name, gid in conn.execute("SELECT iso, name, gid FROM countries").fetchall():
            if gid is not None:
                self.add_names(gid, [name], admin=True, alt=False)
        for _c, _code1, name, gid in conn.execute("SELECT * FROM admin1").fetchall():
            if gid is not None:
                self.add_names(gid, [name], admin=True, alt=False)
        for _c, _a1, _code2, name, gid in conn.execute("SELECT * FROM admin2").fetchall():
            if gid is not None:
                self.add_names(gid, [name], admin=True, alt=False)
        self.commit()


def _centre(points: list[tuple[float, float]], trim: float = 0.05) -> tuple[float, float]:
    """Centre of a set of member places: the middle of their trimmed range (robust to outliers).

    Countries trim 5 % at each end (overseas territories); admin units 1 % (their towns
    crowd one coast or one border, and the middle of the range is nearer the unit's centre).
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if len(points) < 20:
        return statistics.median(lats), statistics.median(lons)
    lo, hi = (
        int(len(points) * trim),
        max(int(len(points) * (1 - trim)), int(len(points) * trim) + 1),
    )
    return (lats[lo] + lats[hi - 1]) / 2, (lons[lo] + lons[hi - 1]) / 2


def _synthetic_gid(key: str) -> int:
    """A stable negative id for features that have no GeoNames id."""
    import hashlib

    return -(int(hashlib.sha256(key.encode()).hexdigest()[:12], 16) % 10**12) - 1
