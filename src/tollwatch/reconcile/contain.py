"""Containment: which running toll covers which incident.

A running toll covers the incidents of its outcome inside its region and period: from its
stated start (or CUMULATIVE_LOOKBACK_DAYS before its first bulletin) to its latest bulletin
(or to the stated end of a closed period told later: "in May", "from 11 to 17 November").
An incident after the latest bulletin is not in it and adds on top. An incident with no
resolved place is inside a country-level toll of its reports' country; a toll with no place
and no country covers only the placeless incidents of its own reports. A toll of an area the
gazetteer does not know covers the incidents of its period whose words name the area or a side
of the fighting its words name ("ELN"), never the others: where the area lies is not known.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

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


def _parties(fam: Family, ev: EventResult, parties: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """The names (not places) both a named area's toll and an incident give: the sides of the
    fighting the toll counts ("since fighting between the ELN and FARC dissidents broke out")
    and the attackers of the incident ("ELN fighters raided homes in Tibu")."""
    return parties.get(fam.id, frozenset()) & parties.get(ev.id, frozenset())


def _covers(
    fam: Family,
    ev: EventResult,
    reports: Mapping[str, ReportInfo],
    names: Mapping[str, frozenset[str]],
    parties: Mapping[str, frozenset[str]],
) -> bool:
    if fam.region.level == "named":
        # an area the gazetteer does not know covers the incidents whose words name it
        country = ev.event.place.country or ev.focus_country
        if fam.region.country and country and country != fam.region.country:
            return False
        words = fam.region.words
        if not words or not (words <= names.get(ev.id, frozenset()) or _parties(fam, ev, parties)):
            return False
        window = _event_window(ev, reports)
        if window is None or fam.period_start is None or fam.period_end is None:
            return bool(fam.report_ids.intersection(ev.report_ids))
        return window[0] <= fam.period_end and window[1] >= fam.period_start
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


class _FamilyIndex:
    """Families looked up by outcome, country and admin-1, then by period (bisect on start)."""

    def __init__(self, families: Sequence[Family]) -> None:
        lists: dict[tuple[Outcome, str | None, str | None], list[Family]] = defaultdict(list)
        for fam in families:
            r = fam.region
            admin1 = r.admin1 if r.level in ("admin1", "admin2", "place") else None
            # a named area is also looked up by incidents of no known country
            country = None if r.level == "named" else r.country
            lists[(fam.outcome, country, admin1)].append(fam)
        self.lists: dict[tuple[Outcome, str | None, str | None], _Sorted] = {
            k: _Sorted(v) for k, v in lists.items()
        }

    def candidates(self, ev: EventResult, window: tuple[date, date] | None) -> list[Family]:
        p = ev.event.place
        outcome = ev.event.outcome
        country = p.country or ev.focus_country
        keys: list[tuple[Outcome, str | None, str | None]] = [
            (outcome, country, None),
            (outcome, None, None),
        ]
        if p.admin1 and p.place_id:
            keys.insert(0, (outcome, country, p.admin1))
        out: list[Family] = []
        for key in keys:
            found = self.lists.get(key)
            if found is not None:
                out.extend(found.overlapping(window))
        return sorted(out, key=lambda f: f.id)


class _Sorted:
    def __init__(self, families: list[Family]) -> None:
        dated = [f for f in families if f.period_start is not None and f.period_end is not None]
        dated.sort(key=lambda f: (f.period_start, f.id))
        self.dated = dated
        self.starts: list[date] = [f.period_start or date.min for f in dated]
        self.longest = max(
            (
                (f.period_end - f.period_start).days
                for f in dated
                if f.period_end and f.period_start
            ),
            default=0,
        )
        self.undated = [f for f in families if f.period_start is None or f.period_end is None]

    def overlapping(self, window: tuple[date, date] | None) -> list[Family]:
        if window is None:
            return self.dated + self.undated
        lo = bisect_left(self.starts, window[0] - timedelta(days=self.longest))
        hi = bisect_right(self.starts, window[1])
        return [f for f in self.dated[lo:hi] if (f.period_end or date.min) >= window[0]] + (
            self.undated
        )


def contain(
    events: Sequence[EventResult],
    families: Sequence[Family],
    scopes: Sequence[ScopeResult],
    reports: Mapping[str, ReportInfo],
    names: Mapping[str, frozenset[str]] | None = None,
    parties: Mapping[str, frozenset[str]] | None = None,
) -> list[EventResult]:
    """Mark each event with the scope whose running toll covers it (if any).

    ``names`` gives each event's names (its claims' places and words), needed only when a
    running toll's area is named but not resolved; ``parties`` gives, by family id and event
    id, the names their words give that are not places (see ``_parties``).
    """
    names = names or {}
    parties = parties or {}
    scope_of = {fid: s.id for s in scopes for fid in s.family_ids}
    index = _FamilyIndex(families)
    out: list[EventResult] = []
    for ev in events:
        window = _event_window(ev, reports)
        hit = next(
            (f for f in index.candidates(ev, window) if _covers(f, ev, reports, names, parties)),
            None,
        )
        if hit is None:
            out.append(ev)
            continue
        tie = ""
        if hit.region.level == "named" and not hit.region.words <= names.get(ev.id, frozenset()):
            both = ", ".join(sorted(_parties(hit, ev, parties)))
            tie = f" (its words do not name the area; the toll and the incident both name {both})"
        reason = (
            f"inside the running toll of {hit.source} for {hit.region.describe()} "
            f"from {hit.period_start} to {hit.period_end}{tie}: already counted there, not added"
        )
        out.append(replace(ev, scope_id=scope_of[hit.id], cover_reason=reason))
    return out
