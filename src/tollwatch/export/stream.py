"""One entry point for every export format: ``export_chunks(engine, format, ...)``.

Used by ``tollwatch export`` (written to a file) and ``GET /api/v1/export`` (streamed as the
response body). The database connection lives exactly as long as the iteration.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from sqlalchemy import Engine

from tollwatch.export.acled import ACLED_COLUMNS, TOLLWATCH_COLUMNS, acled_rows
from tollwatch.export.events import event_records
from tollwatch.export.filters import ClaimFilter
from tollwatch.export.policy import TextPolicy
from tollwatch.export.records import CLAIM_COLUMNS, claim_records
from tollwatch.export.to_csv import csv_chunks
from tollwatch.export.to_geojson import geojson_chunks
from tollwatch.export.to_jsonl import jsonl_chunks
from tollwatch.export.ucdp import UCDP_COLUMNS, ucdp_rows

__all__ = ["ExportFormat", "export_chunks", "filename_for", "media_type"]


class ExportFormat(StrEnum):
    CSV = "csv"
    JSONL = "jsonl"
    GEOJSON = "geojson"
    ACLED = "acled"
    UCDP = "ucdp"


_MEDIA = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.JSONL: "application/x-ndjson; charset=utf-8",
    ExportFormat.GEOJSON: "application/geo+json; charset=utf-8",
    ExportFormat.ACLED: "text/csv; charset=utf-8",
    ExportFormat.UCDP: "text/csv; charset=utf-8",
}
_SUFFIX = {
    ExportFormat.CSV: "csv",
    ExportFormat.JSONL: "jsonl",
    ExportFormat.GEOJSON: "geojson",
    ExportFormat.ACLED: "acled.csv",
    ExportFormat.UCDP: "ucdp.csv",
}


def media_type(fmt: ExportFormat) -> str:
    return _MEDIA[fmt]


def filename_for(fmt: ExportFormat) -> str:
    return f"tollwatch-export.{_SUFFIX[fmt]}"


def export_chunks(
    engine: Engine,
    fmt: ExportFormat,
    filters: ClaimFilter,
    policy: TextPolicy,
    *,
    view: str = "all",
) -> Iterator[str]:
    """The export as text chunks; memory stays flat however many rows match.

    csv/jsonl/geojson: one record per claim. acled/ucdp: one row per reconciled fatal event
    of ``view`` ("all" or "verified" claims).
    """
    with engine.connect() as conn:
        if fmt is ExportFormat.CSV:
            yield from csv_chunks(claim_records(conn, filters, policy), CLAIM_COLUMNS)
        elif fmt is ExportFormat.JSONL:
            yield from jsonl_chunks(claim_records(conn, filters, policy), CLAIM_COLUMNS)
        elif fmt is ExportFormat.GEOJSON:
            yield from geojson_chunks(
                claim_records(conn, filters, policy), CLAIM_COLUMNS, id_key="claim_id"
            )
        elif fmt is ExportFormat.ACLED:
            rows = acled_rows(event_records(conn, filters, policy, view=view))
            yield from csv_chunks(rows, ACLED_COLUMNS + TOLLWATCH_COLUMNS)
        else:
            rows = ucdp_rows(event_records(conn, filters, policy, view=view))
            yield from csv_chunks(rows, UCDP_COLUMNS + TOLLWATCH_COLUMNS)
