"""Who may read what, and what text each reader sees."""

from __future__ import annotations

import json
from typing import Any

import pytest

from api.seed import NAMES, Seeded

READS = [
    "/api/v1/reports",
    "/api/v1/claims",
    "/api/v1/places",
    "/api/v1/sources",
    "/api/v1/export?format=csv",
]


@pytest.mark.parametrize("url", READS)
def test_access_reads_need_login_when_not_public(private: Any, viewer: Any, url: str) -> None:
    refused = private.get(url)
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "TW061"
    assert viewer.get(url).status_code == 200


def test_access_failures_are_for_analysts(client: Any, viewer: Any, analyst: Any) -> None:
    assert client.get("/api/v1/ingest-failures").status_code == 401
    assert viewer.get("/api/v1/ingest-failures").status_code == 403
    assert analyst.get("/api/v1/ingest-failures").status_code == 200


def test_access_health_is_open(private: Any) -> None:
    assert private.get("/api/v1/health").status_code == 200


def test_access_bad_token_is_refused(client: Any) -> None:
    r = client.get("/api/v1/claims", headers={"Authorization": "Bearer tw_nope"})
    assert r.status_code == 401


def _public_texts(c: Any, seeded: Seeded) -> str:
    parts = [c.get(u).text for u in READS]
    parts += [c.get(f"/api/v1/reports/{rid}").text for rid in seeded.reports.values()]
    parts += [c.get(f"/api/v1/claims/{cid}").text for cid in seeded.claims.values()]
    parts += [c.get(f"/api/v1/export?format={f}").text for f in ("jsonl", "geojson")]
    return "\n".join(parts)


def test_access_public_sees_no_names(client: Any, seeded: Seeded) -> None:
    seen = _public_texts(client, seeded)
    for name in NAMES:
        for part in name.split():
            assert part not in seen, f"{part!r} reached a public reader"
    assert "[name withheld]" in seen


def test_access_analyst_sees_originals(analyst: Any, seeded: Seeded) -> None:
    seen = _public_texts(analyst, seeded)
    for name in NAMES:
        assert name in seen


def test_access_sensitive_report_hides_words_keeps_numbers(client: Any, seeded: Seeded) -> None:
    report = client.get(f"/api/v1/reports/{seeded.reports['homs']}").json()
    assert report["sensitive"] is True
    assert report["text"] is None
    assert report["title"] is None
    (claim,) = report["claims"]
    assert claim["best"] == 40
    assert claim["evidence"]["quote"] is None
    rows = [
        json.loads(line) for line in client.get("/api/v1/export?format=jsonl").text.splitlines()
    ]
    (exported,) = [r for r in rows if r["claim_id"] == seeded.claims["homs_cumulative"]]
    assert exported["best"] == 40
    assert exported["quote"] is None


def test_access_public_sees_only_the_site_of_a_url(
    client: Any, analyst: Any, seeded: Seeded
) -> None:
    rid = seeded.reports["tall"]
    assert client.get(f"/api/v1/reports/{rid}").json()["url"] == "https://example.org/"
    assert analyst.get(f"/api/v1/reports/{rid}").json()["url"] == "https://example.org/a"
    cid = seeded.claims["tall_killed"]
    assert client.get(f"/api/v1/claims/{cid}").json()["report_url"] == "https://example.org/"
