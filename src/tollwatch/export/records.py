"""Flat export records, streamed from the database in constant memory.

A record is a plain ``dict`` of JSON-ready values whose keys are :data:`CLAIM_COLUMNS`; every
writer (CSV, JSONL, GeoJSON) takes the same records, so the formats never disagree.
Rows are fetched with a server-side cursor on PostgreSQL (``yield_per``) and SQLite's lazy
cursor, so memory stays flat however many rows match.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection

from tollwatch.export.filters import ClaimFilter, claim_rows
from tollwatch.export.policy import TextPolicy
from tollwatch.store.tables import claims

__all__ = ["BATCH", "CLAIM_COLUMNS", "claim_record", "claim_records", "json_value"]

BATCH = 2000

#: Column order of a claim export (CSV header, JSONL keys, GeoJSON properties + lat/lon).
CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "report_id",
    "source",
    "report_published",
    "report_url",
    "outcome",
    "low",
    "best",
    "high",
    "qualifier",
    "quantity_text",
    "category",
    "children",
    "women",
    "men",
    "perpetrator",
    "attributed_to",
    "scope",
    "place_mention",
    "place_id",
    "place_name",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin1_name",
    "admin2",
    "geo_precision",
    "date_start",
    "date_end",
    "date_precision",
    "date_expression",
    "span_start",
    "span_end",
    "quote",
    "review_state",
    "extractor_version",
)


def json_value(value: Any) -> Any:
    """Dates as ISO strings; everything else as is."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def claim_record(row: Mapping[Any, Any], policy: TextPolicy) -> dict[str, Any]:
    """One ``claim_rows`` row as an export record, text shown as ``policy`` allows."""
    sensitive = bool(row["report_sensitive"])
    return {
        "claim_id": row["id"],
        "report_id": row["report_id"],
        "source": row["source_name"],
        "report_published": json_value(row["report_published"]),
        "report_url": policy.url(row["report_url"], sensitive=sensitive),
        "outcome": row["outcome"],
        "low": row["low"],
        "best": row["best"],
        "high": row["high"],
        "qualifier": row["qualifier"],
        "quantity_text": row["quantity_text"],
        "category": row["category"],
        "children": row["children"],
        "women": row["women"],
        "men": row["men"],
        "perpetrator": policy.text(row["perpetrator"], report_id=row["report_id"]),
        "attributed_to": policy.attribution(
            row["attributed_to"], sensitive=sensitive, report_id=row["report_id"]
        ),
        "scope": row["scope"],
        "place_mention": row["place_mention"],
        "place_id": row["place_id"],
        "place_name": row["place_name"],
        "lat": row["lat"],
        "lon": row["lon"],
        "country": row["country"],
        "admin1": row["admin1"],
        "admin1_name": row["admin1_name"],
        "admin2": row["admin2"],
        "geo_precision": row["geo_precision"],
        "date_start": json_value(row["date_start"]),
        "date_end": json_value(row["date_end"]),
        "date_precision": row["date_precision"],
        "date_expression": row["date_expression"],
        "span_start": row["span_start"],
        "span_end": row["span_end"],
        "quote": policy.report_text(row["quote"], sensitive=sensitive, report_id=row["report_id"]),
        "review_state": row["review_state"],
        "extractor_version": row["extractor_version"],
    }


def claim_records(
    conn: Connection, filters: ClaimFilter, policy: TextPolicy
) -> Iterator[dict[str, Any]]:
    """Every claim matching ``filters`` in a stable order (event date, then id), streamed."""
    stmt = claim_rows(filters).order_by(
        claims.c.date_start.asc().nulls_last(), claims.c.report_id, claims.c.id
    )
    result = conn.execution_options(yield_per=BATCH).execute(stmt)
    for row in result.mappings():
        yield claim_record(row, policy)
