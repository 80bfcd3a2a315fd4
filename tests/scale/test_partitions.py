"""Partitions: keyset pages over the reports a stage has not processed yet."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, update

from tollwatch.errors import ConfigError
from tollwatch.scale.partitions import count_pending, pending_partitions
from tollwatch.scale.synthetic import generate_reports, store_reports
from tollwatch.store import open_engine, transaction
from tollwatch.store.tables import reports


def _ids(engine: Engine, size: int, limit: int | None = None) -> list[list[str]]:
    parts = pending_partitions(
        engine, version_column="extractor_version", version="v2", size=size, limit=limit
    )
    return [[r.id for r in p.reports] for p in parts]


@pytest.mark.parametrize(("size", "limit", "shape"), [(4, None, [4, 4, 2]), (5, None, [5, 5]),
    (20, None, [10]), (4, 6, [4, 2]), (3, 3, [3]), (1, 2, [1, 1])])  # fmt: skip
def test_partitions_cover_pending_reports_in_id_order(
    sqlite_engine: Engine, size: int, limit: int | None, shape: list[int]
) -> None:
    stored = generate_reports(10, seed=3)
    store_reports(sqlite_engine, stored)
    pages = _ids(sqlite_engine, size=size, limit=limit)
    assert [len(p) for p in pages] == shape
    flat = [i for p in pages for i in p]
    assert flat == sorted(r.id for r in stored)[: len(flat)]


def test_partitions_skip_reports_done_by_this_version(engine: Engine) -> None:
    stored = sorted(generate_reports(6, seed=4), key=lambda r: r.id)
    store_reports(engine, stored)
    done = {stored[0].id, stored[3].id}
    old = stored[4].id
    with transaction(engine) as conn:
        conn.execute(update(reports).where(reports.c.id.in_(done)).values(extractor_version="v2"))
        conn.execute(update(reports).where(reports.c.id == old).values(extractor_version="v1"))
    flat = [i for p in _ids(engine, size=2) for i in p]
    assert flat == [r.id for r in stored if r.id not in done]  # v1 is stale: done again
    assert count_pending(engine, version_column="extractor_version", version="v2") == 4


def test_partitions_carry_text_and_date(sqlite_engine: Engine) -> None:
    engine = sqlite_engine
    (report,) = generate_reports(1, seed=5)
    store_reports(engine, [report])
    (part,) = pending_partitions(engine, version_column="extractor_version", version="v", size=9)
    assert part.number == 0
    assert part.reports[0].text == report.text
    assert part.reports[0].published == report.published
    assert part.first_id == part.last_id == report.id


def test_partitions_refuse_a_zero_size(sqlite_engine: Engine) -> None:
    engine = sqlite_engine
    with pytest.raises(ConfigError, match="partition size"):
        next(pending_partitions(engine, version_column="extractor_version", version="v", size=0))


def test_synthetic_reports_are_repeatable_and_distinct() -> None:
    a, b = generate_reports(50, seed=7), generate_reports(50, seed=7)
    assert a == b
    assert len({r.id for r in a}) == 50
    assert generate_reports(5, seed=8) != generate_reports(5, seed=7)[:5]


@pytest.mark.parametrize(("sensitive", "expected"), [(None, 6), (True, 2), (False, 4)])
def test_partitions_filter_sensitive_reports(
    engine: Engine, sensitive: bool | None, expected: int
) -> None:
    stored = sorted(generate_reports(6, seed=9), key=lambda r: r.id)
    store_reports(engine, stored)
    marked = {stored[1].id, stored[4].id}
    with transaction(engine) as conn:
        conn.execute(update(reports).where(reports.c.id.in_(marked)).values(sensitive=True))
    parts = list(
        pending_partitions(engine, version_column="extractor_version", version="v",
                           size=3, sensitive=sensitive, first_number=7)
    )  # fmt: skip
    got = {r.id for p in parts for r in p.reports}
    assert len(got) == expected
    if sensitive is True:
        assert got == marked
    elif sensitive is False:
        assert not got & marked
    assert [p.number for p in parts] == list(range(7, 7 + len(parts)))


def test_partitions_cover_exactly_the_pending_reports(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Property: whatever is done, and whatever the size and limit, the partitions hold the
    pending reports once each, in id order, the first ``limit`` of them, none larger than size."""
    engine = open_engine(f"sqlite:///{tmp_path_factory.mktemp('prop') / 'p.db'}")
    stored = sorted(r.id for r in generate_reports(12, seed=13))
    store_reports(engine, generate_reports(12, seed=13))

    @settings(max_examples=60, deadline=None)
    @given(
        done=st.sets(st.sampled_from(stored)),
        stale=st.sets(st.sampled_from(stored)),
        size=st.integers(1, 14),
        limit=st.none() | st.integers(1, 14),
    )
    def check(done: set[str], stale: set[str], size: int, limit: int | None) -> None:
        stale = stale - done
        with transaction(engine) as conn:
            conn.execute(update(reports).values(extractor_version=None))
            for ids, version in ((done, "v2"), (stale, "v1")):
                if ids:
                    conn.execute(
                        update(reports)
                        .where(reports.c.id.in_(ids))
                        .values(extractor_version=version)
                    )
        pages = _ids(engine, size=size, limit=limit)
        pending = [i for i in stored if i not in done]
        assert [i for p in pages for i in p] == pending[:limit]
        assert all(0 < len(p) <= size for p in pages)

    try:
        check()
    finally:
        engine.dispose()
