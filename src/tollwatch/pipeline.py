"""After ingest: extract -> geocode -> reconcile, over what was just stored.

Each stage is incremental by itself (it only touches reports its current version has not
processed), so running the pipeline twice does no extra work, and a crash between stages is
finished by the next run. The CLI and the API both call ``process_reports``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine

__all__ = ["PipelineResult", "StageProgress", "process_reports"]

# ``progress(stage, total)`` opens a display for one stage and gives back the function the
# stage calls with its count done so far (total None: the stage cannot say in advance).
StageProgress = Callable[[str, int | None], AbstractContextManager[Callable[[int], object]]]


@contextmanager
def _silent(_stage: str, _total: int | None) -> Iterator[Callable[[int], object]]:
    yield lambda _done: None


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
    progress: StageProgress | None = None,
) -> PipelineResult:
    """Run the stages over ``report_ids`` (None: every report not yet processed).

    ``progress`` shows each stage as it runs (the CLI draws bars on a terminal).
    """
    from tollwatch.extract.service import extract_reports
    from tollwatch.geo.service import geocode_reports
    from tollwatch.reconcile.service import reconcile_all

    show = progress or _silent
    total = len(report_ids) if report_ids is not None else None
    result = PipelineResult()
    if extract:
        with show("extracting", total) as tick:
            result.stages["extract"] = extract_reports(engine, report_ids, progress=tick)
    if geocode:
        with show("geocoding", total) as tick:
            result.stages["geocode"] = geocode_reports(engine, report_ids, progress=tick)
    if reconcile:
        with show("reconciling", None):
            result.stages["reconcile"] = reconcile_all(engine)
    return result
