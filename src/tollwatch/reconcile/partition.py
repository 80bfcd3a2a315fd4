"""Partitions: the sets of claims reconciled together. Pure.

``reconcile`` and the stored ``reconcile_all`` both reconcile each partition by itself, so the
two give the same events, series and scopes for the same claims, and a new report makes
``reconcile_all`` recompute only the partitions it falls in.

A claim's partition is the country it (or its running toll) is about (``partition_of``).
Claims of reports that name no country at all (no resolved place, no country inherited
from their words) would otherwise form a partition of their own, apart from the incidents
they retell: an unresolved "Town 9" that only the gazetteer-placed reports of another
country name, a placeless "the toll has risen to 27" tied by a site or by the figure it
revises, a wire copy of a placed story. Such a report joins the partitions of everything
reconciliation could match it with (``_links``, an over-approximation of the cross-claim
rules of cluster.py, contain.py, series.py, stories.py and core.py); when that is more than
one country, those countries become one partition (named by joining their codes with "+").
What nothing links stays in partition "".
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from tollwatch.models import Claim, GeoPrecision, Reliability, Scope
from tollwatch.reconcile.cluster import claim_window
from tollwatch.reconcile.places import region_for
from tollwatch.reconcile.results import Reconciliation, ReportInfo
from tollwatch.reconcile.series import source_name
from tollwatch.reconcile.stories import stories
from tollwatch.reconcile.ties import claim_names, names_in, place_words, site_names

__all__ = ["PART_LENGTH", "partition_claims", "partition_of", "rekey"]

PART_LENGTH = 8
"""Stored partition keys are at most this long (the ``part`` columns)."""

_LOOSE = "\x00"  # prefix of a union-find node that is a report with no country


def partition_of(claim: Claim, focus: Mapping[str, str | None]) -> str:
    """The country a claim (or its running toll) is about; "" when it names none.

    Claims of different countries never share an event, a running toll or a scope.
    """
    f = focus.get(claim.report_id)
    if claim.scope == Scope.CUMULATIVE:
        return region_for(claim.place, f).country or ""
    return claim.place.country or f or ""


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


Window = tuple[date | None, date | None]


def _placeless(c: Claim) -> bool:
    """Grouped by story alone (cluster._coarse_place_key's "none"), and so tied by names."""
    p = c.place
    if p.place_id is not None and (p.precision is None or p.precision < GeoPrecision.REGION):
        return False
    return not (p.mention and p.place_id is None)


Key = tuple[object, ...]


def _keys(
    c: Claim,
    focus: Mapping[str, str | None],
    outlet: str | None,
    wanted: set[object] | None = None,
) -> tuple[list[Key], list[Key]]:
    """What a claim looks for (seeks) in others, and what others may find in it (holds).

    ``wanted`` (kinds of key, and ("word", outcome) pairs) skips the holds nobody seeks.
    """
    o = c.outcome.value
    seeks: list[Key] = []
    holds: list[Key] = []
    p = c.place

    def want(kind: str) -> bool:
        return wanted is None or kind in wanted

    # an unresolved name joins an incident placed at a place of that name (cluster._Index)
    if want("name"):
        for name in {_norm(p.name), _norm(p.mention)} - {""}:
            holds.append(("name", o, name))
    if p.place_id is None and p.mention:
        seeks.append(("name", o, _norm(p.mention)))
    if wanted is None or ("word", o) in wanted:
        holds.extend(("word", o, w) for w in claim_names(c))
    if want("value"):
        if c.best is not None:
            holds.append(("value", o, c.best))
        if c.low is not None and c.low != c.best:
            holds.append(("value", o, c.low))
    if c.scope != Scope.CUMULATIVE and _placeless(c):
        # a placeless figure ties by a named site or the figure it revises (_tie_placeless)
        seeks.extend(("word", o, w) for w in site_names(c) - place_words(c))
        if c.revises is not None:
            seeks.append(("value", o, c.revises))
    if c.scope == Scope.CUMULATIVE:
        region = region_for(c.place, focus.get(c.report_id), c.quote)
        # bulletins of one region are one series, and its families one scope (series.py)
        seeks.append(("series", o, region.key))
        holds.append(("series", o, region.key))
        if region.level == "named":
            # a named area covers the incidents whose words name it, and is the same ground
            # as the same name elsewhere (contain._covers, places.regions_overlap)
            seeks.extend(("word", o, w) for w in region.words)
            # ... or a side of the fighting both name (ties.party_names: names of its words)
            seeks.extend(("word", o, w) for w in names_in(c.quote) | names_in(c.subject))
            seeks.append(("area", region.name))
            holds.append(("area", region.name))
    # a correction withdraws the figure from the outlet's earlier reports (core._apply_corrections)
    if outlet and c.best is not None:
        if want("outlet"):
            holds.append(("outlet", o, outlet, c.best))
        if c.reliability == Reliability.RETRACTED:
            seeks.append(("outlet", o, outlet, c.best))
    return seeks, holds


def _overlap(a: Window, b: Window, slack: int) -> bool:
    if a[0] is None or a[1] is None or b[0] is None or b[1] is None:
        return True
    return (a[0] - b[1]).days <= slack and (b[0] - a[1]).days <= slack


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _links(
    claims: Sequence[Claim],
    base: Mapping[str, str],
    infos: Mapping[str, ReportInfo],
    focus: Mapping[str, str | None],
) -> Iterable[tuple[str, str]]:
    """Pairs of nodes (a country, or _LOOSE + a report id) that reconciliation could join."""

    def node(c: Claim) -> str:
        part = base[c.id]
        return part if part else _LOOSE + c.report_id

    windows: dict[str, Window] = {}
    widest = 0
    for c in claims:
        info = infos.get(c.report_id)
        w = claim_window(c, info.published if info else None)
        windows[c.id] = w
        if w[0] is not None and w[1] is not None:
            widest = max(widest, (w[1] - w[0]).days)
    # a group's window lies within widest days of each member's (they share a day)
    seekers: dict[Key, list[Claim]] = defaultdict(list)
    holders: dict[Key, list[Claim]] = defaultdict(list)

    def outlet(c: Claim) -> str | None:
        info = infos.get(c.report_id)
        return source_name(info.source) if info and info.source else None

    loose = [c for c in claims if not base[c.id]]
    loose_keys: set[Key] = set()
    sought: set[Key] = set()
    for c in loose:
        seeks, holds = _keys(c, focus, outlet(c))
        sought.update(seeks)
        loose_keys.update(seeks)
        loose_keys.update(holds)
        for k in seeks:
            seekers[k].append(c)
        for k in holds:
            holders[k].append(c)
    # what others hold matters only where a loose claim seeks it
    wanted: set[object] = {k[0] for k in sought}
    wanted |= {k[:2] for k in sought if k[0] == "word"}
    for c in claims:
        if not base[c.id]:
            continue
        seeks, holds = _keys(c, focus, outlet(c), wanted)
        for k in seeks:
            if k in loose_keys:
                seekers[k].append(c)
        for k in holds:
            if k in loose_keys:
                holders[k].append(c)
    for k, found in seekers.items():
        held = holders.get(k, [])
        timed = k[0] in ("name", "word", "value")
        # two countries are never joined by a rule, only through a report of neither
        pairs = [(s, h) for s in found if not base[s.id] for h in held]
        pairs += [(s, h) for s in found if base[s.id] for h in held if not base[h.id]]
        for s, h in pairs:
            if s.report_id == h.report_id:
                continue
            # a running toll's period is not its claim's window: it is not timed here
            cumulative = s.scope == Scope.CUMULATIVE
            if timed and not cumulative and not _overlap(windows[s.id], windows[h.id], widest):
                continue
            yield node(s), node(h)
    # copies of one story and duplicates are one source (stories.py, core._dedupe)
    loose_reports = {c.report_id for c in claims if not base[c.id]}
    story = stories(claims, infos)
    if any(r in story for r in loose_reports):
        by_story: dict[str, set[str]] = defaultdict(set)
        for c in claims:
            sid = story.get(c.report_id)
            if sid is not None:
                by_story[sid].add(node(c))
        for nodes in by_story.values():
            if any(n.startswith(_LOOSE) for n in nodes):
                first, *rest = sorted(nodes)
                for n in rest:
                    yield first, n
    from tollwatch.reconcile.core import _signature as signature

    def cheap(c: Claim) -> tuple[object, ...]:
        info = infos.get(c.report_id)
        return (info.published if info else None, c.outcome, c.best, c.place.place_id)

    near = {cheap(c) for c in loose}
    same: dict[tuple[object, ...], set[str]] = defaultdict(set)
    for c in claims:
        if cheap(c) in near:
            same[signature(c, infos)].add(node(c))
    for nodes in same.values():
        if len(nodes) > 1 and any(n.startswith(_LOOSE) for n in nodes):
            first, *rest = sorted(nodes)
            for n in rest:
                yield first, n


def _name(countries: Sequence[str]) -> str:
    joined = "+".join(countries)
    if len(joined) <= PART_LENGTH:
        return joined
    return "+" + hashlib.sha256(joined.encode("utf-8")).hexdigest()[: PART_LENGTH - 1]


def partition_claims(
    claims: Sequence[Claim],
    reports: Mapping[str, ReportInfo],
    focus: Mapping[str, str | None],
) -> dict[str, list[Claim]]:
    """The claims of each partition, by partition key (see the module's docstring).

    ``focus`` is every report's country focus (``core.focus_countries`` of all the claims).
    Claims keep their order within a partition.
    """
    base = {c.id: partition_of(c, focus) for c in claims}
    parts: dict[str, list[Claim]] = defaultdict(list)
    if all(base.values()):
        for c in claims:
            parts[base[c.id]].append(c)
        return dict(parts)
    uf = _Union()
    for a, b in _links(claims, base, reports, focus):
        uf.union(a, b)
    members: dict[str, set[str]] = defaultdict(set)
    for country in set(base.values()) - {""}:
        members[uf.find(country)].add(country)
    key: dict[str, str] = {root: _name(sorted(cs)) for root, cs in members.items()}
    for c in claims:
        part = base[c.id]
        if part:
            parts[key[uf.find(part)]].append(c)
        else:
            parts[key.get(uf.find(_LOOSE + c.report_id), "")].append(c)
    return dict(parts)


def rekey(rec: Reconciliation, part: str) -> Reconciliation:
    """Ids that stay unique across partitions: an event of no country outside partition ""
    (a report of no country joined to a country's partition) has the partition in its id, as
    two such events of two partitions could otherwise describe themselves identically."""
    if not part:
        return rec
    new: dict[str, str] = {}
    events = []
    for ev in rec.events:
        if ev.event.place.country or ev.focus_country:
            events.append(ev)
            continue
        key = "|".join((ev.id, part))
        new[ev.id] = "e" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
        events.append(replace(ev, event=replace(ev.event, id=new[ev.id])))
    if not new:
        return rec
    flags = [
        replace(f, subject_id=new[f.subject_id]) if f.subject_id in new else f for f in rec.flags
    ]
    flags.sort(key=lambda f: (f.kind, f.subject_id, f.message))
    return replace(
        rec,
        events=tuple(sorted(events, key=lambda e: e.id)),
        flags=tuple(flags),
    )
