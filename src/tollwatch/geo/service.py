"""Geocode stored claims: the edge between the pure resolver and the database.

``geocode_reports`` is incremental: it visits reports whose ``geocoder_version`` differs from
``GEOCODER_VERSION`` (or all with ``force``), resolves each claim's ``place_mention`` in the
context of its whole report and links each claim to its place (``tollwatch.geo.linking``:
own clause, lede, attribution, focus), writes the claim's place columns, upserts ``places`` and marks the
report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine

from tollwatch.geo.builtin import ensure_gazetteer
from tollwatch.geo.gazetteer import Gazetteer
from tollwatch.geo.linking import ClaimSpot, place_claims
from tollwatch.geo.recognise import Toponym, recognise
from tollwatch.geo.resolver import GeoContext, build_context
from tollwatch.models import Place
from tollwatch.store.engine import transaction
from tollwatch.store.places import (
    claims_for_report,
    mark_reports,
    pending_reports,
    set_claim_places,
    upsert_places,
)

__all__ = [
    "GEOCODER_VERSION",
    "GeocodeStats",
    "geocode_reports",
    "load_gazetteer",
    "report_context",
]

GEOCODER_VERSION = "geo-9"
NEAR_CHARS = 250  # admin names this close to a claim's evidence count as "near" it


@dataclass(frozen=True, slots=True)
class GeocodeStats:
    reports: int = 0
    claims: int = 0
    resolved: int = 0
    unresolved: int = 0
    without_mention: int = 0
    places: int = 0


@lru_cache(maxsize=4)
def _load(path: Path) -> Gazetteer:
    return Gazetteer(path)


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer at ``path`` or in the settings or the built-in one (built on first use)."""
    if path is None:
        from tollwatch.config import get_settings

        path = get_settings().gazetteer_path
    return _load(ensure_gazetteer(path).resolve())


def report_context(
    text: str, gazetteer: Gazetteer, toponyms: Sequence[Toponym] | None = None
) -> GeoContext:
    """The context of a whole report: its country focus and anchor places."""
    found = recognise(text, gazetteer) if toponyms is None else toponyms
    return build_context([t.text for t in found], gazetteer)


def geocode_reports(
    engine: Engine,
    report_ids: Sequence[str] | None = None,
    *,
    force: bool = False,
    gazetteer: Gazetteer | None = None,
    batch: int = 100,
    progress: Callable[[int], object] | None = None,
) -> GeocodeStats:
    """Geocode the claims of pending reports; returns what was done.

    ``progress`` is called with the number of reports done so far after each batch.
    """
    gaz = gazetteer or load_gazetteer()
    with engine.connect() as conn:
        todo = pending_reports(conn, GEOCODER_VERSION, report_ids, force=force)
    stats = GeocodeStats()
    for i in range(0, len(todo), batch):
        chunk = todo[i : i + batch]
        new_places: dict[str, Place] = {}
        with transaction(engine) as conn:
            for report_id, text in chunk:
                rows = claims_for_report(conn, report_id)
                spots = [
                    ClaimSpot(r.span_start, r.span_end, r.place_mention, r.scope == "cumulative")
                    for r in rows
                ]
                results = list(zip(rows, place_claims(text, spots, gaz), strict=True))
                set_claim_places(conn, [(row.id, ref) for row, ref in results], GEOCODER_VERSION)
                for row, ref in results:
                    stats = replace(stats, claims=stats.claims + 1)
                    if not row.place_mention or not row.place_mention.strip():
                        stats = replace(stats, without_mention=stats.without_mention + 1)
                    if ref.place_id:
                        stats = replace(stats, resolved=stats.resolved + 1)
                        entry = gaz.get(ref.place_id)
                        if entry is not None:
                            new_places[entry.pid] = gaz.to_place(entry)
                    else:
                        stats = replace(stats, unresolved=stats.unresolved + 1)
            n = upsert_places(conn, new_places.values())
            mark_reports(conn, [rid for rid, _ in chunk], GEOCODER_VERSION)
        stats = replace(stats, reports=stats.reports + len(chunk), places=stats.places + n)
        if progress is not None:
            progress(stats.reports)
    return stats
