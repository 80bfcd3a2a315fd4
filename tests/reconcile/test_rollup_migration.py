"""Migration scale_0007_toll_rollup fills event_rollup from the events stored before it, so a
store upgraded in place answers toll queries as before without reconciling again."""

from __future__ import annotations

from alembic import command
from reconcile_kit import store
from sqlalchemy import Engine, delete

from tollwatch.reconcile.service import query_tolls, reconcile_all
from tollwatch.reconcile.synth import generate
from tollwatch.store.engine import _alembic_config
from tollwatch.store.tables.reconcile import event_rollup


def test_rollup_migration_backfills_stored_events(engine: Engine) -> None:
    claims, reports = generate(300, seed=3)
    store(engine, claims, reports)
    reconcile_all(engine)
    before = {c: query_tolls(engine, country=c, limit=0) for c in ("NG", "SY", None)}
    with engine.begin() as conn:
        command.downgrade(_alembic_config(engine, conn), "coding_0006_event_coding")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(engine, conn), "heads")
    for country, was in before.items():
        now = query_tolls(engine, country=country, limit=0)
        assert (now["tolls"], now["events_total"]) == (was["tolls"], was["events_total"])
    with engine.begin() as conn:
        conn.execute(delete(event_rollup))
    emptied = query_tolls(engine, limit=0)
    assert emptied["events_total"] == 0  # the rollup, not the events, answered
