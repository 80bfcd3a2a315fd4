from __future__ import annotations

from typing import Any

import pytest

from api.seed import Seeded


def test_health_reports_database_and_version(client: Any) -> None:
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["version"]


def test_reports_list_by_date_with_claim_counts(client: Any, seeded: Seeded) -> None:
    body = client.get("/api/v1/reports").json()
    assert body["total"] == 4
    ids = [r["id"] for r in body["items"]]
    # newest first, the undated report last
    assert ids == [seeded.reports[k] for k in ("baniyas", "homs", "tall", "markets")]
    counts = {r["id"]: r["claim_count"] for r in body["items"]}
    assert counts[seeded.reports["tall"]] == 2
    assert counts[seeded.reports["markets"]] == 0
    assert "text" not in body["items"][0]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"source": "Coastal Monitor"}, {"homs"}),
        ({"from": "2025-03-09"}, {"homs", "baniyas"}),
        ({"to": "2025-03-08"}, {"tall"}),
        ({"q": "baniyas"}, {"baniyas"}),
        ({"q": "100%"}, set()),
    ],
)
def test_reports_filters(
    client: Any, seeded: Seeded, params: dict[str, str], expected: set[str]
) -> None:
    body = client.get("/api/v1/reports", params=params).json()
    assert {r["id"] for r in body["items"]} == {seeded.reports[k] for k in expected}


def test_report_detail_lists_claims_in_text_order(client: Any, seeded: Seeded) -> None:
    body = client.get(f"/api/v1/reports/{seeded.reports['tall']}").json()
    assert body["published"] == "2025-03-08"
    assert body["source"] == "Daily Wire"
    assert [c["id"] for c in body["claims"]] == [
        seeded.claims["tall_killed"],
        seeded.claims["tall_injured"],
    ]
    starts = [c["evidence"]["start"] for c in body["claims"]]
    assert starts == sorted(starts)


def test_report_missing_is_404(client: Any) -> None:
    r = client.get("/api/v1/reports/rnope")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "TW051"


def test_sources_count_reports(client: Any) -> None:
    body = client.get("/api/v1/sources").json()
    assert [(s["name"], s["report_count"]) for s in body["items"]] == [
        ("Coastal Monitor", 1),
        ("Daily Wire", 3),
    ]
    one = client.get(f"/api/v1/sources/{body['items'][0]['id']}").json()
    assert one["name"] == "Coastal Monitor"


def test_places_count_claims(client: Any) -> None:
    body = client.get("/api/v1/places", params={"sort": "-claims"}).json()
    assert [(p["name"], p["claim_count"]) for p in body["items"]] == [
        ("Tall Kalakh", 2),
        ("Baniyas", 1),
    ]
    assert client.get("/api/v1/places", params={"region": "Tartus"}).json()["total"] == 1
    assert client.get("/api/v1/places/geonames:173576").json()["admin1_name"] == "Tartus"


def test_ingest_failures_keep_reason_not_raw(analyst: Any) -> None:
    body = analyst.get("/api/v1/ingest-failures").json()
    assert body["total"] == 1
    f = body["items"][0]
    assert f["origin"] == "seed.jsonl"
    assert f["line"] == 5
    assert f["code"].startswith("TW01")
    assert f["raw_size"] > 0
    assert "raw" not in f
    assert analyst.get(f"/api/v1/ingest-failures/{f['id']}").json() == f


@pytest.mark.parametrize(
    "url",
    ["/api/v1/sources/999999", "/api/v1/places/geonames:1", "/api/v1/ingest-failures/999999"],
)
def test_missing_records_are_404(analyst: Any, url: str) -> None:
    r = analyst.get(url)
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "TW054"


def test_nul_in_query_is_400(client: Any) -> None:
    r = client.get("/api/v1/claims?source=a%00b")
    assert r.status_code == 400
    assert r.json()["error"]["status"] == 400


def test_threads_are_bounded_by_the_pool(api_engine: Any) -> None:
    import anyio

    from tollwatch.api.app import bound_threads_to_pool

    async def limit() -> int:
        return bound_threads_to_pool(api_engine)

    pool = api_engine.pool
    expected = max(2, min(40, (pool.size() + pool._max_overflow) // 2))
    assert anyio.run(limit) == expected
    assert expected * 2 <= pool.size() + pool._max_overflow
