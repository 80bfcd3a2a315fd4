"""Incident claims -> events: the same incident told by many reports becomes one event.

Rules (docs/reconciliation.md gives the sources):

1. Claims with the same outcome, the same precise place (where_prec 1-2) and the same day
   are one incident, whatever their numbers (ACLED: same day, same place, same type = one
   event). Different places on one day, or one place on different days, stay apart.
2. A claim whose place or date is vaguer (an admin unit, a date window, no date) joins an
   incident of step 1 only when exactly one is compatible: same outcome, inside its place at
   its precision, inside its date window, victim category compatible, and counts plausible
   for one incident (within a factor of 3, or 10 apart). Otherwise it groups with claims that
   are vague in exactly the same way (meltt-style windows, without the transitivity).
3. Inside one incident, each victim category is one event. Claims with category unknown are
   read as the incident's only specific category; beside two or more specific categories they
   are the incident's total and add only what the categories leave unexplained.
4. An event's range: one figure per report (its largest for the event), low = lowest,
   high = highest, best = lower median (figures.event_range).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    DateRange,
    Event,
    GeoPrecision,
    Outcome,
    PlaceRef,
    Qualifier,
    Scope,
)
from tollwatch.reconcile.figures import Range, claim_range, event_range, is_floor, median_votes
from tollwatch.reconcile.places import fine_place_id
from tollwatch.reconcile.results import ClaimNote, EventResult, Flag, ReportInfo
from tollwatch.reconcile.retold import profile, retellings
from tollwatch.reconcile.ties import claim_names, place_words, site_names

__all__ = [
    "EARLIEST_DAY",
    "INCIDENT_LOOKBACK_DAYS",
    "LATEST_DAY",
    "Regroup",
    "claim_window",
    "cluster_incidents",
    "placeable_in_time",
    "sum_parts",
]

INCIDENT_LOOKBACK_DAYS = 3
"""An incident claim with no date happened on its report's day or up to this many days before."""

EARLIEST_DAY = date(1800, 1, 1)
LATEST_DAY = date(2199, 12, 31)
"""Claims dated (or published) outside these days cannot be placed in time: windows, look-backs
and containment spans are computed around them, and near the ends of the calendar that
arithmetic overflows. Ingest refuses such publication dates (ingest.dates); reconciliation
skips and flags claims stored before it did."""

_PLAUSIBLE_FACTOR = 3
_PLAUSIBLE_GAP = 10
TIE_FACTOR = 10
"""A claim with no place never joins an incident whose figure is this many times its own."""


def claim_window(claim: Claim, published: date | None) -> tuple[date | None, date | None]:
    """Earliest and latest day the claim's incident can have happened."""
    d = claim.date
    if d.start is not None and d.end is not None:
        return d.start, d.end
    if d.start is not None:
        if d.precision == DatePrecision.DAY:
            return d.start, d.start
        return d.start, published if published and published >= d.start else d.start
    if d.end is not None:
        return d.end - timedelta(days=INCIDENT_LOOKBACK_DAYS), d.end
    if published is not None:
        return published - timedelta(days=INCIDENT_LOOKBACK_DAYS), published
    return None, None


def placeable_in_time(claim: Claim, published: date | None) -> bool:
    """Whether every date the claim is reconciled by lies between EARLIEST_DAY and LATEST_DAY."""
    days = (claim.date.start, claim.date.end, published)
    return all(d is None or EARLIEST_DAY <= d <= LATEST_DAY for d in days)


def _day(claim: Claim) -> date | None:
    d = claim.date
    same = d.end is not None and d.end == d.start
    if d.start is not None and (same or (d.end is None and d.precision == DatePrecision.DAY)):
        return d.start
    return None


def plausible(a: int, b: int) -> bool:
    """Whether two counts can describe the same incident."""
    lo, hi = min(a, b), max(a, b)
    return hi - lo <= _PLAUSIBLE_GAP or hi <= _PLAUSIBLE_FACTOR * lo


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _compatible_category(cat: Category, cats: set[Category]) -> bool:
    specific = cats - {Category.UNKNOWN}
    return cat == Category.UNKNOWN or not specific or cat in specific


ExactKey = tuple[Outcome, str, date]


class _Group:
    __slots__ = ("_best", "attached", "cats", "claims", "key")

    def __init__(self, key: tuple[object, ...]) -> None:
        self.key = key
        self.claims: list[Claim] = []
        self.attached: dict[str, str] = {}  # claim id -> reason it joined
        self.cats: set[Category] = set()
        self._best: int | None = None

    def add(self, claim: Claim, reason: str | None = None) -> None:
        self._best = None
        self.claims.append(claim)
        self.cats.add(claim.category)
        if reason:
            self.attached[claim.id] = reason


