"""Reports whose claims were capped: extraction kept the first ``MAX_CLAIMS_PER_REPORT``
claims of the text and dropped the rest (``tollwatch.extract.service``), so an analyst must
read the report: its tolls may miss figures stated after the cut.

Extraction names each capped report in the audit log (``extract.claims_capped``, with the
claims found and kept and the extractor version). A report is listed while its newest such
entry belongs to the extraction its claims come from now: same extractor version, and the
claims stored are the ones that entry kept.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select

from tollwatch.audit.log import iter_entries
from tollwatch.store.tables.core import claims, reports

__all__ = ["CAPPED_ACTION", "CappedReport", "capped_reports"]

CAPPED_ACTION = "extract.claims_capped"


@dataclass(frozen=True, slots=True)
class CappedReport:
    report_id: str
    title: str | None
    found: int  # claims the extractor found in the text
    kept: int  # claims stored (the first in the text)
    at: datetime  # when extraction capped it


def capped_reports(conn: Connection) -> list[CappedReport]:
    """Reports whose stored claims are capped, most claims dropped first."""
    newest: dict[str, tuple[datetime, dict[str, object]]] = {}
    for entry in iter_entries(conn, action=CAPPED_ACTION):
        rid = entry.target.removeprefix("report:")
        newest[rid] = (entry.at, json.loads(entry.after or "{}"))
    if not newest:
        return []
    ids = sorted(newest)
    current: dict[str, tuple[str | None, str | None, int]] = {}
    counts = (
        select(claims.c.report_id, func.count().label("n"))
        .where(claims.c.report_id.in_(ids))
        .group_by(claims.c.report_id)
        .subquery()
    )
    query = (
        select(reports.c.id, reports.c.title, reports.c.extractor_version, counts.c.n)
        .select_from(reports.outerjoin(counts, counts.c.report_id == reports.c.id))
        .where(reports.c.id.in_(ids))
    )
    for rid, title, version, n in conn.execute(query):
        current[rid] = (title, version, int(n or 0))
    out: list[CappedReport] = []
    for rid, (at, data) in newest.items():
        if rid not in current:
            continue  # the report was deleted
        title, version, stored = current[rid]
        found, kept = _int(data.get("found")), _int(data.get("kept"))
        recorded = data.get("extractor")
        if recorded is not None and recorded != version:
            continue  # extracted again since, by another version
        if stored > kept:
            continue  # extracted again since, without a cap
        out.append(CappedReport(rid, title, found, kept, at))
    out.sort(key=lambda c: (-(c.found - c.kept), c.report_id))
    return out


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0
