"""Reconciliation at the edge: load claims, reconcile, store; answer toll queries.

``reconcile_all`` runs the pure ``reconcile`` over every claim not rejected (view "all") and
over verified claims only (view "verified"), and rewrites a view only when its claims
changed. ``query_tolls`` answers from the stored events and running tolls with a few indexed
queries; ``explain`` shows how each number was made.
"""

from __future__ import annotations

import hashlib
import json
import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from itertools import chain
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, delete, insert, select

from tollwatch.errors import ReconcileError
from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    DateRange,
    GeoPrecision,
    Outcome,
    PlaceRef,
    Qualifier,
    Reliability,
    ReviewState,
    Scope,
)
from tollwatch.reconcile.cluster import Regroup
from tollwatch.reconcile.core import focus_countries
from tollwatch.reconcile.explain import ExplainDetail, Explanation, build
from tollwatch.reconcile.partition import partition_claims
from tollwatch.reconcile.queries import Query, events_total, scope_listing, tolls_for
from tollwatch.reconcile.results import ReportInfo
from tollwatch.reconcile.tasks import PartitionResult, PartitionTask, partition_task, reconcile_task
from tollwatch.store.engine import exclusive, transaction
from tollwatch.store.events import (
    claim_details,
    delete_partition,
    event_span,
    list_events,
    write_reconciliation,
)
from tollwatch.store.tables.core import claims, reports, sources
from tollwatch.store.tables.reconcile import (
    event_claims,
    event_rollup,
    events,
    reconcile_flags,
    reconcile_runs,
    series_claims,
    toll_scopes,
    toll_series,
)

if TYPE_CHECKING:
    from tollwatch.review.overrides import Override

__all__ = ["BY", "ReconcileStats", "explain", "load_claims", "query_tolls", "reconcile_all"]

BY = ("day", "week", "place", "category")
EVENT_LIMIT = 1000
"""Events listed by a toll query unless ``limit`` says otherwise (tolls always count all)."""


@dataclass
class ReconcileStats:
    """What ``reconcile_all`` did, per view."""

    claims: dict[str, int] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=dict)
    series: dict[str, int] = field(default_factory=dict)
    flags: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # views whose claims had not changed
    partitions: list[str] = field(default_factory=list)  # "view:country" recomputed
    seconds: float = 0.0


_COLS = [
    claims.c.id,
    claims.c.report_id,
    claims.c.extractor_version,
    claims.c.outcome,
    claims.c.low,
    claims.c.best,
    claims.c.high,
    claims.c.qualifier,
    claims.c.quantity_text,
    claims.c.category,
    claims.c.children,
    claims.c.women,
    claims.c.men,
    claims.c.perpetrator,
    claims.c.place_mention,
    claims.c.place_id,
    claims.c.place_name,
    claims.c.lat,
    claims.c.lon,
    claims.c.country,
    claims.c.admin1,
    claims.c.admin1_name,
    claims.c.admin2,
    claims.c.geo_precision,
    claims.c.date_start,
    claims.c.date_end,
    claims.c.date_precision,
    claims.c.date_expression,
    claims.c.date_anchor,
    claims.c.attributed_to,
    claims.c.scope,
    claims.c.reliability,
    claims.c.source_entity,
    claims.c.subject,
    claims.c.revision,
    claims.c.revises,
    claims.c.part_of,
    claims.c.span_start,
    claims.c.span_end,
    claims.c.quote,
    claims.c.place_link,
    claims.c.review_state,  # last: load_claims reads it as row[-1]
]


def _claim(row: Sequence[Any]) -> Claim:
    (cid, rid, ver, outcome, low, best, high, qual, qtext, cat, children, women, men, perp,
     mention, pid, pname, lat, lon, country, a1, a1n, a2, prec, ds, de, dp, dx, da, att,
     scope, rel, entity, subject, revision, revises, part_of, s0, s1, quote, link,
     _state) = row  # fmt: skip
    return Claim(
        report_id=rid,
        outcome=Outcome(outcome),
        low=low,
        best=best,
        high=high,
        qualifier=Qualifier(qual),
        start=s0,
        end=s1,
        quote=quote,
        quantity_text=qtext,
        category=Category(cat),
        children=children,
        women=women,
        men=men,
        perpetrator=perp,
        place=PlaceRef(
            mention=mention,
            place_id=pid,
            name=pname,
            lat=lat,
            lon=lon,
            country=country,
            admin1=a1,
            admin1_name=a1n,
            admin2=a2,
            precision=GeoPrecision(prec) if prec is not None else None,
            link=link,
        ),
        date=DateRange(ds, de, DatePrecision(dp or "unknown"), dx, da),
        attributed_to=att,
        scope=Scope(scope),
        reliability=Reliability(rel or "reported"),
        source_entity=entity,
        subject=subject,
        revision=bool(revision),
        revises=revises,
        part_of=part_of,
        extractor_version=ver,
        id=cid,
    )


