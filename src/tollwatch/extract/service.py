"""Run extraction over stored reports: incremental, batched, atomic per report.

Only reports whose ``extractor_version`` differs from ``EXTRACTOR_VERSION`` (or is NULL)
are processed, unless ``force``. Each batch is parsed with one ``nlp.pipe`` call and written
in one transaction; a report's old claims and its version change together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, or_, select

from tollwatch.extract import EXTRACTOR_VERSION, extract_many, load_pipeline
from tollwatch.extract.nlp import DEFAULT_MODEL
from tollwatch.store import transaction
from tollwatch.store.claims import replace_claims
from tollwatch.store.tables import reports

__all__ = ["ExtractStats", "extract_reports"]


@dataclass(frozen=True, slots=True)
class ExtractStats:
    reports: int  # reports (re-)extracted
    claims: int  # claims stored for them
    skipped: int  # requested reports already extracted by this version


def extract_reports(
    engine: Engine,
    report_ids: Sequence[str] | None = None,
    *,
    force: bool = False,
    batch_size: int = 200,
    model: str = DEFAULT_MODEL,
    progress: Callable[[int], object] | None = None,
) -> ExtractStats:
    """Extract claims from the reports not yet processed by this extractor version.

    ``progress`` is called with the number of reports done so far after each batch.
    """
    nlp = None
    done = stored = 0
    wanted = list(dict.fromkeys(report_ids)) if report_ids is not None else None
    pending_filter = or_(
        reports.c.extractor_version.is_(None), reports.c.extractor_version != EXTRACTOR_VERSION
    )
    total_requested = 0
    if wanted is not None:
        with engine.connect() as conn:
            total_requested = len(
                conn.execute(select(reports.c.id).where(reports.c.id.in_(wanted))).all()
            )
    last = ""
    while True:
        query = select(reports.c.id, reports.c.text, reports.c.published).where(reports.c.id > last)
        if not force:
            query = query.where(pending_filter)
        if wanted is not None:
            query = query.where(reports.c.id.in_(wanted))
        query = query.order_by(reports.c.id).limit(batch_size)
        with engine.connect() as conn:
            batch = conn.execute(query).all()
        if not batch:
            break
        if nlp is None:
            nlp = load_pipeline(model)
        results = extract_many(((r.text, r.published, r.id) for r in batch), nlp=nlp)
        with transaction(engine) as conn:
            for row, found in zip(batch, results, strict=True):
                stored += replace_claims(conn, row.id, found, EXTRACTOR_VERSION)
        done += len(batch)
        last = batch[-1].id
        if progress is not None:
            progress(done)
    skipped = max(total_requested - done, 0) if wanted is not None else 0
    return ExtractStats(reports=done, claims=stored, skipped=skipped)
