"""Toll queries over stored events and running tolls: a few indexed aggregate queries.

A query's toll is made of three parts, each summed in SQL:

- events counted by themselves: outside every running toll, or covered by one that does not
  speak for the queried region (a country-wide toll does not speak for one province);
- scopes that lie wholly inside the query (its country, its region, its date window): their
  toll per category was stored by ``reconcile_all`` (max(cumulative, covered incidents)) and
  is summed as it is;
- scopes that straddle the date window: their running tolls count by increments (figure at
  the window's end minus figure before its start, from the stored bulletins), compared with
  the incidents they cover inside the window -- the only part computed in Python.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, case, func, not_, or_, select, true
from sqlalchemy.sql.elements import ColumnElement

from tollwatch.models import Category, Outcome
from tollwatch.reconcile.figures import ZERO, Range
from tollwatch.reconcile.places import Region
from tollwatch.reconcile.series import FamilyFigures, combine_families, running_value
from tollwatch.reconcile.tally import CATEGORIES, ScopeFigures, combine, tolls_json
from tollwatch.store.events import event_filters
from tollwatch.store.tables.reconcile import (
    event_rollup,
    events,
    series_claims,
    toll_scopes,
    toll_series,
)

__all__ = ["Query", "events_total", "scope_listing", "tolls_for"]


@dataclass(frozen=True)
class Query:
    view: str
    country: str | None = None
    region: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    span: int | None = None  # no event lasts longer, in days (store.events.event_span)

    @property
    def rolled_up(self) -> bool:
        """Whether the stored ``event_rollup`` answers the query's event sums (no region,
        no date window: what it sums is per country)."""
        return self.region is None and self.date_from is None and self.date_to is None

    def event_conds(self) -> list[ColumnElement[bool]]:
        return event_filters(
            self.view,
            country=self.country,
            region=self.region,
            date_from=self.date_from,
            date_to=self.date_to,
            span=self.span,
        )


def _region_ok(q: Query, admin1: Any, region: Any) -> ColumnElement[bool]:
    if not q.region:
        return true()
    x = q.region.strip().lower()
    return or_(func.lower(admin1) == x, func.lower(region) == x)


def _inside(q: Query, start: Any, end: Any) -> ColumnElement[bool]:
    conds: list[ColumnElement[bool]] = []
    if q.date_from is not None:
        conds.append(and_(start.isnot(None), start >= q.date_from))
    if q.date_to is not None:
        conds.append(and_(end.isnot(None), end <= q.date_to))
    return and_(true(), *conds)


def _overlaps(q: Query, start: Any, end: Any) -> ColumnElement[bool]:
    conds: list[ColumnElement[bool]] = []
    if q.date_from is not None:
        conds.append(or_(end.is_(None), end >= q.date_from))
    if q.date_to is not None:
        conds.append(or_(start.is_(None), start <= q.date_to))
    return and_(true(), *conds)


def _scope_conds(q: Query) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [toll_scopes.c.view == q.view]
    if q.country:
        conds.append(toll_scopes.c.country == q.country.upper())
    conds.append(_region_ok(q, toll_scopes.c.admin1_name, toll_scopes.c.region_name))
    return conds


def _rollup_conds(q: Query) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = [event_rollup.c.view == q.view]
    if q.country:
        conds.append(event_rollup.c.country == q.country.upper())
    return conds


def events_total(conn: Connection, q: Query, *, rollup: bool = True) -> int:
    """How many events a query selects."""
    if rollup and q.rolled_up:
        n = select(func.sum(event_rollup.c.n)).where(*_rollup_conds(q))
    else:
        n = select(func.count()).select_from(events).where(*q.event_conds())
    return int(conn.execute(n).scalar() or 0)


def tolls_for(
    conn: Connection, q: Query, *, rollup: bool = True
) -> tuple[dict[str, Any], list[ScopeFigures]]:
    """The tolls JSON of a query, and the figures of the scopes straddling its window.

    With ``rollup`` (the default), a query with no region and no window sums the stored
    ``event_rollup`` rows instead of its events (the same sums; False is the baseline the
    benchmark measures against).
    """
    ev_conds = q.event_conds()
    e = events.c
    applies = _region_ok(q, e.scope_admin1_name, e.scope_region_name)
    inside = _inside(q, e.scope_start, e.scope_end)
    dated = q.date_from is not None or q.date_to is not None
    acc: dict[tuple[Outcome, Category], Range] = {}

    def add(outcome: Outcome, cat: Category, r: Range) -> None:
        acc[(outcome, cat)] = acc.get((outcome, cat), ZERO) + r

    if rollup and q.rolled_up:
        r = event_rollup.c
        alone = (
            select(r.outcome, r.category, func.sum(r.low), func.sum(r.best), func.sum(r.high))
            .where(*_rollup_conds(q), r.scoped.is_(False))
            .group_by(r.outcome, r.category)
        )
    else:
        sums = (func.sum(e.counted_low), func.sum(e.counted_best), func.sum(e.counted_high))
        alone = (
            select(e.outcome, e.category, *sums)
            .where(*ev_conds, or_(_unscoped(e.scope_id), not_(applies)))
            .group_by(e.outcome, e.category)
        )
    for outcome, category, lo, be, hi in conn.execute(alone):
        add(Outcome(outcome), Category(category), Range(int(lo or 0), int(be or 0), int(hi or 0)))

    s = toll_scopes.c
    cols = [getattr(s, f"{c.value}_{k}") for c in CATEGORIES for k in ("low", "best", "high")]
    stored = (
        select(s.outcome, *(func.sum(c) for c in cols), *_spoken_for(s))
        .where(*_scope_conds(q), _inside(q, s.period_start, s.period_end))
        .group_by(s.outcome)
    )
    present: list[tuple[Outcome, Category]] = []
    n = 3 * len(CATEGORIES)
    for row in conn.execute(stored):
        outcome = Outcome(row[0])
        values = [int(v or 0) for v in row[1 : n + 1]]
        for i, cat in enumerate(CATEGORIES):
            if row[n + 1 + i]:
                present.append((outcome, cat))
                add(outcome, cat, Range(*values[3 * i : 3 * i + 3]))

    figs: list[ScopeFigures] = []
    if dated:
        figs = _straddling(conn, q, ev_conds, applies, inside)
    tolls, _ = combine(acc, figs, present)
    return tolls_json(tolls), figs


def _unscoped(scope_id: Any) -> ColumnElement[bool]:
    """No running toll covers the event. Written so that no index on ``scope_id`` answers it:
    SQLite's statistics do not show that most events have no scope, and it would read every
    unscoped event of the view through that index instead of a date window's index range."""
    return func.coalesce(scope_id, "") == ""