Regroup = Callable[[list[list[str]]], list[list[str]]]
"""Reviewers' merges and splits: claim-id groups (one per incident) in, regrouped out."""


def cluster_incidents(
    claims: Sequence[Claim],
    reports: Mapping[str, ReportInfo],
    focus: Mapping[str, str | None],
    regroup: Regroup | None = None,
    story: Mapping[str, str] | None = None,
) -> tuple[list[EventResult], list[Flag]]:
    """Group incident claims (each with a stated number) into events; see the module rules.

    ``regroup`` (reviewers' merge/split overrides) is applied to the incident groups before
    any figure is computed. ``story`` maps a report to its story (copies of one story share
    it; default: each report its own story).
    """
    story = story or {}
    published = {rid: info.published for rid, info in reports.items()}
    lead = breakdown_totals(claims)
    exact: dict[ExactKey, _Group] = {}
    fuzzy: list[Claim] = []
    for claim in claims:
        if claim.id in lead:
            continue  # a part of a breakdown goes where its total goes
        pid = fine_place_id(claim.place)
        day = _day(claim)
        if pid is not None and day is not None:
            key = (claim.outcome, pid, day)
            group = exact.get(key)
            if group is None:
                group = exact[key] = _Group(key)
            group.add(claim)
        else:
            fuzzy.append(claim)

    flags: list[Flag] = []
    leftovers: dict[tuple[object, ...], _Group] = {}
    if fuzzy:
        index = _Index(exact)
        for claim in sorted(fuzzy, key=lambda c: c.id):
            lo, hi = claim_window(claim, published.get(claim.report_id))
            rng = claim_range(claim)
            assert rng is not None
            cands = [
                g
                for g in index.candidates(claim, lo, hi)
                if _compatible_category(claim.category, g.cats)
                and plausible(rng.best, _group_best(g))
            ]
            if len(cands) == 1:
                g = cands[0]
                cands[0].add(
                    claim, f"vague place or date; the only compatible incident ({g.key[2]})"
                )
                continue
            if len(cands) > 1:
                flags.append(
                    Flag(
                        "ambiguous_match",
                        claim.id,
                        f"claim fits {len(cands)} incidents; kept as its own event for review",
                        (claim.id,),
                    )
                )
            fkey = (claim.outcome, _coarse_place_key(claim, focus, story), lo, hi)
            fgroup = leftovers.get(fkey)
            if fgroup is None:
                fgroup = leftovers[fkey] = _Group(fkey)
            fgroup.add(claim)

    groups = list(exact.values()) + list(leftovers.values())
    if lead:
        home = {c.id: g for g in groups for c in g.claims}
        by_id = {c.id: c for c in claims}
        for pid in sorted(lead):
            part = by_id[pid]
            total = by_id[lead[pid]]
            home[total.id].add(
                part, f"one part of the total {_best(total)} stated with it in its report"
            )
    groups = _tie_placeless(groups, published, story, flags)
    groups = _join_retold(groups, set(map(id, exact.values())), published, focus, flags)
    if regroup is not None:
        groups = _regrouped(groups, regroup)
    events: list[EventResult] = []
    for group in groups:
        events.extend(_events_of(group, published, focus, flags, story, lead))
    # ids unique and deterministic even if two groups describe themselves identically
    seen: set[str] = set()
    unique: list[EventResult] = []
    for ev in sorted(events, key=lambda e: (e.event.id, e.event.claim_ids[0])):
        if ev.event.id in seen:
            new_id = _hash("e", ev.event.id, ev.event.claim_ids[0])
            ev = _with_id(ev, new_id)
        seen.add(ev.event.id)
        unique.append(ev)
    return unique, flags


StatementKey = tuple[str, int, int, Outcome]


def _statement(c: Claim) -> StatementKey:
    """The sentence a claim was stated in: its report, span and outcome."""
    return (c.report_id, c.start, c.end, c.outcome)


def breakdown_totals(claims: Sequence[Claim]) -> dict[str, str]:
    """Each part of a breakdown (``part_of`` set) -> the id of the total stated with it.

    The total is the claim of category unknown in the same sentence, of the same outcome,
    scope and reliability, whose figure is the one the part names ("21 people, including 13
    soldiers": the 13 is part of the 21). A part whose total is not among ``claims`` (left
    out, or never extracted) stands on its own.
    """
    totals: dict[tuple[StatementKey, int], str] = {}
    for c in claims:
        if c.category == Category.UNKNOWN and c.part_of is None and c.best is not None:
            key = (_statement(c), c.best)
            if key not in totals or c.id < totals[key]:
                totals[key] = c.id
    out: dict[str, str] = {}
    for c in claims:
        if c.part_of is not None and c.category != Category.UNKNOWN:
            found = totals.get((_statement(c), c.part_of))
            if found is not None and found != c.id:
                out[c.id] = found
    return out


