"""Claims table rows <-> Claim models (what review and the queue read)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    DateRange,
    GeoPrecision,
    Outcome,
    PlaceRef,
    Qualifier,
    Scope,
)
from tollwatch.store.tables.core import claims

__all__ = ["claim_from_row", "claim_values", "load_claims"]


def claim_from_row(row: Any) -> Claim:
    m = row._mapping
    return Claim(
        id=m["id"],
        report_id=m["report_id"],
        extractor_version=m["extractor_version"],
        outcome=Outcome(m["outcome"]),
        low=m["low"],
        best=m["best"],
        high=m["high"],
        qualifier=Qualifier(m["qualifier"]),
        quantity_text=m["quantity_text"],
        category=Category(m["category"]),
        children=m["children"],
        women=m["women"],
        men=m["men"],
        perpetrator=m["perpetrator"],
        place=PlaceRef(
            mention=m["place_mention"],
            place_id=m["place_id"],
            name=m["place_name"],
            lat=m["lat"],
            lon=m["lon"],
            country=m["country"],
            admin1=m["admin1"],
            admin1_name=m["admin1_name"],
            admin2=m["admin2"],
            precision=GeoPrecision(m["geo_precision"]) if m["geo_precision"] else None,
        ),
        date=DateRange(
            start=m["date_start"],
            end=m["date_end"],
            precision=DatePrecision(m["date_precision"] or "unknown"),
            expression=m["date_expression"],
            anchor=m["date_anchor"],
        ),
        attributed_to=m["attributed_to"],
        scope=Scope(m["scope"]),
        start=m["span_start"],
        end=m["span_end"],
        quote=m["quote"],
    )


def claim_values(claim: Claim) -> dict[str, Any]:
    """The reviewable values of a claim (what the audit log records as before/after)."""
    return {
        "outcome": claim.outcome.value,
        "low": claim.low,
        "best": claim.best,
        "high": claim.high,
        "qualifier": claim.qualifier.value,
        "category": claim.category.value,
        "children": claim.children,
        "women": claim.women,
        "men": claim.men,
        "perpetrator": claim.perpetrator,
        "attributed_to": claim.attributed_to,
        "scope": claim.scope.value,
        "place_id": claim.place.place_id,
        "place_name": claim.place.name,
        "country": claim.place.country,
        "date_start": claim.date.start.isoformat() if claim.date.start else None,
        "date_end": claim.date.end.isoformat() if claim.date.end else None,
    }


def load_claims(conn: Connection, ids: Iterable[str] | None = None) -> list[Claim]:
    query = select(claims)
    if ids is not None:
        wanted = sorted(set(ids))
        if not wanted:
            return []
        out: list[Claim] = []
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            out.extend(claim_from_row(r) for r in conn.execute(query.where(claims.c.id.in_(chunk))))
        return out
    return [claim_from_row(r) for r in conn.execute(query.order_by(claims.c.id))]
