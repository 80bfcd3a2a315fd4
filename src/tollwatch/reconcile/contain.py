"""Containment: which running toll covers which incident.

A running toll covers the incidents of its outcome inside its region and period: from its
stated start (or CUMULATIVE_LOOKBACK_DAYS before its first bulletin) to its latest bulletin.
An incident after the latest bulletin is not in it and adds on top. An incident with no
resolved place is inside a country-level toll of its reports' country; a toll with no place
and no country covers only the placeless incidents of its own reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from tollwatch.models import Outcome
from tollwatch.reconcile.places import region_contains
from tollwatch.reconcile.results import EventResult, ReportInfo, ScopeResult
from tollwatch.reconcile.series import Family

__all__ = ["contain"]


def _event_window(ev: EventResult, reports: Mapping[str, ReportInfo]) -> tuple[date, date] | None:
    d = ev.event.date
    if d.start is not None and d.end is not None:
        return d.start, d.end
    pubs = [p for p in (reports[r].published for r in ev.report_ids if r in reports) if p]
    if pubs:
        return min(pubs), min(pubs)
    return None


def _covers(fam: Family, ev: EventResult, reports: Mapping[str, ReportInfo]) -> bool:
    if fam.region.level == "unknown":
        place = ev.event.place
        return (
            place.place_id is None
            and place.country is None
            and ev.focus_country is None
            and bool(fam.report_ids.intersection(ev.report_ids))
        )
    if not region_contains(fam.region, ev.event.place, ev.focus_country):
        return False
    window = _event_window(ev, reports)
    if window is None or fam.period_start is None or fam.period_end is None:
        return bool(fam.report_ids.intersection(ev.report_ids))
    return window[0] <= fam.period_end and window[1] >= fam.period_start


def contain(
    events: Sequence[EventResult],
    families: Sequence[Family],
    scopes: Sequence[ScopeResult],
    reports: Mapping[str, ReportInfo],
) -> list[EventResult]:
    """Mark each event with the scope whose running toll covers it (if any)."""
    scope_of = {fid: s.id for s in scopes for fid in s.family_ids}
    by_key: dict[tuple[Outcome, str | None], list[Family]] = defaultdict(list)
    for fam in sorted(families, key=lambda f: f.id):
        by_key[(fam.outcome, fam.region.country)].append(fam)
    out: list[EventResult] = []
    for ev in events:
        country = ev.event.place.country or ev.focus_country
        cands = by_key.get((ev.event.outcome, country), []) + by_key.get(
            (ev.event.outcome, None), []
        )
        hit = next((f for f in cands if _covers(f, ev, reports)), None)
        if hit is None:
            out.append(ev)
            continue
        reason = (
            f"inside the running toll of {hit.source} for {hit.region.describe()} "
            f"from {hit.period_start} to {hit.period_end}: already counted there, not added"
        )
        out.append(replace(ev, scope_id=scope_of[hit.id], cover_reason=reason))
    return out