def _placeless(group: _Group) -> bool:
    k = group.key[1]
    return isinstance(k, tuple) and bool(k) and k[0] == "none"


def _group_window(group: _Group, published: Mapping[str, date | None]) -> tuple[date, date]:
    los: list[date] = []
    his: list[date] = []
    for c in group.claims:
        lo, hi = claim_window(c, published.get(c.report_id))
        if lo is not None and hi is not None:
            los.append(lo)
            his.append(hi)
    if not los:
        return date.min, date.max
    return min(los), max(his)


def _tie_placeless(
    groups: list[_Group],
    published: Mapping[str, date | None],
    story: Mapping[str, str],
    flags: list[Flag],
) -> list[_Group]:
    """Join each group of claims with no place to the one incident something ties it to.

    A tie is a named site both mention (the placeless claim's subject, else its words, share a
    name with the incident's place or words) or the earlier figure a revision names ("up from
    70" and an incident of 70); the incident must be of the same outcome, overlap in time,
    have a compatible category, and a figure within TIE_FACTOR of the claim's. The incident
    sharing the most ties wins; equal candidates tie nothing (flagged ``ambiguous_match``).
    Each placeless group joins at most one target, so ties never glue two incidents.
    """
    loose = [g for g in groups if _placeless(g)]
    if not loose:
        return groups
    order = sorted(range(len(groups)), key=lambda i: str(groups[i].key))
    windows = {i: _group_window(groups[i], published) for i in order}
    names: dict[int, frozenset[str]] = {}

    def names_of(i: int) -> frozenset[str]:
        if i not in names:
            acc: frozenset[str] = frozenset()
            for c in groups[i].claims:
                acc = acc | claim_names(c)
            names[i] = acc
        return names[i]

    parent = {i: i for i in order}
    why: dict[int, str] = {}
    dated = sorted((j for j in order if windows[j][0] != date.min), key=lambda j: windows[j])
    undated = [j for j in order if windows[j][0] == date.min]
    starts = [windows[j][0] for j in dated]
    span = max(((windows[j][1] - windows[j][0]).days for j in dated), default=0)
    for i in order:
        g = groups[i]
        if not _placeless(g):
            continue
        lo, hi = windows[i]
        if lo == date.min:
            near = dated + undated
        else:
            first = bisect_left(starts, lo - timedelta(days=span))
            near = dated[first : bisect_right(starts, hi)] + undated
        outcome = g.claims[0].outcome
        # the country a claim is vaguely placed in ties nothing ("eastern Burkina Faso")
        own = frozenset().union(*(site_names(c) - place_words(c) for c in g.claims))
        revises = {c.revises for c in g.claims if c.revises is not None}
        best = -1
        scored: list[tuple[int, int, str]] = []
        for j in sorted(near):
            if j == i:
                continue
            h = groups[j]
            if h.claims[0].outcome != outcome:
                continue
            jlo, jhi = windows[j]
            if jlo > hi or jhi < lo:
                continue
            shared = own & names_of(j) if own else frozenset()
            revised = bool(revises) and bool(
                revises & {v for c in h.claims for v in (c.best, c.low) if v}
            )
            score = len(shared) + (2 if revised else 0)
            if not score:
                continue
            if not any(_compatible_category(c.category, h.cats) for c in g.claims):
                continue
            if best < 0:
                best = _group_best(g)
            other = _group_best(h)
            if max(best, other) > TIE_FACTOR * min(best, other):
                continue
            if score:  # always true here
                reason = ", ".join(sorted(shared))
                if revised:
                    reason = (reason + "; " if reason else "") + "the earlier figure it revises"
                scored.append((score, j, reason))
        if not scored:
            continue
        # an incident with a place comes first: placeless updates of one incident (all tied
        # to it) must not make each other ambiguous
        placed = [x for x in scored if not _placeless(groups[x[1]])]
        scored = placed or scored
        top = max(s for s, _, _ in scored)
        winners = [(j, r) for s, j, r in scored if s == top]
        if len(winners) > 1:
            flags.append(
                Flag(
                    "ambiguous_match",
                    min(c.id for c in g.claims),
                    f"a figure with no stated place shares as much with {len(winners)} "
                    "incidents; kept as its own event for review",
                    tuple(sorted(c.id for c in g.claims)),
                )
            )
            continue
        parent[i] = winners[0][0]
        why[i] = winners[0][1]

    def root(i: int) -> int:
        path = [i]
        while parent[path[-1]] != path[-1]:
            nxt = parent[path[-1]]
            if nxt in path:  # a cycle of placeless groups: its smallest member leads
                return min(path[path.index(nxt) :])
            path.append(nxt)
        return path[-1]

    roots = {i: root(i) for i in order}
    out: dict[int, _Group] = {}
    for i in order:
        if roots[i] == i:
            out[i] = groups[i]
    for i in order:
        r = roots[i]
        if r == i:
            continue
        for c in groups[i].claims:
            out[r].add(c, f"no stated place; tied to this incident by {why[i]}")
    return [out[i] for i in sorted(out)]


