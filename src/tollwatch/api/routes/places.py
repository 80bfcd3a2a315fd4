"""``/api/v1/places``: resolved places that claims point to."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from sqlalchemy import Select, and_, func, or_, select

from tollwatch.api._convert import place_public
from tollwatch.api.deps import READ, EngineDep, PageDep
from tollwatch.api.routes._filters import Country, Region
from tollwatch.api.routes._listing import count, order_by, page_of
from tollwatch.api.schemas import Page, PlacePublic
from tollwatch.errors import RecordNotFound
from tollwatch.store.tables import claims, places

__all__ = ["router"]

# Reads: anyone when TOLLWATCH_PUBLIC_READ=true, else viewer or more.
router = APIRouter(prefix="/places", tags=["places"], dependencies=[READ])

PlaceSort = Literal["name", "-name", "claims", "-claims", "population", "-population"]


def _select() -> Select[Any]:
    claim_count = (
        select(func.count())
        .where(claims.c.place_id == places.c.id)
        .correlate(places)
        .scalar_subquery()
    )
    return select(*places.c, claim_count.label("claim_count"))


@router.get("", response_model=Page[PlacePublic], summary="List places")
def list_places(
    engine: EngineDep,
    page: PageDep,
    country: Country = None,
    region: Region = None,
    sort: Annotated[PlaceSort, Query(description="Sort key; '-' for descending.")] = "name",
) -> Page[PlacePublic]:
    """Places in the database, with how many claims point to each."""
    with engine.connect() as conn:
        stmt = _select()
        conds = []
        if country:
            conds.append(places.c.country == country.upper())
        if region:
            conds.append(
                or_(func.lower(places.c.admin1_name) == region.lower(), places.c.admin1 == region)
            )
        if conds:
            stmt = stmt.where(and_(*conds))
        total = count(conn, stmt)
        keys = {
            "name": places.c.name,
            "population": places.c.population,
            "claims": stmt.selected_columns.claim_count,
        }
        rows = page_of(conn, order_by(stmt, sort, keys, places.c.id), page)
        return Page[PlacePublic](
            items=[place_public(r) for r in rows], total=total, limit=page.limit, offset=page.offset
        )


@router.get("/{place_id}", response_model=PlacePublic, summary="One place")
def get_place(place_id: str, engine: EngineDep) -> PlacePublic:
    with engine.connect() as conn:
        row = conn.execute(_select().where(places.c.id == place_id)).mappings().first()
        if row is None:
            raise RecordNotFound(
                f"no place with id {place_id!r}", hint="list places at /api/v1/places"
            )
        return place_public(row)
