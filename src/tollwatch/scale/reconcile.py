"""Reconciliation on a cluster: ``reconcile_all`` with its partitions computed by workers.

The driver runs ``tollwatch.reconcile.service.reconcile_all`` itself: it loads the claims,
partitions them (``reconcile.partition``), decides which partitions changed, and writes every
row. Only the computing of a changed partition, ``reconcile.tasks.reconcile_task``, goes to
the runner; it is the function the in-process run calls, on the same task. A scaled run
therefore stores what ``tollwatch reconcile`` stores (tests/scale/test_reconcile.py).

Workers need the same tollwatch installed and nothing else: no database, no gazetteer, no
spaCy model. Partitions holding a claim of a report marked sensitive are computed on the
driver when the runner may leave the machine, unless ``send_sensitive``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from tollwatch.reconcile.service import ReconcileStats, reconcile_all
from tollwatch.scale.runner import Runner

__all__ = ["ScaleReconcile", "scale_reconcile"]


@dataclass(frozen=True, slots=True)
class ScaleReconcile:
    """What one ``scale reconcile`` run did, and where."""

    runner: str
    stats: ReconcileStats


def scale_reconcile(
    engine: Engine, runner: Runner, *, force: bool = False, send_sensitive: bool = False
) -> ScaleReconcile:
    """Reconcile every stored claim, computing the changed partitions on ``runner``."""
    stats = reconcile_all(
        engine,
        force=force,
        map_unordered=runner.map_unordered,
        keep_sensitive=runner.leaves_machine and not send_sensitive,
    )
    return ScaleReconcile(runner.describe(), stats)