def _join_retold(
    groups: list[_Group],
    exact: set[int],
    published: Mapping[str, date | None],
    focus: Mapping[str, str | None],
    flags: list[Flag],
) -> list[_Group]:
    """Join the groups that retell one incident (retold.py): copies and features with other
    dates, the same site named as its town, its region or its country."""
    if len(groups) < 2 or not exact:
        return groups
    groups = sorted(groups, key=lambda g: min(c.id for c in g.claims))
    anchors = [id(g) in exact for g in groups]
    profiles = [
        profile(g.claims, published, focus, anchor=_anchor_key(g) if a else None)
        for g, a in zip(groups, anchors, strict=True)
    ]

    def anchor_names(i: int) -> frozenset[str]:
        return frozenset().union(*(claim_names(c) for c in groups[i].claims))

    joined, ambiguous = retellings(profiles, anchors, anchor_names)
    for i, message in ambiguous:
        ids = tuple(sorted(c.id for c in groups[i].claims))
        flags.append(Flag("ambiguous_match", ids[0], message, ids))
    if not joined:
        return groups
    parent = {j.child: j.anchor for j in joined}
    why = {j.child: j.reason for j in joined}

    def root(i: int) -> int:
        while i in parent:
            i = parent[i]
        return i

    out: dict[int, _Group] = {}
    for i, g in enumerate(groups):
        if i not in parent:
            out[i] = g
    for i in sorted(parent):
        target = out[root(i)]
        for c in groups[i].claims:
            target.add(c, groups[i].attached.get(c.id) or why[i])
    return [out[i] for i in sorted(out)]


def _anchor_key(group: _Group) -> tuple[str, date]:
    """The place id and day of an incident of rule 1 (its exact key)."""
    _, pid, day = group.key
    assert isinstance(pid, str) and isinstance(day, date)
    return pid, day


def _regrouped(groups: list[_Group], regroup: Regroup) -> list[_Group]:
    by_id = {c.id: (c, g) for g in groups for c in g.claims}
    ids = [sorted(c.id for c in g.claims) for g in sorted(groups, key=lambda g: str(g.key))]
    out: list[_Group] = []
    for new in regroup(ids):
        members = sorted((by_id[cid] for cid in new if cid in by_id), key=lambda cg: cg[0].id)
        by_outcome: dict[Outcome, list[tuple[Claim, _Group]]] = defaultdict(list)
        for claim, old in members:
            by_outcome[claim.outcome].append((claim, old))
        for part in by_outcome.values():
            homes = {id(old) for _, old in part}
            group = _Group(part[0][1].key)
            for claim, old in part:
                reason = old.attached.get(claim.id)
                if len(homes) > 1 and reason is None:
                    reason = "merged into this incident by a reviewer"
                group.add(claim, reason)
            out.append(group)
    return out


def _group_best(group: _Group) -> int:
    if group._best is None:
        ranges = [r for r in (claim_range(c) for c in group.claims) if r is not None]
        group._best = event_range(ranges).best
    return group._best


def _coarse_place_key(
    claim: Claim, focus: Mapping[str, str | None], story: Mapping[str, str]
) -> tuple[str, ...]:
    p = claim.place
    if p.place_id is not None and (p.precision is None or p.precision < GeoPrecision.REGION):
        return ("id", p.place_id)
    if p.mention and p.place_id is None:
        return ("mention", _norm(p.mention), p.country or focus.get(claim.report_id) or "")
    # a claim with no place, or placed only in a country or "the east" of one, groups only
    # with claims of its own story: two such figures of different reports are two incidents
    # unless something ties them (_tie_placeless)
    country = p.country or focus.get(claim.report_id) or ""
    return ("none", country, story.get(claim.report_id, claim.report_id))