def load_claims(
    conn: Connection, *, verified_only: bool = False
) -> tuple[list[Claim], dict[str, ReportInfo], dict[str, int]]:
    """The claims that count, as review decided (``review.states.effective``): never a
    rejected one, corrected ones with their corrected values, and with ``verified_only``
    only verified or corrected ones. Also the reports' dates and outlets, and a digest of
    each claim's stored row and correction (to tell which partitions changed)."""
    from tollwatch.review.states import COUNTED_VERIFIED, effective
    from tollwatch.store.tables.security import claim_corrections

    q = select(*_COLS).where(claims.c.review_state != ReviewState.REJECTED.value)
    if verified_only:
        q = q.where(claims.c.review_state.in_([s.value for s in COUNTED_VERIFIED]))
    loaded: list[Claim] = []
    states: dict[str, ReviewState] = {}
    digests: dict[str, int] = {}
    for row in conn.execute(q.order_by(claims.c.id)):
        digests[row[0]] = zlib.crc32(repr(tuple(row)).encode("utf-8"))
        loaded.append(_claim(row))
        states[row[0]] = ReviewState(row[-1] or "unreviewed")
    corrections: dict[str, dict[str, Any]] = {}
    for cid, values in conn.execute(
        select(claim_corrections.c.claim_id, claim_corrections.c.corrected)
    ):
        if states.get(cid) == ReviewState.CORRECTED:
            corrections[cid] = json.loads(values)
            digests[cid] = zlib.crc32(values.encode("utf-8"), digests[cid])
    out = effective(loaded, states, corrections, verified_only=verified_only)
    report_ids = {c.report_id for c in out}
    infos: dict[str, ReportInfo] = {}
    rq = select(reports.c.id, reports.c.published, sources.c.name).select_from(
        reports.outerjoin(sources, sources.c.id == reports.c.source_id)
    )
    for rid, published, source in conn.execute(rq):
        if rid in report_ids:
            infos[rid] = ReportInfo(rid, published, source)
    return out, infos, digests


def _overrides(conn: Connection) -> tuple[list[Override], str]:
    """Reviewers' active merge/split overrides, and their fingerprint."""
    from tollwatch.review.overrides import active_overrides

    overrides = active_overrides(conn)
    return overrides, repr([(o.id, o.kind, o.groups) for o in overrides]) if overrides else ""


def _regroup(conn: Connection) -> tuple[Regroup | None, str]:
    """Reviewers' active merge/split overrides as a regroup function, and their fingerprint."""
    from tollwatch.review.overrides import apply_overrides

    overrides, key = _overrides(conn)
    if not overrides:
        return None, ""

    def regroup(groups: list[list[str]]) -> list[list[str]]:
        return apply_overrides(groups, overrides)

    return regroup, key


Mapper = Callable[
    [Callable[[PartitionTask], PartitionResult], Iterable[PartitionTask]], Iterator[PartitionResult]
]
"""Maps a task function over tasks, yielding results in any order (``scale.Runner.map_unordered``)."""


def _in_process(
    fn: Callable[[PartitionTask], PartitionResult], tasks: Iterable[PartitionTask]
) -> Iterator[PartitionResult]:
    return map(fn, tasks)


