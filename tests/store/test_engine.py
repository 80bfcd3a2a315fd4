from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from tollwatch.errors import StoreError
from tollwatch.store import open_engine, upgrade
from tollwatch.store.tables import metadata


def test_engine_migrates_fresh_database(engine: Engine) -> None:
    names = set(inspect(engine).get_table_names())
    assert {"reports", "claims", "sources", "places", "ingest_failures"} <= names


# SQLite's reflection skips expression indexes (events' lower(admin1_name), lower(place_name)),
# so they are compared on PostgreSQL only
@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
def test_engine_migrations_match_tables(engine: Engine) -> None:
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == [], f"tables and migrations disagree: {diff}"


def test_engine_upgrade_is_idempotent(db_url: str) -> None:
    engine = open_engine(db_url)
    first = upgrade(engine)
    assert upgrade(engine) == first
    engine.dispose()


def test_engine_unusable_sqlite_folder_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot create the folder"):
        open_engine(f"sqlite:///{blocker / 'sub' / 'tollwatch.db'}")
