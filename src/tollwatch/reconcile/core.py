"""``reconcile(claims, reports)``: claims in, events, running tolls and flags out. Pure.

Order-independent and idempotent: claims are deduplicated by id and every step works on
sorted input, so any ingest order, or the same report twice, gives the same result and the
same ids (event ids hash the event's outcome, category, place and dates).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from tollwatch.models import Claim, Scope
from tollwatch.reconcile.cluster import cluster_incidents
from tollwatch.reconcile.contain import contain
from tollwatch.reconcile.figures import claim_range
from tollwatch.reconcile.results import ClaimNote, Reconciliation, ReportInfo
from tollwatch.reconcile.series import build_scopes, build_series
from tollwatch.reconcile.tally import tally

__all__ = ["focus_countries", "reconcile"]


def focus_countries(claims: Sequence[Claim]) -> dict[str, str | None]:
    """Each report's country focus: the country most of its geocoded claims are in."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for c in claims:
        counter = counts[c.report_id]  # every report gets an entry
        if c.place.country:
            counter[c.place.country] += 1
    focus: dict[str, str | None] = {}
    for rid, counter in counts.items():
        if not counter:
            focus[rid] = None
            continue
        focus[rid] = min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return focus


def _dedupe(claims: Sequence[Claim]) -> list[Claim]:
    by_id: dict[str, Claim] = {}
    for c in claims:
        if not c.id:
            c = c.with_id()
        prev = by_id.get(c.id)
        if prev is None or repr(c) < repr(prev):
            by_id[c.id] = c
    return [by_id[k] for k in sorted(by_id)]


def reconcile(claims: Sequence[Claim], reports: Mapping[str, ReportInfo]) -> Reconciliation:
    """Reconcile claims into events, running-toll series and scopes (docs/reconciliation.md).

    ``reports`` gives each report's publication date and outlet; a claim whose report is
    missing from it is reconciled with no date and no outlet. Claims that state no number
    are returned in ``excluded`` and count nowhere.
    """
    unique = _dedupe(claims)
    infos = dict(reports)
    for c in unique:
        if c.report_id not in infos:
            infos[c.report_id] = ReportInfo(c.report_id)
    excluded: list[ClaimNote] = []
    incidents: list[Claim] = []
    cumulative: list[Claim] = []
    for c in unique:
        if claim_range(c) is None:
            excluded.append(
                ClaimNote(c.id, "excluded", "states no number; counted nowhere", c.report_id)
            )
        elif c.scope == Scope.CUMULATIVE:
            cumulative.append(c)
        else:
            incidents.append(c)
    focus = focus_countries(unique)
    events, flags = cluster_incidents(incidents, infos, focus)
    families, series_flags = build_series(cumulative, infos, focus)
    scopes, scope_flags = build_scopes(families)
    events = contain(events, families, scopes, infos)
    _, tally_flags = tally(events, scopes)
    all_flags = flags + series_flags + scope_flags + tally_flags
    all_flags.sort(key=lambda f: (f.kind, f.subject_id, f.message))
    return Reconciliation(
        events=tuple(sorted(events, key=lambda e: e.id)),
        series=tuple(sorted((s for f in families for s in f.series), key=lambda s: s.id)),
        scopes=tuple(scopes),
        flags=tuple(all_flags),
        excluded=tuple(excluded),
    )
