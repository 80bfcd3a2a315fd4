"""One semantics on the team's scenarios (issue 15): every scenario of tests/scenarios, run
through the real pipeline into SQLite, gives the same events, series, scopes, flags and
tolls through the stored ``reconcile_all`` as through the pure ``reconcile`` of the claims
the store counts; its stored claims and reports, copied into PostgreSQL and reconciled
there, give them too. Whether a scenario's figures are right is test_scenarios.py's
question; this file asks only that both paths agree, so known failures run here too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from semantics_kit import differences, fresh_url, pure_from_store, stored_summary
from sqlalchemy import Engine, delete, insert, select

from tollwatch.evaluation.scenarios import load_scenario, migrated_template, observe
from tollwatch.reconcile.service import reconcile_all
from tollwatch.store import open_engine
from tollwatch.store.tables import metadata

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
FOLDERS = sorted(p for p in SCENARIOS.iterdir() if (p / "expected.json").is_file())
OUTPUTS = {
    "events",
    "event_claims",
    "toll_series",
    "series_claims",
    "toll_scopes",
    "reconcile_flags",
    "reconcile_runs",
}
PG_ADMIN_URL = "postgresql+psycopg://root@127.0.0.1:5432/test"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return migrated_template(tmp_path_factory.mktemp("semantics-template") / "empty.db")


@pytest.fixture(scope="module")
def pg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine | None]:
    """One PostgreSQL schema for the module, emptied before each scenario (None: no server)."""
    from conftest import _PG_REASON, IN_CI

    if _PG_REASON is not None:
        if IN_CI:
            pytest.fail(f"CI=true but {_PG_REASON}", pytrace=False)
        yield None
        return
    with fresh_url("postgresql", tmp_path_factory.mktemp("pg"), PG_ADMIN_URL) as url:
        engine = open_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


def _agree(engine: Engine, where: str) -> None:
    for view in ("all", "verified"):
        diff = differences(pure_from_store(engine, view), stored_summary(engine, view))
        assert not diff, f"{where}, view {view}: " + "; ".join(diff[:5])


def _copy(source: Engine, target: Engine) -> None:
    """The scenario's stored inputs (reports, claims, review) into an emptied ``target``."""
    tables = [t for t in metadata.sorted_tables if t.name != "alembic_version"]
    with source.connect() as src, target.begin() as dst:
        for t in reversed(tables):
            dst.execute(delete(t))
        for t in tables:
            if t.name in OUTPUTS:
                continue
            rows = [dict(r) for r in src.execute(select(t)).mappings()]
            if rows:
                dst.execute(insert(t), rows)


@pytest.mark.slow
@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_scenario_pure_and_stored_agree(
    folder: Path, tmp_path: Path, template: Path, pg: Engine | None
) -> None:
    found = observe(load_scenario(folder), tmp_path, template=template)
    assert not found.errors, found.errors
    sqlite = open_engine(f"sqlite:///{tmp_path / 'scenario.db'}")
    try:
        _agree(sqlite, "SQLite")
        if pg is not None:
            _copy(sqlite, pg)
            reconcile_all(pg)
            _agree(pg, "PostgreSQL")
            assert stored_summary(pg, "all") == stored_summary(sqlite, "all")
    finally:
        sqlite.dispose()
