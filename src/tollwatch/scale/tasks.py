"""What runs on a worker: a pure stage function over one partition. No database, no clock.

Workers import this module by name, so every worker needs the same ``tollwatch`` installed
(and the spaCy pipeline package the extractor loads, once per worker process). A result
carries the extractor version it was computed with; the driver refuses results from a
worker whose version differs from its own, so a mixed cluster cannot mix extractors.
"""

from __future__ import annotations

from dataclasses import dataclass

from tollwatch.extract import EXTRACTOR_VERSION, extract_many, load_pipeline
from tollwatch.extract.nlp import DEFAULT_MODEL
from tollwatch.models import Claim
from tollwatch.scale.partitions import Partition

__all__ = ["PartitionClaims", "ReportClaims", "extract_partition"]


@dataclass(frozen=True, slots=True)
class ReportClaims:
    """The claims one report yielded."""

    report_id: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class PartitionClaims:
    """A partition's claims, report by report in the partition's order."""

    number: int
    version: str
    reports: tuple[ReportClaims, ...]

    @property
    def claim_count(self) -> int:
        return sum(len(r.claims) for r in self.reports)


def extract_partition(partition: Partition, model: str = DEFAULT_MODEL) -> PartitionClaims:
    """Run the extractor over every report of ``partition``, batched as ``tollwatch extract`` does.

    The spaCy pipeline ``model`` is loaded once per worker process and reused.
    """
    found = extract_many(
        ((r.text, r.published, r.id) for r in partition.reports), nlp=load_pipeline(model)
    )
    return PartitionClaims(
        number=partition.number,
        version=EXTRACTOR_VERSION,
        reports=tuple(
            ReportClaims(r.id, tuple(claims))
            for r, claims in zip(partition.reports, found, strict=True)
        ),
    )
