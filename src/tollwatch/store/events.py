"""Events and running tolls in the database: write a Reconciliation, read events back.

Rows are converted to and from the pure results of ``tollwatch.reconcile`` here and nowhere
else. Every row carries its ``view`` ("all" or "verified").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, delete, func, insert, or_, select
from sqlalchemy.sql.elements import ColumnElement

from tollwatch.coding.events import code_claims
from tollwatch.errors import EventNotFound
from tollwatch.export._countries import country_name
from tollwatch.models import Category, Claim
from tollwatch.reconcile.figures import ZERO, Range
from tollwatch.reconcile.results import EventResult, Reconciliation, ScopeResult
from tollwatch.reconcile.tally import CATEGORIES, scope_figures, scope_toll
from tollwatch.store.tables.core import claims, reports, sources
from tollwatch.store.tables.reconcile import (
    event_claims,
    event_rollup,
    events,
    reconcile_flags,
    series_claims,
    toll_scopes,
    toll_series,
)

__all__ = [
    "VIEWS",
    "claim_details",
    "coding_json",
    "count_events",
    "delete_partition",
    "event_filters",
    "event_span",
    "get_event",
    "list_events",
    "write_reconciliation",
]

VIEWS = ("all", "verified")
_BATCH = 5000


def _batches(rows: Iterable[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _insert(conn: Connection, table: Any, rows: Iterable[dict[str, Any]]) -> int:
    """Bulk insert: COPY on PostgreSQL (psycopg 3), batched executemany elsewhere."""
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        return _copy(conn, table, rows)
    n = 0
    for batch in _batches(rows):
        conn.execute(insert(table), batch)
        n += len(batch)
    return n


def _copy(conn: Connection, table: Any, rows: Iterable[dict[str, Any]]) -> int:
    cols = [c.name for c in table.columns if not (c.primary_key and c.autoincrement is True)]
    raw = conn.connection.driver_connection
    assert raw is not None
    n = 0
    with raw.cursor() as cur:
        names = ", ".join(f'"{c}"' for c in cols)
        with cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([row.get(c) for c in cols])
                n += 1
    return n


TABLES = (
    event_claims,
    events,
    event_rollup,
    series_claims,
    toll_series,
    toll_scopes,
    reconcile_flags,
)


def delete_partition(conn: Connection, view: str, part: str) -> None:
    """Remove what one partition of a view stored."""
    for table in TABLES:
        conn.execute(delete(table).where(table.c.view == view, table.c.part == part))


def write_reconciliation(
    conn: Connection,
    view: str,
    rec: Reconciliation,
    part: str = "",
    claims: Mapping[str, Claim] | None = None,
) -> dict[str, int]:
    """Replace the stored rows of one partition of ``view`` by ``rec``; return row counts.

    With ``claims`` (by id), each event is coded from its claims' words (``tollwatch.coding``).
    """
    delete_partition(conn, view, part)
    counts: dict[str, int] = {}
    covered: dict[str, dict[Category, Range]] = {}
    for ev in rec.events:
        if ev.scope_id is not None:
            cov = covered.setdefault(ev.scope_id, {})
            cov[ev.event.category] = cov.get(ev.event.category, ZERO) + ev.counted
    n_covered: dict[str, int] = {}
    for ev in rec.events:
        if ev.scope_id is not None:
            n_covered[ev.scope_id] = n_covered.get(ev.scope_id, 0) + 1
    scopes = {sc.id: sc for sc in rec.scopes}
    ground = {sc.id: scope_ground(sc) for sc in rec.scopes}

    def event_rows() -> Iterator[dict[str, Any]]:
        for ev in rec.events:
            e, p, d = ev.event, ev.event.place, ev.event.date
            yield {
                "view": view,
                "part": part,
                "id": e.id,
                "outcome": e.outcome.value,
                "category": e.category.value,
                "role": ev.role,
                "low": e.low or 0,
                "best": e.best or 0,
                "high": e.high or 0,
                "counted_low": ev.counted.low,
                "counted_best": ev.counted.best,
                "counted_high": ev.counted.high,
                "place_id": p.place_id,
                "place_name": p.name,
                "place_mention": p.mention,
                "lat": p.lat,
                "lon": p.lon,
                "country": p.country or ev.focus_country,
                "admin1": p.admin1,
                "admin1_name": p.admin1_name,
                "admin2": p.admin2,
                "geo_precision": int(p.precision) if p.precision is not None else None,
                "date_start": d.start,
                "date_end": d.end,
                "date_precision": d.precision.value,
                "date_expression": d.expression,
                "focus_country": ev.focus_country,
                "scope_id": ev.scope_id,
                "scope_start": scopes[ev.scope_id].period_start if ev.scope_id else None,
                "scope_end": scopes[ev.scope_id].period_end if ev.scope_id else None,
                "scope_admin1_name": ground[ev.scope_id][1] if ev.scope_id else None,
                "scope_region_name": ground[ev.scope_id][0] if ev.scope_id else None,
                "cover_reason": ev.cover_reason,
                "n_claims": len(e.claim_ids),
                "n_reports": len(ev.report_ids),
                **_coding_columns(ev, claims, p.country or ev.focus_country),
            }

    def event_claim_rows() -> Iterator[dict[str, Any]]:
        for ev in rec.events:
            for n in ev.notes:
                yield {
                    "view": view,
                    "part": part,
                    "claim_id": n.claim_id,
                    "event_id": ev.id,
                    "report_id": n.report_id,
                    "role": n.role,
                    "reason": n.reason,
                }

    scope_of = {fid: s.id for s in rec.scopes for fid in s.family_ids}

    def series_rows() -> Iterator[dict[str, Any]]:
        for s in rec.series:
            r = s.region
            yield {
                "view": view,
                "part": part,
                "id": s.id,
                "family_id": s.family_id,
                "scope_id": scope_of[s.family_id],
                "outcome": s.outcome.value,
                "category": s.category.value,
                "source": s.source,
                "region_level": r.level,
                "region_name": r.name,
                "country": r.country,
                "admin1": r.admin1,
                "admin2": r.admin2,
                "place_id": r.place_id,
                "lat": r.lat,
                "lon": r.lon,
                "period_start": s.period_start,
                "period_end": s.period_end,
                "low": s.value.low,
                "best": s.value.best,
                "high": s.value.high,
                "latest_claim_id": s.latest_claim_id,
            }

    def member_rows() -> Iterator[dict[str, Any]]:
        for s in rec.series:
            for m in s.members:
                yield {
                    "view": view,
                    "part": part,
                    "claim_id": m.claim_id,
                    "series_id": s.id,
                    "report_id": m.report_id,
                    "published": m.published,
                    "low": m.range.low,
                    "best": m.range.best,
                    "high": m.range.high,
                    "role": m.role,
                    "reason": m.reason,
                }

    def scope_rows() -> Iterator[dict[str, Any]]:
        for sc in rec.scopes:
            total = sc.cum_total
            per_cat, _ = scope_toll(scope_figures(sc, covered.get(sc.id, {})))
            toll_cols: dict[str, int] = {}
            for cat in CATEGORIES:
                r = per_cat.get(cat, ZERO)
                toll_cols.update(
                    {
                        f"{cat.value}_low": r.low,
                        f"{cat.value}_best": r.best,
                        f"{cat.value}_high": r.high,
                    }
                )
            yield {
                **toll_cols,
                "region_name": ground[sc.id][0],
                "admin1_name": ground[sc.id][1],
                "n_events": n_covered.get(sc.id, 0),
                "covered": json.dumps(
                    {c.value: [r.low, r.best, r.high] for c, r in covered.get(sc.id, {}).items()},
                    sort_keys=True,
                ),
                "view": view,
                "part": part,
                "id": sc.id,
                "outcome": sc.outcome.value,
                "country": sc.regions[0].country if sc.regions else None,
                "period_start": sc.period_start,
                "period_end": sc.period_end,
                "cum": json.dumps(
                    {c.value: [r.low, r.best, r.high] for c, r in sc.cum.items()}, sort_keys=True
                ),
                "total_low": total.low if total else 0,
                "total_best": total.best if total else 0,
                "total_high": total.high if total else 0,
            }

    def flag_rows() -> Iterator[dict[str, Any]]:
        for f in rec.flags:
            yield {
                "view": view,
                "part": part,
                "kind": f.kind,
                "subject_id": f.subject_id,
                "message": f.message,
                "claim_ids": json.dumps(list(f.claim_ids)),
            }

    counts["events"] = _insert(conn, events, event_rows())
    counts["event_rollup"] = _insert(conn, event_rollup, rollup_rows(rec, view, part))
    counts["event_claims"] = _insert(conn, event_claims, event_claim_rows())
    counts["toll_series"] = _insert(conn, toll_series, series_rows())
    counts["series_claims"] = _insert(conn, series_claims, member_rows())
    counts["toll_scopes"] = _insert(conn, toll_scopes, scope_rows())
    counts["reconcile_flags"] = _insert(conn, reconcile_flags, flag_rows())
    return counts


def rollup_rows(rec: Reconciliation, view: str, part: str) -> Iterator[dict[str, Any]]:
    """The ``event_rollup`` rows of one partition: its events' counted figures summed per
    country, outcome, category and whether a running toll covers them."""
    sums: dict[tuple[str | None, str, str, bool], list[int]] = {}
    spans: dict[tuple[str | None, str, str, bool], int | None] = {}
    for ev in rec.events:
        e = ev.event
        key = (
            e.place.country or ev.focus_country,
            e.outcome.value,
            e.category.value,
            ev.scope_id is not None,
        )
        acc = sums.setdefault(key, [0, 0, 0, 0])
        first, last = e.date.start, e.date.end or e.date.start
        span = None if first is None and last is not None else 0
        if first is not None and last is not None:
            span = max(0, (last - first).days)
        was = spans.get(key, 0)
        spans[key] = None if was is None or span is None else max(was, span)
        acc[0] += 1
        acc[1] += ev.counted.low
        acc[2] += ev.counted.best
        acc[3] += ev.counted.high
    for key, (n, lo, be, hi) in sorted(sums.items(), key=lambda kv: (kv[0][0] or "", kv[0][1:])):
        country, outcome, category, scoped = key
        yield {
            "view": view,
            "part": part,
            "country": country,
            "outcome": outcome,
            "category": category,
            "scoped": scoped,
            "n": n,
            "low": lo,
            "best": be,
            "high": hi,
            "span": spans[key],
        }


_NO_CODING: dict[str, Any] = {
    "event_type": None,
    "sub_event_type": None,
    "actor1": None,
    "inter1": None,
    "actor2": None,
    "inter2": None,
    "interaction": None,
    "type_of_violence": None,
    "side_a": None,
    "side_b": None,
    "coding_evidence": None,
}


def _coding_columns(
    ev: EventResult, claims: Mapping[str, Claim] | None, country: str | None
) -> dict[str, Any]:
    """The coding columns of one event (all empty without claims or words)."""
    if not claims:
        return _NO_CODING
    members = [claims[cid] for cid in ev.event.claim_ids if cid in claims]
    coding = code_claims(members, category=ev.event.category.value, country=country_name(country))
    if coding is None:
        return _NO_CODING
    row = coding.as_dict()
    return {
        **{k: row[k] for k in _NO_CODING if k != "coding_evidence"},
        "actor1": _clip(coding.actor1.name if coding.actor1 else None),
        "actor2": _clip(coding.actor2.name if coding.actor2 else None),
        "side_a": _clip(coding.side_a),
        "side_b": _clip(coding.side_b),
        "coding_evidence": json.dumps(coding.evidence, sort_keys=True, ensure_ascii=False),
    }


def _clip(name: str | None) -> str | None:
    return name[:200] if name else None


def coding_json(row: Mapping[Any, Any]) -> dict[str, Any] | None:
    """The stored coding of an event row as JSON (None when the event was not coded)."""
    if row.get("event_type") is None and row.get("actor1") is None:
        return None
    evidence = row.get("coding_evidence")
    return {
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "actor1": row["actor1"],
        "inter1": row["inter1"],
        "actor2": row["actor2"],
        "inter2": row["inter2"],
        "interaction": row["interaction"],
        "type_of_violence": row["type_of_violence"],
        "side_a": row["side_a"],
        "side_b": row["side_b"],
        "evidence": json.loads(evidence) if evidence else {},
    }


def scope_ground(scope: ScopeResult) -> tuple[str | None, str | None]:
    """(region name, admin-1 name) a scope speaks for, each only when it is one and the same
    for all its running tolls (a region filter uses the scope's toll only then)."""
    names = {r.name for r in scope.regions}
    region = next(iter(names)) if len(names) == 1 else None
    if any(r.level not in ("place", "admin2", "admin1") for r in scope.regions):
        return (region if scope.regions and scope.regions[0].level != "unknown" else None), None
    admin1s = {r.admin1_name for r in scope.regions}
    return region, (next(iter(admin1s)) if len(admin1s) == 1 else None)


def event_filters(
    view: str,
    *,
    country: str | None = None,
    region: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    span: int | None = None,
) -> list[ColumnElement[bool]]:
    """WHERE conditions selecting the events of a toll query.

    ``span`` (``event_span``: no event of the view lasts longer, in days) adds the bound an
    event ending on or after ``date_from`` implies on its first day, so that a date window
    reads an index range of first days instead of every event that began before its end.
    """
    conds: list[ColumnElement[bool]] = [events.c.view == view]
    if country:
        conds.append(events.c.country == country.upper())
    if region:
        name = region.strip().lower()
        conds.append(
            or_(func.lower(events.c.admin1_name) == name, func.lower(events.c.place_name) == name)
        )
    if date_from is not None:
        conds.append(func.coalesce(events.c.date_end, events.c.date_start) >= date_from)
        if span is not None and date_from.toordinal() > span:
            conds.append(events.c.date_start >= date_from - timedelta(days=span))
    if date_to is not None:
        conds.append(events.c.date_start <= date_to)
    return conds


def event_span(conn: Connection, view: str) -> int | None:
    """The longest event of ``view`` in days (its last day minus its first), from the
    ``event_rollup`` rows; None when an event has a last day and no first (no bound)."""
    r = event_rollup.c
    longest, unbounded = conn.execute(
        select(func.max(r.span), func.count(r.id) - func.count(r.span)).where(r.view == view)
    ).one()
    if unbounded:
        return None
    return int(longest or 0)


def count_events(
    conn: Connection,
    view: str,
    *,
    country: str | None = None,
    region: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    outcome: str | None = None,
    category: str | None = None,
) -> int:
    """How many events the filters of ``event_filters`` (and an outcome, a category) select.

    With no region and no date window, the ``event_rollup`` rows answer (a few per partition,
    whatever the number of events); otherwise the events are counted, a window's through the
    bound ``event_span`` puts on their first day.
    """
    if region is None and date_from is None and date_to is None:
        r = event_rollup.c
        q = select(func.sum(r.n)).where(r.view == view)
        if country:
            q = q.where(r.country == country.upper())
        if outcome:
            q = q.where(r.outcome == outcome)
        if category:
            q = q.where(r.category == category)
        return int(conn.execute(q).scalar() or 0)
    span = event_span(conn, view) if date_from is not None else None
    conds = event_filters(
        view, country=country, region=region, date_from=date_from, date_to=date_to, span=span
    )
    if outcome:
        conds.append(events.c.outcome == outcome)
    if category:
        conds.append(events.c.category == category)
    return int(conn.execute(select(func.count()).select_from(events).where(*conds)).scalar_one())


def event_json(row: RowMapping, claim_ids: Sequence[str]) -> dict[str, Any]:
    """One event as the JSON of ``tollwatch tolls --json`` / ``events --json``."""
    start, end = row["date_start"], row["date_end"]
    return {
        "id": row["id"],
        "place": row["place_name"] or row["place_mention"],
        "lat": row["lat"],
        "lon": row["lon"],
        "date": start.isoformat() if start else None,
        "outcome": row["outcome"],
        "category": row["category"],
        "low": row["low"],
        "best": row["best"],
        "high": row["high"],
        "claims": list(claim_ids),
        "date_end": end.isoformat() if end else None,
        "country": row["country"],
        "admin1": row["admin1_name"],
        "role": row["role"],
        "counted": {
            "low": row["counted_low"],
            "best": row["counted_best"],
            "high": row["counted_high"],
        },
        "covered_by": row["scope_id"],
        "cover_reason": row["cover_reason"],
        "coding": coding_json(row),
    }


def _claims_of(conn: Connection, view: str, ids: Sequence[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {i: [] for i in ids}
    for chunk_start in range(0, len(ids), 500):
        chunk = list(ids[chunk_start : chunk_start + 500])
        q = (
            select(event_claims.c.event_id, event_claims.c.claim_id)
            .where(event_claims.c.view == view, event_claims.c.event_id.in_(chunk))
            .order_by(event_claims.c.event_id, event_claims.c.claim_id)
        )
        for eid, cid in conn.execute(q):
            out[eid].append(cid)
    return out


def list_events(
    conn: Connection,
    conds: Sequence[ColumnElement[bool]],
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events matching ``conds`` (from ``event_filters``), by date then id, as JSON objects."""
    q = select(events).where(*conds).order_by(events.c.date_start, events.c.id).offset(offset)
    if limit is not None:
        q = q.limit(limit)
    rows = list(conn.execute(q).mappings())
    view = rows[0]["view"] if rows else "all"
    members = _claims_of(conn, view, [r["id"] for r in rows])
    return [event_json(r, members[r["id"]]) for r in rows]


def get_event(engine: Engine, event_id: str, *, view: str = "all") -> dict[str, Any]:
    """One event with its claims (roles, reasons, quotes); EventNotFound if absent."""
    with engine.connect() as conn:
        row = (
            conn.execute(select(events).where(events.c.view == view, events.c.id == event_id))
            .mappings()
            .first()
        )
        if row is None:
            raise EventNotFound(
                f"no event {event_id!r} in the {view} view",
                hint="run `tollwatch events` to list event ids, or reconcile again",
            )
        notes = list(
            conn.execute(
                select(event_claims)
                .where(event_claims.c.view == view, event_claims.c.event_id == event_id)
                .order_by(event_claims.c.claim_id)
            ).mappings()
        )
        details = claim_details(conn, [n["claim_id"] for n in notes])
    out = event_json(row, [n["claim_id"] for n in notes])
    out["claim_notes"] = [
        {
            "id": n["claim_id"],
            "role": n["role"],
            "reason": n["reason"],
            **details.get(n["claim_id"], {}),
        }
        for n in notes
    ]
    return out


def claim_details(conn: Connection, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Quote, report, outlet and date of each claim (for explanations)."""
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        q = (
            select(
                claims.c.id,
                claims.c.report_id,
                claims.c.quote,
                claims.c.quantity_text,
                claims.c.attributed_to,
                claims.c.review_state,
                reports.c.published,
                reports.c.title,
                sources.c.name.label("source"),
            )
            .select_from(
                claims.join(reports, reports.c.id == claims.c.report_id).outerjoin(
                    sources, sources.c.id == reports.c.source_id
                )
            )
            .where(claims.c.id.in_(chunk))
        )
        for r in conn.execute(q).mappings():
            out[r["id"]] = {
                "report_id": r["report_id"],
                "quote": r["quote"],
                "quantity_text": r["quantity_text"],
                "attributed_to": r["attributed_to"],
                "review_state": r["review_state"],
                "published": r["published"].isoformat() if r["published"] else None,
                "title": r["title"],
                "source": r["source"],
            }
    return out
