from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tollwatch.errors import GazetteerImportError
from tollwatch.geo import Gazetteer, GeoContext, geocode, import_files
from tollwatch.geo.importer import detect_kind

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_GAZ = Path(__file__).resolve().parents[2].parent / "shared" / "gazetteer"


def _counts(path: Path) -> tuple[int, int, int]:
    with sqlite3.connect(path) as conn:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("places", "names", "admin1")
        )  # type: ignore[return-value]


def test_importer_fixture_is_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    files = sorted(FIXTURES.glob("*.txt"))
    first = import_files(files, path, builtin=False)
    once = _counts(path)
    import_files(files, path, builtin=False)
    assert _counts(path) == once
    by_kind = {s.kind: s for s in first}
    assert by_kind["geoname"].rows == 9 and by_kind["geoname"].skipped == 1  # the stream
    gaz = Gazetteer(path)
    entry = gaz.get("geonames:169304")
    assert entry is not None and gaz.admin1_name(entry.country, entry.admin1) == "Latakia"
    assert gaz.admin2_name("SY", "02", "169303") == "Jableh District"


def test_importer_reads_zip(tmp_path: Path) -> None:
    import zipfile

    z = tmp_path / "SY.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(FIXTURES / "SY.txt", "SY.txt")
        zf.writestr("readme.txt", "not data")
    import_files([z], tmp_path / "g.sqlite", builtin=False)
    gaz = Gazetteer(tmp_path / "g.sqlite")
    assert geocode("Tuwaym", GeoContext(countries=("SY",)), gaz).place_id == "geonames:9000001"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("allCountries.zip", "geoname"),
        ("cities500.zip", "geoname"),
        ("SY.txt", "geoname"),
        ("admin1CodesASCII.txt", "admin1"),
        ("admin2Codes.txt", "admin2"),
        ("countryInfo.txt", "country"),
        ("alternateNamesV2.zip", "altnames"),
    ],
)
def test_importer_detects_dump_kinds(name: str, kind: str) -> None:
    assert detect_kind(name) == kind


def test_importer_rejects_short_rows(tmp_path: Path) -> None:
    bad = tmp_path / "LB.txt"
    bad.write_text("1\tBeirut\t33.9\t35.5\n")
    with pytest.raises(GazetteerImportError, match=r"LB.txt line 1: 4 columns"):
        import_files([bad], tmp_path / "g.sqlite", builtin=False)


def test_importer_altnames_add_names(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text("1\t171830\ten\tBanyas\t\t\t\t\t\t\n2\t171830\tlink\thttps://x\t\t\t\t\t\t\n")
    import_files([FIXTURES / "SY.txt", alt], path, builtin=False)
    assert geocode("Banyas", GeoContext(), Gazetteer(path)).place_id == "geonames:171830"


@pytest.mark.skipif(not SHARED_GAZ.exists(), reason=f"{SHARED_GAZ} is absent (team and CI only)")
def test_importer_real_geonames_files(tmp_path: Path) -> None:
    path = tmp_path / "real.sqlite"
    files = [SHARED_GAZ / n for n in ("countryInfo.txt", "admin1CodesASCII.txt", "cities15000.zip")]
    stats = import_files(files, path, builtin=False)
    assert {s.kind: s.kept for s in stats}["geoname"] > 30_000
    gaz = Gazetteer(path)
    ref = geocode("Latakia", GeoContext(countries=("SY",)), gaz)
    assert ref.place_id == "geonames:173576" and ref.admin1_name == "Latakia"
    assert geocode("Tuwaym", GeoContext(countries=("SY",)), gaz).place_id is None
