"""Import GeoNames dump files into the gazetteer file, streaming and in bounded memory.

Recognised by file name (a ``.zip`` holding the ``.txt`` is read without unpacking):

* geoname tables -- ``allCountries``, ``cities500``/``1000``/``5000``/``15000``, per-country
  ``SY``, ``LB``... (19 tab-separated columns);
* ``admin1CodesASCII.txt``, ``admin2Codes.txt`` -- the hierarchy's names;
* ``countryInfo.txt`` -- countries;
* ``alternateNamesV2`` / ``alternateNames`` -- extra names for places already imported.

Rows are written in batches (``GazetteerWriter``), so a 12-million-row ``allCountries`` needs no
more memory than a small file. Importing the same file twice gives the same gazetteer.
By default a geoname table keeps administrative units, populated places and the kinds of site
that conflict reports name (air bases, camps, crossings, regions, seas, mountains...); pass
``all_features=True`` to keep every row.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from tollwatch.errors import GazetteerImportError
from tollwatch.geo._store import GazetteerWriter, PlaceRow, connect_rw
from tollwatch.geo.builtin import add_admin_aliases, ensure_gazetteer

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

__all__ = ["KEPT_FEATURES", "ImportStats", "detect_kind", "import_files"]

KEPT_FEATURES: dict[str, frozenset[str] | None] = {
    "A": None,  # every administrative unit
    "P": None,  # every populated place
    "S": frozenset(
        {
            "AIRB",
            "AIRP",
            "AIRF",
            "AIRH",
            "MILB",
            "INSM",
            "CMP",
            "CMPRF",
            "CMPMN",
            "CSTM",
            "PSTB",
            "BDG",
            "DAM",
            "PRN",
            "HSP",
            "PRT",
            "STNB",
            "FT",
            "CSTL",
            "RUIN",
            "ANS",
            "MSQE",
            "CH",
        }
    ),
    "L": frozenset(
        {"CONT", "RGN", "RGNE", "AREA", "CMPRF", "PRK", "RESN", "RESV", "PRT", "OILF", "ZN"}
    ),
    "H": frozenset({"OCN", "SEA", "GULF", "BAY", "STRT", "LK", "LKS", "STM", "CHN", "RSV"}),
    "T": frozenset(
        {
            "MT",
            "MTS",
            "ISL",
            "ISLS",
            "PEN",
            "DSRT",
            "VAL",
            "PLN",
            "PLAT",
            "HLL",
            "HLLS",
            "CAPE",
            "PASS",
        }
    ),
    "V": frozenset({"FRST"}),
    "R": frozenset(),
    "U": frozenset(),
}
_SKIP_ALT_LANGS = {"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "fr_1793"}
_GEONAME_FILE = re.compile(
    r"^(allCountries|cities\d+|[A-Z]{2}|no-country|null|geoname.*)\.txt$", re.IGNORECASE
)


@dataclass
class ImportStats:
    file: str
    kind: str
    rows: int = 0
    kept: int = 0
    skipped: int = 0


def detect_kind(name: str) -> str:
    """Which GeoNames table a file name holds: geoname, admin1, admin2, country or altnames."""
    base = Path(name).name
    if base.lower().endswith(".zip"):
        base = base[:-4] + ".txt"
    low = base.lower()
    if low.startswith("admin1codes"):
        return "admin1"
    if low.startswith("admin2codes"):
        return "admin2"
    if low.startswith("countryinfo"):
        return "country"
    if low.startswith("alternatenames"):
        return "altnames"
    if _GEONAME_FILE.match(base):
        return "geoname"
    raise GazetteerImportError(
        f"{name}: not a GeoNames dump file name this importer knows",
        hint="expected allCountries, cities500, a country code like SY, admin1CodesASCII, "
        "admin2Codes, countryInfo or alternateNamesV2 (.txt or .zip)",
    )


class _Counting(io.RawIOBase):
    """Wraps a binary stream and reports bytes read."""

    def __init__(
        self,
        raw: IO[bytes],
        advance: Callable[[int], None],
    ) -> None:
        self.raw = raw
        self.advance = advance

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer, /) -> int:
        view = memoryview(buffer).cast("B")
        data = self.raw.read(len(view))
        n = len(data)
        view[:n] = data
        self.advance(n)
        return n


class _Sink:
    """Forwards byte counts to a progress callback set once the total is known."""

    def __init__(self) -> None:
        self.target: Callable[[int], None] | None = None

    def __call__(self, n: int) -> None:
        if self.target is not None:
            self.target(n)


@contextmanager
def _open_text(
    path: Path, advance: Callable[[int], None]
) -> Iterator[tuple[io.TextIOWrapper, int, str]]:
    """The text of a dump (inside its zip when zipped), its uncompressed size and inner name."""
    if path.suffix.lower() == ".zip":
        try:
            zf = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise GazetteerImportError(f"{path}: not a readable zip ({exc})") from exc
        with zf:
            members = [
                i
                for i in zf.infolist()
                if i.filename.endswith(".txt") and "readme" not in i.filename.lower()
            ]
            if not members:
                raise GazetteerImportError(f"{path}: the zip holds no .txt table")
            info = members[0]
            with zf.open(info) as raw:
                yield (
                    io.TextIOWrapper(
                        io.BufferedReader(_Counting(raw, advance), 1 << 20), encoding="utf-8"
                    ),
                    info.file_size,
                    info.filename,
                )
    else:
        with path.open("rb") as raw:
            yield (
                io.TextIOWrapper(
                    io.BufferedReader(_Counting(raw, advance), 1 << 20), encoding="utf-8"
                ),
                path.stat().st_size,
                path.name,
            )


def _int(value: str, *, default: int = 0) -> int:
    try:
        return int(value)
    except ValueError:
        return default


def _geoname_rows(
    stream: io.TextIOWrapper,
    writer: GazetteerWriter,
    stats: ImportStats,
    all_features: bool,
    origin: str,
) -> None:
    for line_no, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        stats.rows += 1
        if len(cols) < 19:
            raise GazetteerImportError(
                f"{origin} line {line_no}: {len(cols)} columns, a geoname row has 19",
                hint="is this a GeoNames dump (tab-separated, no header)?",
            )
        fclass, fcode = cols[6], cols[7]
        kept = KEPT_FEATURES.get(fclass, frozenset())
        if not all_features and kept is not None and fcode not in kept:
            stats.skipped += 1
            continue
        try:
            gid = int(cols[0])
            lat, lon = float(cols[4]), float(cols[5])
        except ValueError as exc:
            raise GazetteerImportError(
                f"{origin} line {line_no}: bad id or coordinates ({exc})"
            ) from exc
        country = cols[8] or None
        a1 = cols[10] or None
        a2 = cols[11] or None
        writer.add_place(
            PlaceRow(
                gid,
                f"geonames:{gid}",
                cols[1],
                lat,
                lon,
                fclass or None,
                fcode or None,
                country,
                a1,
                a2,
                _int(cols[14]),
                source=origin,
            ),
            [cols[2], *cols[3].split(",")] if cols[3] else [cols[2]],
        )
        if country and fcode == "ADM1" and a1:
            writer.conn.execute(
                "INSERT OR IGNORE INTO admin1 VALUES (?,?,?,?)", (country, a1, cols[1], gid)
            )
        elif country and fcode == "ADM2" and a1 and a2:
            writer.conn.execute(
                "INSERT OR IGNORE INTO admin2 VALUES (?,?,?,?,?)", (country, a1, a2, cols[1], gid)
            )
        elif country and fcode in {"PCLI", "PCLD", "PCLF", "PCLS", "PCL", "TERR"}:
            writer.conn.execute(
                "INSERT OR IGNORE INTO countries (iso, name, gid, population) VALUES (?,?,?,?)",
                (country, cols[1], gid, _int(cols[14])),
            )
        stats.kept += 1


def _admin_rows(
    stream: io.TextIOWrapper, writer: GazetteerWriter, stats: ImportStats, level: int, origin: str
) -> None:
    for line_no, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        stats.rows += 1
        parts = cols[0].split(".")
        if len(cols) < 4 or len(parts) != level + 1:
            raise GazetteerImportError(f"{origin} line {line_no}: not an admin{level} code row")
        gid = _int(cols[3], default=0) or None
        if level == 1:
            writer.add_admin1(parts[0], parts[1], cols[1], gid)
        else:
            writer.add_admin2(parts[0], parts[1], parts[2], cols[1], gid)
        if gid:
            writer.add_names(gid, [cols[1], cols[2]], admin=True)
        stats.kept += 1


def _country_rows(
    stream: io.TextIOWrapper, writer: GazetteerWriter, stats: ImportStats, origin: str
) -> None:
    for line_no, line in enumerate(stream, start=1):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        stats.rows += 1
        if len(cols) < 17:
            raise GazetteerImportError(f"{origin} line {line_no}: not a countryInfo row")
        gid = _int(cols[16], default=0) or None
        writer.add_country(
            cols[0],
            cols[4],
            iso3=cols[1],
            gid=gid,
            population=_int(cols[7]),
            capital=cols[5] or None,
            neighbours=cols[17] if len(cols) > 17 else None,
        )
        if gid:
            writer.add_names(gid, [cols[4]], admin=True)
        stats.kept += 1


def _altname_rows(
    stream: io.TextIOWrapper, writer: GazetteerWriter, stats: ImportStats, origin: str
) -> None:
    for line in stream:
        cols = line.rstrip("\n").split("\t")
        stats.rows += 1
        if len(cols) < 4:
            stats.skipped += 1
            continue
        if cols[2] in _SKIP_ALT_LANGS or (len(cols) > 7 and cols[7] == "1"):
            stats.skipped += 1
            continue
        gid = _int(cols[1], default=0)
        if gid:
            writer.add_names(gid, [cols[3]])
            stats.kept += 1


def import_files(
    files: list[Path],
    gazetteer_path: Path | None = None,
    *,
    all_features: bool = False,
    builtin: bool = True,
    progress: Callable[[str, int], Callable[[int], None]] | None = None,
) -> list[ImportStats]:
    """Import GeoNames dumps into the gazetteer at ``gazetteer_path``.

    A new file starts as the built-in gazetteer (``builtin=False``: empty, only the dumps).
    ``progress(label, total_bytes)`` may return a callback that receives bytes read.
    """
    for f in files:
        if not f.exists():
            raise GazetteerImportError(f"{f}: no such file")
        detect_kind(f.name)
    path = ensure_gazetteer(gazetteer_path) if builtin or gazetteer_path is None else gazetteer_path
    conn = connect_rw(path)
    writer = GazetteerWriter(conn)
    # countries and admin names first, so a later geoname table finds them
    order = {"country": 0, "admin1": 1, "admin2": 2, "geoname": 3, "altnames": 4}
    out: list[ImportStats] = []
    try:
        for f in sorted(files, key=lambda p: order[detect_kind(p.name)]):
            kind = detect_kind(f.name)
            stats = ImportStats(str(f), kind)
            sink = _Sink()
            with _open_text(f, sink) as (stream, total, inner):
                if progress:
                    sink.target = progress(f.name, total)
                origin = f"{f.name}:{inner}" if inner != f.name else f.name
                try:
                    if kind == "geoname":
                        _geoname_rows(stream, writer, stats, all_features, origin)
                    elif kind == "admin1":
                        _admin_rows(stream, writer, stats, 1, origin)
                    elif kind == "admin2":
                        _admin_rows(stream, writer, stats, 2, origin)
                    elif kind == "country":
                        _country_rows(stream, writer, stats, origin)
                    else:
                        _altname_rows(stream, writer, stats, origin)
                except UnicodeDecodeError as exc:
                    raise GazetteerImportError(f"{origin}: not UTF-8 text ({exc.reason})") from exc
            writer.flush()
            conn.execute(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)",
                (f"imported:{f.name}", f"{stats.kept} rows"),
            )
            conn.commit()
            out.append(stats)
        writer.finalise()
        add_admin_aliases(writer)
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.close()
    return out
