"""REST API under concurrent load: requests/s and latency of /tolls and /events.

    .venv/bin/python benchmarks/api.py [--claims 1000000] [--clients 50] [--requests 2000]
                                       [--workers 1] [--db URL] [--no-export]

1. ``tollwatch.reconcile.synth.generate`` makes N synthetic claims (incidents told by several
   outlets, running tolls and the incidents inside them); they are bulk-loaded into the core
   tables (the reconcile benchmark's loader) and ``reconcile_all`` stores events and tolls.
2. ``tollwatch serve``'s app runs in a uvicorn subprocess on 127.0.0.1 (public read on, so
   every response goes through the public text policy), ``--workers`` processes.
3. ``--clients`` concurrent httpx clients (one asyncio loop, loopback only) send
   ``--requests`` requests per endpoint with random filters drawn from the data (a country, a
   region, a country and a date window, or none): p50/p95/p99 latency, requests/s, errors.
4. Exports: ``tollwatch export`` (csv over a tenth of the claims as the baseline, then csv,
   geojson over all claims and ucdp over all fatal events, with --originals), each in its own
   process: time, size and peak RSS (flat memory = the same peak at 10x the rows); then the
   public view (names redacted) over two days of claims, which is bound by name detection.

Baselines measured in the same run: ``/api/v1/health`` under the same concurrency (the cost
of HTTP, routing and the auth dependency alone), and each endpoint with one client (latency
without queueing). The machine's 2 cores are shared by the server, the load generator and
anything else running: CPU contention inflates the concurrent figures.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import httpx
from sqlalchemy import func, select

from tollwatch.models import Claim
from tollwatch.reconcile.service import reconcile_all
from tollwatch.reconcile.synth import generate
from tollwatch.store import open_engine
from tollwatch.store.tables import claims as claims_t

HERE = Path(__file__).resolve().parent
Params = dict[str, str]


def _reconcile_loader() -> Callable[..., None]:
    """The bulk loader of benchmarks/reconcile.py (COPY on PostgreSQL, batches on SQLite)."""
    spec = importlib.util.spec_from_file_location("bench_reconcile", HERE / "reconcile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    loader: Callable[..., None] = module.load
    return loader


def prepare(url: str, n_claims: int) -> tuple[list[Params], float]:
    """Load and reconcile ``n_claims`` synthetic claims (unless the database has them);
    return query parameter sets drawn from them and the seconds it took."""
    t0 = time.perf_counter()
    engine = open_engine(url)
    with engine.connect() as conn:
        have = int(conn.execute(select(func.count()).select_from(claims_t)).scalar_one())
    claims, reports = generate(n_claims, seed=1)
    if have == 0:
        _reconcile_loader()(engine, claims, reports)
        print(f"loaded {len(claims):,} claims in {time.perf_counter() - t0:.0f} s", flush=True)
    else:
        print(f"database already holds {have:,} claims; reusing them", flush=True)
    t1 = time.perf_counter()
    stats = reconcile_all(engine)  # does nothing when the claims have not changed
    print(f"reconcile_all in {time.perf_counter() - t1:.0f} s: events {stats.events}", flush=True)
    params = query_params(claims)
    engine.dispose()
    return params, time.perf_counter() - t0


def query_params(claims: list[Claim], n: int = 500, seed: int = 7) -> list[Params]:
    """Random filters like a dashboard's: country, region, country + date window, or none."""
    rng = random.Random(seed)
    out: list[Params] = []
    for _ in range(n):
        c = rng.choice(claims)
        kind = rng.random()
        q: Params = {}
        if kind < 0.3 and c.place.country:
            q["country"] = c.place.country
        elif kind < 0.6 and c.place.admin1_name:
            q["region"] = c.place.admin1_name
        elif kind < 0.9 and c.place.country:
            q["country"] = c.place.country
            start = c.date.start or date(2024, 6, 1)
            q["from"] = (start - timedelta(days=rng.randint(0, 30))).isoformat()
            q["to"] = (start + timedelta(days=rng.randint(0, 30))).isoformat()
        out.append(q)
    return out


_EXPORT = """
import resource, sys, time
from tollwatch.cli import app
t0 = time.perf_counter()
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{time.perf_counter() - t0:.1f} {rss:.0f}")
"""


