"""Claims table rows <-> Claim models (what review and the queue read)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, select

from tollwatch.models import Claim
from tollwatch.store.claims import row_to_claim
from tollwatch.store.tables.core import claims

__all__ = ["claim_from_row", "claim_values", "load_claims"]


def claim_from_row(row: Any) -> Claim:
    """A Claim from a SQLAlchemy result row of the ``claims`` table."""
    return row_to_claim(row._mapping)


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
