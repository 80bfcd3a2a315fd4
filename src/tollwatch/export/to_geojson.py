"""GeoJSON (RFC 7946) FeatureCollection for GIS, written feature by feature.

Each record becomes a Feature with a Point at ``[lon, lat]`` (WGS 84); a record whose place
was not resolved keeps ``"geometry": null`` rather than being dropped or guessed, so totals
in a GIS match totals in a spreadsheet. ``lat``/``lon`` are not repeated in properties.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

__all__ = ["geojson_chunks"]


def _feature(record: Mapping[str, Any], columns: Sequence[str], id_key: str) -> dict[str, Any]:
    lat, lon = record.get("lat"), record.get("lon")
    geometry = (
        {"type": "Point", "coordinates": [lon, lat]}
        if lat is not None and lon is not None
        else None
    )
    return {
        "type": "Feature",
        "id": record.get(id_key),
        "geometry": geometry,
        "properties": {c: record.get(c) for c in columns if c not in ("lat", "lon")},
    }


def geojson_chunks(
    records: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    id_key: str,
    rows_per_chunk: int = 500,
) -> Iterator[str]:
    """A FeatureCollection as text, streamed ``rows_per_chunk`` features at a time."""
    parts: list[str] = ['{"type": "FeatureCollection", "features": [\n']
    first = True
    for record in records:
        text = json.dumps(_feature(record, columns, id_key), ensure_ascii=False)
        parts.append(text if first else ",\n" + text)
        first = False
        if len(parts) >= rows_per_chunk:
            yield "".join(parts)
            parts = []
    parts.append("\n]}\n")
    yield "".join(parts)