class _ByDay:
    """Groups of one lookup key, sorted by day, sliced by a date window with bisect."""

    __slots__ = ("days", "groups")

    def __init__(self) -> None:
        self.days: list[date] = []
        self.groups: list[_Group] = []

    def add(self, day: date, group: _Group) -> None:
        self.days.append(day)
        self.groups.append(group)

    def sort(self) -> None:
        order = sorted(range(len(self.days)), key=lambda i: (self.days[i], str(self.groups[i].key)))
        self.days = [self.days[i] for i in order]
        self.groups = [self.groups[i] for i in order]

    def within(self, lo: date | None, hi: date | None) -> list[_Group]:
        if lo is None or hi is None:
            return []
        return self.groups[bisect_left(self.days, lo) : bisect_right(self.days, hi)]


class _Index:
    """Incidents of rule 1 looked up by place id, admin unit or name, then by date window."""

    def __init__(self, exact: Mapping[ExactKey, _Group]) -> None:
        self.by_place: dict[tuple[object, ...], _ByDay] = defaultdict(_ByDay)
        self.by_admin2: dict[tuple[object, ...], _ByDay] = defaultdict(_ByDay)
        self.by_admin1: dict[tuple[object, ...], _ByDay] = defaultdict(_ByDay)
        self.by_name: dict[tuple[object, ...], _ByDay] = defaultdict(_ByDay)
        for (outcome, pid, day), group in exact.items():
            place = min(group.claims, key=lambda c: c.id).place
            self.by_place[(outcome, pid)].add(day, group)
            if place.country and place.admin1:
                self.by_admin1[(outcome, place.country, place.admin1)].add(day, group)
                if place.admin2:
                    key2 = (outcome, place.country, place.admin1, place.admin2)
                    self.by_admin2[key2].add(day, group)
            # every name its claims give the place ("Mugunga" resolved to Goma beside "Goma"),
            # not only the first claim's: which claim sorts first must not decide a match
            names = {_norm(t) for c in group.claims for t in (c.place.name, c.place.mention)}
            for name in sorted(names - {""}):
                self.by_name[(outcome, name)].add(day, group)
        for table in (self.by_place, self.by_admin2, self.by_admin1, self.by_name):
            for entry in table.values():
                entry.sort()

    def candidates(self, claim: Claim, lo: date | None, hi: date | None) -> list[_Group]:
        p = claim.place
        o = claim.outcome
        pid = fine_place_id(p)
        entry: _ByDay | None = None
        if pid is not None:
            entry = self.by_place.get((o, pid))
        elif p.place_id is not None and p.country and p.admin1:
            if p.admin2 and p.precision is not None and p.precision <= 3:
                entry = self.by_admin2.get((o, p.country, p.admin1, p.admin2))
            elif p.precision is not None and p.precision <= 4:
                entry = self.by_admin1.get((o, p.country, p.admin1))
        elif p.place_id is None and p.mention:
            entry = self.by_name.get((o, _norm(p.mention)))
        return entry.within(lo, hi) if entry is not None else []


def _hash(prefix: str, *parts: object) -> str:
    key = "|".join("" if p is None else str(p) for p in parts)
    return prefix + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _with_id(ev: EventResult, new_id: str) -> EventResult:
    e = ev.event
    event = Event(
        new_id, e.outcome, e.category, e.low, e.best, e.high, e.place, e.date, e.claim_ids
    )
    return EventResult(
        event, ev.counted, ev.role, ev.report_ids, ev.notes, ev.focus_country, None, None
    )


def _apart(unknown: list[Claim], specific: list[Claim]) -> bool:
    """Whether a sentence states an unknown-category figure beside a category figure that is
    not its breakdown ("killed 12 Palestinians, and one of its soldiers"): other people."""
    said = [c for c in specific if c.part_of is None]
    return any(
        u.report_id == s.report_id
        and u.outcome == s.outcome
        and u.start < s.end
        and s.start < u.end
        for u in unknown
        for s in said
    )


