"""Property-based run of every API operation in the OpenAPI schema (schemathesis).

Bounded examples per operation, as an analyst (so every route is reachable), on a seeded
database of its own (the run writes: ingest, review, users). No response may be a 5xx.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from api.conftest import DIALECTS, SeededDb, seeded_db
from tollwatch.api import create_app
from tollwatch.config import Settings


@pytest.fixture(scope="module", params=DIALECTS)
def fuzz_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SeededDb]:
    yield from seeded_db(request.param, tmp_path_factory)


def test_openapi_no_server_errors(fuzz_db: SeededDb) -> None:
    app = create_app(Settings(database_url=fuzz_db.url, public_read=True), engine=fuzz_db.engine)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    headers = {"Authorization": f"Bearer {fuzz_db.tokens['analyst']}"}
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])

        try:
            run()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:2000]}")
    assert not failures, "\n\n".join(failures)


def test_openapi_schema_lists_every_api_route(client: Any) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/health",
        "/api/v1/tolls",
        "/api/v1/tolls/explain",
        "/api/v1/events",
        "/api/v1/events/{event_id}",
        "/api/v1/reports",
        "/api/v1/reports/{report_id}",
        "/api/v1/claims",
        "/api/v1/claims/{claim_id}",
        "/api/v1/places",
        "/api/v1/sources",
        "/api/v1/ingest-failures",
        "/api/v1/export",
    ):
        assert path in paths, path
    assert "post" in paths["/api/v1/reports"]
