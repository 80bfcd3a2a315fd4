"""Runners: the same function over the same items gives the same results on every engine."""

from __future__ import annotations

import math
import os
import socket
import sys
from collections.abc import Iterator

import pytest

from tollwatch.errors import ConfigError, ScaleError
from tollwatch.scale import DaskRunner, LocalRunner, Runner, open_runner


def test_runner_local_and_dask_give_the_same_results(dask_runner: DaskRunner) -> None:
    items = list(range(40))
    local = list(LocalRunner().map_unordered(math.factorial, items))
    remote = list(dask_runner.map_unordered(math.factorial, items))
    assert local == [math.factorial(i) for i in items]
    assert sorted(remote) == sorted(local)


def test_runner_dask_describes_its_workers(dask_runner: DaskRunner) -> None:
    assert dask_runner.workers == 2
    assert "2 workers" in dask_runner.describe()


def test_runner_dask_reads_items_lazily(dask_runner: DaskRunner) -> None:
    pulled: list[int] = []

    def items() -> Iterator[int]:
        for i in range(100):
            pulled.append(i)
            yield i

    results = dask_runner.map_unordered(math.factorial, items())
    next(results)
    # only a bounded window (2 x threads, plus the one refilled) is read ahead
    assert len(pulled) <= 2 * dask_runner.workers + 1
    results.close()
    assert len(pulled) < 100


@pytest.mark.parametrize("runner_kind", ["local", "dask"])
def test_runner_raises_the_task_error(runner_kind: str, dask_runner: DaskRunner) -> None:
    runner: Runner = LocalRunner() if runner_kind == "local" else dask_runner
    with pytest.raises(ValueError, match="negative"):
        list(runner.map_unordered(math.factorial, [3, -1, 4]))


def test_runner_empty_input_yields_nothing(dask_runner: DaskRunner) -> None:
    assert list(dask_runner.map_unordered(math.factorial, [])) == []


def test_runner_missing_dask_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    with pytest.raises(ConfigError, match=r"pip install 'tollwatch\[scale\]'") as info:
        DaskRunner()
    assert info.value.code == "TW001"


def test_runner_unreachable_scheduler_names_the_address() -> None:
    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    with pytest.raises(ScaleError, match=f"cannot reach the Dask scheduler at {address}"):
        DaskRunner(address, timeout=1)


@pytest.mark.parametrize(("workers", "threads"), [(0, 1), (2, 0)])
def test_runner_refuses_an_empty_local_cluster(workers: int, threads: int) -> None:
    with pytest.raises(ConfigError, match="at least one worker"):
        DaskRunner(workers=workers, threads_per_worker=threads)


def test_runner_open_runner_local_needs_no_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with open_runner(local=True) as runner:
        assert isinstance(runner, LocalRunner)
        assert list(runner.map_unordered(abs, [-1, 2])) == [1, 2]


def test_runner_task_that_kills_its_worker_is_a_scale_error() -> None:
    """A worker process dying on a task (e.g. out of memory) stops the run with TW100."""
    dask = pytest.importorskip("dask")
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        DaskRunner(workers=1, processes=True) as runner,
        pytest.raises(ScaleError, match="killed every Dask worker") as info,
    ):
        list(runner.map_unordered(os._exit, [3]))
    assert info.value.code == "TW100"
