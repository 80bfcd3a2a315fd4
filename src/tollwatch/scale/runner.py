"""The one interface every scale-out engine implements: map a pure function over partitions.

    Runner                   map_unordered(fn, items) -> results as they finish
    ├── LocalRunner          in this process, one item after another (the reference)
    └── DaskRunner           on a dask.distributed cluster (scale/dask_runner.py)

A runner only moves work and results; it never touches the database. ``fn`` must be a
module-level function that every worker can import (``tollwatch`` installed there too) and
its items and results must pickle. Results may arrive in any order: callers that need an
order carry a key in the result.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Self, TypeVar

__all__ = ["LocalRunner", "Runner"]

T = TypeVar("T")
R = TypeVar("R")


class Runner(ABC):
    """Maps a function over items somewhere; subclasses say where."""

    name: str = "runner"

    @abstractmethod
    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """Yield ``fn(item)`` for every item, in completion order.

        ``items`` is consumed lazily, so a caller can stream partitions out of a database
        without holding them all; an implementation keeps only a bounded number in flight.
        An exception raised by ``fn`` is raised here, after the results already yielded.
        """

    @property
    def workers(self) -> int:
        """How many items can run at the same time."""
        return 1

    @property
    def leaves_machine(self) -> bool:
        """Whether items may travel to other machines (then sensitive reports stay home)."""
        return False

    def describe(self) -> str:
        """One line for humans: the engine and where it runs."""
        return self.name

    def close(self) -> None:  # noqa: B027  (optional hook, nothing to release by default)
        """Release what the runner holds (cluster, client, pools)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class LocalRunner(Runner):
    """Runs every item in this process, in order: the reference every engine must match."""

    name = "local"

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        for item in items:
            yield fn(item)

    def describe(self) -> str:
        return "local (in this process)"
