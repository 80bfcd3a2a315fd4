"""``POST /api/v1/reports`` answers bad input with a 4xx in the one error shape, never a 500,
and stores nothing of it; a bad line of an upload costs that line only (issue 13, defects
1-3)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from api.conftest import TestClient, token_for
from tollwatch.api import create_app
from tollwatch.config import Settings
from tollwatch.store.tables import reports

DEEP = "[" * 100_000 + "]" * 100_000

BAD_JSON_BODIES = {
    "lone surrogate in text": '{"text": "Invented \\ud800 note."}',
    "lone surrogate in source": '{"text": "Invented note.", "source": "Desk \\udfff"}',
    "deep value": '{"text": "Invented note.", "title": ' + DEEP + "}",
    "deep body": DEEP,
    "huge integer": '{"text": "Invented note.", "title": ' + "9" * 5000 + "}",
    "year one": '{"text": "Invented note.", "date": "0001-01-01"}',
    "far future": '{"text": "Invented note.", "date": "9999-12-31"}',
}

BAD_UPLOADS = {
    "deep line": DEEP,
    "huge integer": '{"text": "Invented big.", "n": ' + "9" * 5000 + "}",
    "lone surrogate": '{"text": "Invented \\ud800 lone."}',
    "year one": '{"text": "Invented old.", "date": "0001-01-01"}',
}


@pytest.fixture
def analyst(db_url: str, engine: Engine) -> Iterator[TestClient]:
    app = create_app(Settings(database_url=db_url, public_read=True), engine=engine)
    headers = {"Authorization": f"Bearer {token_for(engine, 'ana', 'analyst')}"}
    with TestClient(app, headers=headers, raise_server_exceptions=False) as client:
        yield client


def _stored(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(reports)).scalar_one())


def _is_error_shape(body: Any, status: int) -> bool:
    err = body.get("error") if isinstance(body, dict) else None
    return (
        isinstance(err, dict)
        and set(err) == {"code", "status", "message", "hint", "detail"}
        and err["status"] == status
        and str(err["code"]).startswith("TW")
    )


@pytest.mark.parametrize("kind", sorted(BAD_JSON_BODIES))
def test_api_bad_json_report_is_a_4xx(analyst: TestClient, engine: Engine, kind: str) -> None:
    r = analyst.post(
        "/api/v1/reports",
        content=BAD_JSON_BODIES[kind].encode(),
        headers={"Content-Type": "application/json"},
    )
    assert 400 <= r.status_code < 500, r.text[:300]
    assert _is_error_shape(r.json(), r.status_code)
    assert _stored(engine) == 0


@pytest.mark.parametrize("kind", sorted(BAD_UPLOADS))
def test_api_bad_jsonl_line_is_rejected_by_name_beside_the_good_one(
    analyst: TestClient, engine: Engine, kind: str
) -> None:
    good = json.dumps({"text": "Invented good line.", "date": "2025-06-01"})
    raw = f"{good}\n{BAD_UPLOADS[kind]}\n".encode()
    r = analyst.post("/api/v1/reports", files={"file": ("feed.jsonl", raw, "application/x-ndjson")})
    assert r.status_code == 201, r.text[:300]
    body = r.json()
    assert [d["where"] for d in body["rejected"]] == ["upload:feed.jsonl line 2"]
    assert _stored(engine) == 1  # the good line beside the bad one


def test_api_nul_characters_are_removed_not_a_500(analyst: TestClient, engine: Engine) -> None:
    body = {
        "text": "Invented\u0000 note: the road was quiet.",
        "title": "Invented\u0000 title",
        "source": "Desk\u0000 C",
        "url": "https://example.org/n\u0000ul",
        "date": "2025-06-05",
    }
    r = analyst.post("/api/v1/reports", json=body)
    assert r.status_code == 201, r.text[:300]
    (stored,) = r.json()["reports"]
    assert (stored["title"], stored["source"], stored["url"]) == (
        "Invented title",
        "Desk C",
        "https://example.org/nul",
    )
    upload = "date: 2025-06-06\n\nInvented note sent as UTF-32.".encode("utf-32")
    r = analyst.post("/api/v1/reports", files={"file": ("note.txt", upload, "text/plain")})
    assert r.status_code == 201, r.text[:300]
    assert r.json()["reports"][0]["published"] == "2025-06-06"
    assert _stored(engine) == 2
