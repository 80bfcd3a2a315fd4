"""Geocoding on a cluster: ``place_claims`` mapped over partitions of reports.

The worker side (``geocode_partition``) is pure apart from reading the gazetteer file: it
calls ``tollwatch.geo.linking.place_claims(text, spots, gazetteer)``, the same per-report
function ``tollwatch.geo.service.geocode_reports`` calls, and returns each claim's
``PlaceRef`` with the gazetteer ``Place`` rows it resolved to. The driver side
(``scale_geocode``) reads pending reports and their claims, and stores the results with the
same repository calls as ``geocode_reports``: a scaled run stores exactly what ``tollwatch
geocode`` stores (tests/scale/test_geocode.py).

Every worker opens the gazetteer at the path the driver gives (the same file must be at that
path on every machine; workers never build one) and reports its size; a partition computed
with a gazetteer of another size, or by another geocoder version, is refused.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from sqlalchemy import Engine

from tollwatch.errors import ConfigError, ScaleError
from tollwatch.geo.gazetteer import Gazetteer
from tollwatch.geo.linking import ClaimSpot, place_claims
from tollwatch.geo.service import GEOCODER_VERSION
from tollwatch.models import Place, PlaceRef
from tollwatch.scale.driver import ScaleRun
from tollwatch.scale.partitions import Partition, count_pending, pending_partitions
from tollwatch.scale.runner import LocalRunner, Runner
from tollwatch.store import transaction
from tollwatch.store.places import (
    ClaimPlaceRow,
    claims_for_report,
    mark_reports,
    set_claim_places,
    upsert_places,
)

__all__ = [
    "GeoPartition",
    "GeoReport",
    "PartitionPlaces",
    "geocode_partition",
    "pending_geocode",
    "scale_geocode",
]


@dataclass(frozen=True, slots=True)
class GeoReport:
    """What a worker needs to geocode one report: its text and its claims' spots."""

    id: str
    text: str
    claims: tuple[ClaimPlaceRow, ...]


@dataclass(frozen=True, slots=True)
class GeoPartition:
    number: int
    reports: tuple[GeoReport, ...]


@dataclass(frozen=True, slots=True)
class ReportPlaces:
    """Each claim's place, in the order of ``GeoReport.claims``."""

    report_id: str
    refs: tuple[tuple[str, PlaceRef], ...]


@dataclass(frozen=True, slots=True)
class PartitionPlaces:
    number: int
    version: str
    gazetteer_bytes: int
    reports: tuple[ReportPlaces, ...]
    places: tuple[Place, ...]

    @property
    def claim_count(self) -> int:
        return sum(len(r.refs) for r in self.reports)


@lru_cache(maxsize=4)
def _gazetteer(path: str) -> Gazetteer:
    return Gazetteer(Path(path))


def geocode_partition(partition: GeoPartition, gazetteer: str) -> PartitionPlaces:
    """Place every claim of every report of ``partition`` with the gazetteer file at ``gazetteer``.

    The gazetteer is opened once per worker process and reused.
    """
    gaz = _gazetteer(gazetteer)
    out: list[ReportPlaces] = []
    found: dict[str, Place] = {}
    for report in partition.reports:
        spots = [
            ClaimSpot(c.span_start, c.span_end, c.place_mention, c.scope == "cumulative")
            for c in report.claims
        ]
        refs = place_claims(report.text, spots, gaz)
        for ref in refs:
            if ref.place_id and ref.place_id not in found:
                entry = gaz.get(ref.place_id)
                if entry is not None:
                    found[entry.pid] = gaz.to_place(entry)
        out.append(
            ReportPlaces(
                report.id, tuple((c.id, r) for c, r in zip(report.claims, refs, strict=True))
            )
        )
    return PartitionPlaces(
        number=partition.number,
        version=GEOCODER_VERSION,
        gazetteer_bytes=Path(gazetteer).stat().st_size,
        reports=tuple(out),
        places=tuple(found.values()),
    )


