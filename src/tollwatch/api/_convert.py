"""Database rows -> HTTP schemas, with the caller's text policy applied to every text field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tollwatch.api.schemas import (
    ClaimPublic,
    DatePublic,
    EvidencePublic,
    IngestFailurePublic,
    PlacePublic,
    PlaceRefPublic,
    ReportPublic,
    SourcePublic,
)
from tollwatch.export.policy import TextPolicy

__all__ = [
    "claim_public",
    "failure_public",
    "place_public",
    "report_public",
    "source_public",
]

Row = Mapping[Any, Any]


def claim_public(row: Row, policy: TextPolicy) -> ClaimPublic:
    """A ``claims`` row joined with report/source columns (see ``claim_rows``)."""
    # The numbers of a sensitive report still count; its words are not shown.
    sensitive = bool(row.get("report_sensitive"))
    rid = row["report_id"]
    quote = policy.report_text(row["quote"], sensitive=sensitive, report_id=rid)
    return ClaimPublic(
        id=row["id"],
        report_id=row["report_id"],
        outcome=row["outcome"],
        low=row["low"],
        best=row["best"],
        high=row["high"],
        qualifier=row["qualifier"],
        quantity_text=row["quantity_text"],
        category=row["category"],
        children=row["children"],
        women=row["women"],
        men=row["men"],
        perpetrator=policy.text(row["perpetrator"], report_id=rid),
        attributed_to=policy.attribution(row["attributed_to"], sensitive=sensitive, report_id=rid),
        scope=row["scope"],
        reliability=row.get("reliability") or "reported",
        source_entity=policy.source_entity(
            row.get("source_entity"),
            attributed_to=row["attributed_to"],
            sensitive=sensitive,
            report_id=rid,
        ),
        subject=row.get("subject"),
        revision=bool(row.get("revision") or False),
        revises=row.get("revises"),
        part_of=row.get("part_of"),
        place=PlaceRefPublic(
            mention=row["place_mention"],
            place_id=row["place_id"],
            name=row["place_name"],
            lat=row["lat"],
            lon=row["lon"],
            country=row["country"],
            admin1=row["admin1"],
            admin1_name=row["admin1_name"],
            admin2=row["admin2"],
            precision=row["geo_precision"],
            link=row.get("place_link"),
        ),
        date=DatePublic(
            start=row["date_start"],
            end=row["date_end"],
            precision=row["date_precision"] or "unknown",
            expression=row["date_expression"],
            anchor=row["date_anchor"],
        ),
        evidence=EvidencePublic(
            report_id=row["report_id"],
            start=row["span_start"],
            end=row["span_end"],
            quote=quote,
        ),
        review_state=row["review_state"] or "unreviewed",
        extractor_version=row["extractor_version"],
        source=row.get("source_name"),
        report_published=row.get("report_published"),
        report_title=policy.report_text(
            row.get("report_title"), sensitive=sensitive, report_id=rid
        ),
        report_url=policy.url(row.get("report_url"), sensitive=sensitive),
    )


def report_fields(row: Row, policy: TextPolicy) -> dict[str, Any]:
    """Fields shared by ``ReportPublic`` and ``ReportDetail``."""
    return {
        "id": row["id"],
        "title": policy.report_text(
            row["title"], sensitive=bool(row["sensitive"]), report_id=row["id"]
        ),
        "url": policy.url(row["url"], sensitive=bool(row["sensitive"])),
        "source": row.get("source_name"),
        "published": row["published"],
        "date_missing": bool(row["date_missing"]),
        "language": row["language"],
        "sensitive": bool(row["sensitive"]),
        "ingested_at": row["ingested_at"],
        "claim_count": int(row.get("claim_count") or 0),
    }


def report_public(row: Row, policy: TextPolicy) -> ReportPublic:
    return ReportPublic(**report_fields(row, policy))


def source_public(row: Row) -> SourcePublic:
    return SourcePublic(
        id=row["id"],
        name=row["name"],
        kind=row["kind"],
        report_count=int(row.get("report_count") or 0),
    )


def place_public(row: Row) -> PlacePublic:
    return PlacePublic(
        id=row["id"],
        name=row["name"],
        lat=row["lat"],
        lon=row["lon"],
        country=row["country"],
        admin1=row["admin1"],
        admin1_name=row["admin1_name"],
        admin2=row["admin2"],
        admin2_name=row["admin2_name"],
        feature_class=row["feature_class"],
        feature_code=row["feature_code"],
        population=int(row["population"] or 0),
        claim_count=int(row.get("claim_count") or 0),
    )


def failure_public(row: Row) -> IngestFailurePublic:
    return IngestFailurePublic(
        id=row["id"],
        origin=row["origin"],
        line=row["line"],
        code=row["code"],
        reason=row["reason"],
        created_at=row["created_at"],
        attempts=int(row["attempts"] or 1),
        resolved_at=row["resolved_at"],
        raw_size=row.get("raw_size"),
    )