def _spoken_for(s: Any) -> list[Any]:
    """Per category, how many scopes speak for it: a running figure or a covered incident of
    the category (unknown: also a stated total, or victims a total leaves unexplained)."""
    out = []
    for cat in CATEGORIES:
        key = f'%"{cat.value}"%'
        cond = or_(s.cum.like(key), s.covered.like(key))
        if cat == Category.UNKNOWN:
            cond = or_(cond, s.total_high > 0, s.unknown_high > 0)
        out.append(func.sum(case((cond, 1), else_=0)))
    return out


def _straddling(
    conn: Connection,
    q: Query,
    ev_conds: list[ColumnElement[bool]],
    applies: ColumnElement[bool],
    inside: ColumnElement[bool],
) -> list[ScopeFigures]:
    s = toll_scopes.c
    rows = conn.execute(
        select(s.id, s.outcome).where(
            *_scope_conds(q),
            _overlaps(q, s.period_start, s.period_end),
            not_(_inside(q, s.period_start, s.period_end)),
        )
    ).all()
    if not rows:
        return []
    outcome_of = {sid: Outcome(o) for sid, o in rows}
    ids = sorted(outcome_of)
    e = events.c
    covered: dict[str, dict[Category, Range]] = defaultdict(dict)
    series: list[dict[str, Any]] = []
    members: dict[str, list[tuple[date | None, Range]]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        q_cov = (
            select(
                e.scope_id,
                e.category,
                func.sum(e.counted_low),
                func.sum(e.counted_best),
                func.sum(e.counted_high),
            )
            .where(*ev_conds, applies, not_(inside), e.scope_id.in_(chunk))
            .group_by(e.scope_id, e.category)
        )
        for sid, cat, lo, be, hi in conn.execute(q_cov):
            covered[sid][Category(cat)] = Range(int(lo or 0), int(be or 0), int(hi or 0))
        series.extend(
            dict(r)
            for r in conn.execute(
                select(toll_series).where(
                    toll_series.c.view == q.view, toll_series.c.scope_id.in_(chunk)
                )
            ).mappings()
        )
    sids = [r["id"] for r in series]
    for start in range(0, len(sids), 500):
        chunk = sids[start : start + 500]
        for sid, pub, lo, be, hi in conn.execute(
            select(
                series_claims.c.series_id,
                series_claims.c.published,
                series_claims.c.low,
                series_claims.c.best,
                series_claims.c.high,
            )
            .where(series_claims.c.view == q.view, series_claims.c.series_id.in_(chunk))
            .order_by(
                series_claims.c.series_id,
                series_claims.c.published,
                series_claims.c.best,
                series_claims.c.claim_id,
            )
        ):
            members[sid].append((pub, Range(lo, be, hi)))
    fams: dict[str, dict[str, FamilyFigures]] = defaultdict(dict)
    for row in series:
        ms = members.get(row["id"], [])
        upto = [r for p, r in ms if q.date_to is None or (p is not None and p <= q.date_to)]
        before = [r for p, r in ms if q.date_from is not None and p is not None and p < q.date_from]
        value = (running_value(upto) or ZERO).residual(running_value(before) or ZERO)
        fam = fams[row["scope_id"]].get(row["family_id"])
        if fam is None:
            fam = fams[row["scope_id"]][row["family_id"]] = FamilyFigures(
                row["family_id"],
                row["source"],
                region_of(row),
                row["period_start"],
                row["period_end"],
                {},
            )
        fam.values[Category(row["category"])] = value
    out: list[ScopeFigures] = []
    for sid in ids:
        cum: dict[Category, Range] = {}
        total: Range | None = None
        if fams.get(sid):
            cum, total = combine_families(list(fams[sid].values()))
            if not any(Category.UNKNOWN in f.values for f in fams[sid].values()):
                total = None
        out.append(ScopeFigures(sid, outcome_of[sid], cum, total, covered.get(sid, {})))
    return out


def region_of(row: dict[str, Any]) -> Region:
    return Region(
        row["region_level"],
        country=row["country"],
        admin1=row["admin1"],
        admin2=row["admin2"],
        place_id=row["place_id"],
        lat=row["lat"],
        lon=row["lon"],
        name=row["region_name"],
    )


def scope_listing(
    conn: Connection, q: Query, straddling: list[ScopeFigures], limit: int | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The scopes of a query (largest first, at most ``limit``) and their running tolls."""
    s = toll_scopes.c
    inside_rows = conn.execute(
        select(toll_scopes)
        .where(*_scope_conds(q), _inside(q, s.period_start, s.period_end))
        .order_by(s.total_best.desc(), s.id)
        .limit(limit)
    ).mappings()
    listed: list[dict[str, Any]] = []
    ids: list[str] = []
    for row in inside_rows:
        cum = {
            c: {"low": v[0], "best": v[1], "high": v[2]} for c, v in json.loads(row["cum"]).items()
        }
        listed.append(
            {
                "id": row["id"],
                "outcome": row["outcome"],
                "region": row["region_name"],
                "period_start": _iso(row["period_start"]),
                "period_end": _iso(row["period_end"]),
                "cumulative": cum,
                "cumulative_total": {
                    "low": row["total_low"],
                    "best": row["total_best"],
                    "high": row["total_high"],
                },
                "toll": {
                    c.value: {k: row[f"{c.value}_{k}"] for k in ("low", "best", "high")}
                    for c in CATEGORIES
                },
                "events": row["n_events"],
                "covered_incidents": {
                    c: {"low": v[0], "best": v[1], "high": v[2]}
                    for c, v in json.loads(row["covered"]).items()
                },
            }
        )
        ids.append(row["id"])
    room = len(straddling) if limit is None else max(0, limit - len(listed))
    for f in straddling[:room]:
        listed.append(
            {
                "id": f.id,
                "outcome": f.outcome.value,
                "cumulative": {c.value: r.as_dict() for c, r in f.cum.items()},
                "cumulative_total": f.cum_total.as_dict() if f.cum_total else None,
                "covered_incidents": {c.value: r.as_dict() for c, r in f.covered.items()},
                "window": True,
            }
        )
        ids.append(f.id)
    series: list[dict[str, Any]] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        series.extend(
            _series_json(dict(r))
            for r in conn.execute(
                select(toll_series)
                .where(toll_series.c.view == q.view, toll_series.c.scope_id.in_(chunk))
                .order_by(toll_series.c.id)
            ).mappings()
        )
    return listed, series


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _series_json(s: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": s["id"],
        "scope_id": s["scope_id"],
        "family_id": s["family_id"],
        "source": s["source"],
        "outcome": s["outcome"],
        "category": s["category"],
        "region": s["region_name"],
        "region_level": s["region_level"],
        "country": s["country"],
        "period_start": _iso(s["period_start"]),
        "period_end": _iso(s["period_end"]),
        "low": s["low"],
        "best": s["best"],
        "high": s["high"],
        "latest_claim": s["latest_claim_id"],
    }