def _events_of(
    group: _Group,
    published: Mapping[str, date | None],
    focus: Mapping[str, str | None],
    flags: list[Flag],
    story: Mapping[str, str],
    lead: Mapping[str, str],
) -> list[EventResult]:
    specific = sorted(group.cats - {Category.UNKNOWN})
    by_cat: dict[Category, list[Claim]] = defaultdict(list)
    unknown: list[Claim] = []
    for c in group.claims:
        (unknown if c.category == Category.UNKNOWN else by_cat[c.category]).append(c)
    place, when = _place_and_date(group, published)
    base_reason = {c.id: r for c, r in ((c, group.attached.get(c.id)) for c in group.claims) if r}
    results: list[EventResult] = []
    # a total stated with its breakdown is the incident's total, whatever the categories
    broken_down = bool(unknown) and any(c.id in lead for c in group.claims)
    if len(specific) == 1 and unknown and not broken_down and _apart(unknown, by_cat[specific[0]]):
        # the words count the unknown-category victims apart from the category's: both count
        cat = specific[0]
        results.append(
            _event(
                by_cat[cat], cat, "incident", place, when, published, focus, base_reason,
                set(), story,
            )
        )  # fmt: skip
        apart = _event(
            unknown, Category.UNKNOWN, "incident", place, when, published, focus, base_reason,
            set(), story,
        )  # fmt: skip
        why = (
            f"category unknown, stated apart from the {cat.value} in the same sentence: "
            "other people, counted beside them"
        )
        results.append(_noted(apart, why))
    elif len(specific) <= 1 and not broken_down:
        cat = specific[0] if specific else Category.UNKNOWN
        members = by_cat.get(cat, []) + unknown if specific else unknown
        read_as = {c.id for c in unknown} if specific else set()
        results.append(
            _event(
                members, cat, "incident", place, when, published, focus, base_reason, read_as, story
            )
        )
    else:
        # two or more categories, or a total with its breakdown: one event per category and
        # the total adding only what the categories leave unexplained
        parts = [
            _event(
                by_cat[cat],
                cat,
                "incident",
                place,
                when,
                published,
                focus,
                base_reason,
                set(),
                story,
            )
            for cat in specific
        ]
        results.extend(parts)
        if unknown:
            total = _event(
                unknown,
                Category.UNKNOWN,
                "total",
                place,
                when,
                published,
                focus,
                base_reason,
                set(),
                story,
            )
            explained = Range(0, 0, 0)
            for p in parts:
                explained = explained + p.counted
            results.append(
                EventResult(
                    total.event,
                    total.range.residual(explained),
                    "total",
                    total.report_ids,
                    total.notes,
                    total.focus_country,
                )
            )
    for ev in results:
        r = ev.range
        if r.high > _PLAUSIBLE_FACTOR * r.low + _PLAUSIBLE_GAP:
            flags.append(
                Flag(
                    "wide_range",
                    ev.id,
                    f"reports of this incident range from {r.low} to {r.high}",
                    ev.event.claim_ids,
                )
            )
    return results


def _place_and_date(
    group: _Group, published: Mapping[str, date | None]
) -> tuple[PlaceRef, DateRange]:
    def place_rank(c: Claim) -> tuple[int, str]:
        prec = c.place.precision if c.place.precision is not None else 1
        return (prec if c.place.place_id else 9, c.id)

    def date_rank(c: Claim) -> tuple[int, str]:
        lo, hi = claim_window(c, published.get(c.report_id))
        width = (hi - lo).days if lo and hi else 10**6
        return (width, c.id)

    place = min(group.claims, key=place_rank).place
    best = min(group.claims, key=date_rank)
    lo, hi = claim_window(best, published.get(best.report_id))
    if best.date.start is not None:
        when = DateRange(lo, hi, best.date.precision, best.date.expression, best.date.anchor)
    else:
        when = DateRange(lo, hi, DatePrecision.UNKNOWN, None, published.get(best.report_id))
    if lo is not None and lo == hi:
        when = DateRange(lo, hi, DatePrecision.DAY, when.expression, when.anchor)
    return place, when


_INCIDENT_TOLL = Scope.INCIDENT_TOLL


def _running(c: Claim) -> bool:
    """A figure that revises a running toll of one incident ("has risen to 27")."""
    return c.revision or c.scope is _INCIDENT_TOLL


