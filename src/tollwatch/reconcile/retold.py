"""One incident retold: groups of claims that are the same incident placed or dated vaguely.

Copies of one story carry different dates (an undated page, a repost weeks later, an
anniversary feature) and name the same site at different levels (a concert hall, its town,
the capital, the country). After the same-place-same-day rule and the vague-claim matching
(cluster.py), such retellings are left as separate groups. This module finds which of them
are one incident (docs/reconciliation.md, rule 3.8):

1. **Anchors** are groups with a precise place and a stated day (ACLED's same day, same
   place). Two anchors at the same place within ``SLACK_DAYS`` are one incident when the
   later one is a running toll ("risen to", an incident_toll) with a compatible figure: a
   toll updated the next day is not a new attack.
2. **Retellings**: every other group joins the **one** anchor it is compatible with: same
   outcome, compatible category, largest figures compatible (within a factor of 3 or 10
   apart; ``RUNNING_FACTOR`` when a running toll is involved, whose first count is often far
   below its last), its place the anchor's, a town within ``NEAR_SITE_KM`` that gives one of
   its figures, or an area containing it; its stated dates on the anchor's day (up to
   ``SLACK_DAYS`` later for a running toll's update); a report with no date in its words not
   older than the incident, and more than ``RETOLD_DAYS`` later only when it repeats one of
   the incident's figures. A group placed only in an area or nowhere must also be tied to
   the anchor: a figure above 10 both give, a site both name, or a running toll's update on
   its day. When several anchors fit, it joins none (``ambiguous_match``). Retellings join
   anchors only, never each other, so a chain of vague groups cannot glue two incidents
   together.

Pure and order-independent: groups are profiled from their claims and compared in a fixed
order of their contents.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial

from tollwatch.models import Category, Claim, GeoPrecision, Outcome, PlaceRef, Scope
from tollwatch.reconcile.figures import claim_range
from tollwatch.reconcile.places import distance_km, fine_place_id
from tollwatch.reconcile.ties import place_words_of, site_names

__all__ = [
    "NEAR_SITE_KM",
    "RETOLD_DAYS",
    "RUNNING_FACTOR",
    "SLACK_DAYS",
    "Profile",
    "Retelling",
    "profile",
    "retellings",
]

SLACK_DAYS = 3
"""Stated dates this close can be one incident (a toll given the next day dated by its day)."""
RETOLD_DAYS = 3
"""A report with no date in its words more than this much later than the incident (its own
look-back, cluster.INCIDENT_LOOKBACK_DAYS) retells it only with one of its figures."""
NEAR_SITE_KM = 30.0
"""Two precise places this close can be one site named twice (a hall, the town next to it)
when one gives a figure of the other's running toll."""
RUNNING_FACTOR = 10
_FACTOR = 3
_GAP = 10
_CELL = 0.5  # degrees: the grid near places are looked up in
_KINDS = frozenset(
    """town city village hall camp market district province region state county capital
    street road square centre center school hospital mosque church station north south east
    west northern southern eastern western central""".split()  # noqa: SIM905
)
"""Words that name a kind of place, not a site: "City" in two names ties nothing."""


@dataclass(frozen=True, slots=True)
class Profile:
    """What a group of claims says about its incident."""

    outcome: Outcome
    cats: frozenset[Category]
    country: str
    place: PlaceRef | None  # the finest resolved place among its claims
    fine: bool
    stated: tuple[date, date] | None  # dates the words state
    reported: tuple[date, date] | None  # publication days of claims that state no date
    figures: frozenset[int]
    low: int
    high: int
    running: bool
    key: str  # a stable name for ordering
    names: frozenset[str] = frozenset()  # names its words give (ties of a vague group)


@dataclass(frozen=True, slots=True)
class Retelling:
    """Group ``child`` is the incident of group ``anchor`` (indices into the input)."""

    child: int
    anchor: int
    reason: str


def _running(c: Claim) -> bool:
    return c.revision or c.scope is Scope.INCIDENT_TOLL


