"""Run extraction over stored reports: incremental, batched, atomic per report.

Only reports whose ``extractor_version`` differs from ``EXTRACTOR_VERSION`` (or is NULL)
are processed, unless ``force``. Each batch is parsed with one ``nlp.pipe`` call and written
in one transaction; a report's old claims and its version change together.

Long texts are read in pieces of at most ``CHUNK_CHARS`` characters, cut at a paragraph
break, a sentence end, a line break or a space (a text of a million characters without a
sentence break would exceed spaCy's ``max_length``); claims' spans are shifted back onto
the whole text. A report keeps at most ``MAX_CLAIMS_PER_REPORT`` claims, the first ones in
the text; a capped report is named in ``ExtractStats.capped`` and in the audit log
(``extract.claims_capped``); the review queue lists it (``tollwatch.review.capped``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Engine, or_, select

from tollwatch.audit import record as audit_record
from tollwatch.extract import EXTRACTOR_VERSION, extract_many, load_pipeline
from tollwatch.extract.nlp import DEFAULT_MODEL
from tollwatch.models import Claim
from tollwatch.store import transaction
from tollwatch.store.claims import replace_claims
from tollwatch.store.tables import reports

__all__ = [
    "CHUNK_CHARS",
    "MAX_CLAIMS_PER_REPORT",
    "ExtractStats",
    "chunk_spans",
    "extract_reports",
]

CHUNK_CHARS = 100_000
MAX_CLAIMS_PER_REPORT = 1000


@dataclass(frozen=True, slots=True)
class ExtractStats:
    reports: int  # reports (re-)extracted
    claims: int  # claims stored for them
    skipped: int  # requested reports already extracted by this version
    capped: tuple[str, ...] = field(default=())  # reports with more claims than were kept


def chunk_spans(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) pieces of ``text`` of at most ``limit`` characters, each cut at the last
    paragraph break, sentence end, line break or space in its second half (else at the
    limit). Pure; the pieces cover the text exactly."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while len(text) - pos > limit:
        window = text[pos : pos + limit]
        cut = pos + limit
        for sep in ("\n\n", ". ", "\n", " "):
            at = window.rfind(sep, limit // 2)
            if at != -1:
                cut = pos + at + len(sep)
                break
        spans.append((pos, cut))
        pos = cut
    spans.append((pos, len(text)))
    return spans


def _extract_chunked(
    batch: Sequence[tuple[str, str, date | None]], nlp: object
) -> list[list[Claim]]:
    """Claims of each (id, text, published), long texts read piece by piece."""
    items: list[tuple[str, date | None, str]] = []
    owners: list[tuple[int, int]] = []  # (index in batch, offset of the piece)
    for n, (rid, text, published) in enumerate(batch):
        for start, end in chunk_spans(text):
            items.append((text[start:end], published, rid))
            owners.append((n, start))
    found: list[list[Claim]] = [[] for _ in batch]
    for (n, offset), claims in zip(owners, extract_many(items, nlp=nlp), strict=True):
        if offset:
            claims = [
                replace(c, start=c.start + offset, end=c.end + offset).with_id() for c in claims
            ]
        found[n].extend(claims)
    return found


def extract_reports(
    engine: Engine,
    report_ids: Sequence[str] | None = None,
    *,
    force: bool = False,
    batch_size: int = 200,
    model: str = DEFAULT_MODEL,
    progress: Callable[[int], object] | None = None,
    max_claims: int = MAX_CLAIMS_PER_REPORT,
) -> ExtractStats:
    """Extract claims from the reports not yet processed by this extractor version.

    A report keeps at most ``max_claims`` claims (the first in the text); see the module.

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
    capped: list[str] = []
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
        results = _extract_chunked([(r.id, r.text, r.published) for r in batch], nlp)
        with transaction(engine) as conn:
            for row, found in zip(batch, results, strict=True):
                if len(found) > max_claims:
                    capped.append(row.id)
                    audit_record(
                        conn,
                        "system",
                        "extract.claims_capped",
                        f"report:{row.id}",
                        None,
                        {
                            "found": len(found),
                            "kept": max_claims,
                            "extractor": EXTRACTOR_VERSION,
                        },
                    )
                    found = sorted(found, key=lambda c: (c.start, c.id))[:max_claims]
                stored += replace_claims(conn, row.id, found, EXTRACTOR_VERSION)
        done += len(batch)
        last = batch[-1].id
        if progress is not None:
            progress(done)
    skipped = max(total_requested - done, 0) if wanted is not None else 0
    return ExtractStats(reports=done, claims=stored, skipped=skipped, capped=tuple(capped))
