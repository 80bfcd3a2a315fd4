"""Issue 13, "People exposed" 8-11: a name shared with an outlet, names in attributions,
titles on the dashboard's lists, and search as an oracle. Reports go in through the real
ingest and pipeline (our own invented sentences); every check runs as the public, a viewer
and an analyst, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select

from tollwatch.ingest.service import ingest_paths
from tollwatch.pipeline import process_reports
from tollwatch.store.tables import claims

from .conftest import TestClient, make_user

WITHHELD = "[name withheld]"
REPORTS = [
    {
        "text": "Gunmen killed 7 villagers near Gwoza on Monday, Tariq Mansour said. "
        "Mansour buried two of them.",
        "date": "2025-06-09",
        "source": "Tariq Mansour Telegram",
        "title": "Seven villagers killed near Gwoza",
        "url": "https://example.org/gwoza-seven",
    },
    {
        "text": "Boko Haram fighters killed 12 people in Konduga on Tuesday, a community "
        "leader, Bulama Modu, said.",
        "date": "2025-06-10",
        "source": "Lake Chad Courier",
        "title": "Bulama Modu recalls the night in Konduga",
        "url": "https://example.org/bulama-modu-recalls",
    },
    {
        "text": "Yusuf Barakat said 4 fishermen were killed in Baga on Wednesday.",
        "date": "2025-06-11",
        "source": "Sahel Wire",
        "title": "Yusuf Barakat recalls the raid",
    },
    {
        "text": "The UN human rights office said 9 civilians were killed in Bama on Thursday.",
        "date": "2025-06-12",
        "source": "Sahel Wire",
        "title": "Nine civilians killed in Bama",
    },
]


@dataclass
class Named:
    ids: list[str]
    clients: dict[str, Any]


@pytest.fixture
def named(app_for: Callable[..., Any], engine: Engine, tmp_path: Path) -> Any:
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in REPORTS) + "\n", encoding="utf-8")
    ids = list(ingest_paths(engine, [path]).stored)
    assert len(ids) == len(REPORTS)
    process_reports(engine, ids)
    tokens = {r: make_user(engine, f"{r}1", r) for r in ("viewer", "analyst")}
    private, public = app_for(public_read=False), app_for(public_read=True)
    clients = {"public": TestClient(public)}
    for role, token in tokens.items():
        clients[role] = TestClient(private, headers={"Authorization": f"Bearer {token}"})
    analyst = clients["analyst"]
    r = analyst.post(
        f"/api/v1/reports/{ids[2]}/sensitive",
        json={"sensitive": True, "reason": "the witness fears reprisals"},
    )
    assert r.status_code == 200, r.text
    with engine.connect() as conn:
        konduga = (
            conn.execute(
                select(claims.c.id)
                .where(claims.c.report_id == ids[1])
                .order_by(claims.c.best.desc())
            )
            .scalars()
            .first()
        )
    assert konduga is not None
    r = analyst.post(
        f"/api/v1/claims/{konduga}/review",
        json={
            "decision": "corrected",
            "reason": "the leader spoke on the record",
            "corrected": {"attributed_to": "a community leader, Bulama Modu"},
        },
    )
    assert r.status_code == 200, r.text
    from tollwatch.reconcile.service import reconcile_all

    reconcile_all(engine)
    yield Named(ids, clients)
    for c in clients.values():
        c.close()


def _surfaces(client: Any, ids: list[str]) -> dict[str, str]:
    """Every place a report's words reach a reader: JSON, exports and pages."""
    out = {
        "claims": client.get("/api/v1/claims?limit=1000").text,
        "reports": client.get("/api/v1/reports?limit=1000").text,
        "page_overview": client.get("/").text,
        "page_reports": client.get("/reports").text,
    }
    for fmt in ("csv", "jsonl", "geojson", "acled", "ucdp"):
        out[f"export_{fmt}"] = client.get(f"/api/v1/export?format={fmt}").text
    for rid in ids:
        out[f"report_{rid}"] = client.get(f"/api/v1/reports/{rid}").text
        out[f"page_report_{rid}"] = client.get(f"/reports/{rid}").text
    events = client.get("/api/v1/events?limit=100").json()["items"]
    for e in events:
        out[f"event_{e['id']}"] = client.get(f"/api/v1/events/{e['id']}").text
        out[f"page_event_{e['id']}"] = client.get(f"/events/{e['id']}").text
    return out


