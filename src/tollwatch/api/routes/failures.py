"""``/api/v1/ingest-failures``: inputs that could not be stored, kept for retry."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from sqlalchemy import Select, func, select

from tollwatch.api._convert import failure_public
from tollwatch.api.deps import ANALYST, EngineDep, PageDep
from tollwatch.api.routes._listing import count, page_of
from tollwatch.api.schemas import IngestFailurePublic, Page
from tollwatch.errors import RecordNotFound
from tollwatch.store.tables import ingest_failures

__all__ = ["router"]

# Analysts and admins only: reasons and origins are operational, not for publication.
router = APIRouter(prefix="/ingest-failures", tags=["ingest failures"], dependencies=[ANALYST])


def _select() -> Select[Any]:
    cols = [c for c in ingest_failures.c if c.name != "raw"]
    return select(*cols, func.length(ingest_failures.c.raw).label("raw_size"))


@router.get("", response_model=Page[IngestFailurePublic], summary="List ingest failures")
def list_failures(
    engine: EngineDep,
    page: PageDep,
    unresolved: Annotated[
        bool, Query(description="Only failures not yet retried successfully.")
    ] = False,
) -> Page[IngestFailurePublic]:
    """Rejected inputs, newest first: file (and line), error code and reason."""
    with engine.connect() as conn:
        stmt = _select()
        if unresolved:
            stmt = stmt.where(ingest_failures.c.resolved_at.is_(None))
        total = count(conn, stmt)
        ordered = stmt.order_by(ingest_failures.c.created_at.desc(), ingest_failures.c.id.desc())
        rows = page_of(conn, ordered, page)
        return Page[IngestFailurePublic](
            items=[failure_public(r) for r in rows],
            total=total,
            limit=page.limit,
            offset=page.offset,
        )


@router.get("/{failure_id}", response_model=IngestFailurePublic, summary="One ingest failure")
def get_failure(
    failure_id: Annotated[int, Path(ge=1, le=2**31 - 1)], engine: EngineDep
) -> IngestFailurePublic:
    with engine.connect() as conn:
        row = conn.execute(_select().where(ingest_failures.c.id == failure_id)).mappings().first()
        if row is None:
            raise RecordNotFound(
                f"no ingest failure with id {failure_id}",
                hint="list them at /api/v1/ingest-failures",
            )
        return failure_public(row)
