"""`scale reconcile`: partitions computed on a Dask cluster store exactly what the in-process
`reconcile_all` stores, on SQLite and PostgreSQL, including partitions joined by reports of no
country, reviewers' merges, and sensitive reports kept on the driver."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, TypeVar

import pytest
from sqlalchemy import Engine, insert, select, update
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.models import Claim, PlaceRef
from tollwatch.reconcile import ReportInfo
from tollwatch.reconcile.service import reconcile_all
from tollwatch.reconcile.synth import generate
from tollwatch.reconcile.tasks import PartitionTask
from tollwatch.review.overrides import merge_claims
from tollwatch.scale import DaskRunner, LocalRunner, Runner
from tollwatch.scale.reconcile import scale_reconcile
from tollwatch.store.claims import claim_to_row
from tollwatch.store.tables import claims as claims_t
from tollwatch.store.tables import reports as reports_t
from tollwatch.store.tables import sources as sources_t
from tollwatch.store.tables.reconcile import (
    event_claims,
    event_rollup,
    events,
    reconcile_flags,
    reconcile_runs,
    series_claims,
    toll_scopes,
    toll_series,
)

Snapshot = dict[str, list[tuple[Any, ...]]]
T = TypeVar("T")
R = TypeVar("R")
# autoincrement ids and clock columns say when a row was written, not what was decided
SKIP = {"reconcile_flags": {"id"}, "event_rollup": {"id"}, "reconcile_runs": {"finished_at"}}
TABLES = (events, event_claims, toll_scopes, toll_series, series_claims, reconcile_flags,
          event_rollup, reconcile_runs)  # fmt: skip


def _corpus(seed: int) -> tuple[list[Claim], dict[str, ReportInfo]]:
    """Generated claims, some left with only a place name or no place (reports of no
    country, which join the partitions of what they retell)."""
    claims, reports = generate(140, seed=seed)
    rng = random.Random(seed)
    names = sorted({c.place.name for c in claims if c.place.name})
    out = []
    for c in claims:
        x = rng.random()
        if x < 0.08:
            c = replace(c, place=PlaceRef(mention=rng.choice(names)))
        elif x < 0.12:
            c = replace(c, place=PlaceRef())
        out.append(c)
    return out, reports


def _store(engine: Engine, claims: list[Claim], reports: dict[str, ReportInfo]) -> tuple[str, str]:
    """Store the corpus, and merge two incidents of one country: the merged claim ids."""
    with engine.begin() as conn:
        outlets = sorted({r.source for r in reports.values() if r.source})
        conn.execute(insert(sources_t), [{"id": i + 1, "name": n} for i, n in enumerate(outlets)])
        ids = {n: i + 1 for i, n in enumerate(outlets)}
        conn.execute(insert(reports_t), [
            {"id": r.id, "content_hash": r.id, "text": f"report {r.id}",
             "source_id": ids.get(r.source or ""), "published": r.published,
             "date_missing": r.published is None, "language": "en", "sensitive": False,
             "ingested_at": datetime.now(UTC)}
            for r in reports.values()
        ])  # fmt: skip
        rows = [{**claim_to_row(c), "geocoder_version": "test"} for c in claims]
        for i, row in enumerate(rows):
            row["review_state"] = "verified" if i % 4 == 0 else "unreviewed"
        conn.execute(insert(claims_t), rows)
        one = next(c for c in claims if c.scope.value == "incident" and c.place.country)
        other = [c.id for c in claims if c.scope.value == "incident" and c.id != one.id
                 and (c.outcome, c.place.country) == (one.outcome, one.place.country)][-1]  # fmt: skip
        merge_claims(conn, [[one.id], [other]], reviewer="ana", reason="same raid")
    return one.id, other


def _snapshot(engine: Engine) -> Snapshot:
    out: Snapshot = {}
    with engine.connect() as conn:
        for table in TABLES:
            cols = [c for c in table.columns if c.name not in SKIP.get(table.name, set())]
            rows = conn.execute(select(*cols)).all()
            out[table.name] = sorted((tuple(r) for r in rows), key=repr)
    return out


@pytest.fixture
def reference(engine: Engine) -> Snapshot:
    """What the in-process `reconcile_all` stores for the corpus."""
    claims, reports = _corpus(5)
    merged = _store(engine, claims, reports)
    stats = reconcile_all(engine)
    with engine.connect() as conn:
        reasons = (
            conn.execute(
                select(event_claims.c.reason).where(
                    event_claims.c.view == "all", event_claims.c.claim_id.in_(merged)
                )
            )
            .scalars()
            .all()
        )
        assert len(reasons) == 2 and all(
            "merged into this incident by a reviewer" in r for r in reasons
        )
    parts = {p.split(":", 1)[1] for p in stats.partitions}
    assert any("+" in p for p in parts) or "-" in parts  # reports of no country took part
    assert stats.events["all"] > 50
    return _snapshot(engine)


def test_scale_reconcile_stores_what_reconcile_all_stores(
    engine: Engine, reference: Snapshot, dask_runner: DaskRunner
) -> None:
    run = scale_reconcile(engine, dask_runner, force=True)
    assert run.runner.startswith("dask LocalCluster")
    assert len(run.stats.partitions) == len(reference["reconcile_runs"])
    assert _snapshot(engine) == reference
    again = scale_reconcile(engine, dask_runner)
    assert (again.stats.skipped, again.stats.partitions) == (["all", "verified"], [])


class Watching(Runner):
    """A runner that records every task it is given, then runs it on ``inner``."""

    def __init__(self, inner: Runner) -> None:
        self.inner = inner
        self.tasks: list[PartitionTask] = []

    @property
    def leaves_machine(self) -> bool:
        return self.inner.leaves_machine

    def describe(self) -> str:
        return self.inner.describe()

    def map_unordered(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        def seen() -> Iterator[T]:
            for item in items:
                assert isinstance(item, PartitionTask)
                self.tasks.append(item)
                yield item

        return self.inner.map_unordered(fn, seen())


def test_scale_reconcile_by_address_keeps_sensitive_partitions_home(
    engine: Engine, reference: Snapshot, dask_runner: DaskRunner
) -> None:
    """A cluster given by address may be elsewhere: partitions holding a sensitive report's
    claims are computed on the driver, and the result is the same."""
    with engine.begin() as conn:
        secret = conn.execute(select(claims_t.c.report_id).order_by(claims_t.c.id)).scalar()
        conn.execute(update(reports_t).where(reports_t.c.id == secret).values(sensitive=True))
    with DaskRunner(dask_runner.address) as remote:
        assert remote.leaves_machine
        watched = Watching(remote)
        run = scale_reconcile(engine, watched, force=True)
    assert len(run.stats.partitions) == len(reference["reconcile_runs"])
    assert _snapshot(engine) == reference
    assert 0 < len(watched.tasks) < len(run.stats.partitions)
    assert not any(c.report_id == secret for t in watched.tasks for c in t.claims)
    sent = Watching(LocalRunner())
    scale_reconcile(engine, sent, force=True, send_sensitive=True)  # nothing leaves: all sent
    assert len(sent.tasks) == len(run.stats.partitions)
    assert _snapshot(engine) == reference


def test_cli_scale_reconcile_on_a_scheduler_by_address(
    engine: Engine, reference: Snapshot, dask_runner: DaskRunner
) -> None:
    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(
        app,
        ["--db", url, "scale", "reconcile", "--force", "--json",
         "--scheduler", dask_runner.address],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["runner"].startswith(f"dask {dask_runner.address}")
    assert summary["partitions"] == len(reference["reconcile_runs"])
    assert summary["all"]["events"] == len([r for r in reference["events"] if r[0] == "all"])
    assert _snapshot(engine) == reference
    text = CliRunner().invoke(app, ["--db", url, "scale", "reconcile", "--local"])
    assert text.exit_code == 0, text.output
    assert "all: " in text.stdout and "unchanged" in text.stdout
    assert "0 partition(s) recomputed on local" in text.stdout