@pytest.mark.parametrize("who", ["public", "viewer"])
def test_names_shared_with_a_source_are_withheld(named: Named, who: str) -> None:
    """Defect 8: "Tariq Mansour" is a witness and part of the outlet "Tariq Mansour Telegram":
    his name must not pass as the outlet's in text, quotes, exports and pages."""
    seen = _surfaces(named.clients[who], named.ids)
    for where, body in seen.items():
        assert "Tariq Mansour said" not in body, where
        assert "Mansour buried" not in body, where
    assert f"{WITHHELD} said" in seen[f"report_{named.ids[0]}"]
    assert any(f"{WITHHELD} said" in v for k, v in seen.items() if k.startswith("page_event"))
    assert "Tariq Mansour Telegram" in seen["claims"]  # the outlet itself is public
    analyst = _surfaces(named.clients["analyst"], named.ids)
    assert "Tariq Mansour said" in analyst[f"report_{named.ids[0]}"]


@pytest.mark.parametrize("who", ["public", "viewer"])
def test_attributions_withhold_people_keep_organisations(named: Named, who: str) -> None:
    """Defect 9: attributed_to is redacted in claims, event details and every export."""
    seen = _surfaces(named.clients[who], named.ids)
    for where, body in seen.items():
        assert "Bulama" not in body and "Modu" not in body, where
    for where in ("claims", "export_csv", "export_jsonl"):
        assert f"a community leader, {WITHHELD}" in seen[where], where
        assert "The UN human rights office" in seen[where], where
    assert any(f"a community leader, {WITHHELD}" in v for k, v in seen.items() if k[:6] == "event_")
    assert "Boko Haram fighters" in seen["claims"]
    analyst = _surfaces(named.clients["analyst"], named.ids)
    assert "a community leader, Bulama Modu" in analyst["claims"]
    assert "a community leader, Bulama Modu" in analyst["export_csv"]


@pytest.mark.parametrize("who", ["public", "viewer"])
def test_dashboard_lists_show_titles_as_the_api_does(named: Named, who: str) -> None:
    """Defect 10: /reports and the overview showed raw titles, sensitive ones included."""
    client = named.clients[who]
    api = {r["id"]: r["title"] for r in client.get("/api/v1/reports?limit=100").json()["items"]}
    assert api[named.ids[2]] is None  # the sensitive report's title is hidden
    assert api[named.ids[1]] == f"{WITHHELD} recalls the night in Konduga"
    for page in ("/", "/reports"):
        body = client.get(page).text
        assert "Bulama" not in body and "Modu" not in body, page
        assert "Yusuf" not in body and "Barakat" not in body, page
        assert f"{WITHHELD} recalls the night in Konduga" in body, page
        assert "Nine civilians killed in Bama" in body, page
    analyst = named.clients["analyst"].get("/reports").text
    assert "Bulama Modu recalls the night" in analyst and "Yusuf Barakat recalls" in analyst


@pytest.mark.parametrize("who", ["public", "viewer"])
def test_search_matches_only_what_the_reader_sees(named: Named, who: str) -> None:
    """Defect 11: a real witness's name and a made-up one answer alike; a sensitive report's
    hidden words find nothing; visible words still do."""
    client = named.clients[who]

    def api_hits(q: str) -> int:
        return int(client.get("/api/v1/reports", params={"q": q}).json()["total"])

    def page_hits(q: str) -> int:
        return client.get("/reports", params={"q": q}).text.count('href="/reports/r')

    for q in ("Bulama", "Modu", "Barakat", "Yusuf", "fishermen", "Baga", "Mansour", "Zebulon"):
        assert api_hits(q) == 0, q
        assert page_hits(q) == 0, q
    assert api_hits("Konduga") == 1 and page_hits("Konduga") == 1
    assert page_hits("Boko Haram") == 1 and page_hits("withheld") == 0
    assert api_hits("recalls") == 1  # only the title the reader can see
    analyst = named.clients["analyst"]
    assert analyst.get("/api/v1/reports", params={"q": "Barakat"}).json()["total"] == 1
    assert analyst.get("/reports", params={"q": "fishermen"}).text.count('href="/reports/r') == 1
