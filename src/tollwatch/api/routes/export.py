"""``/api/v1/export``: the same streamed exports as ``tollwatch export``."""

from __future__ import annotations

from itertools import chain
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from tollwatch.api.deps import READ, EngineDep, TextPolicyDep
from tollwatch.api.routes._filters import ClaimFilterDep
from tollwatch.api.routes._views import ViewDep
from tollwatch.export.stream import ExportFormat, export_chunks, filename_for, media_type

__all__ = ["router"]

# Reads: anyone when TOLLWATCH_PUBLIC_READ=true, else viewer or more.
router = APIRouter(tags=["export"], dependencies=[READ])

_CONTENT = {
    "text/csv": {"schema": {"type": "string"}},
    "application/x-ndjson": {"schema": {"type": "string"}},
    "application/geo+json": {"schema": {"type": "object"}},
}


@router.get(
    "/export",
    response_class=StreamingResponse,
    summary="Download an export (CSV, JSONL, GeoJSON, ACLED-like, UCDP GED-like)",
    responses={200: {"content": _CONTENT, "description": "The export, streamed."}},
)
def export(
    engine: EngineDep,
    policy: TextPolicyDep,
    filters: ClaimFilterDep,
    view: ViewDep,
    format: Annotated[ExportFormat, Query(description="Output format; see docs/exports.md.")],
) -> StreamingResponse:
    """Stream every matching record; memory stays flat at any size.

    csv/jsonl/geojson have one record per claim (with its quote); acled/ucdp one row per
    reconciled fatal event of the chosen ``view`` (filters: country, region, from, to,
    category). Names of people are redacted unless the caller may see originals.
    """
    chunks = export_chunks(engine, format, filters, policy, view=view)
    first = next(chunks, "")  # fail here (with a JSON error) rather than mid-stream
    return StreamingResponse(
        (chunk.encode("utf-8") for chunk in chain([first], chunks)),
        media_type=media_type(format),
        headers={"Content-Disposition": f'attachment; filename="{filename_for(format)}"'},
    )
