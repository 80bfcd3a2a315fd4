"""Issue 13, defect 5: a report with more claims than extraction keeps is in the analyst's
review queue (the API's ``capped`` list and the /review page), not only in the audit log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Engine, insert

from tollwatch.extract.service import extract_reports
from tollwatch.models import Report
from tollwatch.review.capped import capped_reports
from tollwatch.store import transaction
from tollwatch.store.tables import reports

from .conftest import PASSWORD, TestClient, make_user

_TEXT = " ".join(f"Gunmen killed {n} villagers in Konduga on Monday." for n in range(2, 9))


def _store(engine: Engine, text: str, title: str) -> str:
    r = Report.create(text, published=date(2025, 6, 11))
    with transaction(engine) as conn:
        conn.execute(
            insert(reports).values(
                id=r.id,
                content_hash=r.content_hash,
                text=r.text,
                title=title,
                published=r.published,
                language="en",
                date_missing=False,
                sensitive=False,
                ingested_at=datetime.now(UTC),
            )
        )
    return r.id


def test_review_capped_report_is_in_the_queue(engine: Engine, app_for: Callable[..., Any]) -> None:
    rid = _store(engine, _TEXT, "Seven raids in one bulletin")
    small = _store(engine, "Gunmen killed 4 villagers in Bama on Monday.", "One raid")
    extract_reports(engine, [rid, small], max_claims=3)
    with engine.connect() as conn:
        (capped,) = capped_reports(conn)
    assert (capped.report_id, capped.found, capped.kept) == (rid, 7, 3)
    token = make_user(engine, "amira", "analyst")
    with TestClient(app_for(), headers={"Authorization": f"Bearer {token}"}) as analyst:
        body = analyst.get("/api/v1/review/queue").json()
    assert [(c["report_id"], c["found"], c["kept"]) for c in body["capped"]] == [(rid, 7, 3)]
    with TestClient(app_for(), follow_redirects=False) as browser:
        browser.post("/login", data={"name": "amira", "password": PASSWORD, "next": "/review"})
        page = browser.get("/review").text
    assert f'data-report="{rid}"' in page and "Seven raids in one bulletin" in page
    assert f'data-report="{small}"' not in page


def test_review_capped_report_leaves_the_queue_once_extracted_in_full(engine: Engine) -> None:
    rid = _store(engine, _TEXT, "Seven raids in one bulletin")
    extract_reports(engine, [rid], max_claims=3)
    extract_reports(engine, [rid], force=True)  # the default cap keeps all seven
    with engine.connect() as conn:
        assert capped_reports(conn) == []