def profile(
    claims: Sequence[Claim],
    published: Mapping[str, date | None],
    focus: Mapping[str, str | None],
    *,
    anchor: tuple[str, date] | None = None,
) -> Profile:
    """The profile of one group of claims (all of one outcome). ``anchor`` is the place id
    and day of an anchor (a precise place and a stated day), which are its place and dates.
    A group's names are the sites its words name beyond its own place ("the Crocus hall" in
    a claim placed only in the country); an anchor's are read only when a vague group needs
    them (``anchor_names``)."""
    figures = frozenset(
        c.best if c.best is not None else r.best
        for c, r in ((c, claim_range(c)) for c in claims)
        if r is not None
    )
    if anchor is not None:
        pid, day = anchor
        at = min((c for c in claims if c.place.place_id == pid), key=lambda c: c.id).place
        return Profile(
            outcome=claims[0].outcome,
            cats=frozenset(c.category for c in claims),
            country=at.country or "",
            place=at,
            fine=True,
            stated=(day, day),
            reported=None,
            figures=figures,
            low=min(figures) if figures else 0,
            high=max(figures) if figures else 0,
            running=any(_running(c) for c in claims),
            key=min(c.id for c in claims),
        )
    resolved = [c for c in claims if c.place.place_id is not None]
    place: PlaceRef | None = None
    if resolved:
        best = min(
            resolved,
            key=lambda c: (
                c.place.precision if c.place.precision is not None else GeoPrecision.EXACT,
                c.place.place_id or "",
                c.id,
            ),
        )
        place = best.place
    countries = sorted(
        {c.place.country for c in claims if c.place.country}
        | ({focus.get(c.report_id) or "" for c in claims} if place is None else set())
    )
    country = (place.country if place is not None else None) or (countries[-1] if countries else "")
    stated_los = [c.date.start for c in claims if c.date.start is not None]
    stated_his = [c.date.end or c.date.start for c in claims if c.date.start is not None]
    stated = (min(stated_los), max(d for d in stated_his if d is not None)) if stated_los else None
    days = [d for d in (published.get(c.report_id) for c in claims if c.date.start is None) if d]
    reported = (min(days), max(days)) if days else None
    return Profile(
        outcome=claims[0].outcome,
        cats=frozenset(c.category for c in claims),
        country=country,
        place=place,
        fine=place is not None and fine_place_id(place) is not None,
        stated=stated,
        reported=reported,
        figures=figures,
        low=min(figures) if figures else 0,
        high=max(figures) if figures else 0,
        running=any(_running(c) for c in claims),
        key=min(c.id for c in claims),
        names=frozenset()
        if place is not None and fine_place_id(place) is not None
        else frozenset().union(*(site_names(c) - _resolved_words(c) for c in claims)),
    )


def _resolved_words(c: Claim) -> frozenset[str]:
    """The words of the place a claim was resolved to ("Russia"): naming it ties nothing.
    The words of its mention stay: "Crocus City Hall" resolved only to the country is
    still a site."""
    return place_words_of(c.place.name)


def _compatible_counts(a: Profile, b: Profile) -> bool:
    """Whether the largest figures of two groups can be one incident's: within a factor of 3
    or 10 apart, a factor of RUNNING_FACTOR when either is a running toll. (Their largest:
    a group's smaller figures may be early counts or sub-counts, which prove nothing.)"""
    factor = RUNNING_FACTOR if a.running or b.running else _FACTOR
    lo, hi = min(a.high, b.high), max(a.high, b.high)
    return hi - lo <= _GAP or hi <= factor * lo


def _compatible_category(a: Profile, b: Profile) -> bool:
    sa, sb = a.cats - {Category.UNKNOWN}, b.cats - {Category.UNKNOWN}
    return not sa or not sb or bool(sa & sb)


def _contains(outer: PlaceRef | None, inner: PlaceRef, country: str) -> bool:
    """Whether a (vaguer) place contains a precise one: same id, or an admin unit, a region
    or a country it lies in; no place at all contains what lies in its report's country."""
    if outer is None:
        return bool(country) and inner.country == country
    if outer.place_id == inner.place_id:
        return True
    prec = outer.precision if outer.precision is not None else GeoPrecision.EXACT
    if outer.country != inner.country or not outer.country:
        return False
    if prec >= GeoPrecision.REGION:
        return True
    if prec == GeoPrecision.ADM1:
        return bool(outer.admin1) and outer.admin1 == inner.admin1
    if prec == GeoPrecision.ADM2:
        return bool(outer.admin2) and outer.admin1 == inner.admin1 and outer.admin2 == inner.admin2
    return False


def _near(a: PlaceRef, b: PlaceRef) -> bool:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= NEAR_SITE_KM


class _ByDay:
    """Anchors of one key sorted by day, sliced by a date window with bisect."""

    __slots__ = ("days", "groups")

    def __init__(self) -> None:
        self.days: list[date] = []
        self.groups: list[int] = []

    def add(self, day: date, i: int) -> None:
        self.days.append(day)
        self.groups.append(i)

    def sort(self, profiles: Sequence[Profile]) -> None:
        order = sorted(
            range(len(self.days)), key=lambda x: (self.days[x], profiles[self.groups[x]].key)
        )
        self.days = [self.days[x] for x in order]
        self.groups = [self.groups[x] for x in order]

    def within(self, lo: date, hi: date) -> list[int]:
        return self.groups[bisect_left(self.days, lo) : bisect_right(self.days, hi)]