def _event(
    members: list[Claim],
    category: Category,
    role: str,
    place: PlaceRef,
    when: DateRange,
    published: Mapping[str, date | None],
    focus: Mapping[str, str | None],
    attached: Mapping[str, str],
    read_as: set[str],
    story: Mapping[str, str],
) -> EventResult:
    all_members = members
    members, notes, sums = sum_parts(members)
    # one figure per story: copies of one story are one source (IBC counts independent
    # sources only); the other reports of a story corroborate it
    # an armed group's own claim is a rival figure of the incident, apart from the other
    # figures of its story ("the group says it killed 47 soldiers"; "the army says five")
    by_story: dict[str, list[Claim]] = defaultdict(list)
    for c in members:
        sid = story.get(c.report_id, c.report_id)
        party = armed_party(c)
        by_story[sid if party is None else f"{sid}|{party}"].append(c)
    heads: list[tuple[str, Claim, date | None]] = []
    for sid in sorted(by_story):
        # a revision heads its report ("corrected to 34" beside the retracted 40), then the
        # largest figure
        group = by_story[sid]
        if len(group) == 1:
            head = group[0]
            heads.append((sid, head, published.get(head.report_id)))
            ranked = group
        else:
            ranked = sorted(group, key=lambda c: (not c.revision, -_best(c), c.id))
            head = ranked[0]
            days = [d for d in (published.get(c.report_id) for c in ranked) if d is not None]
            heads.append((sid, head, min(days) if days else published.get(head.report_id)))
        for other in ranked[1:]:
            if other.report_id != head.report_id and _best(other) == _best(head):
                notes.append(
                    ClaimNote(
                        other.id,
                        "copy",
                        f"report {other.report_id} is a copy of the story of report "
                        f"{head.report_id}: corroboration, not an independent source",
                        other.report_id,
                    )
                )
                continue
            notes.append(
                ClaimNote(
                    other.id,
                    "merged",
                    f"the same story gives {_best(head)} for this incident; its {_best(other)} "
                    "is taken as part of that figure, not added",
                    other.report_id,
                )
            )
    # a running toll of one incident: the latest day's figures replace the earlier ones;
    # low/high keep the disagreement among the reports of that day, not the history
    latest, latest_head, later = _running_latest(heads)
    figures: list[Range] = []
    floors: list[bool] = []
    counted: list[str] = []
    top = _best(latest_head) if latest_head is not None else 0
    for _, head, day in heads:
        rid = head.report_id
        # an undated report cannot be put in order: a figure below the toll's latest is one
        # of its earlier counts; one at least as high may be its newest, and stays beside it
        undated_top = (
            latest is not None and day is None and _best(head) >= top and armed_party(head) is None
        )
        if latest is not None and not undated_top and (day is None or day < latest):
            assert latest_head is not None
            notes.append(
                ClaimNote(
                    head.id,
                    "superseded",
                    f"an earlier figure of this incident's running toll ({day}): superseded by "
                    f"{_best(latest_head)} of report {latest_head.report_id} ({latest})",
                    rid,
                )
            )
            continue
        if latest is not None and day is not None and day > latest:
            assert latest_head is not None
            notes.append(
                ClaimNote(
                    head.id,
                    "superseded",
                    f"a later report ({day}) retells a lower figure than this incident's "
                    f"running toll ({_best(latest_head)} of report {latest_head.report_id}, "
                    f"{latest}) with no revision cue: an earlier figure retold, not a new count",
                    rid,
                )
            )
            continue
        figures.append(claim_range(head) or Range(0, 0, 0))
        floors.append(is_floor(head))
        counted.append(head.id)
        why = f"figure of report {rid}"
        if latest is not None:
            why += f"; the running toll's latest day ({latest})"
        if head.id in later:
            why += "; a later report's figure, at least the running toll's: it carries the toll on"
        if head.id in sums:
            why += f"; {sums[head.id]}"
        party = armed_party(head)
        if party is not None and len(by_story) > 1:
            why += (
                f"; the claim of an armed party ({party}): a rival figure of the incident, "
                "kept apart from the other figures of its report, part of the range, never added"
            )
        if undated_top:
            why += (
                "; an undated report whose figure is at least the running toll's latest: "
                "it may be the newest count"
            )
        if head.id in read_as:
            why += f"; category unknown, read as {category.value} (the incident's only category)"
        if head.id in attached:
            why += f"; {attached[head.id]}"
        notes.append(ClaimNote(head.id, "figure" if role == "incident" else "total", why, rid))
    by_report = {c.report_id for c in members}
    rng = event_range(figures, floors)
    votes = median_votes(figures, floors)
    floor_ids = {cid for cid, r, v in zip(counted, figures, votes, strict=True) if v != r.best}
    if floor_ids:
        notes = [
            replace(
                n,
                reason=f"{n.reason}; a lower bound: it agrees with the larger figures of the "
                "other reports, so it does not pull the best down (it stays the low)",
            )
            if n.claim_id in floor_ids and n.role == "figure"
            else n
            for n in notes
        ]
    if role == "total":
        notes = [
            ClaimNote(
                n.claim_id,
                n.role if n.role in ("merged", "part", "superseded", "copy") else "total",
                n.reason + "; category unknown beside per-category figures: the incident's "
                "total, adding only what they leave unexplained",
                n.report_id,
            )
            for n in notes
        ]
    claim_ids = tuple(sorted(c.id for c in all_members))
    place_key = place.place_id or _norm(place.mention) or ""
    countries = sorted({focus[r] for r in by_report if focus.get(r)}, key=lambda c: (c is None, c))
    country = place.country or (countries[0] if countries else None)
    # the country keeps ids apart across partitions (an unresolved name in two countries)
    event_id = _hash(
        "e", role, members[0].outcome.value, category.value, place_key, when.start, when.end,
        country,
    )  # fmt: skip
    event = Event(
        id=event_id,
        outcome=members[0].outcome,
        category=category,
        low=rng.low,
        best=rng.best,
        high=rng.high,
        place=place,
        date=when,
        claim_ids=claim_ids,
    )
    return EventResult(
        event=event,
        counted=rng,
        role=role,
        report_ids=tuple(sorted(by_report)),
        notes=tuple(sorted(notes, key=lambda n: n.claim_id)),
        focus_country=country,
    )


