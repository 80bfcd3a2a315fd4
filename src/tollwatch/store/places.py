"""Storage of geocoding results: the ``places`` table and the place columns of ``claims``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, bindparam, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from tollwatch.models import Place, PlaceRef
from tollwatch.store.tables import claims, places, reports

__all__ = [
    "ClaimPlaceRow",
    "PlaceCount",
    "claims_for_report",
    "list_places",
    "mark_reports",
    "pending_reports",
    "set_claim_place",
    "set_claim_places",
    "upsert_places",
]


@dataclass(frozen=True, slots=True)
class ClaimPlaceRow:
    id: str
    place_mention: str | None
    span_start: int
    span_end: int
    scope: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceCount:
    place: Place
    claims: int


def pending_reports(
    conn: Connection, version: str, report_ids: Sequence[str] | None, *, force: bool
) -> list[tuple[str, str]]:
    """(id, text) of reports not yet geocoded by ``version`` (all of them when ``force``)."""
    q = select(reports.c.id, reports.c.text).order_by(reports.c.id)
    if report_ids is not None:
        q = q.where(reports.c.id.in_(list(report_ids)))
    if not force:
        q = q.where(
            or_(reports.c.geocoder_version.is_(None), reports.c.geocoder_version != version)
        )
    return [(r.id, r.text) for r in conn.execute(q)]


def claims_for_report(conn: Connection, report_id: str) -> list[ClaimPlaceRow]:
    q = (
        select(
            claims.c.id,
            claims.c.place_mention,
            claims.c.span_start,
            claims.c.span_end,
            claims.c.scope,
        )
        .where(claims.c.report_id == report_id)
        .order_by(claims.c.span_start, claims.c.id)
    )
    return [
        ClaimPlaceRow(r.id, r.place_mention, r.span_start, r.span_end, r.scope)
        for r in conn.execute(q)
    ]


def _place_values(ref: PlaceRef, version: str) -> dict[str, object]:
    return {
        "place_id": ref.place_id,
        "place_name": ref.name,
        "lat": ref.lat,
        "lon": ref.lon,
        "country": ref.country,
        "admin1": ref.admin1,
        "admin1_name": ref.admin1_name,
        "admin2": ref.admin2,
        "geo_precision": int(ref.precision) if ref.precision is not None else None,
        "place_link": ref.link,
        "geocoder_version": version,
    }


def set_claim_place(conn: Connection, claim_id: str, ref: PlaceRef, version: str) -> None:
    """Write a geocoding result into the claim's place columns (unresolved: ids and points NULL)."""
    conn.execute(
        update(claims).where(claims.c.id == claim_id).values(**_place_values(ref, version))
    )


def set_claim_places(
    conn: Connection, results: Sequence[tuple[str, PlaceRef]], version: str
) -> None:
    """``set_claim_place`` for many claims in one executemany (a report with thousands of
    claims is not written row by row)."""
    if not results:
        return
    keys = list(_place_values(PlaceRef(), version))
    stmt = (
        update(claims)
        .where(claims.c.id == bindparam("claim_id"))
        .values({k: bindparam(f"p_{k}") for k in keys})
    )
    rows = [
        {"claim_id": cid, **{f"p_{k}": v for k, v in _place_values(ref, version).items()}}
        for cid, ref in results
    ]
    conn.execute(stmt, rows)


def mark_reports(conn: Connection, report_ids: Iterable[str], version: str) -> None:
    ids = list(report_ids)
    if ids:
        conn.execute(update(reports).where(reports.c.id.in_(ids)).values(geocoder_version=version))


def _row(p: Place) -> dict[str, object]:
    return {
        "id": p.id,
        "name": p.name,
        "lat": p.lat,
        "lon": p.lon,
        "country": p.country,
        "admin1": p.admin1,
        "admin1_name": p.admin1_name,
        "admin2": p.admin2,
        "admin2_name": p.admin2_name,
        "feature_class": p.feature_class,
        "feature_code": p.feature_code,
        "population": p.population,
    }


def upsert_places(conn: Connection, items: Iterable[Place]) -> int:
    """Insert or refresh ``places`` rows; returns how many were written."""
    rows = list({p.id: _row(p) for p in items}.values())
    if not rows:
        return 0
    dialect = conn.engine.dialect.name
    stmt: sqlite.Insert | postgresql.Insert = (
        postgresql.insert(places) if dialect == "postgresql" else sqlite.insert(places)
    )
    cols = {k: stmt.excluded[k] for k in rows[0] if k != "id"}
    conn.execute(stmt.on_conflict_do_update(index_elements=[places.c.id], set_=cols), rows)
    return len(rows)


def list_places(engine: Engine) -> list[PlaceCount]:
    """Resolved places with the number of claims that point at each, most claims first."""
    n = func.count(claims.c.id).label("n")
    q = (
        select(places, n)
        .join(claims, claims.c.place_id == places.c.id)
        .group_by(*places.c)
        .order_by(n.desc(), places.c.name)
    )
    with engine.connect() as conn:
        out = []
        for r in conn.execute(q):
            out.append(
                PlaceCount(
                    Place(
                        id=r.id,
                        name=r.name,
                        lat=r.lat,
                        lon=r.lon,
                        country=r.country,
                        admin1=r.admin1,
                        admin2=r.admin2,
                        feature_class=r.feature_class,
                        feature_code=r.feature_code,
                        population=r.population or 0,
                        admin1_name=r.admin1_name,
                        admin2_name=r.admin2_name,
                    ),
                    int(r.n),
                )
            )
    return out
