"""Which claims a listing or an export covers: one filter object, one SQL ``WHERE``.

The same :class:`ClaimFilter` drives ``GET /api/v1/claims``, ``/api/v1/export`` and
``tollwatch export``, so a spreadsheet and the API never disagree about what "Syria, March"
means.

Date semantics: a claim matches ``date_from``/``date_to`` when its event-date range
(``date_start`` .. ``date_end``) overlaps the requested range. Claims whose event date is
unknown do not match a date filter (we never guess a date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from tollwatch.models import Category, Outcome, ReviewState, Scope
from tollwatch.store.tables import claims, reports, sources

__all__ = ["ClaimFilter", "claim_conditions", "claim_rows", "report_conditions"]


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Filters shared by claim listings and exports; ``None`` means "any"."""

    country: str | None = None  # ISO 3166-1 alpha-2
    region: str | None = None  # admin1 name (case-insensitive) or admin1 code
    date_from: date | None = None
    date_to: date | None = None
    category: Category | None = None
    outcome: Outcome | None = None
    source: str | None = None  # source name, exact
    scope: Scope | None = None
    report_id: str | None = None
    place_id: str | None = None
    review_state: ReviewState | None = None


def claim_conditions(f: ClaimFilter) -> list[ColumnElement[bool]]:
    """SQL conditions on ``claims`` (joined to ``reports`` and ``sources``) for ``f``."""
    conds: list[ColumnElement[bool]] = []
    if f.country:
        conds.append(claims.c.country == f.country.upper())
    if f.region:
        conds.append(
            or_(
                func.lower(claims.c.admin1_name) == f.region.lower(),
                claims.c.admin1 == f.region,
            )
        )
    if f.date_from is not None:
        conds.append(func.coalesce(claims.c.date_end, claims.c.date_start) >= f.date_from)
    if f.date_to is not None:
        conds.append(claims.c.date_start <= f.date_to)
    if f.category is not None:
        conds.append(claims.c.category == f.category.value)
    if f.outcome is not None:
        conds.append(claims.c.outcome == f.outcome.value)
    if f.scope is not None:
        conds.append(claims.c.scope == f.scope.value)
    if f.source:
        conds.append(sources.c.name == f.source)
    if f.report_id:
        conds.append(claims.c.report_id == f.report_id)
    if f.place_id:
        conds.append(claims.c.place_id == f.place_id)
    if f.review_state is not None:
        conds.append(claims.c.review_state == f.review_state.value)
    return conds


def claim_rows(f: ClaimFilter) -> Select[tuple[object, ...]]:
    """Claims with their report's date, title, url, sensitivity and source name."""
    joined = claims.join(reports, reports.c.id == claims.c.report_id).outerjoin(
        sources, sources.c.id == reports.c.source_id
    )
    stmt = select(
        *claims.c,
        reports.c.published.label("report_published"),
        reports.c.title.label("report_title"),
        reports.c.url.label("report_url"),
        reports.c.sensitive.label("report_sensitive"),
        sources.c.name.label("source_name"),
    ).select_from(joined)
    conds = claim_conditions(f)
    if conds:
        stmt = stmt.where(and_(*conds))
    return stmt


def report_conditions(
    *,
    source: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    q: str | None = None,
) -> list[ColumnElement[bool]]:
    """SQL conditions on ``reports`` (outer-joined to ``sources``) by publication date."""
    conds: list[ColumnElement[bool]] = []
    if source:
        conds.append(sources.c.name == source)
    if date_from is not None:
        conds.append(reports.c.published >= date_from)
    if date_to is not None:
        conds.append(reports.c.published <= date_to)
    if q:
        escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        conds.append(func.lower(reports.c.title).like(f"%{escaped.lower()}%", escape="\\"))
    return conds
