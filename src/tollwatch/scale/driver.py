"""The driver: the only process that touches the database during a scale-out run.

    database --(partitions, keyset by id)--> runner.map_unordered(task) --> workers
    database <--(one transaction per batch)-- results, as each partition finishes

Writes go through the same claims repository as ``tollwatch extract``, so a scaled run stores
exactly what an in-process run stores. A report is marked done by the current version in the
same transaction that replaces its claims: a crash loses at most the batches not yet
committed, and re-running the same command finishes the job without doing any report twice.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from sqlalchemy import Engine

from tollwatch.errors import ConfigError, ScaleError
from tollwatch.extract import EXTRACTOR_VERSION
from tollwatch.extract.nlp import DEFAULT_MODEL
from tollwatch.scale.partitions import Partition, count_pending, pending_partitions
from tollwatch.scale.runner import LocalRunner, Runner
from tollwatch.scale.tasks import PartitionClaims, extract_partition
from tollwatch.store import transaction
from tollwatch.store.claims import replace_claims

__all__ = ["ScaleRun", "check_version", "pending_reports", "scale_extract", "store_partition"]


@dataclass(frozen=True, slots=True)
class ScaleRun:
    """What one scale-out run did."""

    stage: str
    runner: str
    partitions: int
    reports: int
    claims: int
    seconds: float
    kept_local: int = 0  # sensitive reports extracted in the driver, not sent to the cluster

    @property
    def reports_per_second(self) -> float:
        return self.reports / self.seconds if self.seconds > 0 else 0.0


def check_version(result: PartitionClaims, expected: str) -> None:
    if result.version != expected:
        raise ScaleError(
            f"a worker ran extractor {result.version!r} on partition {result.number}, "
            f"this driver runs {expected!r}; nothing from that partition was stored",
            hint="install the same tollwatch version on every worker",
        )


def store_partition(engine: Engine, result: PartitionClaims, batch_size: int = 200) -> None:
    """Write a partition's claims, ``batch_size`` reports per transaction (driver side)."""
    rows = result.reports
    for start in range(0, len(rows), batch_size):
        with transaction(engine) as conn:
            for report in rows[start : start + batch_size]:
                replace_claims(conn, report.report_id, report.claims, result.version)


def scale_extract(
    engine: Engine,
    runner: Runner,
    *,
    partition_size: int = 100,
    batch_size: int = 200,
    limit: int | None = None,
    model: str = DEFAULT_MODEL,
    send_sensitive: bool = False,
    on_partition: Callable[[PartitionClaims], None] | None = None,
) -> ScaleRun:
    """Extract claims from every report not yet done by the current extractor, on ``runner``.

    ``partition_size`` reports travel to a worker as one task; results are written in
    transactions of ``batch_size`` reports. ``limit`` caps the reports processed this run.
    ``model`` is the spaCy pipeline package every worker loads (``Settings.spacy_model``).

    When the runner may send work to other machines, reports marked sensitive are not sent:
    the driver extracts them itself, after the others, unless ``send_sensitive``.
    """
    if batch_size < 1:
        raise ConfigError(
            f"batch size must be at least 1, got {batch_size}", hint="pass --batch-size 200"
        )
    version = EXTRACTOR_VERSION
    task = partial(extract_partition, model=model)
    keep_home = runner.leaves_machine and not send_sensitive
    started = time.perf_counter()
    partitions = reports_done = claims = kept = 0

    def pending(sensitive: bool | None, left: int | None) -> Iterator[Partition]:
        return pending_partitions(
            engine,
            version_column="extractor_version",
            version=version,
            size=partition_size,
            limit=left,
            sensitive=sensitive,
            first_number=partitions,
        )

    passes: list[tuple[Runner, bool | None]] = [(runner, False if keep_home else None)]
    if keep_home:
        passes.append((LocalRunner(), True))
    for where, sensitive in passes:
        left = None if limit is None else limit - reports_done
        if left is not None and left <= 0:
            break
        for result in where.map_unordered(task, pending(sensitive, left)):
            check_version(result, version)
            store_partition(engine, result, batch_size)
            partitions += 1
            reports_done += len(result.reports)
            claims += result.claim_count
            if sensitive:
                kept += len(result.reports)
            if on_partition is not None:
                on_partition(result)
    return ScaleRun(
        stage="extract",
        runner=runner.describe(),
        partitions=partitions,
        reports=reports_done,
        claims=claims,
        seconds=time.perf_counter() - started,
        kept_local=kept,
    )


def pending_reports(engine: Engine) -> int:
    """Reports the current extractor has not processed yet."""
    return count_pending(engine, version_column="extractor_version", version=EXTRACTOR_VERSION)
