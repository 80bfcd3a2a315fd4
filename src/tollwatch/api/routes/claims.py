"""``/api/v1/claims``: casualty figures as stated, each with its evidence."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from tollwatch.api._convert import claim_public
from tollwatch.api.deps import READ, EngineDep, PageDep, TextPolicyDep
from tollwatch.api.routes._filters import ClaimFilterDep
from tollwatch.api.routes._listing import count, order_by, page_of
from tollwatch.api.schemas import ClaimPublic, Page
from tollwatch.errors import ClaimNotFound
from tollwatch.export.filters import ClaimFilter, claim_rows
from tollwatch.store.tables import claims, reports

__all__ = ["router"]

# Reads: anyone when TOLLWATCH_PUBLIC_READ=true, else viewer or more.
router = APIRouter(prefix="/claims", tags=["claims"], dependencies=[READ])

ClaimSort = Literal["id", "-id", "best", "-best", "date", "-date", "published", "-published"]
_SORT = {
    "id": claims.c.id,
    "best": claims.c.best,
    "date": claims.c.date_start,
    "published": reports.c.published,
}


@router.get("", response_model=Page[ClaimPublic], summary="List claims")
def list_claims(
    engine: EngineDep,
    page: PageDep,
    policy: TextPolicyDep,
    filters: ClaimFilterDep,
    sort: Annotated[ClaimSort, Query(description="Sort key; '-' for descending.")] = "-date",
) -> Page[ClaimPublic]:
    """Claims matching the filters, newest event first by default."""
    with engine.connect() as conn:
        stmt = claim_rows(filters)
        total = count(conn, stmt)
        rows = page_of(conn, order_by(stmt, sort, _SORT, claims.c.id), page)
        return Page[ClaimPublic](
            items=[claim_public(r, policy) for r in rows],
            total=total,
            limit=page.limit,
            offset=page.offset,
        )


@router.get("/{claim_id}", response_model=ClaimPublic, summary="One claim")
def get_claim(claim_id: str, engine: EngineDep, policy: TextPolicyDep) -> ClaimPublic:
    """One claim with its evidence span and quote."""
    with engine.connect() as conn:
        row = (
            conn.execute(claim_rows(ClaimFilter()).where(claims.c.id == claim_id))
            .mappings()
            .first()
        )
        if row is None:
            raise ClaimNotFound(
                f"no claim with id {claim_id!r}", hint="list claims at /api/v1/claims"
            )
        return claim_public(row, policy)
