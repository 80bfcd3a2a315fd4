"""Aggregated reads for the dashboard's pages: small results, whatever the database size.

Claim filters come from :mod:`tollwatch.export.filters`, so a page shows exactly what the
API and the exports show for the same filters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, func, select

from tollwatch.api.routes._search import like_words, visible_page
from tollwatch.api.routes.reports import report_select
from tollwatch.export.filters import ClaimFilter, claim_conditions, report_conditions
from tollwatch.export.policy import TextPolicy
from tollwatch.store.tables import claims, reports
from tollwatch.store.tables.reconcile import events
from tollwatch.web.filters import PageFilters

__all__ = [
    "Choices",
    "ReportSummary",
    "claim_filter",
    "filter_choices",
    "list_reports",
]

MAX_CHOICES = 300


@dataclass(frozen=True, slots=True)
class ReportSummary:
    id: str
    title: str | None
    source: str | None
    published: date | None
    claim_count: int


@dataclass(frozen=True, slots=True)
class Choices:
    """Values present in the database, offered as suggestions in the filter form."""

    countries: tuple[str, ...]
    regions: tuple[str, ...]


def claim_filter(f: PageFilters, **extra: Any) -> ClaimFilter:
    """The shared claim filter for the page filters (``extra`` sets scope, outcome...)."""
    values: dict[str, Any] = {
        "country": f.country,
        "region": f.region,
        "date_from": f.date_from,
        "date_to": f.date_to,
        "category": f.category,
        "outcome": f.outcome,
    }
    values.update(extra)
    return ClaimFilter(**values)


def _claim_scoped(f: PageFilters) -> bool:
    return any((f.country, f.region, f.category, f.outcome))


def list_reports(
    conn: Connection,
    f: PageFilters,
    policy: TextPolicy,
    *,
    limit: int,
    offset: int = 0,
    with_total: bool = True,
) -> tuple[list[ReportSummary], int]:
    """Reports matching the filters, newest first, and how many there are in all; titles as
    ``policy`` shows them (names withheld, none for a sensitive report).

    Dates filter on publication; country, region, category and outcome keep the reports
    that have a matching claim; ``q`` looks for the words in the title or the text — for
    readers of redacted text, only in the words they can see (``api.routes._search``).
    """
    stmt = report_select()
    conds = report_conditions(date_from=f.date_from, date_to=f.date_to)
    if f.q:
        conds.append(like_words(f.q, text=True))
    if _claim_scoped(f):
        cf = claim_filter(f, date_from=None, date_to=None)
        matching = select(claims.c.report_id).where(and_(*claim_conditions(cf)))
        conds.append(reports.c.id.in_(matching))
    if conds:
        stmt = stmt.where(and_(*conds))
    stmt = stmt.order_by(
        reports.c.published.desc().nulls_last(), reports.c.ingested_at.desc(), reports.c.id
    )
    total = 0
    rows: Sequence[Mapping[Any, Any]]
    if f.q and policy.redacting:
        found = visible_page(conn, stmt, f.q, policy, text=True, limit=limit, offset=offset)
        rows, total = found.rows, found.total
    else:
        if with_total:
            counted = select(func.count()).select_from(stmt.order_by(None).subquery())
            total = int(conn.execute(counted).scalar_one())
        rows = conn.execute(stmt.limit(limit).offset(offset)).mappings().all()
    out = [
        ReportSummary(
            id=r["id"],
            title=policy.report_text(r["title"], sensitive=bool(r["sensitive"]), report_id=r["id"]),
            source=r["source_name"],
            published=r["published"],
            claim_count=int(r["claim_count"] or 0),
        )
        for r in rows
    ]
    return out, total


def filter_choices(conn: Connection, view: str) -> Choices:
    """Countries and regions of the reconciled events (what the filters can narrow to)."""
    countries = conn.execute(
        select(events.c.country)
        .where(events.c.view == view, events.c.country.is_not(None))
        .distinct()
        .limit(MAX_CHOICES)
    ).scalars()
    regions = conn.execute(
        select(events.c.admin1_name)
        .where(events.c.view == view, events.c.admin1_name.is_not(None))
        .distinct()
        .limit(MAX_CHOICES)
    ).scalars()
    return Choices(tuple(sorted(countries)), tuple(sorted(regions)))