def _running_latest(
    heads: Sequence[tuple[str, Claim, date | None]],
) -> tuple[date | None, Claim | None, frozenset[str]]:
    """The latest day of an incident's running toll, its largest figure that day, and the
    plain figures of later reports that carry it on.

    A running figure is a revision or an incident_toll claim. A report of a later day with no
    revision cue whose figure is at least the running toll's ("11", "risen to 18", then a
    bulletin of "22") is the toll's newest figure (UCDP revises first codings); a later, lower
    figure with no cue is an earlier figure retold (a feature, a repost) and supersedes
    nothing. Walked in order of day, then figure, so the input order never matters.
    """
    running = [(h, d) for _, h, d in heads if d is not None and _running(h)]
    if not running:
        return None, None, frozenset()
    latest = max(d for _, d in running)
    top = max(_best(h) for h, d in running if d == latest)
    later: set[str] = set()
    # an armed party's own claim is a rival figure, never the toll's newest figure
    plain = sorted(
        (
            (d, _best(h), h.id)
            for _, h, d in heads
            if d is not None and d > latest and armed_party(h) is None
        ),
        key=lambda t: (t[0], t[1], t[2]),
    )
    days = sorted({d for d, _, _ in plain})
    for day in days:
        that_day = [(b, cid) for d, b, cid in plain if d == day]
        if max(b for b, _ in that_day) >= top:
            latest = day
            top = max(b for b, _ in that_day)
            later.update(cid for _, cid in that_day)
    # later-day figures below the toll on the new latest day stay that day's disagreement
    pool = [(h, d) for _, h, d in heads if d == latest]
    head = max((h for h, _ in pool), key=lambda h: (_best(h), h.id))
    return latest, head, frozenset(later)


def armed_party(c: Claim) -> str | None:
    """The armed group whose own statement the claim is (source entity ``nsa:...``), if any."""
    entity = c.source_entity or ""
    return entity if entity.startswith("nsa:") else None


def _noted(ev: EventResult, why: str) -> EventResult:
    """The event with ``why`` added to the reason of each figure it counts."""
    notes = tuple(
        replace(n, reason=f"{n.reason}; {why}") if n.role == "figure" else n for n in ev.notes
    )
    return replace(ev, notes=notes)


PartSums = dict[str, str]
"""The claim carrying a sum of parts -> how the sum was made ("25 + 54 = 79")."""


def sum_parts(members: Sequence[Claim]) -> tuple[list[Claim], list[ClaimNote], PartSums]:
    """Parts of one breakdown naming the same category are one figure: their sum.

    "90 killed: 25 SDF members, 54 tribal fighters and 11 civilians" gives non-state armed
    79 (25 + 54), not the larger part. The part with the smallest id carries the sum; the
    others are listed beside it (role ``part``).
    """
    sums: PartSums = {}
    by_statement: dict[tuple[StatementKey, Category, int], list[Claim]] = defaultdict(list)
    for c in members:
        if c.part_of is not None:
            by_statement[(_statement(c), c.category, c.part_of)].append(c)
    if all(len(v) < 2 for v in by_statement.values()):
        return list(members), [], sums
    replaced: dict[str, Claim] = {}
    dropped: set[str] = set()
    notes: list[ClaimNote] = []
    for same in by_statement.values():
        if len(same) < 2:
            continue
        same = sorted(same, key=lambda c: c.id)
        ranges = [claim_range(c) or Range(0, 0, 0) for c in same]
        total = sum(ranges[1:], ranges[0])
        head = same[0]
        words = " + ".join(str(b) for b in sorted(r.best for r in ranges))
        replaced[head.id] = replace(
            head,
            low=total.low,
            best=total.best,
            high=total.high,
            qualifier=Qualifier.RANGE if total.low != total.high else head.qualifier,
            quantity_text=f"{words} = {total.best}",
        )
        sums[head.id] = (
            f"the parts of one breakdown naming {head.category.value} added up "
            f"({words} = {total.best} of the stated {head.part_of})"
        )
        for other in same[1:]:
            dropped.add(other.id)
            notes.append(
                ClaimNote(
                    other.id,
                    "part",
                    f"a part of the same breakdown and category as claim {head.id}: "
                    f"added to it ({words} = {total.best})",
                    other.report_id,
                )
            )
    out = [replaced.get(c.id, c) for c in members if c.id not in dropped]
    return out, notes, sums


def _best(c: Claim) -> int:
    r = claim_range(c)
    return r.best if r else 0