def _anchor_day(p: Profile) -> date:
    assert p.stated is not None
    return p.stated[0]


def _cell(place: PlaceRef) -> tuple[int, int] | None:
    if place.lat is None or place.lon is None:
        return None
    return (math.floor(place.lat / _CELL), math.floor(place.lon / _CELL))


def retellings(
    profiles: Sequence[Profile],
    anchors: Sequence[bool],
    anchor_names: Callable[[int], frozenset[str]] = lambda i: frozenset(),
) -> tuple[list[Retelling], list[tuple[int, str]]]:
    """Which groups are retellings of which anchor (rules 1 and 2 of the module).

    Returns the retellings (each child once; an anchor merged into another anchor is a child
    of it too) and the groups several anchors fit equally, with a message.
    """
    order = sorted(range(len(profiles)), key=lambda i: profiles[i].key)
    parent = {i: i for i in order if anchors[i]}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    out: list[Retelling] = []
    # 1. anchors at one place within SLACK_DAYS: a running toll's later update
    by_place: dict[tuple[Outcome, str], list[int]] = defaultdict(list)
    for i in parent:
        p = profiles[i]
        assert p.place is not None and p.place.place_id is not None
        by_place[(p.outcome, p.place.place_id)].append(i)
    for members in by_place.values():
        members.sort(key=lambda i: (_anchor_day(profiles[i]), profiles[i].key))
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                a, b = profiles[i], profiles[j]
                gap = (_anchor_day(b) - _anchor_day(a)).days
                if gap > SLACK_DAYS:
                    break
                if not b.running or not _compatible_category(a, b):
                    continue
                if not _compatible_counts(a, b) or find(i) == find(j):
                    continue
                ri, rj = find(i), find(j)
                keep, drop = (ri, rj) if profiles[ri].key < profiles[rj].key else (rj, ri)
                parent[drop] = keep
                out.append(
                    Retelling(
                        j,
                        i,
                        f"a running toll of this incident given {gap} day(s) later at the "
                        "same place",
                    )
                )
    # anchors merged: each cluster is profiled by its members
    clusters: dict[int, list[int]] = defaultdict(list)
    for i in parent:
        clusters[find(i)].append(i)
    by_country: dict[tuple[Outcome, str], _ByDay] = defaultdict(_ByDay)
    at_place: dict[tuple[Outcome, str], _ByDay] = defaultdict(_ByDay)
    by_cell: dict[tuple[Outcome, int, int], _ByDay] = defaultdict(_ByDay)
    by_figure: dict[tuple[Outcome, str, int], list[int]] = defaultdict(list)
    for members in clusters.values():
        for i in members:
            p = profiles[i]
            assert p.place is not None and p.place.place_id is not None
            country = p.place.country or ""
            day = _anchor_day(p)
            by_country[(p.outcome, country)].add(day, i)
            at_place[(p.outcome, p.place.place_id)].add(day, i)
            cell = _cell(p.place)
            if cell is not None:
                by_cell[(p.outcome, cell[0], cell[1])].add(day, i)
            for n in p.figures:
                if n > _GAP:
                    by_figure[(p.outcome, country, n)].append(i)
    for table in (by_country, at_place, by_cell):
        for entry in table.values():
            entry.sort(profiles)
    whole = {root: _merged([profiles[i] for i in members]) for root, members in clusters.items()}
    names: dict[int, frozenset[str]] = {}

    def names_of(root: int) -> frozenset[str]:
        if root not in names:
            names[root] = frozenset().union(*(anchor_names(i) for i in clusters[root]))
        return names[root]

    # 2. every other group joins the one anchor it retells
    ambiguous: list[tuple[int, str]] = []
    for v in order:
        if anchors[v]:
            continue
        p = profiles[v]
        lo, hi = date.min, date.max
        if p.stated is not None:
            lo = p.stated[0] - timedelta(days=SLACK_DAYS)
            hi = p.stated[1] + timedelta(days=SLACK_DAYS)
        elif p.reported is not None:
            lo = p.reported[0] - timedelta(days=RETOLD_DAYS)
            hi = p.reported[1]
        found: set[int] = set()
        if p.fine and p.place is not None and p.place.place_id is not None:
            # a precise place retells an anchor at it, or one near it that gives its figure
            found.update(at_place[(p.outcome, p.place.place_id)].within(lo, hi))
            cell = _cell(p.place)
            if cell is not None:
                for dx in (-1, 0, 1):
                    for dy in (-1, 0, 1):
                        for i in by_cell[(p.outcome, cell[0] + dx, cell[1] + dy)].within(lo, hi):
                            if p.figures & profiles[i].figures:
                                found.add(i)
        else:
            found.update(by_country[(p.outcome, p.country)].within(lo, hi))
        if p.stated is None and p.reported is not None:
            # a report weeks later retells an incident when it repeats one of its figures
            for n in p.figures:
                found.update(by_figure.get((p.outcome, p.country, n), ()))
        cands = sorted(found, key=lambda i: profiles[i].key)
        scored: dict[int, str] = {}
        for i in cands:
            root = find(i)
            if root in scored:
                continue
            why = _fits(p, profiles[i], whole[root], partial(names_of, root))
            if why is not None:
                scored[root] = why
        if not scored:
            continue
        winners = sorted(scored, key=lambda r: profiles[r].key)
        if len(winners) > 1:
            ambiguous.append(
                (
                    v,
                    f"a vaguely placed or dated figure fits {len(winners)} incidents; "
                    "kept as its own event for review",
                )
            )
            continue
        out.append(Retelling(v, winners[0], scored[winners[0]]))
    return out, ambiguous


