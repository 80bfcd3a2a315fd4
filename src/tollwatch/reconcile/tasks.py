"""One partition's reconciliation as a task that can run anywhere. Pure.

``reconcile_all`` builds a ``PartitionTask`` for every partition it has to recompute and maps
``reconcile_task`` over them: in this process by default, or on a cluster's workers
(``tollwatch scale reconcile``). A task carries everything ``reconcile_partition`` reads
(the partition's claims, its reports' dates and outlets, their country focus, the
reviewers' merges and splits), so a worker needs no database and gives the same result.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from tollwatch.models import Claim
from tollwatch.reconcile.core import reconcile_partition
from tollwatch.reconcile.results import Reconciliation, ReportInfo

if TYPE_CHECKING:
    from tollwatch.review.overrides import Override

__all__ = ["PartitionResult", "PartitionTask", "partition_task", "reconcile_task"]


@dataclass(frozen=True, slots=True)
class PartitionTask:
    """What reconciling one partition of one view reads."""

    view: str
    part: str
    claims: tuple[Claim, ...]
    reports: dict[str, ReportInfo]
    focus: dict[str, str | None]
    overrides: tuple[Override, ...] = ()


@dataclass(frozen=True, slots=True)
class PartitionResult:
    view: str
    part: str
    rec: Reconciliation


def partition_task(
    view: str,
    part: str,
    members: Sequence[Claim],
    infos: Mapping[str, ReportInfo],
    focus: Mapping[str, str | None],
    overrides: Sequence[Override] = (),
) -> PartitionTask:
    """The task of one partition: only its own reports' dates, outlets and focus travel."""
    ids = {c.report_id for c in members}
    return PartitionTask(
        view,
        part,
        tuple(members),
        {rid: infos[rid] for rid in ids if rid in infos},
        {rid: focus[rid] for rid in ids if rid in focus},
        tuple(overrides),
    )


def reconcile_task(task: PartitionTask) -> PartitionResult:
    """``reconcile_partition`` of the task's claims, with the reviewers' merges and splits."""
    regroup = None
    if task.overrides:
        from tollwatch.review.overrides import apply_overrides

        regroup = partial(apply_overrides, overrides=task.overrides)
    rec = reconcile_partition(
        task.claims, task.reports, regroup=regroup, focus=task.focus, part=task.part
    )
    return PartitionResult(task.view, task.part, rec)
