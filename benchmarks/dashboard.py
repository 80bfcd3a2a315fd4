"""Dashboard speed: first render of the overview over a database of N claims.

    .venv/bin/python benchmarks/dashboard.py [--claims 100000] [--repeat 7] [--pg URL]
                                             [--no-browser]

Stores ``tollwatch.reconcile.synth.generate(N)`` claims (incidents told by several outlets,
running tolls, incidents inside and outside them) with their reports in a fresh SQLite
database (and PostgreSQL with --pg), reconciles them (``reconcile_all``), then serves the
real app with uvicorn on a free loopback port and measures:

- ``GET /`` (the overview, server-rendered: toll cards, chart, latest reports): the first
  request after start (cold) and the median and p95 of --repeat requests, and its size;
- ``GET /map`` and ``/map/events.json`` (every located event as one small object);
- in Debian's chromium (unless --no-browser or it is missing): navigation to first
  contentful paint and to the load event of the overview.

Baseline, in the same run on the same database: what the overview would cost without the
stored reconciliation — load every claim and reconcile on the request
(``load_claims`` + ``reconcile`` + ``tally``, the floor of any page that computed tolls
live).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.exc import IntegrityError

from tollwatch.api.app import create_app
from tollwatch.config import Settings
from tollwatch.models import Report
from tollwatch.reconcile import reconcile, tally
from tollwatch.reconcile.service import load_claims, reconcile_all
from tollwatch.reconcile.synth import generate
from tollwatch.store import open_engine, transaction
from tollwatch.store.claims import claim_to_row
from tollwatch.store.events import write_reconciliation
from tollwatch.store.reports import save_reports
from tollwatch.store.tables import claims

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
INGESTED = datetime(2026, 1, 1, tzinfo=UTC)


def load(engine: Engine, n: int) -> tuple[int, int]:
    """Store about ``n`` synthetic claims and their reports; return (claims, reports)."""
    found, infos = generate(n, seed=1)
    quotes: dict[str, list[str]] = {}
    for c in found:
        quotes.setdefault(c.report_id, []).append(c.quote)
    batch = []
    for rid, info in infos.items():
        body = " ".join(quotes.get(rid, ["(no casualty figures)"]))
        report = Report.create(
            f"Synthetic report {rid}. {body}", source=info.source, published=info.published,
            ingested_at=INGESTED, title=f"Synthetic report {rid}",
        )  # fmt: skip
        # keep the synthetic id: the claims point at it
        batch.append(Report(**{**{f: getattr(report, f) for f in Report.__slots__}, "id": rid}))  # type: ignore[attr-defined]
    with transaction(engine) as conn:
        for start in range(0, len(batch), 5000):
            save_reports(conn, batch[start : start + 5000])
        rows = [claim_to_row(c) for c in found]
        for start in range(0, len(rows), 5000):
            conn.execute(insert(claims), rows[start : start + 5000])
    return len(found), len(batch)


def store_deduplicated(engine: Engine) -> int:
    """Reconcile the "all" view and store it, keeping the first series of each id."""
    with transaction(engine) as conn:
        loaded, infos, _ = load_claims(conn)
        rec = reconcile(loaded, infos)
        seen: set[str] = set()
        series = []
        for one in rec.series:
            if one.id not in seen:
                seen.add(one.id)
                series.append(one)
        write_reconciliation(conn, "all", replace(rec, series=tuple(series)))
    return len(rec.series) - len(series)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def serve(engine: Engine) -> Iterator[str]:
    port = _free_port()
    app = create_app(Settings(database_url="sqlite://", public_read=True), engine=engine)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def timed(client: httpx.Client, path: str, repeat: int) -> tuple[float, list[float], int]:
    t0 = time.perf_counter()
    r = client.get(path)
    cold = time.perf_counter() - t0
    r.raise_for_status()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        client.get(path).raise_for_status()
        times.append(time.perf_counter() - t0)
    return cold, times, len(r.content)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def browser_paint(url: str) -> tuple[float, float] | None:
    """Median over fresh pages of (first contentful paint, load event), in seconds."""
    if not Path(CHROMIUM).exists():
        return None
    from playwright.sync_api import sync_playwright

    paints, loads = [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(4):
            page = browser.new_page()
            page.goto(url + "/", wait_until="load")
            page.wait_for_timeout(200)
            timing = page.evaluate(
                "({paint: (performance.getEntriesByName('first-contentful-paint')[0] || {})"
                ".startTime, load: performance.getEntriesByType('navigation')[0].loadEventEnd})"
            )
            page.close()
            if timing.get("paint") is not None:
                paints.append(timing["paint"] / 1000)
            loads.append(timing["load"] / 1000)
        browser.close()
    paint = statistics.median(paints) if paints else float("nan")
    return paint, statistics.median(loads)


def baseline(engine: Engine) -> float:
    t0 = time.perf_counter()
    with engine.connect() as conn:
        loaded, infos, _ = load_claims(conn)
    rec = reconcile(loaded, infos)
    tally(rec.events, rec.scopes)
    return time.perf_counter() - t0


def run(name: str, url: str, n: int, repeat: int, browser: bool, fresh: bool = True) -> None:
    engine = open_engine(url)
    if not fresh:
        measure(name + " (existing database)", engine, repeat, browser)
        engine.dispose()
        return
    t0 = time.perf_counter()
    load(engine, n)
    t_load = time.perf_counter() - t0
    t0 = time.perf_counter()
    try:
        reconcile_all(engine)
    except IntegrityError as exc:
        # Known reconciliation bug at this size: two running-toll series can get one id.
        # The dashboard's reads are what is measured here, so store the reconciliation
        # without the repeated series and say so.
        print(f"warning: reconcile_all failed ({type(exc.orig).__name__}); storing the "
              "reconciliation with repeated series ids dropped")  # fmt: skip
        dropped = store_deduplicated(engine)
        print(f"warning: {dropped} running-toll series dropped")
    t_rec = time.perf_counter() - t0
    print(f"\n{name}: stored in {t_load:.1f} s, reconciled in {t_rec:.1f} s")
    measure(name, engine, repeat, browser)
    engine.dispose()


def measure(name: str, engine: Engine, repeat: int, browser: bool) -> None:
    with engine.connect() as conn:
        n_claims = conn.execute(text("select count(*) from claims")).scalar()
        n_reports = conn.execute(text("select count(*) from reports")).scalar()
        n_events = conn.execute(text("select count(*) from events where view = 'all'")).scalar()
    print(f"\n{name}: {n_claims:,} claims in {n_reports:,} reports, {n_events:,} events")
    pages(engine, repeat, browser)
    if engine.dialect.name == "sqlite":
        # SQLite plans without statistics until ANALYZE runs (PostgreSQL's autovacuum
        # gathers them by itself); with them it scans instead of walking a weak index.
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        print("after ANALYZE (SQLite statistics):")
        pages(engine, repeat, browser)
    base_s = baseline(engine)
    print(f"baseline (reconcile all claims on the request): {base_s:.3f} s")


def pages(engine: Engine, repeat: int, browser: bool) -> None:
    with serve(engine) as base, httpx.Client(base_url=base, timeout=120) as client:
        print(f"{'page':<22} {'cold s':>7} {'median s':>9} {'p95 s':>7} {'size kB':>8}")
        for path in ("/", "/map", "/map/events.json", "/reports", "/tolls/explain"):
            cold, times, size = timed(client, path, repeat)
            print(f"{path:<22} {cold:>7.3f} {statistics.median(times):>9.3f} "
                  f"{p95(times):>7.3f} {size / 1000:>8.1f}")  # fmt: skip
        if browser:
            painted = browser_paint(base)
            if painted is None:
                print("browser: chromium not found, skipped")
            else:
                print(f"browser (chromium), overview: first contentful paint {painted[0]:.3f} s,"
                      f" load event {painted[1]:.3f} s (median of 4 fresh pages)")  # fmt: skip


@contextmanager
def sqlite_url() -> Iterator[str]:
    with tempfile.TemporaryDirectory(prefix="tw-bench-dash-") as tmp:
        yield f"sqlite:///{tmp}/dash.db"


@contextmanager
def pg_url(base: str) -> Iterator[str]:
    schema = "twbench_" + uuid.uuid4().hex[:10]
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pg", default=None, help="also PostgreSQL (admin URL)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--db", default=None, help="measure this existing database instead")
    args = parser.parse_args()
    if args.db:
        run("existing", args.db, 0, args.repeat, not args.no_browser, fresh=False)
        return
    print(f"dashboard benchmark: about {args.claims:,} synthetic claims")
    with sqlite_url() as url:
        run("sqlite", url, args.claims, args.repeat, not args.no_browser)
    if args.pg:
        with pg_url(args.pg) as url:
            run("postgresql", url, args.claims, args.repeat, not args.no_browser)


if __name__ == "__main__":
    main()