def reconcile_all(
    engine: Engine,
    *,
    force: bool = False,
    map_unordered: Mapper | None = None,
    keep_sensitive: bool = False,
) -> ReconcileStats:
    """Reconcile every stored claim into events and running tolls and store them.

    Claims are reconciled per partition (the country they are about; see
    ``reconcile.partition``), as the pure ``reconcile`` does: only partitions whose claims,
    review decisions, report dates or outlets changed since the last run are recomputed and
    rewritten (all of them with ``force``), so a new report updates only what it touches.
    Rejected claims never count, corrected claims count with their corrected values,
    reviewers' merges and splits are honoured; the "verified" view uses verified and
    corrected claims only.

    ``map_unordered`` computes the partitions (``reconcile.tasks.reconcile_task``) elsewhere,
    e.g. on a Dask cluster (``scale.Runner.map_unordered``); this process still reads and
    writes every row, so the result is the in-process one. With ``keep_sensitive``, a
    partition holding a claim of a report marked sensitive is computed in this process.
    """
    t0 = time.perf_counter()
    stats = ReconcileStats()
    remote = map_unordered or _in_process
    for view in ("all", "verified"):
        with transaction(engine) as conn:
            exclusive(conn, "reconcile")  # a concurrent run waits, then finds nothing to do
            loaded, infos, digests = load_claims(conn, verified_only=view == "verified")
            overrides, overrides_key = _overrides(conn)
            focus = focus_countries(loaded)
            parts = partition_claims(loaded, infos, focus)
            stats.claims[view] = len(loaded)
            prev = dict(
                conn.execute(
                    select(reconcile_runs.c.part, reconcile_runs.c.fingerprint).where(
                        reconcile_runs.c.view == view
                    )
                ).all()
            )
            fingerprints = {
                part: _fingerprint(members, infos, digests, focus, overrides_key)
                for part, members in parts.items()
            }
            changed = sorted(p for p in parts if force or prev.get(p) != fingerprints[p])
            # every stale partition goes before any is written: a claim can move from a
            # partition written later to one written earlier (a report of no country that
            # now links two)
            stale = sorted(set(prev) - set(parts)) + changed
            for part in stale:
                delete_partition(conn, view, part)
                conn.execute(
                    delete(reconcile_runs).where(
                        reconcile_runs.c.view == view, reconcile_runs.c.part == part
                    )
                )
            touched = bool(stale)
            home = _sensitive_parts(conn, parts, changed) if keep_sensitive else set()

            sent = [p for p in changed if p not in home]
            kept = [p for p in changed if p in home]
            results = chain(
                remote(reconcile_task, _tasks(view, sent, parts, infos, focus, overrides)),
                _in_process(reconcile_task, _tasks(view, kept, parts, infos, focus, overrides)),
            )
            for result in results:
                part = result.part
                members = parts[part]
                counts = write_reconciliation(
                    conn, view, result.rec, part, claims={c.id: c for c in members}
                )
                stats.events[view] = stats.events.get(view, 0) + counts["events"]
                stats.series[view] = stats.series.get(view, 0) + counts["toll_series"]
                stats.flags[view] = stats.flags.get(view, 0) + counts["reconcile_flags"]
                stats.partitions.append(f"{view}:{part or '-'}")
                conn.execute(
                    insert(reconcile_runs).values(
                        view=view,
                        part=part,
                        fingerprint=fingerprints[part],
                        claims=len(members),
                        finished_at=datetime.now(UTC),
                    )
                )
            if not touched and not force:
                stats.skipped.append(view)
    stats.partitions.sort()
    if len(stats.skipped) < 2:
        _analyze(engine)
    stats.seconds = time.perf_counter() - t0
    return stats


def _tasks(
    view: str,
    names: Sequence[str],
    parts: dict[str, list[Claim]],
    infos: dict[str, ReportInfo],
    focus: dict[str, str | None],
    overrides: Sequence[Override],
) -> Iterator[PartitionTask]:
    """One task per partition named, built as the runner asks for it (memory: a few at once)."""
    for part in names:
        yield partition_task(view, part, parts[part], infos, focus, overrides)


def _sensitive_parts(
    conn: Connection, parts: dict[str, list[Claim]], names: Sequence[str]
) -> set[str]:
    """The partitions among ``names`` holding a claim of a report marked sensitive."""
    marked = set(conn.execute(select(reports.c.id).where(reports.c.sensitive.is_(True))).scalars())
    if not marked:
        return set()
    return {p for p in names if any(c.report_id in marked for c in parts[p])}


def _analyze(engine: Engine) -> None:
    """Refresh the planner's statistics of the tables toll queries read.

    Without them SQLite answers a one-sided date filter (``date_start <= ?``) through the date
    index, visiting most events one by one, where a scan is several times faster; the
    statistics change plans only, never an answer.
    """
    with engine.begin() as conn:
        for table in (events, event_rollup, event_claims, toll_scopes, toll_series, series_claims):
            conn.exec_driver_sql(f"ANALYZE {table.name}")


def _fingerprint(
    members: Sequence[Claim],
    infos: dict[str, ReportInfo],
    digests: dict[str, int],
    focus: dict[str, str | None],
    overrides_key: str,
) -> str:
    h = hashlib.sha256(overrides_key.encode("utf-8"))
    for c in members:
        info = infos.get(c.report_id)
        pub, src = (info.published, info.source) if info else (None, None)
        h.update(f"{c.id}|{digests.get(c.id)}|{pub}|{src}|{focus.get(c.report_id)}\n".encode())
    return h.hexdigest()


