"""UCDP GED-like rows: one per reconciled fatal event, in GED's column order.

What can and cannot be filled is listed in docs/exports.md. Our geographic precision is
UCDP's ``where_prec`` scale already; ``best``/``low``/``high`` are what the event counts in a
toll, split into ``deaths_a`` (state forces), ``deaths_b`` (non-state armed groups),
``deaths_civilians`` and ``deaths_unknown`` by the event's victim category. Type of violence
and the sides' names come from the event's coding (``tollwatch.coding``); conflict and dyad
ids and names, and the sides' ids, are UCDP's own registers and stay empty.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from tollwatch.export._countries import country_name
from tollwatch.export.acled import provenance
from tollwatch.export.events import EventRecord

__all__ = ["UCDP_COLUMNS", "priogrid_gid", "ucdp_rows"]

UCDP_COLUMNS: tuple[str, ...] = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)

_DEATHS = {
    "state_forces": "deaths_a",
    "non_state_armed": "deaths_b",
    "civilians": "deaths_civilians",
    "unknown": "deaths_unknown",
}


def priogrid_gid(lat: float | None, lon: float | None) -> int | None:
    """The PRIO-GRID cell (0.5 degree, numbered from 1 at -180/-90, row by row eastwards)."""
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    row = min(int((lat + 90) / 0.5), 359)
    col = min(int((lon + 180) / 0.5), 719)
    return row * 720 + col + 1


def _date_prec(precision: str, same_day: bool) -> int | None:
    if precision == "day":
        return 1 if same_day else 2
    return {"week": 3, "month": 4, "year": 5}.get(precision)


def _row(record: EventRecord) -> dict[str, Any]:
    r = record.row
    start, end = r["date_start"], r["date_end"]
    lat, lon = r["lat"], r["lon"]
    articles = [
        " ".join(p for p in (e.source, e.published.isoformat() if e.published else None) if p)
        for e in record.evidence
    ]
    deaths = dict.fromkeys(_DEATHS.values(), 0)
    deaths[_DEATHS.get(r["category"], "deaths_unknown")] = r["counted_best"]
    return {
        "id": r["id"],
        "relid": r["id"],
        "year": start.year if start else None,
        "type_of_violence": r.get("type_of_violence"),
        "side_a": r.get("side_a"),
        "side_b": r.get("side_b"),
        "number_of_sources": len(record.distinct("report_id")),
        "source_article": "; ".join(dict.fromkeys(a for a in articles if a)) or None,
        "source_office": "; ".join(record.distinct("source")) or None,
        "source_date": "; ".join(record.distinct("published")) or None,
        "source_headline": "; ".join(record.distinct("title")) or None,
        "source_original": "; ".join(record.distinct("attributed_to")) or None,
        "where_prec": r["geo_precision"],
        "where_coordinates": r["place_name"],
        "where_description": r["place_mention"],
        "adm_1": r["admin1_name"],
        "latitude": lat,
        "longitude": lon,
        "geom_wkt": f"POINT ({lon} {lat})" if lat is not None and lon is not None else None,
        "priogrid_gid": priogrid_gid(lat, lon),
        "country": country_name(r["country"]),
        "date_prec": _date_prec(r["date_precision"], start is not None and start == end),
        "date_start": start.isoformat() if start else None,
        "date_end": end.isoformat() if end else None,
        **deaths,
        "best": r["counted_best"],
        "high": r["counted_high"],
        "low": r["counted_low"],
        **provenance(record),
    }


def ucdp_rows(records: Iterable[EventRecord]) -> Iterator[dict[str, Any]]:
    for record in records:
        yield _row(record)
