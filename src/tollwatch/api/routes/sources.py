"""``/api/v1/sources``: outlets and organisations reports come from."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path
from sqlalchemy import Select, func, select

from tollwatch.api._convert import source_public
from tollwatch.api.deps import READ, EngineDep, PageDep
from tollwatch.api.routes._listing import count, page_of
from tollwatch.api.schemas import Page, SourcePublic
from tollwatch.errors import RecordNotFound
from tollwatch.store.tables import reports, sources

__all__ = ["router"]

# Reads: anyone when TOLLWATCH_PUBLIC_READ=true, else viewer or more.
router = APIRouter(prefix="/sources", tags=["sources"], dependencies=[READ])


def _select() -> Select[Any]:
    report_count = (
        select(func.count())
        .where(reports.c.source_id == sources.c.id)
        .correlate(sources)
        .scalar_subquery()
    )
    return select(*sources.c, report_count.label("report_count"))


@router.get("", response_model=Page[SourcePublic], summary="List sources")
def list_sources(engine: EngineDep, page: PageDep) -> Page[SourcePublic]:
    """Sources by name, with how many reports each has."""
    with engine.connect() as conn:
        stmt = _select()
        total = count(conn, stmt)
        rows = page_of(conn, stmt.order_by(sources.c.name, sources.c.id), page)
        return Page[SourcePublic](
            items=[source_public(r) for r in rows],
            total=total,
            limit=page.limit,
            offset=page.offset,
        )


@router.get("/{source_id}", response_model=SourcePublic, summary="One source")
def get_source(
    source_id: Annotated[int, Path(ge=1, le=2**31 - 1)], engine: EngineDep
) -> SourcePublic:
    with engine.connect() as conn:
        row = conn.execute(_select().where(sources.c.id == source_id)).mappings().first()
        if row is None:
            raise RecordNotFound(
                f"no source with id {source_id}", hint="list sources at /api/v1/sources"
            )
        return source_public(row)
