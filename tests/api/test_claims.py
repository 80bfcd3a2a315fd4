from __future__ import annotations

from typing import Any

import pytest

from api.seed import Seeded


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"tall_killed", "tall_injured", "homs_cumulative", "baniyas_soldiers"}),
        ({"outcome": "killed"}, {"tall_killed", "homs_cumulative", "baniyas_soldiers"}),
        ({"category": "civilians"}, {"tall_killed", "homs_cumulative"}),
        ({"scope": "cumulative"}, {"homs_cumulative"}),
        ({"country": "sy", "region": "tartus"}, {"baniyas_soldiers"}),
        ({"region": "11"}, {"tall_killed", "tall_injured", "homs_cumulative"}),
        ({"source": "Coastal Monitor"}, {"homs_cumulative"}),
        ({"from": "2025-03-08"}, {"homs_cumulative", "baniyas_soldiers"}),
        ({"to": "2025-03-06"}, {"homs_cumulative"}),
        (
            {"from": "2025-03-07", "to": "2025-03-07"},
            {"tall_killed", "tall_injured", "homs_cumulative"},
        ),
        ({"from": "2025-03-10"}, set()),
        ({"country": "IQ"}, set()),
    ],
)
def test_claims_filters(
    client: Any, seeded: Seeded, params: dict[str, str], expected: set[str]
) -> None:
    r = client.get("/api/v1/claims", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    ids = {item["id"] for item in body["items"]}
    assert ids == {seeded.claims[k] for k in expected}
    assert body["total"] == len(expected)


def test_claims_carry_provenance(client: Any, seeded: Seeded) -> None:
    r = client.get(f"/api/v1/claims/{seeded.claims['tall_killed']}")
    assert r.status_code == 200
    c = r.json()
    assert (c["low"], c["best"], c["high"], c["children"]) == (12, 12, 12, 3)
    assert c["report_id"] == seeded.reports["tall"]
    assert c["source"] == "Daily Wire"
    assert c["evidence"]["quote"].startswith("Gunmen killed 12 civilians")
    assert c["place"]["name"] == "Tall Kalakh"
    assert c["date"] == {
        "start": "2025-03-07",
        "end": "2025-03-07",
        "precision": "day",
        "expression": "on Friday",
        "anchor": None,
    }
    report = client.get(f"/api/v1/reports/{c['report_id']}").json()
    assert report["text"][c["evidence"]["start"] : c["evidence"]["end"]].startswith("Gunmen")


def test_claims_unknown_high_stays_unknown(client: Any, seeded: Seeded) -> None:
    c = client.get(f"/api/v1/claims/{seeded.claims['baniyas_soldiers']}").json()
    assert (c["low"], c["best"], c["high"], c["qualifier"]) == (20, 20, None, "at_least")


def test_claims_paginate_with_total(client: Any, seeded: Seeded) -> None:
    seen: list[str] = []
    for offset in range(0, 4, 3):
        body = client.get("/api/v1/claims", params={"limit": 3, "offset": offset}).json()
        assert body["total"] == 4
        seen += [i["id"] for i in body["items"]]
    assert sorted(seen) == sorted(seeded.claims.values())


@pytest.mark.parametrize(
    ("sort", "first"),
    [("best", "tall_injured"), ("-best", "homs_cumulative"), ("-date", "baniyas_soldiers")],
)
def test_claims_sort(client: Any, seeded: Seeded, sort: str, first: str) -> None:
    body = client.get("/api/v1/claims", params={"sort": sort}).json()
    assert body["items"][0]["id"] == seeded.claims[first]


@pytest.mark.parametrize(
    ("url", "status", "code"),
    [
        ("/api/v1/claims/cnope", 404, "TW053"),
        ("/api/v1/claims?outcome=exploded", 422, "TW422"),
        ("/api/v1/claims?from=2025-03-10&to=2025-03-01", 400, "TW090"),
        ("/api/v1/claims?limit=0", 422, "TW422"),
        ("/api/v1/claims?country=Narnia", 422, "TW422"),
        ("/api/v1/claims?sort=quote", 422, "TW422"),
    ],
)
def test_claims_errors_have_one_shape(client: Any, url: str, status: int, code: str) -> None:
    r = client.get(url)
    assert r.status_code == status
    err = r.json()["error"]
    assert err["code"] == code
    assert err["status"] == status
    assert err["message"]
