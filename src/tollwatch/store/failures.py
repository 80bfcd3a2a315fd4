"""Inputs that could not be ingested, kept with their raw bytes for ``--retry-failed``.

Recording a problem again at the same place (same origin and line, still unresolved) counts
another attempt instead of adding a row (the code and reason become the latest ones), so
re-running a command does not pile up failures: one open failure per place. A failure is
resolved when its input is later stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, update

from tollwatch.store.tables import ingest_failures

__all__ = [
    "NewFailure",
    "StoredFailure",
    "count_unresolved",
    "list_failures",
    "open_places",
    "record_failures",
    "resolve_failures",
    "resolve_origins",
]


@dataclass(frozen=True, slots=True)
class NewFailure:
    """A failure to record: where, which error code, why, the raw input and the options."""

    origin: str
    line: int | None
    code: str
    reason: str
    raw: bytes | None
    options: str  # JSON of IngestOptions.to_json()


@dataclass(frozen=True, slots=True)
class StoredFailure:
    id: int
    origin: str
    line: int | None
    code: str
    reason: str
    raw: bytes | None
    options: str | None
    created_at: datetime
    attempts: int
    resolved_at: datetime | None


def _same(origin: str, line: int | None) -> Any:
    line_match = (
        ingest_failures.c.line.is_(None) if line is None else ingest_failures.c.line == line
    )
    return and_(
        ingest_failures.c.origin == origin,
        line_match,
        ingest_failures.c.resolved_at.is_(None),
    )


def _printable(text: str) -> str:
    """NULs and lone surrogates as backslash escapes: no database keeps them in text."""
    return text.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


def record_failures(conn: Connection, failures: Iterable[NewFailure], now: datetime) -> int:
    """Record ``failures`` in the caller's transaction; return how many rows were new.
    Origins and reasons are stored printable (NULs and lone surrogates escaped)."""
    added = 0
    for f in failures:
        f = replace(f, origin=_printable(f.origin), reason=_printable(f.reason))
        bumped = conn.execute(
            update(ingest_failures)
            .where(_same(f.origin, f.line))
            .values(
                attempts=ingest_failures.c.attempts + 1,
                code=f.code,
                reason=f.reason,
                raw=f.raw,
                options=f.options,
            )
        ).rowcount
        if not bumped:
            conn.execute(
                insert(ingest_failures).values(
                    origin=f.origin,
                    line=f.line,
                    code=f.code,
                    reason=f.reason,
                    raw=f.raw,
                    options=f.options,
                    created_at=now,
                    attempts=1,
                )
            )
            added += 1
    return added


def resolve_failures(conn: Connection, ids: Iterable[int], now: datetime) -> int:
    """Mark failures resolved (their input is now stored); return how many changed."""
    wanted = list(ids)
    if not wanted:
        return 0
    return conn.execute(
        update(ingest_failures)
        .where(ingest_failures.c.id.in_(wanted), ingest_failures.c.resolved_at.is_(None))
        .values(resolved_at=now)
    ).rowcount


def resolve_origins(
    conn: Connection, places: Iterable[tuple[str, int | None]], now: datetime
) -> int:
    """Resolve open failures at these (origin, line) places: the input there was stored."""
    changed = 0
    for origin, line in set(places):
        line_match = (
            ingest_failures.c.line.is_(None) if line is None else ingest_failures.c.line == line
        )
        changed += conn.execute(
            update(ingest_failures)
            .where(
                ingest_failures.c.origin == origin,
                line_match,
                ingest_failures.c.resolved_at.is_(None),
            )
            .values(resolved_at=now)
        ).rowcount
    return changed


def _stored(row: Any) -> StoredFailure:
    m = row._mapping
    return StoredFailure(
        id=m["id"],
        origin=m["origin"],
        line=m["line"],
        code=m["code"],
        reason=m["reason"],
        raw=m["raw"],
        options=m["options"],
        created_at=m["created_at"],
        attempts=m["attempts"],
        resolved_at=m["resolved_at"],
    )


def list_failures(conn: Connection, *, unresolved_only: bool = True) -> list[StoredFailure]:
    """Recorded failures, oldest first."""
    query = select(ingest_failures).order_by(ingest_failures.c.id)
    if unresolved_only:
        query = query.where(ingest_failures.c.resolved_at.is_(None))
    return [_stored(row) for row in conn.execute(query)]


def open_places(conn: Connection) -> set[tuple[str, int | None]]:
    """The (origin, line) of every unresolved failure (without loading raw bytes)."""
    query = select(ingest_failures.c.origin, ingest_failures.c.line).where(
        ingest_failures.c.resolved_at.is_(None)
    )
    return {(origin, line) for origin, line in conn.execute(query)}


def count_unresolved(conn: Connection) -> int:
    """How many failures are still waiting for a retry."""
    query = (
        select(func.count())
        .select_from(ingest_failures)
        .where(ingest_failures.c.resolved_at.is_(None))
    )
    return int(conn.execute(query).scalar_one())
