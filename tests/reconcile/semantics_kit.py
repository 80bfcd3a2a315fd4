"""What reconciliation decided, read from a pure ``Reconciliation`` or from the stored tables,
in one comparable shape: events (with every claim note), series (with their bulletins),
scopes, flags and the tolls ``query_tolls`` answers. Used to prove the pure and the stored
paths agree (test_one_semantics.py, test_scenario_semantics.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, select, text

from tollwatch.models import Claim
from tollwatch.reconcile import Reconciliation, ReportInfo, reconcile, tally, tolls_json
from tollwatch.reconcile.service import query_tolls
from tollwatch.store.tables.reconcile import (
    event_claims,
    events,
    reconcile_flags,
    series_claims,
    toll_scopes,
    toll_series,
)

Summary = dict[str, Any]


def pure_summary(rec: Reconciliation) -> Summary:
    evs = {
        e.id: (
            e.event.outcome.value,
            e.event.category.value,
            e.role,
            (e.event.low or 0, e.event.best or 0, e.event.high or 0),
            (e.counted.low, e.counted.best, e.counted.high),
            e.scope_id,
            e.event.place.country or e.focus_country,
            e.event.date.start,
            e.event.date.end,
            len(e.event.claim_ids),
            tuple(sorted((n.claim_id, n.role) for n in e.notes)),
        )
        for e in rec.events
    }
    scope_of = {fid: s.id for s in rec.scopes for fid in s.family_ids}
    series = {
        s.id: (
            s.family_id,
            scope_of[s.family_id],
            s.outcome.value,
            s.category.value,
            (s.value.low, s.value.best, s.value.high),
            s.latest_claim_id,
            s.period_start,
            s.period_end,
            tuple(sorted((m.claim_id, m.role, m.range.best) for m in s.members)),
        )
        for s in rec.series
    }
    scopes = {
        s.id: (
            s.outcome.value,
            s.period_start,
            s.period_end,
            json.dumps(
                {c.value: [r.low, r.best, r.high] for c, r in s.cum.items()}, sort_keys=True
            ),
            (s.cum_total.low, s.cum_total.best, s.cum_total.high) if s.cum_total else (0, 0, 0),
        )
        for s in rec.scopes
    }
    flags = sorted((f.kind, f.subject_id, f.message) for f in rec.flags)
    tolls = tolls_json(tally(rec.events, rec.scopes)[0])
    return {"events": evs, "series": series, "scopes": scopes, "flags": flags, "tolls": tolls}


def stored_summary(engine: Engine, view: str) -> Summary:
    with engine.connect() as conn:
        notes: dict[str, list[tuple[str, str]]] = {}
        for eid, cid, role in conn.execute(
            select(event_claims.c.event_id, event_claims.c.claim_id, event_claims.c.role).where(
                event_claims.c.view == view
            )
        ):
            notes.setdefault(eid, []).append((cid, role))
        e = events.c
        evs = {
            r.id: (
                r.outcome,
                r.category,
                r.role,
                (r.low, r.best, r.high),
                (r.counted_low, r.counted_best, r.counted_high),
                r.scope_id,
                r.country,
                r.date_start,
                r.date_end,
                r.n_claims,
                tuple(sorted(notes.get(r.id, []))),
            )
            for r in conn.execute(select(events).where(e.view == view))
        }
        members: dict[str, list[tuple[str, str, int]]] = {}
        for sid, cid, role, best in conn.execute(
            select(
                series_claims.c.series_id,
                series_claims.c.claim_id,
                series_claims.c.role,
                series_claims.c.best,
            ).where(series_claims.c.view == view)
        ):
            members.setdefault(sid, []).append((cid, role, best))
        series = {
            r.id: (
                r.family_id,
                r.scope_id,
                r.outcome,
                r.category,
                (r.low, r.best, r.high),
                r.latest_claim_id,
                r.period_start,
                r.period_end,
                tuple(sorted(members.get(r.id, []))),
            )
            for r in conn.execute(select(toll_series).where(toll_series.c.view == view))
        }
        scopes = {
            r.id: (
                r.outcome,
                r.period_start,
                r.period_end,
                r.cum,
                (r.total_low, r.total_best, r.total_high),
            )
            for r in conn.execute(select(toll_scopes).where(toll_scopes.c.view == view))
        }
        flags = sorted(
            (r.kind, r.subject_id, r.message)
            for r in conn.execute(select(reconcile_flags).where(reconcile_flags.c.view == view))
        )
    tolls = query_tolls(engine, verified_only=view == "verified", limit=0)["tolls"]
    return {"events": evs, "series": series, "scopes": scopes, "flags": flags, "tolls": tolls}


def pure_from_store(engine: Engine, view: str) -> Summary:
    """Pure ``reconcile`` over the claims the stored view counts (as review decided) and the
    reviewers' merges and splits."""
    from tollwatch.reconcile.service import _regroup, load_claims

    with engine.connect() as conn:
        claims, infos, _ = load_claims(conn, verified_only=view == "verified")
        regroup, _key = _regroup(conn)
    return pure_summary(reconcile(claims, infos, regroup=regroup))


def pure_of(claims: Sequence[Claim], reports: dict[str, ReportInfo]) -> Summary:
    return pure_summary(reconcile(claims, reports))


def differences(a: Summary, b: Summary) -> list[str]:
    """Readable differences between two summaries (empty when they agree)."""
    out: list[str] = []
    for part in ("events", "series", "scopes"):
        x, y = a[part], b[part]
        for k in sorted(set(x) | set(y)):
            if x.get(k) != y.get(k):
                out.append(f"{part} {k}: {x.get(k)!r} != {y.get(k)!r}")
    if a["flags"] != b["flags"]:
        out.append(f"flags: {len(a['flags'])} != {len(b['flags'])}")
    if a["tolls"] != b["tolls"]:
        out.append(f"tolls: {a['tolls']!r} != {b['tolls']!r}")
    return out


@contextmanager
def fresh_url(dialect: str, tmp: Path, admin_url: str) -> Iterator[str]:
    """A brand-new empty database: a SQLite file under ``tmp``, or a PostgreSQL schema."""
    import uuid

    if dialect == "sqlite":
        yield f"sqlite:///{tmp / ('tw-' + uuid.uuid4().hex[:8] + '.db')}"
        return
    schema = "tw_" + uuid.uuid4().hex[:12]
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in admin_url else "?"
    try:
        yield f"{admin_url}{sep}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