# ---------------------------------------------------------------- queries


def _parse_day(value: date | str | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ReconcileError(
            f"{name} {value!r} is not a date", hint="write it as YYYY-MM-DD"
        ) from exc


def query_tolls(
    engine: Engine,
    *,
    country: str | None = None,
    region: str | None = None,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    by: str | None = None,
    verified_only: bool = False,
    limit: int | None = EVENT_LIMIT,
    rollup: bool = True,
) -> dict[str, Any]:
    """Reconciled tolls and the events in scope, as ``tollwatch tolls --json`` prints them.

    ``rollup=False`` sums the events themselves where the stored ``event_rollup`` would answer,
    and reads a date window's events without the bound ``event_span`` puts on their first day
    (same result; the baseline of benchmarks/reconcile.py and of the tests).

    {"tolls": {outcome: {category | "total": {"low", "best", "high"}}}, "events": [...],
     "events_total": n, "scopes": [...], "series": [...], "flags": [...], "view": ...,
     "groups": {...} (with ``by``)}

    ``events`` lists at most ``limit`` events (by date); the tolls always count all of them.
    A running toll counts in a date window by its increments: its figure at the window's end
    minus its figure before the window's start. ``region`` matches an admin-1 or place name;
    a running toll for a wider area does not speak for it (its incidents there count alone).
    """
    if by is not None and by not in BY:
        raise ReconcileError(f"--by {by!r} is not one of {', '.join(BY)}")
    q = Query(
        "verified" if verified_only else "all",
        country.upper() if country else None,
        region,
        _parse_day(date_from, "--from"),
        _parse_day(date_to, "--to"),
    )
    if q.date_from and q.date_to and q.date_from > q.date_to:
        raise ReconcileError(f"--from {q.date_from} is after --to {q.date_to}")
    with engine.connect() as conn:
        if rollup and q.date_from is not None:
            q = replace(q, span=event_span(conn, q.view))
        tolls, straddling = tolls_for(conn, q, rollup=rollup)
        total = events_total(conn, q, rollup=rollup)
        evs = list_events(conn, q.event_conds(), limit=limit)
        scopes, series = scope_listing(conn, q, straddling, limit)
        subjects = {e["id"] for e in evs} | {x["id"] for x in scopes} | {x["id"] for x in series}
        out: dict[str, Any] = {
            "tolls": tolls,
            "events": evs,
            "events_total": total,
            "scopes": scopes,
            "series": series,
            "flags": _flags_for(conn, q.view, subjects),
            "view": q.view,
        }
        out["marks"] = toll_marks(out)
        if by is not None:
            out["groups"] = _groups(conn, q, by, tolls)
    return out


QUESTIONING = (
    "coverage_conflict",
    "monitors_disagree",
    "decrease",
    "wide_range",
    "ambiguous_match",
)
"""Flags that changed or question a figure: shown beside it in the table, not only in --explain."""


def toll_marks(result: dict[str, Any]) -> dict[str, dict[str, list[str]]]:
    """outcome -> category (or "total") -> the kinds of flag that question that figure."""
    where: dict[str, tuple[str, str | None]] = {}
    for e in result.get("events", []):
        where[e["id"]] = (e["outcome"], e["category"])
    for s in result.get("series", []):
        where[s["id"]] = (s["outcome"], s["category"])
    for sc in result.get("scopes", []):
        where[sc["id"]] = (sc["outcome"], None)
    marks: dict[str, dict[str, list[str]]] = {}
    for f in result.get("flags", []):
        if f["kind"] not in QUESTIONING or f["subject"] not in where:
            continue
        outcome, cat = where[f["subject"]]
        if cat is None:  # a scope's flag names its category first ("civilians: ...")
            head = f["message"].split(":", 1)[0].split()
            cat = head[-1] if head and head[-1] in _CATEGORY_KEYS else "total"
        kinds = marks.setdefault(outcome, {}).setdefault(cat, [])
        if f["kind"] not in kinds:
            kinds.append(f["kind"])
    return {o: {c: sorted(k) for c, k in sorted(cats.items())} for o, cats in sorted(marks.items())}


_CATEGORY_KEYS = ("civilians", "state_forces", "non_state_armed", "unknown", "total")


def _flags_for(conn: Connection, view: str, subjects: set[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    ids = sorted(subjects)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        rows = conn.execute(
            select(reconcile_flags)
            .where(reconcile_flags.c.view == view, reconcile_flags.c.subject_id.in_(chunk))
            .order_by(reconcile_flags.c.kind, reconcile_flags.c.subject_id)
        ).mappings()
        out.extend(
            {
                "kind": r["kind"],
                "subject": r["subject_id"],
                "message": r["message"],
                "claims": json.loads(r["claim_ids"]),
            }
            for r in rows
        )
    return out


def _days(conn: Connection, q: Query) -> list[date]:
    days = {
        d
        for (d,) in conn.execute(select(events.c.date_start).where(*q.event_conds()).distinct())
        if d
    }
    pub = select(series_claims.c.published).where(series_claims.c.view == q.view).distinct()
    for (d,) in conn.execute(pub):
        if (
            d
            and (q.date_from is None or d >= q.date_from)
            and (q.date_to is None or d <= q.date_to)
        ):
            days.add(d)
    return sorted(days)


def _groups(conn: Connection, q: Query, by: str, tolls: dict[str, Any]) -> dict[str, Any]:
    if by == "category":
        return {
            cat: {outcome: row[cat] for outcome, row in tolls.items()}
            for cat in ("civilians", "state_forces", "non_state_armed", "unknown", "total")
        }
    groups: dict[str, Any] = {}
    if by in ("day", "week"):
        spans: dict[str, tuple[date, date]] = {}
        for d in _days(conn, q):
            if by == "day":
                spans[d.isoformat()] = (d, d)
            else:
                monday = d - timedelta(days=d.weekday())
                iso = monday.isocalendar()
                spans[f"{iso.year}-W{iso.week:02d}"] = (monday, monday + timedelta(days=6))
        for key, (lo, hi) in sorted(spans.items()):
            sub = replace(q, date_from=max(lo, q.date_from or lo), date_to=min(hi, q.date_to or hi))
            groups[key] = {"tolls": tolls_for(conn, sub)[0]}
        return groups
    # by place: the admin-1 regions (or places) incidents happened in
    names = conn.execute(
        select(events.c.admin1_name, events.c.place_name).where(*q.event_conds()).distinct()
    ).all()
    for name in sorted({a or p for a, p in names if a or p}):
        groups[name] = {"tolls": tolls_for(conn, replace(q, region=name))[0]}
    return groups


def explain(
    engine: Engine,
    *,
    country: str | None = None,
    region: str | None = None,
    date_from: date | str | None = None,
    date_to: date | str | None = None,
    verified_only: bool = False,
    limit: int | None = 200,
    redact: bool = True,
) -> Explanation:
    """The explanation tree (``tollwatch.reconcile.explain``): for each toll, which claims
    it rests on and why.

    Quotes have people's names withheld (``tollwatch.redact``) unless ``redact`` is False or
    the name is marked public.
    """
    result = query_tolls(
        engine,
        country=country,
        region=region,
        date_from=date_from,
        date_to=date_to,
        verified_only=verified_only,
        limit=limit,
    )
    with engine.connect() as conn:
        detail = gather_explain_detail(conn, result, redact=redact)
    return build(result, detail)


def gather_explain_detail(
    conn: Connection, result: dict[str, Any], *, redact: bool
) -> ExplainDetail:
    """Claim notes of the listed events, bulletins of the series, and every claim's words."""
    view = result["view"]
    notes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    event_ids = [e["id"] for e in result["events"]]
    series_ids = [s["id"] for s in result["series"]]
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        q = (
            select(event_claims)
            .where(event_claims.c.view == view, event_claims.c.event_id.in_(chunk))
            .order_by(event_claims.c.claim_id)
        )
        for r in conn.execute(q).mappings():
            notes[r["event_id"]].append(dict(r))
    for start in range(0, len(series_ids), 500):
        chunk = series_ids[start : start + 500]
        q = (
            select(series_claims)
            .where(series_claims.c.view == view, series_claims.c.series_id.in_(chunk))
            .order_by(series_claims.c.published, series_claims.c.claim_id)
        )
        for r in conn.execute(q).mappings():
            members[r["series_id"]].append(dict(r))
    ids = [n["claim_id"] for ns in notes.values() for n in ns]
    ids += [m["claim_id"] for ms in members.values() for m in ms]
    details = claim_details(conn, sorted(set(ids)))
    if redact and details:
        from tollwatch.redact import redact_text
        from tollwatch.redact.public import public_name_set

        public = public_name_set(conn)
        for d in details.values():
            d["quote"] = redact_text(d["quote"] or "", public)
    return ExplainDetail(dict(notes), dict(members), details)
