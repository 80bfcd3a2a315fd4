from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from tollwatch.store.failures import (
    NewFailure,
    count_unresolved,
    list_failures,
    record_failures,
    resolve_failures,
    resolve_origins,
)

NOW = datetime(2026, 1, 2, tzinfo=UTC)


def _failure(origin: str = "a.csv", line: int | None = 3, code: str = "TW013") -> NewFailure:
    return NewFailure(origin, line, code, "broken row", b"text\r\nx\r\n", '{"format": "csv"}')


def test_failures_record_keeps_raw_and_counts_attempts(engine: Engine) -> None:
    with engine.begin() as conn:
        assert record_failures(conn, [_failure(), _failure(line=None)], NOW) == 2
        assert record_failures(conn, [_failure()], NOW) == 0  # same problem again
    with engine.connect() as conn:
        rows = list_failures(conn)
    assert [(f.line, f.attempts) for f in rows] == [(3, 2), (None, 1)]
    assert rows[0].raw == b"text\r\nx\r\n" and rows[0].options == '{"format": "csv"}'


def test_failures_resolve_by_id_and_by_origin(engine: Engine) -> None:
    with engine.begin() as conn:
        record_failures(conn, [_failure(), _failure(line=4), _failure("b.txt", None, "TW012")], NOW)
    with engine.connect() as conn:
        first, second, _ = list_failures(conn)
    with engine.begin() as conn:
        assert resolve_failures(conn, [first.id], NOW) == 1
        assert resolve_failures(conn, [first.id], NOW) == 0
        assert resolve_origins(conn, [("b.txt", None), ("a.csv", 9)], NOW) == 1
        assert count_unresolved(conn) == 1
    with engine.connect() as conn:
        assert [f.id for f in list_failures(conn)] == [second.id]
        assert len(list_failures(conn, unresolved_only=False)) == 3
    # a resolved failure does not absorb a new occurrence: that is a new row
    with engine.begin() as conn:
        assert record_failures(conn, [_failure()], NOW) == 1
