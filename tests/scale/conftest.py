"""A Dask LocalCluster shared by the scale tests: two worker processes, started once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tollwatch.scale import DaskRunner


@pytest.fixture(scope="session")
def dask_runner() -> Iterator[DaskRunner]:
    """Two single-threaded worker processes: results really cross a process boundary."""
    runner = DaskRunner(workers=2, threads_per_worker=1, processes=True)
    try:
        yield runner
    finally:
        runner.close()