def _merged(members: Sequence[Profile]) -> Profile:
    """The profile of anchors found to be one incident (their figures, categories, toll)."""
    if len(members) == 1:
        return members[0]
    first = min(members, key=lambda p: p.key)
    figures = frozenset().union(*(p.figures for p in members))
    return Profile(
        outcome=first.outcome,
        cats=frozenset().union(*(p.cats for p in members)),
        country=first.country,
        place=first.place,
        fine=first.fine,
        stated=first.stated,
        reported=first.reported,
        figures=figures,
        low=min(figures) if figures else 0,
        high=max(figures) if figures else 0,
        running=any(p.running for p in members),
        key=first.key,
        names=frozenset().union(*(p.names for p in members)),
    )


def _fits(
    v: Profile, a: Profile, whole: Profile, whole_names: Callable[[], frozenset[str]]
) -> str | None:
    """Why group ``v`` retells the incident of anchor ``a`` (one of the anchors ``whole``
    sums up), or None. Cheap tests first: most candidates fail on counts or dates."""
    assert a.place is not None and a.stated is not None
    if not _compatible_counts(v, whole) or not _compatible_category(v, whole):
        return None
    day = a.stated[0]
    big = {n for n in v.figures & whole.figures if n > _GAP}
    when: str
    if v.stated is not None:
        # dates stated in the words: the anchor's day, or (a running toll's update dated by
        # the day it was given) up to SLACK_DAYS later
        slack = timedelta(days=SLACK_DAYS if v.running or whole.running else 0)
        if v.stated[1] < day - slack or v.stated[0] > a.stated[1] + slack:
            return None
        when = "the same dates" if not slack else "dates within a few days"
    elif v.reported is not None:
        if v.reported[1] < day:
            return None  # told before it happened
        late = (v.reported[0] - a.stated[1]).days > RETOLD_DAYS
        # a report weeks later retells an incident with one of its figures (not a small
        # one: many incidents kill three), at its place or an area containing it
        if late and not (
            big and (not v.fine or (v.place is not None and v.place.place_id == a.place.place_id))
        ):
            return None
        when = "no date in its words; reported after it"
    else:
        when = "no date at all"
    shared = v.figures & whole.figures
    tie = sorted(v.names & whole_names() - _KINDS) if not v.fine and v.names and not big else []
    # a running toll's update dated to the incident's day revises the running toll there
    revises = v.running and whole.running and v.stated is not None
    if not v.fine and not big and not tie and not revises:
        # a figure placed only in an area, or nowhere, joins an incident only when something
        # ties them: one of its figures, a site both name, or a revision of its running toll
        # dated to its days (matching safety, rule 3.4)
        return None
    where: str
    if v.fine and v.place is not None:
        if v.place.place_id == a.place.place_id:
            where = "the same place"
        elif shared and _near(v.place, a.place):
            where = f"a place within {NEAR_SITE_KM:.0f} km giving one of its figures"
        else:
            return None
    elif _contains(v.place, a.place, v.country):
        where = (
            f"a wider area containing {a.place.name or a.place.mention or 'it'}"
            if v.place is not None
            else "no resolved place, in the same country"
        )
    else:
        return None
    figure = f"; repeats {', '.join(str(n) for n in sorted(shared))}" if shared else ""
    named = f"; both name {', '.join(tie[:3])}" if tie else ""
    if revises and not big and not tie:
        named += "; an update of its running toll"
    return f"one incident retold: {where}, {when}{figure}{named}"
