"""After ingest: extract -> geocode -> reconcile, over what was just stored.

Each stage is incremental by itself (it only touches reports its current version has not
processed), so running the pipeline twice does no extra work, and a crash between stages is
finished by the next run. The CLI and the API both call ``process_reports``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

__all__ = ["PipelineResult", "process_reports"]


@dataclass
class PipelineResult:
    """What each stage reported (its own stats object)."""

    stages: dict[str, Any] = field(default_factory=dict)


def process_reports(
    engine: Engine,
    report_ids: Sequence[str] | None = None,
    *,
    extract: bool = True,
    geocode: bool = True,
    reconcile: bool = True,
) -> PipelineResult:
    """Run the stages over ``report_ids`` (None: every report not yet processed)."""
    from tollwatch.extract.service import extract_reports
    from tollwatch.geo.service import geocode_reports
    from tollwatch.reconcile.service import reconcile_all

    result = PipelineResult()
    if extract:
        result.stages["extract"] = extract_reports(engine, report_ids)
    if geocode:
        result.stages["geocode"] = geocode_reports(engine, report_ids)
    if reconcile:
        result.stages["reconcile"] = reconcile_all(engine)
    return result
