"""Scale-out: the same pure stage functions mapped over partitions on a cluster.

Only the driver (the process that runs ``tollwatch scale ...``) reads and writes the
database; workers receive partitions (report texts, or claims) and return results. See
docs/scale.md.

    Runner          scale/runner.py       the interface: map_unordered(fn, items)
    LocalRunner     scale/runner.py       in this process, the reference
    DaskRunner      scale/dask_runner.py  dask.distributed (optional: tollwatch[scale])
    scale_extract   scale/driver.py       partitions -> workers -> claims repository
    scale_geocode   scale/geocode.py      partitions -> workers -> claim places
    scale_reconcile scale/reconcile.py    reconcile_all, changed partitions computed by workers
"""

from __future__ import annotations

from tollwatch.scale.dask_runner import DaskRunner
from tollwatch.scale.runner import LocalRunner, Runner

__all__ = ["DaskRunner", "LocalRunner", "Runner", "open_runner"]


def open_runner(
    scheduler: str | None = None,
    *,
    local: bool = False,
    workers: int = 2,
    processes: bool = True,
    timeout: float = 10.0,
) -> Runner:
    """The runner a command asked for: in-process, a LocalCluster, or a remote scheduler."""
    if local:
        return LocalRunner()
    return DaskRunner(scheduler, workers=workers, processes=processes, timeout=timeout)
