"""Toll queries with a date window give the same answer through the stored aggregates
(event_rollup's span bound on events' first day) as by reading every event, on SQLite and
PostgreSQL; migration scale_0008_event_span fills the span of rollup rows stored before it."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from alembic import command
from reconcile_kit import store
from sqlalchemy import Engine, select

from tollwatch.models import DatePrecision, DateRange
from tollwatch.reconcile.service import query_tolls, reconcile_all
from tollwatch.reconcile.synth import generate
from tollwatch.store.engine import _alembic_config
from tollwatch.store.events import event_span
from tollwatch.store.tables.reconcile import event_rollup


def _corpus(seed: int):  # type: ignore[no-untyped-def]
    """Generated claims; a few become long events (weeks), so the bound is not a day."""
    claims, reports = generate(260, seed=seed)
    rng = random.Random(seed)
    out = []
    for c in claims:
        if c.date.start is not None and rng.random() < 0.03:
            end = c.date.start + timedelta(days=rng.randint(10, 45))
            c = replace(c, date=DateRange(c.date.start, end, DatePrecision.PERIOD))
        out.append(c)
    return out, reports


def _windows(rng: random.Random, days: list[date], countries: list[str | None]):  # type: ignore[no-untyped-def]
    for _ in range(14):
        d = rng.choice(days)
        country = rng.choice(countries)
        verified = rng.random() < 0.3
        a, b = d - timedelta(days=rng.randint(0, 20)), d + timedelta(days=rng.randint(0, 20))
        yield {"country": country, "date_from": a, "date_to": b, "verified_only": verified}
        yield {"country": country, "date_from": a, "verified_only": verified}
        yield {"country": country, "date_to": b, "verified_only": verified}


def test_window_queries_equal_reading_every_event(engine: Engine) -> None:
    claims, reports = _corpus(11)
    store(engine, claims, reports)
    reconcile_all(engine)
    with engine.connect() as conn:
        span = event_span(conn, "all")
    assert span is not None and span >= 10  # the long events set the bound
    days = sorted({c.date.start for c in claims if c.date.start})
    countries = [*sorted({c.place.country for c in claims if c.place.country}), None]
    for q in _windows(random.Random(3), days, countries):
        fast = query_tolls(engine, limit=1000, **q)
        slow = query_tolls(engine, limit=1000, rollup=False, **q)
        assert fast["events_total"] == slow["events_total"], q
        assert fast["tolls"] == slow["tolls"], q
        assert [e["id"] for e in fast["events"]] == [e["id"] for e in slow["events"]], q
    wide = query_tolls(engine, date_from=days[0], limit=0)
    assert wide["events_total"] > 0


def _spans(engine: Engine) -> list[tuple[object, ...]]:
    r = event_rollup.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(r.view, r.part, r.country, r.outcome, r.category, r.scoped, r.span)
        ).all()
    return sorted((tuple(x) for x in rows), key=repr)


def test_span_migration_backfills_stored_rollup(engine: Engine) -> None:
    claims, reports = _corpus(5)
    store(engine, claims, reports)
    reconcile_all(engine)
    written = _spans(engine)
    assert any(row[-1] and row[-1] >= 10 for row in written)
    with engine.begin() as conn:
        command.downgrade(_alembic_config(engine, conn), "scale_0007_toll_rollup")
    with engine.begin() as conn:
        command.upgrade(_alembic_config(engine, conn), "heads")
    assert _spans(engine) == written


def test_event_counts_from_the_rollup_equal_counting_events(engine: Engine) -> None:
    """``count_events`` (the count of GET /api/v1/events) sums event_rollup rows when the
    filters name no region and no window: the same count as the events themselves."""
    from sqlalchemy import func

    from tollwatch.store.events import count_events, event_filters
    from tollwatch.store.tables.reconcile import events

    claims, reports = _corpus(7)
    store(engine, claims, reports)
    reconcile_all(engine)
    countries = [*sorted({c.place.country for c in claims if c.place.country}), None, "ZZ"]
    day = sorted({c.date.start for c in claims if c.date.start})[len(claims) // 4]
    with engine.connect() as conn:
        for view in ("all", "verified"):
            for country in countries:
                for outcome in (None, "killed", "injured"):
                    for category in (None, "civilians", "unknown"):
                        for window in ({}, {"date_from": day}, {"region": "nowhere"}):
                            conds = event_filters(view, country=country, **window)  # type: ignore[arg-type]
                            if outcome:
                                conds.append(events.c.outcome == outcome)
                            if category:
                                conds.append(events.c.category == category)
                            want = conn.execute(
                                select(func.count()).select_from(events).where(*conds)
                            ).scalar_one()
                            got = count_events(conn, view, country=country, outcome=outcome,
                                               category=category, **window)  # type: ignore[arg-type]  # fmt: skip
                            assert got == want, (view, country, outcome, category, window)
