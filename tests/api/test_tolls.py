from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import Engine

from api.seed import Seeded
from tollwatch.reconcile.service import query_tolls

FILTERS = [
    {},
    {"country": "SY"},
    {"region": "Homs"},
    {"from": "2025-03-08"},
    {"from": "2025-03-06", "to": "2025-03-07"},
    {"by": "category"},
    {"by": "day"},
    {"view": "verified"},
]


def _kwargs(params: dict[str, str]) -> dict[str, Any]:
    return {
        "country": params.get("country"),
        "region": params.get("region"),
        "date_from": params.get("from"),
        "date_to": params.get("to"),
        "by": params.get("by"),
        "verified_only": params.get("view") == "verified",
    }


@pytest.mark.parametrize("params", FILTERS)
def test_tolls_equal_the_service(analyst: Any, api_engine: Engine, params: dict[str, str]) -> None:
    r = analyst.get("/api/v1/tolls", params=params)
    assert r.status_code == 200, r.text
    from tollwatch.api.routes.tolls import EVENTS_PAGE

    # the API pages its events (issue 13): the first page is the service's first EVENTS_PAGE
    found = query_tolls(api_engine, **_kwargs(params), limit=EVENTS_PAGE)
    expected = json.loads(json.dumps(found, default=str))
    assert r.json() == {**expected, "limit": EVENTS_PAGE, "offset": 0}


def test_tolls_do_not_double_count_covered_incident(client: Any) -> None:
    killed = client.get("/api/v1/tolls").json()["tolls"]["killed"]
    # 12 in Tall Kalakh is inside the monitor's running toll of 40 for Homs: not added.
    assert killed["civilians"] == {"low": 40, "best": 40, "high": 40}
    assert killed["total"]["best"] == 60


def test_tolls_public_numbers_match_analyst(client: Any, analyst: Any) -> None:
    public, original = client.get("/api/v1/tolls").json(), analyst.get("/api/v1/tolls").json()
    assert public["tolls"] == original["tolls"]
    assert [e["best"] for e in public["events"]] == [e["best"] for e in original["events"]]


def test_tolls_bad_range_is_400(client: Any) -> None:
    r = client.get("/api/v1/tolls", params={"from": "2025-03-09", "to": "2025-03-01"})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "TW090"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, 3),
        ({"outcome": "killed"}, 2),
        ({"category": "state_forces"}, 1),
        ({"region": "Tartus"}, 1),
        ({"from": "2025-03-08"}, 1),
        ({"view": "verified"}, 0),
    ],
)
def test_events_filters(client: Any, params: dict[str, str], expected: int) -> None:
    body = client.get("/api/v1/events", params=params).json()
    assert body["total"] == expected
    assert len(body["items"]) == expected


def test_events_match_tolls_events(client: Any) -> None:
    listed = client.get("/api/v1/events").json()["items"]
    assert listed == client.get("/api/v1/tolls").json()["events"]


def test_event_detail_has_claims_and_quotes(client: Any, seeded: Seeded) -> None:
    events = client.get("/api/v1/events", params={"category": "state_forces"}).json()["items"]
    (event,) = events
    assert event["claims"] == [seeded.claims["baniyas_soldiers"]]
    detail = client.get(f"/api/v1/events/{event['id']}").json()
    (note,) = detail["claim_notes"]
    assert note["report_id"] == seeded.reports["baniyas"]
    assert note["quote"].startswith("At least 20 soldiers")
    assert "Omar" not in json.dumps(detail)


def test_event_missing_is_404(client: Any) -> None:
    r = client.get("/api/v1/events/enope")
    assert r.status_code == 404
    assert r.json()["error"]["code"] == "TW052"


@pytest.mark.parametrize("sort", ["date", "-date", "best", "-best", "id", "-id"])
def test_events_sort(client: Any, sort: str) -> None:
    items = client.get("/api/v1/events", params={"sort": sort}).json()["items"]
    key = {"date": "date", "best": "best", "id": "id"}[sort.lstrip("-")]
    values = [e[key] for e in items]
    assert values == sorted(values, reverse=sort.startswith("-"))


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v1/tolls", {"contry": "SY"}),
        ("/api/v1/tolls", {"date_from": "2025-03-01"}),
        ("/api/v1/events", {"country": "SY", "categroy": "civilians"}),
        ("/api/v1/claims", {"limt": "5"}),
    ],
)
def test_unknown_query_parameters_are_refused(
    client: Any, path: str, params: dict[str, str]
) -> None:
    r = client.get(path, params=params)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    bad = next(k for k in params if k not in {"country"})
    assert any(d["loc"] == ["query", bad] for d in error["detail"]), error
    assert bad in str(error["detail"])


@pytest.mark.parametrize("country", ["SY", "sy", "SYR", "Syria", "syria"])
def test_country_is_a_code_or_a_name(client: Any, country: str) -> None:
    r = client.get("/api/v1/tolls", params={"country": country})
    assert r.status_code == 200, r.text
    assert r.json() == client.get("/api/v1/tolls", params={"country": "SY"}).json()


def test_an_unknown_country_is_refused_not_answered_empty(client: Any) -> None:
    r = client.get("/api/v1/tolls", params={"country": "Narnia"})
    assert r.status_code == 422
    assert "Narnia" in r.text


def test_tolls_explain_is_the_service_tree_as_json(analyst: Any, api_engine: Engine) -> None:
    from tollwatch.reconcile.explain import explanation_json
    from tollwatch.reconcile.service import explain

    r = analyst.get("/api/v1/tolls/explain", params={"country": "SY"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body.pop("quotes_left_out") == 0
    expected = explanation_json(explain(api_engine, country="SY", redact=False))
    assert body == json.loads(json.dumps(expected))
    (killed,) = [o for o in body["outcomes"] if o["outcome"] == "killed"]
    (civ,) = [c for c in killed["categories"] if c["category"] == "civilians"]
    (running,) = civ["running_tolls"]
    assert running["figure"]["best"] == 40  # the monitor's running toll for Homs
    assert [ev["place"] for ev in running["contained"]] == ["Tall Kalakh"]
    assert "not added" in running["contained"][0]["left_out_because"]


def test_tolls_explain_public_has_the_same_figures(client: Any, analyst: Any) -> None:
    public, original = (c.get("/api/v1/tolls/explain").json() for c in (client, analyst))
    figures = [[(c["category"], c["figure"]) for c in o["categories"]] for o in public["outcomes"]]
    assert figures == [
        [(c["category"], c["figure"]) for c in o["categories"]] for o in original["outcomes"]
    ]
    assert client.get("/api/v1/tolls/explain", params={"contry": "SY"}).status_code == 422
