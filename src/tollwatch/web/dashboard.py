"""The dashboard's reads of reconciled results: tolls, events, running tolls, explanations.

Reconciliation stores its results per *view* (``"all"`` claims or ``"verified"`` only,
``tollwatch.store.tables.reconcile``); the dashboard shows the view the settings make public
(``public_tolls``). Tolls and explanations come from ``tollwatch.reconcile.service`` — the
functions behind ``tollwatch tolls`` and ``/api/v1/tolls`` — so the cards always equal the API.
Everything else here is a small aggregated query: the browser never receives all claims.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Engine, and_, func, or_, select

from tollwatch.api._convert import claim_public
from tollwatch.api._explain import visible_explanation, visible_text
from tollwatch.api.routes.tolls import EXPLAIN_EVENTS
from tollwatch.errors import EventNotFound
from tollwatch.export.filters import ClaimFilter, claim_rows
from tollwatch.export.policy import TextPolicy
from tollwatch.models import Outcome
from tollwatch.reconcile.service import query_tolls
from tollwatch.store.events import event_filters
from tollwatch.store.tables import claims
from tollwatch.store.tables.reconcile import (
    event_claims,
    events,
    reconcile_flags,
    reconcile_runs,
    series_claims,
    toll_series,
)
from tollwatch.web.chart import Series
from tollwatch.web.explaintree import Node, tree_nodes
from tollwatch.web.filters import PageFilters
from tollwatch.web.labels import precision_class
from tollwatch.web.views import EventView, claim_view, precision_label

__all__ = [
    "event",
    "event_conditions",
    "events_of_claims",
    "explanation",
    "incidents_by_day",
    "map_markers",
    "reconcile_version",
    "running_tolls",
    "tolls",
    "top_events",
]

MAX_SERIES = 6
MAX_MARKERS = 20_000


def event_conditions(f: PageFilters, view: str) -> list[ColumnElement[bool]]:
    """SQL conditions on ``events``: the toll query's own (``store.events.event_filters``:
    country, region, overlapping dates) plus victim category and outcome."""
    conds = event_filters(
        view, country=f.country, region=f.region, date_from=f.date_from, date_to=f.date_to
    )
    if f.category is not None:
        conds.append(events.c.category == f.category.value)
    if f.outcome is not None:
        conds.append(events.c.outcome == f.outcome.value)
    return conds


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def incidents_by_day(
    conn: Connection, f: PageFilters, outcome: Outcome, view: str
) -> list[tuple[date, int]]:
    """What incidents add on each day they happened (events dated to one day only).

    ``counted_best`` is used, so an incident's stated total beside its per-category figures
    adds only what they leave unexplained, as in the tolls.
    """
    conds = [*event_conditions(f, view), events.c.outcome == outcome.value]
    conds.append(events.c.date_start == events.c.date_end)  # one day (so never NULL)
    # Grouped by date_end: equal here, and it keeps SQLite from walking the date index
    # row by row (a hash group over the matching rows is several times faster).
    stmt = (
        select(events.c.date_end, func.sum(events.c.counted_best))
        .where(and_(*conds))
        .group_by(events.c.date_end)
    )
    return sorted((_day(d), int(n or 0)) for d, n in conn.execute(stmt))


def running_tolls(conn: Connection, f: PageFilters, outcome: Outcome, view: str) -> list[Series]:
    """The running tolls (cumulative series) as they were published, largest first.

    Each point is one bulletin: its publication day and best figure (the largest that day).
    """
    conds: list[ColumnElement[bool]] = [
        toll_series.c.view == view,
        toll_series.c.outcome == outcome.value,
    ]
    if f.country:
        conds.append(toll_series.c.country == f.country)
    if f.region:
        conds.append(
            or_(
                func.lower(toll_series.c.region_name) == f.region.lower(),
                toll_series.c.admin1 == f.region,
            )
        )
    if f.category is not None:
        conds.append(toll_series.c.category == f.category.value)
    if f.date_from is not None:
        conds.append(
            or_(toll_series.c.period_end.is_(None), toll_series.c.period_end >= f.date_from)
        )
    if f.date_to is not None:
        conds.append(
            or_(toll_series.c.period_start.is_(None), toll_series.c.period_start <= f.date_to)
        )
    top = (
        select(
            toll_series.c.id,
            toll_series.c.source,
            toll_series.c.category,
            toll_series.c.region_name,
        )
        .where(and_(*conds))
        .order_by(toll_series.c.best.desc(), toll_series.c.id)
        .limit(MAX_SERIES)
    )
    found = conn.execute(top).all()
    if not found:
        return []
    labels = {
        sid: f"{source}, {category.replace('_', ' ')}, {region or 'area unknown'}"
        for sid, source, category, region in found
    }
    stmt = (
        select(series_claims.c.series_id, series_claims.c.published, func.max(series_claims.c.best))
        .where(
            series_claims.c.view == view,
            series_claims.c.series_id.in_(list(labels)),
            series_claims.c.published.is_not(None),
        )
        .group_by(series_claims.c.series_id, series_claims.c.published)
    )
    points: dict[str, list[tuple[date, int]]] = defaultdict(list)
    for sid, published, best in conn.execute(stmt):
        points[sid].append((_day(published), int(best)))
    return [Series(labels[sid], tuple(sorted(points[sid]))) for sid, *_ in found if points.get(sid)]


def _event_row_view(row: Any) -> dict[str, Any]:
    return {
        "id": row.id,
        "outcome": row.outcome,
        "category": row.category,
        "low": row.low,
        "best": row.best,
        "high": row.high,
        "place_name": row.place_name or row.place_mention,
        "date_start": row.date_start,
    }


def top_events(
    conn: Connection, f: PageFilters, view: str, *, limit: int
) -> tuple[list[dict[str, Any]], int]:
    """The events with the highest figures, and how many events match in all."""
    conds = and_(*event_conditions(f, view))
    total = int(conn.execute(select(func.count()).select_from(events).where(conds)).scalar_one())
    stmt = (
        select(events)
        .where(conds)
        .order_by(events.c.best.desc(), events.c.date_start.desc(), events.c.id)
        .limit(limit)
    )
    return [_event_row_view(r) for r in conn.execute(stmt)], total


def map_markers(conn: Connection, f: PageFilters, view: str) -> list[dict[str, Any]]:
    """One small object per located event: id, lat, lon, outcome, category, best, place, date
    and the precision of its place (town, district, province, country)."""
    stmt = (
        select(
            events.c.id,
            events.c.lat,
            events.c.lon,
            events.c.outcome,
            events.c.category,
            events.c.best,
            func.coalesce(events.c.place_name, events.c.place_mention),
            events.c.date_start,
            events.c.geo_precision,
        )
        .where(and_(*event_conditions(f, view)), events.c.lat.is_not(None))
        .order_by(events.c.best.desc(), events.c.id)
        .limit(MAX_MARKERS)
    )
    return [
        {
            "id": eid,
            "lat": round(lat, 5),
            "lon": round(lon, 5),
            "outcome": outcome,
            "category": category,
            "best": best,
            "place": place,
            "date": day.isoformat() if isinstance(day, date) else day,
            "precision": precision_class(precision),
        }
        for eid, lat, lon, outcome, category, best, place, day, precision in conn.execute(stmt)
    ]


def reconcile_version(conn: Connection, view: str) -> str:
    """A key that changes whenever the stored reconciliation of ``view`` changes (every
    rewrite of a partition records its fingerprint in ``reconcile_runs``)."""
    rows = conn.execute(
        select(reconcile_runs.c.part, reconcile_runs.c.fingerprint, reconcile_runs.c.finished_at)
        .where(reconcile_runs.c.view == view)
        .order_by(reconcile_runs.c.part)
    )
    digest = hashlib.sha256(view.encode())
    for part, fingerprint, finished in rows:
        digest.update(f"|{part}|{fingerprint}|{finished}".encode())
    return digest.hexdigest()


def event(conn: Connection, event_id: str, view: str, policy: TextPolicy) -> EventView:
    """One event with its claims as the API shows them to this reader."""
    row = conn.execute(select(events).where(events.c.view == view, events.c.id == event_id)).first()
    if row is None:
        raise EventNotFound(
            f"no event with id {event_id!r} in the {view!r} view",
            hint="events change when reports are added; open the map again",
        )
    notes = {
        cid: (role, reason)
        for cid, role, reason in conn.execute(
            select(event_claims.c.claim_id, event_claims.c.role, event_claims.c.reason).where(
                event_claims.c.view == view, event_claims.c.event_id == event_id
            )
        )
    }
    rows = (
        conn.execute(
            claim_rows(ClaimFilter())
            .where(claims.c.id.in_(list(notes)))
            .order_by(claims.c.best.desc().nulls_last(), claims.c.id)
        )
        .mappings()
        .all()
    )
    claim_views = [
        claim_view(
            claim_public(r, policy),
            role=notes[r["id"]][0],
            reason=policy.text(notes[r["id"]][1]),
        )
        for r in rows
    ]
    flags = [
        f"{kind.replace('_', ' ')}: {visible_text(policy, message) or ''}"
        for kind, message in conn.execute(
            select(reconcile_flags.c.kind, reconcile_flags.c.message)
            .where(reconcile_flags.c.view == view, reconcile_flags.c.subject_id == event_id)
            .order_by(reconcile_flags.c.kind, reconcile_flags.c.id)
        )
    ]
    return EventView(
        id=row.id,
        outcome=row.outcome,
        category=row.category,
        low=row.low,
        best=row.best,
        high=row.high,
        place_name=row.place_name or row.place_mention,
        admin1_name=row.admin1_name,
        country=row.country,
        lat=row.lat,
        lon=row.lon,
        precision_label=precision_label(row.geo_precision),
        date_start=row.date_start,
        date_end=row.date_end,
        claims=claim_views,
        covered_by=visible_text(policy, row.cover_reason) if row.scope_id else None,
        flags=flags,
    )


def events_of_claims(conn: Connection, claim_ids: Sequence[str], view: str) -> dict[str, list[str]]:
    """For each claim, the events it belongs to (in this view)."""
    if not claim_ids:
        return {}
    stmt = select(event_claims.c.claim_id, event_claims.c.event_id).where(
        event_claims.c.view == view, event_claims.c.claim_id.in_(list(claim_ids))
    )
    out: dict[str, list[str]] = defaultdict(list)
    for cid, eid in conn.execute(stmt):
        out[cid].append(eid)
    return dict(out)


def tolls(engine: Engine, f: PageFilters, view: str) -> dict[str, Any]:
    """The ``tolls`` object of ``/api/v1/tolls`` / ``tollwatch tolls --json`` for the
    filters (the same query), narrowed to the outcome and category asked for."""
    result = query_tolls(
        engine,
        country=f.country,
        region=f.region,
        date_from=f.date_from,
        date_to=f.date_to,
        verified_only=view == "verified",
        limit=0,
    )
    found: dict[str, Any] = result["tolls"]
    if f.outcome is not None:
        found = {k: v for k, v in found.items() if k == f.outcome.value}
    if f.category is not None:
        found = {k: {f.category.value: v[f.category.value]} for k, v in found.items()}
    return found


def explanation(
    conn: Connection, engine: Engine, f: PageFilters, view: str, policy: TextPolicy
) -> tuple[list[Node], int]:
    """The tree of ``tollwatch tolls --explain`` for the filters (the same query, the same
    tree and the same words), with the words it quotes shown as the reader may see them; and
    how many quotes were left out (``tollwatch.api._explain.visible_explanation``)."""
    tree, left_out = visible_explanation(
        conn,
        engine,
        country=f.country,
        region=f.region,
        date_from=f.date_from,
        date_to=f.date_to,
        view=view,
        policy=policy,
        limit=EXPLAIN_EVENTS,  # as /api/v1/tolls/explain
    )
    if f.outcome is not None:
        kept = tuple(o for o in tree.outcomes if o.outcome == f.outcome.value)
        tree = replace(tree, outcomes=kept)
    return tree_nodes(tree, query=f.query()), left_out
