"""ACLED-like rows: one per reconciled fatal event, in ACLED's column order.

What can and cannot be filled is listed in docs/exports.md. In short: ``fatalities`` is the
conservative (low) figure of what the event counts, as ACLED codes the most conservative
report; event type, sub-event type, actors, inter codes and interaction come from the
event's coding (``tollwatch.coding``, stored with the event); disorder type follows from the
event type; ACLED's region, associated actors and admin-2/3 names stay empty.
``tollwatch_*`` columns keep our full range and the claims and reports every number rests on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from tollwatch.export._countries import country_name, iso_numeric
from tollwatch.export.events import EventRecord

__all__ = ["ACLED_COLUMNS", "TOLLWATCH_COLUMNS", "acled_rows", "provenance"]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: Appended to both event-level exports: our range and the evidence behind every number.
TOLLWATCH_COLUMNS: tuple[str, ...] = (
    "tollwatch_category",
    "tollwatch_low",
    "tollwatch_best",
    "tollwatch_high",
    "tollwatch_role",
    "tollwatch_covered_by",
    "tollwatch_claim_ids",
    "tollwatch_report_ids",
)

_TIME_PRECISION = {"day": 1, "week": 2, "month": 3}
# ACLED's disorder type by event type (2023 codebook)
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# UCDP where_prec (our GeoPrecision) -> ACLED geo_precision; country-level and international
# events have no ACLED code.
_GEO_PRECISION = {1: 1, 2: 2, 3: 3, 4: 3, 5: 3}


def provenance(record: EventRecord) -> dict[str, Any]:
    """The ``tollwatch_*`` columns of an event."""
    r = record.row
    return {
        "tollwatch_category": r["category"],
        "tollwatch_low": r["low"],
        "tollwatch_best": r["best"],
        "tollwatch_high": r["high"],
        "tollwatch_role": r["role"],
        "tollwatch_covered_by": r["scope_id"],
        "tollwatch_claim_ids": " ".join(e.claim_id for e in record.evidence),
        "tollwatch_report_ids": " ".join(record.distinct("report_id")),
    }


def _row(record: EventRecord) -> dict[str, Any]:
    r = record.row
    start = r["date_start"]
    country = country_name(r["country"])
    etype = r.get("event_type")
    civilians = r["category"] == "civilians" or r.get("inter2") == 7
    quotes = [e.quote for e in record.evidence if e.quote]
    actor2 = r.get("actor2") or (
        f"Civilians ({country})" if r["category"] == "civilians" and country else None
    )
    return {
        "event_id_cnty": r["id"],
        "event_date": start.isoformat() if start else None,
        "year": start.year if start else None,
        "time_precision": _TIME_PRECISION.get(r["date_precision"]),
        "disorder_type": _DISORDER.get(etype) if etype else None,
        "event_type": etype,
        "sub_event_type": r.get("sub_event_type"),
        "actor1": r.get("actor1"),
        "inter1": r.get("inter1"),
        "actor2": actor2,
        "inter2": r.get("inter2") if r.get("actor2") else (7 if actor2 else None),
        "interaction": r.get("interaction"),
        "civilian_targeting": "Civilian targeting" if civilians else None,
        "iso": iso_numeric(r["country"]),
        "country": country,
        "admin1": r["admin1_name"],
        "location": r["place_name"] or r["place_mention"],
        "latitude": r["lat"],
        "longitude": r["lon"],
        "geo_precision": _GEO_PRECISION.get(r["geo_precision"] or 0),
        "source": "; ".join(record.distinct("source")) or None,
        "notes": " | ".join(quotes) or None,
        "fatalities": r["counted_low"],
        **provenance(record),
    }


def acled_rows(records: Iterable[EventRecord]) -> Iterator[dict[str, Any]]:
    for record in records:
        yield _row(record)
