"""Reconciliation at scale: full reconcile of N synthetic claims, and toll-query latency.

    .venv/bin/python benchmarks/reconcile.py [--claims 10000] [--queries 200]
                                             [--pg URL | --no-pg] [--slice 8000]

The default size (10,000 claims) finishes in a few minutes on a loaded 2-core machine;
``--claims 100000`` takes about ten, ``--claims 1000000`` (issue 15's target size) needs an
idle machine with several GB of memory and most of an hour.

1. ``tollwatch.reconcile.synth.generate`` makes N claims (incidents told by several outlets,
   running tolls with their bulletins, incidents inside and outside them).
2. Pure ``reconcile`` over the claims the stored view "all" counts (review rejects about one
   in 200; the benchmark stores that state): wall and CPU time, peak memory (max RSS).
   Baseline in the same run: naive O(n^2) clustering (every claim compared with every event
   so far) on a --slice of the claims, against ``reconcile`` on the same slice.
3. On SQLite and PostgreSQL: the claims are bulk-loaded into the core tables, then
   ``reconcile_all`` (load, reconcile, store) is timed, then --queries ``query_tolls`` calls
   with random filters (country, region, date window, verified) give p50/p95 latency, in
   --repeat rounds (medians printed). Baseline, interleaved with those rounds: answering one
   country's query by reconciling its claims on the fly (what a system without stored events
   would do). ``reconcile_all`` CPU is also printed as a ratio to the pure ``reconcile`` CPU,
   and the stored view "all" is compared with the pure result: event, series and scope
   counts and every toll must be identical (one semantics, issue 15).

The machine is shared: CPU time is printed beside wall time.

``--flat 10000,100000`` measures instead whether queries are flat in n (issue 15): it builds
one store per size on each database (bulk load, ``reconcile_all``; kept in ``--keep DIR`` and
reused when that directory already holds them), then runs --repeat rounds; each round runs
the same --queries filters on every store in turn (interleaved, so the machine's load falls
on every size alike). Two mixes: ``query_tolls`` over the filters ``/api/v1/tolls`` offers
(country, region, date window, one-sided windows, view "all" or "verified") and the
``/api/v1/events`` listing (the same filters plus outcome and category: a count and a page of
100). Printed per database and size: p50 / p95 (medians of the rounds), and the p95 ratio of
the largest size to the smallest, per round and its median.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
import uuid
import zlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, insert, text

from tollwatch.models import Claim
from tollwatch.reconcile import ReportInfo, reconcile, tally, tolls_json
from tollwatch.reconcile.cluster import claim_window, cluster_incidents, plausible
from tollwatch.reconcile.core import focus_countries
from tollwatch.reconcile.figures import claim_range
from tollwatch.reconcile.service import query_tolls, reconcile_all
from tollwatch.reconcile.synth import generate
from tollwatch.store import open_engine
from tollwatch.store.tables import claims as claims_t
from tollwatch.store.tables import reports as reports_t
from tollwatch.store.tables import sources as sources_t

PG_DEFAULT = "postgresql+psycopg://root@127.0.0.1:5432/test"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Timer:
    def __enter__(self) -> Timer:
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0

    def __str__(self) -> str:
        return f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU"


def naive_cluster(claims: list[Claim], reports: dict[str, ReportInfo]) -> int:
    """Baseline: compare every incident claim with every event found so far (O(n^2))."""
    events: list[list[Claim]] = []
    for c in claims:
        if c.scope.value != "incident":
            continue
        r = claim_range(c)
        if r is None:
            continue
        lo, hi = claim_window(c, reports[c.report_id].published)
        for ev in events:
            head = ev[0]
            hlo, hhi = claim_window(head, reports[head.report_id].published)
            hr = claim_range(head)
            if (
                head.outcome == c.outcome
                and head.place.place_id == c.place.place_id
                and lo is not None and hlo is not None and hi is not None and hhi is not None
                and lo <= hhi and hlo <= hi
                and hr is not None and plausible(hr.best, r.best)
            ):  # fmt: skip
                ev.append(c)
                break
        else:
            events.append([c])
    return len(events)


def review_state(c: Claim) -> str:
    """About one claim in 20 verified, one in 200 rejected, as review would leave them."""
    h = zlib.crc32(c.id.encode())
    return "verified" if h % 20 == 0 else ("rejected" if h % 200 == 1 else "unreviewed")


def claim_rows(claims: list[Claim]) -> Iterator[dict[str, Any]]:
    for c in claims:
        p, d = c.place, c.date
        yield {
            "id": c.id, "report_id": c.report_id, "extractor_version": c.extractor_version,
            "outcome": c.outcome.value, "low": c.low, "best": c.best, "high": c.high,
            "qualifier": c.qualifier.value, "quantity_text": None, "category": c.category.value,
            "children": None, "women": None, "men": None, "perpetrator": None,
            "place_mention": p.mention, "place_id": p.place_id, "place_name": p.name,
            "lat": p.lat, "lon": p.lon, "country": p.country, "admin1": p.admin1,
            "admin1_name": p.admin1_name, "admin2": p.admin2,
            "geo_precision": int(p.precision) if p.precision is not None else None,
            "geocoder_version": "synth", "date_start": d.start, "date_end": d.end,
            "date_precision": d.precision.value, "date_expression": d.expression,
            "date_anchor": None, "attributed_to": c.attributed_to, "scope": c.scope.value,
            "span_start": c.start, "span_end": c.end, "quote": c.quote,
            "review_state": review_state(c),
        }  # fmt: skip


def load(engine: Engine, claims: list[Claim], reports: dict[str, ReportInfo]) -> None:
    """Bulk-load reports, outlets and claims (COPY on PostgreSQL)."""
    names = sorted({r.source for r in reports.values() if r.source})
    src_rows = [{"id": i + 1, "name": n} for i, n in enumerate(names)]
    src_id = {n: i + 1 for i, n in enumerate(names)}
    now = datetime.now(UTC)
    rep_rows = (
        {
            "id": r.id, "content_hash": r.id, "text": "synthetic", "source_id": src_id.get(r.source or ""),
            "published": r.published, "date_missing": False, "language": "en", "sensitive": False,
            "ingested_at": now, "url": None, "title": None, "origin": "synth",
            "extractor_version": "synth", "geocoder_version": "synth",
        }
        for r in reports.values()
    )  # fmt: skip
    with engine.begin() as conn:
        conn.execute(insert(sources_t), src_rows)
        if conn.dialect.name == "postgresql":
            raw = conn.connection.driver_connection
            assert raw is not None
            for table, rows in ((reports_t, rep_rows), (claims_t, claim_rows(claims))):
                cols = [c.name for c in table.columns]
                # COPY bypasses SQLAlchemy's column defaults: fill the scalar ones here
                defaults = {
                    c.name: c.default.arg
                    for c in table.columns
                    if c.default is not None and c.default.is_scalar
                }
                with (
                    raw.cursor() as cur,
                    cur.copy(f'COPY "{table.name}" ({", ".join(cols)}) FROM STDIN') as copy,
                ):
                    for row in rows:
                        copy.write_row([row.get(c, defaults.get(c)) for c in cols])
        else:
            for table, rows in ((reports_t, rep_rows), (claims_t, claim_rows(claims))):
                batch: list[dict[str, Any]] = []
                for row in rows:
                    batch.append(row)
                    if len(batch) == 20000:
                        conn.execute(insert(table), batch)
                        batch = []
                if batch:
                    conn.execute(insert(table), batch)


def stored_counts(engine: Engine) -> dict[str, Any]:
    """Events, series and scopes stored in view "all", and its tolls."""
    with engine.connect() as conn:
        n = {
            key: conn.execute(text(f"SELECT count(*) FROM {table} WHERE view = 'all'")).scalar_one()
            for key, table in (
                ("events", "events"),
                ("series", "toll_series"),
                ("scopes", "toll_scopes"),
            )
        }
    return {**n, "tolls": query_tolls(engine, limit=0)["tolls"]}


def random_query(rng: random.Random, claims: list[Claim]) -> dict[str, Any]:
    c = rng.choice(claims)
    kind = rng.random()
    q: dict[str, Any] = {"verified_only": rng.random() < 0.1}
    if kind < 0.3:
        q["country"] = c.place.country
    elif kind < 0.6:
        q["region"] = c.place.admin1_name
    elif kind < 0.85:
        q["country"] = c.place.country
        start = c.date.start or date(2024, 6, 1)
        q["date_from"] = start - timedelta(days=rng.randint(0, 30))
        q["date_to"] = start + timedelta(days=rng.randint(0, 30))
    # else: everything
    return q


def random_filters(rng: random.Random, claims: list[Claim]) -> dict[str, Any]:
    """One combination of the filters the API offers, drawn from a claim (so it selects
    something): country, region, a date window (both ends, or one), the view; and for the
    event listing, outcome and category."""
    c = rng.choice(claims)
    q: dict[str, Any] = {"verified_only": rng.random() < 0.2}
    if rng.random() < 0.6:
        q["country"] = c.place.country
    if rng.random() < 0.35 and c.place.admin1_name:
        q["region"] = c.place.admin1_name
    x = rng.random()
    start = c.date.start or date(2024, 6, 1)
    if x < 0.3:
        q["date_from"] = start - timedelta(days=rng.randint(0, 60))
        q["date_to"] = start + timedelta(days=rng.randint(0, 60))
    elif x < 0.4:
        q["date_from"] = start
    elif x < 0.5:
        q["date_to"] = start
    if rng.random() < 0.4:
        q["outcome"] = c.outcome.value
    if rng.random() < 0.3:
        q["category"] = c.category.value
    return q


def list_events_page(engine: Engine, q: dict[str, Any]) -> int:
    """What ``GET /api/v1/events`` asks the database: a count and the first page of 100."""
    from tollwatch.store.events import count_events, event_filters, event_span, list_events
    from tollwatch.store.tables.reconcile import events

    view = "verified" if q.get("verified_only") else "all"
    where = {k: q.get(k) for k in ("country", "region", "date_from", "date_to")}
    with engine.connect() as conn:
        span = event_span(conn, view) if q.get("date_from") is not None else None
        conds = event_filters(view, span=span, **where)
        if q.get("outcome"):
            conds.append(events.c.outcome == q["outcome"])
        if q.get("category"):
            conds.append(events.c.category == q["category"])
        total = count_events(conn, view, outcome=q.get("outcome"), category=q.get("category"),
                             **where)  # fmt: skip
        list_events(conn, conds, limit=100)
    return total


def _store_url(keep: Path | None, dialect: str, n: int, pg: str) -> tuple[str, bool, Any]:
    """The URL of the store of n claims, whether it is already built, and a cleanup."""
    if dialect == "sqlite":
        folder = keep or Path(tempfile.mkdtemp(prefix="flat-"))
        path = folder / f"flat-{n}.db"
        return f"sqlite:///{path}", keep is not None and path.exists(), None
    schema = f"flat_{n}" if keep else "flat_" + uuid.uuid4().hex[:10]
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        found = conn.execute(
            text("SELECT 1 FROM information_schema.schemata WHERE schema_name = :s"), {"s": schema}
        ).first()
        built = found is not None and conn.execute(
            text("SELECT 1 FROM information_schema.tables WHERE table_schema = :s "
                 "AND table_name = 'reconcile_runs'"), {"s": schema}
        ).first() is not None  # fmt: skip
        if not found:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop() -> None:
        with admin.connect() as c2:
            c2.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()

    sep = "&" if "?" in pg else "?"
    return f"{pg}{sep}options=-csearch_path%3D{schema}", built, None if keep else drop


def flat(args: argparse.Namespace) -> None:
    sizes = sorted(int(x) for x in args.flat.split(","))
    keep = Path(args.keep) if args.keep else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    dialects = [d for d, off in (("sqlite", args.no_sqlite), ("postgresql", args.no_pg)) if not off]
    engines: dict[tuple[str, int], Engine] = {}
    mixes: dict[int, list[dict[str, Any]]] = {}
    cleanups = []
    for n in sizes:
        claims, reports = generate(n, seed=1)
        rng = random.Random(7)
        mixes[n] = [random_filters(rng, claims) for _ in range(args.queries)]
        for dialect in dialects:
            url, built, cleanup = _store_url(keep, dialect, n, args.pg)
            if cleanup:
                cleanups.append(cleanup)
            engine = open_engine(url)
            if not built:
                with Timer() as t:
                    load(engine, claims, reports)
                    stats = reconcile_all(engine)
                print(f"[{dialect} {n:,}] built: {len(claims):,} claims, "
                      f"{stats.events.get('all', 0):,} events (view all): {t}")  # fmt: skip
            else:
                stats = reconcile_all(engine)  # a no-op unless the stored results are stale
                print(f"[{dialect} {n:,}] reused {url.split('@')[-1]} "
                      f"(reconciled again: {stats.partitions[:3]}...)")  # fmt: skip
            engines[(dialect, n)] = engine
        del claims, reports
    tolls_keys = ("country", "region", "date_from", "date_to", "verified_only")
    lat: dict[tuple[str, str, int], list[tuple[float, float]]] = {}
    for _ in range(args.repeat):
        for (dialect, n), engine in engines.items():
            for mix in ("tolls", "events"):
                times: list[float] = []
                for q in mixes[n]:
                    t0 = time.perf_counter()
                    if mix == "tolls":
                        query_tolls(engine, limit=100, **{k: q[k] for k in tolls_keys if k in q})
                    else:
                        list_events_page(engine, q)
                    times.append((time.perf_counter() - t0) * 1000)
                times.sort()
                lat.setdefault((dialect, mix, n), []).append(
                    (statistics.median(times), times[int(0.95 * (len(times) - 1))])
                )
    med = statistics.median
    lo, hi = sizes[0], sizes[-1]
    for dialect in dialects:
        for mix in ("tolls", "events"):
            cells = []
            for n in sizes:
                rounds = lat[(dialect, mix, n)]
                cells.append(f"{n:,}: p50 {med(r[0] for r in rounds):.1f} ms, "
                             f"p95 {med(r[1] for r in rounds):.1f} ms")  # fmt: skip
            ratios = [
                b[1] / a[1]
                for a, b in zip(lat[(dialect, mix, lo)], lat[(dialect, mix, hi)], strict=True)
            ]
            what = "query_tolls" if mix == "tolls" else "events listing"
            print(f"[{dialect}] {what}, {args.queries} filters, median of {args.repeat} "
                  f"interleaved rounds: {'; '.join(cells)}; p95 {hi:,}/{lo:,} "
                  f"{med(ratios):.2f}x (rounds: {', '.join(f'{r:.2f}' for r in ratios)})")  # fmt: skip
    for engine in engines.values():
        engine.dispose()
    for cleanup in cleanups:
        cleanup()


def bench_db(
    label: str,
    url: str,
    claims: list[Claim],
    reports: dict[str, ReportInfo],
    n_queries: int,
    repeat: int = 3,
    pure_cpu: float = 0.0,
    pure: dict[str, Any] | None = None,
) -> None:
    engine = open_engine(url)
    with Timer() as t_load:
        load(engine, claims, reports)
    print(f"[{label}] bulk load of {len(claims):,} claims: {t_load}")
    with Timer() as t_rec:
        stats = reconcile_all(engine)
    print(
        f"[{label}] reconcile_all (load + reconcile + store, both views): {t_rec}; "
        f"events {stats.events}, series {stats.series}, flags {stats.flags}; peak RSS {peak_mb():,.0f} MB"
    )
    if pure is not None:
        stored = stored_counts(engine)
        same = stored == pure
        print(
            f"[{label}] pure reconcile vs stored view 'all': events {pure['events']:,} / "
            f"{stored['events']:,}, series {pure['series']:,} / {stored['series']:,}, scopes "
            f"{pure['scopes']:,} / {stored['scopes']:,}; tolls "
            f"{'identical' if pure['tolls'] == stored['tolls'] else 'DIFFERENT'}: "
            f"{'ONE SEMANTICS' if same else 'TWO SEMANTICS'}"
        )
    with Timer() as t_again:
        again = reconcile_all(engine)
    print(f"[{label}] reconcile_all again, nothing changed (skipped {again.skipped}): {t_again}")
    # baseline: one country's tolls by reconciling its claims on the fly, interleaved with the
    # stored query mix, --repeat times; medians over the repeats
    country = claims[0].place.country
    subset = [c for c in claims if c.place.country == country]
    p50s, p95s, flies, storeds, ratios = [], [], [], [], []
    base50s, base95s, mix_ratios = [], [], []

    def query_mix(rollup: bool) -> tuple[float, float]:
        rng = random.Random(7)
        lat: list[float] = []
        for _ in range(n_queries):
            q = random_query(rng, claims)
            t0 = time.perf_counter()
            query_tolls(engine, limit=100, rollup=rollup, **q)
            lat.append((time.perf_counter() - t0) * 1000)
        lat.sort()
        return statistics.median(lat), lat[int(0.95 * (len(lat) - 1))]

    for _ in range(repeat):
        # baseline first: the same queries summing events where event_rollup answers
        b50, b95 = query_mix(False)
        base50s.append(b50)
        base95s.append(b95)
        p50, p95 = query_mix(True)
        p50s.append(p50)
        p95s.append(p95)
        mix_ratios.append(b95 / p95)
        t0 = time.perf_counter()
        rec = reconcile(subset, reports)
        tally(rec.events, rec.scopes)
        flies.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        query_tolls(engine, country=country, limit=100)
        storeds.append((time.perf_counter() - t0) * 1000)
        ratios.append(flies[-1] / storeds[-1])
    med = statistics.median
    print(
        f"[{label}] query_tolls over {n_queries} random filters, median of {repeat} rounds: "
        f"p50 {med(p50s):.1f} ms, p95 {med(p95s):.1f} ms "
        f"(p95 per round: {', '.join(f'{x:.1f}' for x in p95s)})"
    )
    print(
        f"[{label}] baseline, the same queries summing events instead of event_rollup, "
        f"interleaved: p50 {med(base50s):.1f} ms, p95 {med(base95s):.1f} ms; baseline/ours "
        f"p95 {med(mix_ratios):.2f}x (rounds: {', '.join(f'{x:.2f}' for x in mix_ratios)})"
    )
    print(
        f"[{label}] baseline, country {country} ({len(subset):,} claims) reconciled on the fly: "
        f"{med(flies):,.0f} ms vs stored query {med(storeds):.1f} ms, median of {repeat} "
        f"interleaved rounds; on-the-fly/stored {med(ratios):,.1f}x; "
        f"on-the-fly / stored mix p95 {med(flies) / med(p95s):,.1f}x"
    )
    print(
        f"[{label}] reconcile_all / pure reconcile, CPU: {t_rec.cpu / pure_cpu:.2f}x"
        if pure_cpu
        else f"[{label}] (pure reconcile skipped: no reconcile_all / pure ratio)"
    )
    engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--slice", type=int, default=8000, help="claims for the O(n^2) baseline")
    ap.add_argument("--pg", default=PG_DEFAULT)
    ap.add_argument("--no-pg", action="store_true")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--baseline-only", action="store_true")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved baseline pairs")
    ap.add_argument("--skip-pure", action="store_true", help="skip the in-memory reconcile")
    ap.add_argument("--flat", help="sizes, e.g. 10000,100000: query latency per size only")
    ap.add_argument("--keep", help="with --flat: directory (and PG schemas) to keep stores in")
    args = ap.parse_args()
    if args.flat:
        flat(args)
        return

    with Timer() as t_gen:
        claims, reports = generate(args.claims, seed=1)
    print(f"generated {len(claims):,} claims from {len(reports):,} reports: {t_gen}")

    for size in (args.slice // 4, args.slice):
        part = [c for c in claims[:size] if c.scope.value == "incident"]
        focus = focus_countries(part)
        ratios, naive_cpu, ours_cpu = [], [], []
        for _ in range(args.repeat):  # interleaved: naive, ours, naive, ours, ...
            with Timer() as t_naive:
                n_naive = naive_cluster(part, reports)
            with Timer() as t_ours:
                ours, _ = cluster_incidents(part, reports, focus)
            naive_cpu.append(t_naive.cpu)
            ours_cpu.append(t_ours.cpu)
            ratios.append(t_naive.cpu / max(t_ours.cpu, 1e-9))
        print(
            f"baseline on {len(part):,} incident claims, median of {args.repeat} interleaved "
            f"pairs: naive O(n^2) clustering {statistics.median(naive_cpu):.2f} s CPU "
            f"({n_naive:,} incidents); cluster_incidents {statistics.median(ours_cpu):.2f} s CPU "
            f"({len(ours):,} events); naive/ours CPU {statistics.median(ratios):,.1f}x "
            f"(pairs: {', '.join(f'{r:.1f}' for r in sorted(ratios))})"
        )
    if args.baseline_only:
        return

    pure_cpu = 0.0
    pure: dict[str, Any] | None = None
    if not args.skip_pure:
        counted = [c for c in claims if review_state(c) != "rejected"]
        with Timer() as t_rec:
            rec = reconcile(counted, reports)
            tolls, _ = tally(rec.events, rec.scopes)
        killed = tolls[next(iter(tolls))]["total"].best
        print(
            f"reconcile (pure) of the {len(counted):,} claims view 'all' counts: {t_rec}; "
            f"{len(rec.events):,} events, {len(rec.series):,} series, {len(rec.scopes):,} "
            f"scopes, {len(rec.flags):,} flags; peak RSS {peak_mb():,.0f} MB; killed total "
            f"best {killed:,}"
        )
        pure_cpu = t_rec.cpu
        pure = {
            "events": len(rec.events),
            "series": len(rec.series),
            "scopes": len(rec.scopes),
            "tolls": tolls_json(tolls),
        }
        del rec

    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as tmp:
            bench_db(
                "sqlite",
                f"sqlite:///{Path(tmp) / 'bench.db'}",
                claims,
                reports,
                args.queries,
                args.repeat,
                pure_cpu,
                pure,
            )
    if not args.no_pg:
        schema = "bench_" + uuid.uuid4().hex[:10]
        try:
            admin = create_engine(args.pg, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        except Exception as exc:
            print(f"[postgresql] skipped: {type(exc).__name__}: {exc}", file=sys.stderr)
            return
        sep = "&" if "?" in args.pg else "?"
        try:
            bench_db(
                "postgresql",
                f"{args.pg}{sep}options=-csearch_path%3D{schema}",
                claims,
                reports,
                args.queries,
                args.repeat,
                pure_cpu,
                pure,
            )
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            admin.dispose()


if __name__ == "__main__":
    main()