def _with_claims(engine: Engine, partitions: Iterator[Partition]) -> Iterator[GeoPartition]:
    for part in partitions:
        with engine.connect() as conn:
            yield GeoPartition(
                part.number,
                tuple(
                    GeoReport(r.id, r.text, tuple(claims_for_report(conn, r.id)))
                    for r in part.reports
                ),
            )


def _check(result: PartitionPlaces, gazetteer_bytes: int) -> None:
    if result.version != GEOCODER_VERSION:
        raise ScaleError(
            f"a worker ran geocoder {result.version!r} on partition {result.number}, "
            f"this driver runs {GEOCODER_VERSION!r}; nothing from that partition was stored",
            hint="install the same tollwatch version on every worker",
        )
    if result.gazetteer_bytes != gazetteer_bytes:
        raise ScaleError(
            f"a worker's gazetteer has {result.gazetteer_bytes} bytes on partition "
            f"{result.number}, this driver's has {gazetteer_bytes}; nothing from that "
            "partition was stored",
            hint="copy the same gazetteer file to the same path on every worker",
        )


def _store(engine: Engine, result: PartitionPlaces, batch_size: int) -> None:
    """Write a partition's places as ``geocode_reports`` does, ``batch_size`` reports a time."""
    rows = result.reports
    for start in range(0, len(rows), batch_size):
        chunk = rows[start : start + batch_size]
        with transaction(engine) as conn:
            for report in chunk:
                set_claim_places(conn, report.refs, GEOCODER_VERSION)
            wanted = {ref.place_id for r in chunk for _, ref in r.refs if ref.place_id}
            upsert_places(conn, [p for p in result.places if p.id in wanted])
            mark_reports(conn, [r.report_id for r in chunk], GEOCODER_VERSION)


def scale_geocode(
    engine: Engine,
    runner: Runner,
    gazetteer: Path,
    *,
    partition_size: int = 100,
    batch_size: int = 100,
    limit: int | None = None,
    send_sensitive: bool = False,
    on_partition: Callable[[PartitionPlaces], None] | None = None,
) -> ScaleRun:
    """Geocode the claims of every report not yet done by the current geocoder, on ``runner``.

    ``gazetteer`` is the gazetteer file, at the same path on every worker. Reports marked
    sensitive stay on the driver when the runner may leave the machine, unless
    ``send_sensitive``.
    """
    if batch_size < 1:
        raise ConfigError(
            f"batch size must be at least 1, got {batch_size}", hint="pass --batch-size 100"
        )
    path = str(gazetteer.resolve())
    size = gazetteer.stat().st_size
    task = partial(geocode_partition, gazetteer=path)
    keep_home = runner.leaves_machine and not send_sensitive
    started = time.perf_counter()
    partitions = reports_done = claims = kept = 0
    passes: list[tuple[Runner, bool | None]] = [(runner, False if keep_home else None)]
    if keep_home:
        passes.append((LocalRunner(), True))
    for where, sensitive in passes:
        left = None if limit is None else limit - reports_done
        if left is not None and left <= 0:
            break
        pending = pending_partitions(
            engine,
            version_column="geocoder_version",
            version=GEOCODER_VERSION,
            size=partition_size,
            limit=left,
            sensitive=sensitive,
            first_number=partitions,
        )
        for result in where.map_unordered(task, _with_claims(engine, pending)):
            _check(result, size)
            _store(engine, result, batch_size)
            partitions += 1
            reports_done += len(result.reports)
            claims += result.claim_count
            if sensitive:
                kept += len(result.reports)
            if on_partition is not None:
                on_partition(result)
    return ScaleRun(
        stage="geocode",
        runner=runner.describe(),
        partitions=partitions,
        reports=reports_done,
        claims=claims,
        seconds=time.perf_counter() - started,
        kept_local=kept,
    )


def pending_geocode(engine: Engine) -> int:
    """Reports the current geocoder has not processed yet."""
    return count_pending(engine, version_column="geocoder_version", version=GEOCODER_VERSION)
