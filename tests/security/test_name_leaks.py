"""Issue 13, the leak test: every name of the team's redaction set (tests/redact/names.jsonl)
goes in as reports through the real ingest and pipeline; then every public GET route of the
OpenAPI schema (with every id), every export format (API and CLI) and every dashboard page is
read as the anonymous public and as a viewer: no identifying word of any name may appear.
Analysts see them all. SQLite and PostgreSQL."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from redact.test_name_eval import load_cases
from tollwatch.cli import app as cli
from tollwatch.ingest.service import ingest_paths
from tollwatch.pipeline import process_reports
from tollwatch.store.tables import claims, places, sources

from .conftest import TestClient, make_user
from .test_api_access import LEVELS, _routes

_PARTICLES = {"al", "el", "bin", "ibn", "abu", "umm", "ma", "ya", "أم", "أبو", "عبد", "بن", "الله"}
SOURCE = "Team Evaluation Wire"


def _records() -> list[dict[str, Any]]:
    """One report per case: sentences as text; titles, attributions and slugs with the text
    they were written for."""
    out = []
    for i, case in enumerate(load_cases()):
        record: dict[str, Any] = {"source": SOURCE, "date": f"2025-05-{1 + i % 28:02d}"}
        if case["kind"] == "sentence":
            record["text"] = case["text"]
        elif case["kind"] == "title":
            record |= {"text": case["context"], "title": case["text"]}
        elif case["kind"] == "slug":
            record |= {"text": case["context"], "url": case["text"]}
        else:  # an attribution: the sentence it comes from, and the words as the title
            record |= {"text": case["context"], "title": f"According to {case['text']}"}
        out.append(record)
    return out


def _words() -> dict[str, str]:
    """Identifying word -> the name it belongs to."""
    words = {}
    for case in load_cases():
        for name in case["names"]:
            for word in re.split(r"[\s-]+", name):
                if word.casefold() not in _PARTICLES and len(word) >= 3:
                    words[word] = name
    return words


def _hits(text: str, words: dict[str, str]) -> list[str]:
    found = []
    for word in words:
        if re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text, re.IGNORECASE):
            found.append(word)
    return found


def _body(response: Any) -> str:
    if "json" in response.headers.get("content-type", ""):
        return json.dumps(response.json(), ensure_ascii=False)
    return str(response.text)


@pytest.fixture
def leak_db(engine: Engine, tmp_path: Path) -> dict[str, list[str]]:
    path = tmp_path / "names.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in _records()) + "\n", "utf-8"
    )
    result = ingest_paths(engine, [path])
    stored = sorted(set(result.stored) | set(result.duplicates))  # cases sharing a text
    assert len(result.stored) + len(result.duplicates) == len(_records()) and not result.rejected
    process_reports(engine, stored)
    with engine.connect() as conn:
        ids = {
            "report_id": stored,
            "claim_id": list(conn.execute(select(claims.c.id)).scalars()),
            "place_id": list(conn.execute(select(places.c.id)).scalars()),
            "source_id": [str(s) for s in conn.execute(select(sources.c.id)).scalars()],
        }
    assert len(ids["claim_id"]) > 50
    return ids


def _read_everything(client: Any, app: Any, ids: dict[str, list[str]]) -> dict[str, str]:
    events = client.get("/api/v1/events?limit=1000")
    if events.status_code == 200:
        ids = {**ids, "event_id": [e["id"] for e in events.json()["items"]]}
    seen: dict[str, str] = {}
    for method, path, level in _routes(app):
        if method != "GET" or (level or 0) > LEVELS["require_viewer"]:
            continue
        params = re.findall(r"\{([^}]+)\}", path)
        if not params:
            for query in ("", "?limit=1000"):
                seen[path + query] = _body(client.get(path + query))
            continue
        if len(params) == 1 and params[0] in ids:
            for value in ids[params[0]]:
                url = path.replace("{" + params[0] + "}", value)
                seen[url] = _body(client.get(url))
    for fmt in ("csv", "geojson", "jsonl", "acled", "ucdp"):
        seen[f"export {fmt}"] = client.get(f"/api/v1/export?format={fmt}").text
    pages = ["/", "/reports", "/map", "/map/events.json", "/tolls/explain"]
    pages += [f"/reports?page={n}" for n in (2, 3)]
    pages += [f"/reports/{r}" for r in ids["report_id"]]
    pages += [f"/events/{e}" for e in ids.get("event_id", [])]
    pages += [f"/events/{e}/card" for e in ids.get("event_id", [])]
    for page in pages:
        seen[page] = client.get(page).text
    return seen


@pytest.mark.parametrize("who", ["public", "viewer"])
def test_no_name_of_the_set_reaches_public_or_viewers(
    who: str,
    leak_db: dict[str, list[str]],
    app_for: Callable[..., Any],
    engine: Engine,
    db_url: str,
    tmp_path: Path,
) -> None:
    words = _words()
    assert len(words) >= 150
    if who == "public":
        app = app_for(public_read=True)
        client = TestClient(app)
    else:
        app = app_for(public_read=False)
        token = make_user(engine, "vic", "viewer")
        client = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    seen = _read_everything(client, app, leak_db)
    out = tmp_path / "export.csv"
    done = CliRunner().invoke(cli, ["--db", db_url, "export", "--format", "csv", "-o", str(out)])
    assert done.exit_code == 0, done.output
    seen["cli export"] = out.read_text(encoding="utf-8")
    client.close()
    assert len(seen) > 300
    everything = "\n".join(seen.values())
    assert "[name withheld]" in everything and "Konduga" in everything
    leaks = {where: _hits(body, words) for where, body in seen.items()}
    leaks = {where: hit for where, hit in leaks.items() if hit}
    assert leaks == {}, f"{len(leaks)} responses name people: {dict(list(leaks.items())[:5])}"


def test_analysts_see_every_name_of_the_set(
    leak_db: dict[str, list[str]], app_for: Callable[..., Any], engine: Engine
) -> None:
    token = make_user(engine, "amira", "analyst")
    with TestClient(app_for(), headers={"Authorization": f"Bearer {token}"}) as analyst:
        texts = [_body(analyst.get(f"/api/v1/reports/{r}")) for r in leak_db["report_id"]]
    everything = "\n".join(texts)
    missing = [w for w in _words() if w not in everything]
    assert missing == []
