"""Claims repository: replace a report's claims atomically, list and filter them, convert rows.

``replace_claims`` runs inside the caller's transaction: it deletes the report's old claims,
inserts the new ones with their geocoding columns empty, marks the report as extracted by
``version`` and clears its ``geocoder_version`` so geocoding runs again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, delete, select, update

from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    DateRange,
    GeoPrecision,
    Outcome,
    PlaceRef,
    Qualifier,
    Reliability,
    Scope,
)
from tollwatch.store.reports import insert_ignoring_conflicts
from tollwatch.store.tables import claims, reports

__all__ = ["claim_to_row", "list_claims", "replace_claims", "row_to_claim"]


def claim_to_row(claim: Claim) -> dict[str, Any]:
    """The ``claims`` row of a claim (geocoding columns from its PlaceRef)."""
    p = claim.place
    return {
        "id": claim.id,
        "report_id": claim.report_id,
        "extractor_version": claim.extractor_version,
        "outcome": claim.outcome.value,
        "low": claim.low,
        "best": claim.best,
        "high": claim.high,
        "qualifier": claim.qualifier.value,
        "quantity_text": claim.quantity_text,
        "category": claim.category.value,
        "children": claim.children,
        "women": claim.women,
        "men": claim.men,
        "perpetrator": claim.perpetrator,
        "place_mention": p.mention,
        "place_id": p.place_id,
        "place_name": p.name,
        "lat": p.lat,
        "lon": p.lon,
        "country": p.country,
        "admin1": p.admin1,
        "admin1_name": p.admin1_name,
        "admin2": p.admin2,
        "geo_precision": int(p.precision) if p.precision is not None else None,
        "place_link": p.link,
        "date_start": claim.date.start,
        "date_end": claim.date.end,
        "date_precision": claim.date.precision.value,
        "date_expression": claim.date.expression,
        "date_anchor": claim.date.anchor,
        "attributed_to": claim.attributed_to,
        "scope": claim.scope.value,
        "reliability": claim.reliability.value,
        "source_entity": claim.source_entity,
        "subject": claim.subject,
        "revision": claim.revision,
        "revises": claim.revises,
        "part_of": claim.part_of,
        "span_start": claim.start,
        "span_end": claim.end,
        "quote": claim.quote,
    }


def row_to_claim(row: Mapping[str, Any]) -> Claim:
    """A Claim from a ``claims`` row (any mapping with the table's column names)."""
    precision = row.get("geo_precision")
    return Claim(
        id=row["id"],
        report_id=row["report_id"],
        extractor_version=row["extractor_version"],
        outcome=Outcome(row["outcome"]),
        low=row["low"],
        best=row["best"],
        high=row["high"],
        qualifier=Qualifier(row["qualifier"]),
        quantity_text=row["quantity_text"],
        category=Category(row["category"]),
        children=row["children"],
        women=row["women"],
        men=row["men"],
        perpetrator=row["perpetrator"],
        place=PlaceRef(
            mention=row["place_mention"],
            place_id=row.get("place_id"),
            name=row.get("place_name"),
            lat=row.get("lat"),
            lon=row.get("lon"),
            country=row.get("country"),
            admin1=row.get("admin1"),
            admin1_name=row.get("admin1_name"),
            admin2=row.get("admin2"),
            precision=GeoPrecision(precision) if precision is not None else None,
            link=row.get("place_link"),
        ),
        date=DateRange(
            start=row["date_start"],
            end=row["date_end"],
            precision=DatePrecision(row["date_precision"] or "unknown"),
            expression=row["date_expression"],
            anchor=row["date_anchor"],
        ),
        attributed_to=row["attributed_to"],
        scope=Scope(row["scope"]),
        reliability=Reliability(row.get("reliability") or "reported"),
        source_entity=row.get("source_entity"),
        subject=row.get("subject"),
        revision=bool(row.get("revision") or False),
        revises=row.get("revises"),
        part_of=row.get("part_of"),
        start=row["span_start"],
        end=row["span_end"],
        quote=row["quote"],
    )


_GEO_EMPTY = {
    "place_id": None,
    "place_name": None,
    "lat": None,
    "lon": None,
    "country": None,
    "admin1": None,
    "admin1_name": None,
    "admin2": None,
    "geo_precision": None,
    "place_link": None,
    "geocoder_version": None,
}


def replace_claims(conn: Connection, report_id: str, new: Sequence[Claim], version: str) -> int:
    """Replace the claims of ``report_id`` with ``new`` and mark it extracted by ``version``.

    Runs in the caller's transaction, so old claims, new claims and the report's version
    change together or not at all. Idempotent under concurrency: a claim another process
    stored meanwhile (same id, so same content) is kept, not inserted twice. Geocoding columns are left empty and the report's
    ``geocoder_version`` is cleared. Returns the number of claims stored.
    """
    conn.execute(delete(claims).where(claims.c.report_id == report_id))
    rows = []
    seen: set[str] = set()
    for claim in new:
        if claim.report_id != report_id:
            raise ValueError(f"claim {claim.id} belongs to {claim.report_id}, not {report_id}")
        c = claim if claim.id else claim.with_id()
        if c.id in seen:
            continue
        seen.add(c.id)
        rows.append({**claim_to_row(c), **_GEO_EMPTY, "extractor_version": version})
    if rows:
        # a concurrent run extracting the same report may have stored them first (ids are
        # content hashes): the same rows, kept once
        conn.execute(insert_ignoring_conflicts(conn, claims), rows)
    conn.execute(
        update(reports)
        .where(reports.c.id == report_id)
        .values(extractor_version=version, geocoder_version=None)
    )
    return len(rows)


def list_claims(
    conn: Connection,
    *,
    report_id: str | None = None,
    outcome: Outcome | None = None,
    category: Category | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
) -> list[Claim]:
    """Claims, oldest report first then by position in the report, optionally filtered."""
    query = select(claims)
    if report_id is not None:
        query = query.where(claims.c.report_id == report_id)
    if outcome is not None:
        query = query.where(claims.c.outcome == outcome.value)
    if category is not None:
        query = query.where(claims.c.category == category.value)
    if since is not None:
        query = query.where(claims.c.date_start >= since)
    if until is not None:
        query = query.where(claims.c.date_start <= until)
    query = query.order_by(claims.c.report_id, claims.c.span_start, claims.c.id)
    if limit is not None:
        query = query.limit(limit)
    return [row_to_claim(dict(r._mapping)) for r in conn.execute(query)]
