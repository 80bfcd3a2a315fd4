"""Scale fixtures: a Dask LocalCluster with two worker processes, started once per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tollwatch.scale import DaskRunner
from tollwatch.store import open_engine


@pytest.fixture(scope="session")
def dask_runner() -> Iterator[DaskRunner]:
    """Two single-threaded worker processes: results really cross a process boundary."""
    runner = DaskRunner(workers=2, threads_per_worker=1, processes=True)
    try:
        yield runner
    finally:
        runner.close()


@pytest.fixture
def sqlite_engine(tmp_path: Path) -> Iterator[Engine]:
    """A migrated SQLite database, for tests about logic that no dialect changes."""
    engine = open_engine(f"sqlite:///{tmp_path / 'scale.db'}")
    try:
        yield engine
    finally:
        engine.dispose()
