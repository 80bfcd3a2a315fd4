"""``/api/v1/reports``: documents as received, their text and the claims found in them."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from sqlalchemy import Connection, Select, and_, func, select

from tollwatch.api._convert import claim_public, report_fields, report_public
from tollwatch.api.deps import READ, EngineDep, PageDep, TextPolicyDep
from tollwatch.api.routes._filters import DateFrom, DateTo, SourceName, check_range
from tollwatch.api.routes._listing import count, order_by, page_of
from tollwatch.api.routes._search import visible_page
from tollwatch.api.schemas import Page, ReportDetail, ReportPublic
from tollwatch.errors import ReportNotFound
from tollwatch.export.filters import ClaimFilter, claim_rows, report_conditions
from tollwatch.export.policy import TextPolicy
from tollwatch.store.tables import claims, reports, sources

__all__ = ["report_detail", "report_select", "router"]

# Reads: anyone when TOLLWATCH_PUBLIC_READ=true, else viewer or more.
router = APIRouter(prefix="/reports", tags=["reports"], dependencies=[READ])

ReportSort = Literal["published", "-published", "ingested", "-ingested", "id", "-id"]
_SORT = {
    "published": reports.c.published,
    "ingested": reports.c.ingested_at,
    "id": reports.c.id,
}


def report_select() -> Select[Any]:
    """Report columns with the source name and how many claims each report has."""
    claim_count = (
        select(func.count())
        .where(claims.c.report_id == reports.c.id)
        .correlate(reports)
        .scalar_subquery()
    )
    return select(
        *[c for c in reports.c if c.name != "text"],
        sources.c.name.label("source_name"),
        claim_count.label("claim_count"),
    ).select_from(reports.outerjoin(sources, sources.c.id == reports.c.source_id))


@router.get("", response_model=Page[ReportPublic], summary="List reports")
def list_reports(
    engine: EngineDep,
    page: PageDep,
    policy: TextPolicyDep,
    source: SourceName = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    q: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=200,
            description="Words in the title (as this reader sees it: names withheld, "
            "sensitive reports left out).",
        ),
    ] = None,
    sort: Annotated[ReportSort, Query(description="Sort key; '-' for descending.")] = "-published",
) -> Page[ReportPublic]:
    """Reports by publication date (``from``/``to`` filter on the date published)."""
    with engine.connect() as conn:
        check_range(date_from, date_to)
        stmt = report_select()
        conds = report_conditions(source=source, date_from=date_from, date_to=date_to, q=q)
        if conds:
            stmt = stmt.where(and_(*conds))
        ordered = order_by(stmt, sort, _SORT, reports.c.id)
        if q and policy.redacting:
            found = visible_page(
                conn, ordered, q, policy, text=False, limit=page.limit, offset=page.offset
            )
            rows, total = found.rows, found.total
        else:
            total = count(conn, stmt)
            rows = page_of(conn, ordered, page)
        return Page[ReportPublic](
            items=[report_public(r, policy) for r in rows],
            total=total,
            limit=page.limit,
            offset=page.offset,
        )


def report_detail(conn: Connection, report_id: str, policy: TextPolicy) -> ReportDetail:
    """One report with its (policy-filtered) text and its claims in text order."""
    row = (
        conn.execute(report_select().add_columns(reports.c.text).where(reports.c.id == report_id))
        .mappings()
        .first()
    )
    if row is None:
        raise ReportNotFound(
            f"no report with id {report_id!r}", hint="list reports at /api/v1/reports"
        )
    claim_list = (
        conn.execute(
            claim_rows(ClaimFilter(report_id=report_id)).order_by(claims.c.span_start, claims.c.id)
        )
        .mappings()
        .all()
    )
    return ReportDetail(
        **report_fields(row, policy),
        text=policy.report_text(row["text"], sensitive=bool(row["sensitive"])),
        text_redacted=policy.redacting,
        claims=[claim_public(c, policy) for c in claim_list],
    )


@router.get("/{report_id}", response_model=ReportDetail, summary="One report with its claims")
def get_report(report_id: str, engine: EngineDep, policy: TextPolicyDep) -> ReportDetail:
    """A report's text (names redacted for the public) and every claim found in it."""
    with engine.connect() as conn:
        return report_detail(conn, report_id, policy)
