"""One semantics (issue 15): the pure ``reconcile`` and the stored ``reconcile_all`` give the
same events, series, scopes, flags and tolls for the same claims, on SQLite and PostgreSQL;
and ``reconcile_all`` run after each new batch of reports (recomputing only the partitions
they touch) stores what one full run stores.

The corpora are generated (``reconcile.synth``) and then roughened the way real extraction
leaves claims: some lose their place, some keep only an unresolved place name (so their
report names no country), some are placeless updates tied by a site name or by the figure
they revise, some are retracted; review rejects and verifies some.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from reconcile_kit import claim_row, store
from semantics_kit import differences, fresh_url, pure_of, stored_summary
from sqlalchemy import Engine, insert

from tollwatch.models import Claim, PlaceRef, Reliability
from tollwatch.reconcile import ReportInfo
from tollwatch.reconcile.service import query_tolls, reconcile_all
from tollwatch.reconcile.synth import generate
from tollwatch.store import open_engine
from tollwatch.store.tables import claims as claims_t

PG_ADMIN_URL = "postgresql+psycopg://root@127.0.0.1:5432/test"
SITES = ("Daraj school", "Al-Amal hospital", "Kasba market")


def _roughen(claims: list[Claim], rng: random.Random) -> tuple[list[Claim], dict[str, str]]:
    """Claims as extraction and geocoding leave them, and a review state for each."""
    names = sorted({c.place.name for c in claims if c.place.name})
    out: list[Claim] = []
    for c in claims:
        x = rng.random()
        if x < 0.06:
            c = replace(c, place=PlaceRef())
        elif x < 0.12 and names:
            c = replace(c, place=PlaceRef(mention=rng.choice(names)))
        elif x < 0.16:
            site = rng.choice(SITES)
            c = replace(
                c, place=PlaceRef(), subject=f"the {site}", quote=f"the toll at the {site} rose"
            )
        elif x < 0.19:
            other = rng.choice(claims)
            c = replace(c, place=PlaceRef(), revision=True, revises=other.best)
        elif x < 0.21:
            c = replace(c, reliability=Reliability.RETRACTED)
        out.append(c)
    states = {}
    for c in out:
        y = rng.random()
        states[c.id] = "rejected" if y < 0.04 else "verified" if y < 0.3 else "unreviewed"
    return out, states


Corpus = tuple[list[Claim], dict[str, ReportInfo], dict[str, str]]
# drawn as (size, generator seed, roughening seed): a failing example prints in one line
corpora = st.tuples(st.integers(10, 250), st.integers(0, 10**6), st.integers(0, 10**6))


def _corpus(drawn: tuple[int, int, int]) -> Corpus:
    n, seed, rough_seed = drawn
    claims, reports = generate(n, seed=seed)
    rough, states = _roughen(claims, random.Random(rough_seed))
    return rough, reports, states


def _store(url: str, claims: list[Claim], reports: dict[str, ReportInfo], states: dict[str, str]):  # type: ignore[no-untyped-def]
    engine = open_engine(url)
    if reports:
        store(engine, [], reports)
    if claims:
        with engine.begin() as conn:
            conn.execute(insert(claims_t), [claim_row(c, states[c.id]) for c in claims])
    return engine


def _counted(claims: list[Claim], states: dict[str, str], view: str) -> list[Claim]:
    if view == "all":
        return [c for c in claims if states[c.id] != "rejected"]
    return [c for c in claims if states[c.id] == "verified"]


def _rollup_agrees(engine: Engine, claims: list[Claim]) -> None:
    """A toll query answered from ``event_rollup`` equals the sum over its events."""
    countries = [*sorted({c.place.country for c in claims if c.place.country}), None, "ZZ"]
    for verified in (False, True):
        for country in countries:
            kw = {"country": country, "verified_only": verified, "limit": 0}
            fast = query_tolls(engine, **kw)  # type: ignore[arg-type]
            slow = query_tolls(engine, rollup=False, **kw)  # type: ignore[arg-type]
            assert (fast["tolls"], fast["events_total"]) == (slow["tolls"], slow["events_total"])


DIALECTS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _dialect_ok(dialect: str) -> None:
    if dialect == "postgresql":
        from conftest import require_postgres

        require_postgres()


@pytest.mark.parametrize("dialect", DIALECTS)
@settings(
    max_examples=6,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a DB test takes minutes
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(drawn=corpora)
def test_pure_and_stored_reconciliation_agree(
    dialect: str, tmp_path: Path, drawn: tuple[int, int, int]
) -> None:
    _dialect_ok(dialect)
    claims, reports, states = _corpus(drawn)
    with fresh_url(dialect, tmp_path, PG_ADMIN_URL) as url:
        engine = _store(url, claims, reports, states)
        try:
            reconcile_all(engine)
            for view in ("all", "verified"):
                pure = pure_of(_counted(claims, states, view), reports)
                stored = stored_summary(engine, view)
                assert not differences(pure, stored), (view, differences(pure, stored)[:5])
            _rollup_agrees(engine, claims)
        finally:
            engine.dispose()


@pytest.mark.parametrize("dialect", DIALECTS)
@settings(
    max_examples=5,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a DB test takes minutes
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(drawn=corpora, batches=st.integers(2, 4))
def test_reconciling_batch_by_batch_equals_one_full_run(
    dialect: str,
    tmp_path: Path,
    drawn: tuple[int, int, int],
    batches: int,
) -> None:
    """Reports arrive in batches (by publication day); after each, ``reconcile_all``
    recomputes only the partitions whose claims changed. The end state is a full run's."""
    _dialect_ok(dialect)
    claims, reports, states = _corpus(drawn)
    days = sorted({str(r.published) for r in reports.values()})
    cut = [days[len(days) * i // batches] for i in range(1, batches)] + ["~"]
    with fresh_url(dialect, tmp_path, PG_ADMIN_URL) as url:
        engine = open_engine(url)
        try:
            done: set[str] = set()
            for upto in cut:
                batch = {
                    rid: r
                    for rid, r in reports.items()
                    if rid not in done and str(r.published) < upto
                }
                done |= set(batch)
                if batch:
                    store(engine, [], batch)
                new = [c for c in claims if c.report_id in batch]
                if new:
                    with engine.begin() as conn:
                        conn.execute(insert(claims_t), [claim_row(c, states[c.id]) for c in new])
                reconcile_all(engine)
            for view in ("all", "verified"):
                full = pure_of(_counted(claims, states, view), reports)
                diff = differences(full, stored_summary(engine, view))
                assert not diff, (view, diff[:5])
        finally:
            engine.dispose()