def export_memory(url: str, out: Path) -> None:
    """Peak memory of ``tollwatch export`` over a tenth of the claims and over all of them
    (each in its own process): constant memory means the two peaks are about equal."""
    window = ["--from", "2024-03-01", "--to", "2024-05-12"]
    runs = [
        ("csv, a tenth of the claims (originals)", ["-f", "csv", *window, "--originals"]),
        ("csv, all claims (originals)", ["-f", "csv", "--originals"]),
        ("geojson, all claims (originals)", ["-f", "geojson", "--originals"]),
        ("ucdp, all fatal events (originals)", ["-f", "ucdp", "--originals"]),
        # the public view runs name detection on every quote: a 2-day slice shows its rate
        ("csv, 2 days of claims (public)", ["-f", "csv", "--from", "2024-03-01", "--to", "2024-03-02"]),
    ]  # fmt: skip
    for label, args in runs:
        cmd = [sys.executable, "-c", _EXPORT, "--db", url, "export", *args, "-o", str(out)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        seconds, rss = done.stdout.split()[-2:]
        size = out.stat().st_size / 2**20
        with out.open("rb") as fh:
            rows = sum(1 for _ in fh) - 1
        print(
            f"export {label:<40} {rows:>9,} lines {size:8.1f} MiB in {float(seconds):6.1f} s, "
            f"peak RSS {rss} MB",
            flush=True,
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, TOLLWATCH_DATABASE_URL=url, TOLLWATCH_PUBLIC_READ="true")
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "tollwatch.api.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    proc = subprocess.Popen(cmd, env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        time.sleep(0.3)
    proc.terminate()
    raise SystemExit("server did not answer /api/v1/health within 120 s")


@dataclass
class Result:
    label: str
    clients: int
    latencies_ms: list[float]
    errors: int
    seconds: float

    def line(self) -> str:
        lat = sorted(self.latencies_ms)
        if not lat:
            return f"{self.label:<34} no successful requests ({self.errors} errors)"

        def pct(p: float) -> float:
            return lat[min(len(lat) - 1, int(p * len(lat)))]

        rps = len(lat) / self.seconds
        return (
            f"{self.label:<34} {self.clients:>3} clients  {rps:8.1f} req/s  "
            f"p50 {statistics.median(lat):7.1f} ms  p95 {pct(0.95):7.1f} ms  "
            f"p99 {pct(0.99):7.1f} ms  errors {self.errors}"
        )


async def load(
    base: str, path: str, params: list[Params], clients: int, total: int, label: str
) -> Result:
    """``total`` GETs of ``path`` from ``clients`` concurrent clients (bounded, loopback)."""
    latencies: list[float] = []
    errors = 0
    counter = iter(range(total))
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:

        async def worker() -> None:
            nonlocal errors
            for i in counter:
                q = params[i % len(params)]
                t0 = time.perf_counter()
                try:
                    r = await client.get(path, params=q)
                    await r.aread()
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append((time.perf_counter() - t0) * 1000)
                else:
                    errors += 1

        # warm-up: each client's connection and the server's caches
        await asyncio.gather(*(client.get("/api/v1/health") for _ in range(clients)))
        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        seconds = time.perf_counter() - t0
    return Result(label, clients, latencies, errors, seconds)


def run(base: str, params: list[Params], clients: int, total: int) -> list[Result]:
    tolls = [{**p, "limit": "100"} for p in params]
    plans: list[tuple[str, str, list[Params], int, int]] = [
        ("baseline: /health", "/api/v1/health", [{}], clients, total),
        ("baseline: /tolls, 1 client", "/api/v1/tolls", tolls, 1, max(50, total // 20)),
        ("baseline: /events, 1 client", "/api/v1/events", params, 1, max(50, total // 20)),
        ("/tolls (limit=100)", "/api/v1/tolls", tolls, clients, total),
        ("/events (limit=100)", "/api/v1/events", params, clients, total),
    ]  # fmt: skip
    results = []
    for label, path, ps, n_clients, n in plans:
        result = asyncio.run(load(base, path, ps, n_clients, n, label))
        print(result.line(), flush=True)
        results.append(result)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=2000, help="per endpoint at --clients")
    ap.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    ap.add_argument("--db", help="database URL (default: a new SQLite file in a temp dir)")
    ap.add_argument("--no-export", action="store_true", help="skip the export memory runs")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'api-bench.db'}"
        params, seconds = prepare(url, args.claims)
        print(f"data ready in {seconds:.0f} s; {len(params)} filter sets", flush=True)
        port = free_port()
        server = start_server(url, port, args.workers)
        try:
            print(
                f"uvicorn, {args.workers} worker(s), {args.clients} concurrent clients, "
                f"{args.requests} requests per endpoint",
                flush=True,
            )
            run(f"http://127.0.0.1:{port}", params, args.clients, args.requests)
        finally:
            server.terminate()
            server.wait(timeout=30)
        if not args.no_export:
            export_memory(url, Path(tmp) / "export.out")


if __name__ == "__main__":
    main()
