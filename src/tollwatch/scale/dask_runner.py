"""Run partitions on a dask.distributed cluster: a real one by address, or a local one.

``DaskRunner("tcp://host:8786")`` connects to a running ``dask scheduler`` whose
``dask worker`` processes may sit on other machines; ``DaskRunner()`` starts a LocalCluster
on this machine. Dask is optional (``pip install 'tollwatch[scale]'``) and is imported only
when a DaskRunner is created.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import suppress
from types import ModuleType
from typing import Any, TypeVar, cast

from tollwatch.errors import ConfigError, ScaleError
from tollwatch.scale._fingerprint import describe_differences, environment
from tollwatch.scale.runner import Runner

__all__ = ["DaskRunner", "import_distributed"]

T = TypeVar("T")
R = TypeVar("R")

INSTALL_HINT = "pip install 'tollwatch[scale]'"


def import_distributed() -> ModuleType:
    """``distributed``, or a ConfigError saying what to install."""
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError(
            f"the Dask runner needs dask.distributed, which cannot be imported ({exc})",
            hint=f"install it with {INSTALL_HINT}, or run without a cluster",
        ) from exc
    return distributed


class DaskRunner(Runner):
    """Maps over items on Dask workers, keeping a bounded number of items in flight."""

    name = "dask"

    def __init__(
        self,
        scheduler: str | None = None,
        *,
        workers: int = 2,
        threads_per_worker: int = 1,
        processes: bool = True,
        in_flight: int | None = None,
        timeout: float = 10.0,
    ) -> None:
        distributed = import_distributed()
        self.scheduler = scheduler
        self._cluster: Any = None
        if scheduler:
            try:
                self._client: Any = distributed.Client(
                    scheduler, timeout=f"{timeout}s", set_as_default=False
                )
            except (OSError, TimeoutError) as exc:
                raise ScaleError(
                    f"cannot reach the Dask scheduler at {scheduler}: {exc}",
                    hint="start it with `dask scheduler` and check --scheduler host:port",
                ) from exc
            # workers may still be connecting; none at all is reported by the check below
            with suppress(OSError, TimeoutError):
                self._client.wait_for_workers(1, timeout=timeout)
        else:
            if workers < 1 or threads_per_worker < 1:
                raise ConfigError(
                    f"a local Dask cluster needs at least one worker and thread, "
                    f"got workers={workers}, threads_per_worker={threads_per_worker}",
                    hint="pass --workers 1 or more",
                )
            self._cluster = distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=threads_per_worker,
                processes=processes,
                dashboard_address="127.0.0.1:0",  # http server on a free local port, no clash
            )
            self._client = distributed.Client(self._cluster, set_as_default=False)
        try:
            self._check_workers()
        except BaseException:
            self.close()
            raise
        self._in_flight = in_flight or 2 * self.workers

    def _check_workers(self) -> None:
        """Every worker must run what this driver runs (same code, same results).

        Compared: tollwatch version and source hash, Python, and the packages extraction
        depends on (``scale/_fingerprint.py``).
        """
        ours = environment()
        try:
            seen: dict[str, dict[str, str]] = self._client.run(environment)
        except ImportError as exc:
            raise ScaleError(
                f"a Dask worker at {self.describe()} cannot import tollwatch: {exc}",
                hint="install the same tollwatch (and its extractor model) on every worker",
            ) from exc
        if not seen:
            raise ScaleError(
                f"the Dask cluster at {self.describe()} has no workers",
                hint="start some with `dask worker <scheduler address>`",
            )
        wrong = {addr: describe_differences(ours, env) for addr, env in seen.items()}
        wrong = {addr: diff for addr, diff in wrong.items() if diff}
        if wrong:
            first, diff = next(iter(wrong.items()))
            raise ScaleError(
                f"{len(wrong)} of {len(seen)} Dask worker(s) differ from this driver, "
                f"e.g. {first}: {diff}",
                hint="install the same tollwatch and requirements.lock on every worker",
            )

    @property
    def workers(self) -> int:
        """Threads across all workers now connected (at least 1)."""
        info = self._client.scheduler_info()
        return max(1, sum(int(w.get("nthreads", 1)) for w in info["workers"].values()))

    @property
    def address(self) -> str:
        """The scheduler's address (another driver can connect to it)."""
        return str(self._client.scheduler.address)

    @property
    def leaves_machine(self) -> bool:
        """True for a scheduler given by address: its workers may be anywhere."""
        return self._cluster is None

    def describe(self) -> str:
        info = self._client.scheduler_info()
        n = len(info.get("workers", {}))
        where = self.scheduler or f"LocalCluster {info.get('address', '')}"
        return f"dask {where} ({n} worker{'s' if n != 1 else ''}, {self.workers} threads)"

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        distributed = import_distributed()
        source = iter(items)
        pending: set[Any] = set()
        done = distributed.as_completed(loop=self._client.loop)

        def submit_next() -> bool:
            try:
                item = next(source)
            except StopIteration:
                return False
            future = self._client.submit(fn, item, pure=False)
            pending.add(future)
            done.add(future)
            return True

        try:
            for _ in range(self._in_flight):
                if not submit_next():
                    break
            for future in done:
                pending.discard(future)
                try:
                    result = cast(R, future.result())
                except distributed.KilledWorker as exc:
                    raise ScaleError(
                        f"a task killed every Dask worker that ran it ({exc})",
                        hint="a worker process died on it, e.g. out of memory: lower "
                        "--partition-size or give workers more memory; re-run to resume",
                    ) from exc
                except (CancelledError, distributed.comm.CommClosedError) as exc:
                    raise ScaleError(
                        f"lost the Dask cluster at {self.scheduler or 'LocalCluster'} "
                        f"during the run ({type(exc).__name__}: {exc})",
                        hint="check that the scheduler still runs; re-run to resume",
                    ) from exc
                submit_next()
                yield result
        finally:
            if pending:
                self._client.cancel(list(pending))

    def close(self) -> None:
        client, cluster = self._client, self._cluster
        self._client = self._cluster = None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
