"""Issue 13, defect 17: the dashboard overview under 20 concurrent clients on 20,000 claims
(SQLite and PostgreSQL) answers every request (no 500 from an exhausted connection pool),
and /api/v1/tolls pages its events. A bounded load test: the real app on uvicorn, loopback
only, 20 clients x 3 requests."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, insert

from tollwatch.models import Report
from tollwatch.reconcile.service import reconcile_all
from tollwatch.reconcile.synth import generate
from tollwatch.store.claims import claim_to_row
from tollwatch.store.reports import save_reports
from tollwatch.store.tables import claims

from .live import live_server

CLIENTS = 20
REQUESTS_EACH = 3
INGESTED = datetime(2025, 1, 1, tzinfo=UTC)


def _load(engine: Engine, n: int) -> int:
    """About ``n`` synthetic claims (tollwatch.reconcile.synth) with their reports."""
    found, infos = generate(n, seed=3)
    quotes: dict[str, list[str]] = {}
    for c in found:
        quotes.setdefault(c.report_id, []).append(c.quote)
    batch = []
    for rid, info in infos.items():
        made = Report.create(
            " ".join(quotes.get(rid, ["(no figures)"])),
            source=info.source,
            published=info.published,
            ingested_at=INGESTED,
            title=f"Synthetic report {rid}",
        )
        fields = {f: getattr(made, f) for f in Report.__slots__}  # type: ignore[attr-defined]
        batch.append(Report(**{**fields, "id": rid}))
    with engine.begin() as conn:
        for start in range(0, len(batch), 5000):
            save_reports(conn, batch[start : start + 5000])
        rows = [claim_to_row(c) for c in found]
        for start in range(0, len(rows), 5000):
            conn.execute(insert(claims), rows[start : start + 5000])
    reconcile_all(engine)
    return len(found)


@pytest.fixture
def big(engine: Engine) -> Engine:
    assert _load(engine, 20_000) >= 19_000
    return engine


def test_overview_under_20_concurrent_clients(big: Engine, app_for: Callable[..., Any]) -> None:
    with live_server(app_for(public_read=True)) as base:

        def client(_: int) -> list[tuple[int, float]]:
            out = []
            with httpx.Client(base_url=base, timeout=120) as http:
                for _ in range(REQUESTS_EACH):
                    start = time.monotonic()
                    r = http.get("/")
                    out.append((r.status_code, time.monotonic() - start))
            return out

        with httpx.Client(base_url=base, timeout=120) as warm:
            assert warm.get("/").status_code == 200
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            results = [x for batch in pool.map(client, range(CLIENTS)) for x in batch]
    codes = [c for c, _ in results]
    times = sorted(t for _, t in results)
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"\noverview, {CLIENTS} clients x {REQUESTS_EACH}: statuses {sorted(set(codes))}, "
        f"median {statistics.median(times):.2f} s, p95 {p95:.2f} s"
    )
    assert codes == [200] * (CLIENTS * REQUESTS_EACH)


def test_tolls_page_their_events(big: Engine, app_for: Callable[..., Any]) -> None:
    from .conftest import TestClient

    with TestClient(app_for(public_read=True)) as client:
        start = time.monotonic()
        first = client.get("/api/v1/tolls")
        took = time.monotonic() - start
        assert first.status_code == 200
        body = first.json()
        assert body["events_total"] > 1000
        assert len(body["events"]) == 100 and body["limit"] == 100 and body["offset"] == 0
        second = client.get("/api/v1/tolls?limit=100&offset=100").json()
        assert [e["id"] for e in second["events"]][:1] != [e["id"] for e in body["events"]][:1]
        both = client.get("/api/v1/tolls?limit=200").json()
        assert [e["id"] for e in both["events"]] == [
            e["id"] for e in body["events"] + second["events"]
        ]
        assert second["tolls"] == body["tolls"]  # paging never changes the numbers
        start = time.monotonic()
        everything = client.get("/api/v1/tolls?limit=1000")
        took_all = time.monotonic() - start
        assert len(everything.json()["events"]) == 1000
        assert len(first.content) < len(everything.content) / 2
    parts = {k: len(str(v)) for k, v in body.items()}
    print(
        f"\n/api/v1/tolls default page (100 events): {len(first.content)} bytes in {took:.2f} s; "
        f"1000 events (the old default): {len(everything.content)} bytes in {took_all:.2f} s; "
        f"parts {parts}"
    )
