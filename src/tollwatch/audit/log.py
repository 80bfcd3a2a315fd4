"""Append to and read the audit log inside the caller's transaction.

``record`` is what every writer calls, on the same connection as its own write, so the entry
commits or rolls back with it::

    with transaction(engine) as conn:
        conn.execute(...)                     # the write
        record(conn, actor="ingest", action="report.ingest", target=f"report:{rid}",
               before=None, after={"title": ..., "claims": 3})
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from tollwatch.audit.chain import (
    GENESIS,
    AuditEntry,
    ChainProblem,
    canonical_json,
    entry_hash,
    find_problems,
)
from tollwatch.errors import AuditChainBroken
from tollwatch.store.tables.security import audit_head, audit_log

__all__ = ["iter_entries", "record", "verify", "verify_or_raise"]

_MAX_ACTOR = 120
_MAX_ACTION = 60
_MAX_TARGET = 200


def _lock_head(conn: Connection) -> tuple[int, str]:
    """The newest (seq, hash), locked until the transaction ends.

    A no-op UPDATE of the head row comes first: on PostgreSQL it locks the row (a concurrent
    writer waits, then reads the new head), on SQLite it opens the write transaction (pysqlite
    runs plain SELECTs outside one), so no two writers can chain onto the same entry.
    """
    conn.execute(update(audit_head).where(audit_head.c.id == 1).values(seq=audit_head.c.seq))
    row = conn.execute(
        select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1).with_for_update()
    ).first()
    if row is None:
        conn.execute(insert(audit_head).values(id=1, seq=0, hash=GENESIS))
        return 0, GENESIS
    return int(row.seq), str(row.hash)


def record(
    conn: Connection,
    actor: str,
    action: str,
    target: str,
    before: Any = None,
    after: Any = None,
    *,
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry: who (``actor``), what (``action`` on ``target``), state ``before``
    and ``after`` (JSON-serialisable values, or None). Returns the entry written."""
    if not actor or not action or not target:
        raise ValueError("audit entries need an actor, an action and a target")
    at = at or datetime.now(UTC)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    head_seq, head_hash = _lock_head(conn)
    seq = head_seq + 1
    entry = AuditEntry(
        seq=seq,
        at=at,
        actor=actor[:_MAX_ACTOR],
        action=action[:_MAX_ACTION],
        target=target[:_MAX_TARGET],
        before=canonical_json(before),
        after=canonical_json(after),
        prev_hash=head_hash,
        hash="",
    )
    digest = entry_hash(head_hash, entry.content())
    conn.execute(
        insert(audit_log).values(
            seq=seq,
            at=at,
            actor=entry.actor,
            action=entry.action,
            target=entry.target,
            before=entry.before,
            after=entry.after,
            prev_hash=head_hash,
            hash=digest,
        )
    )
    conn.execute(update(audit_head).where(audit_head.c.id == 1).values(seq=seq, hash=digest))
    return AuditEntry(**{**_fields(entry), "hash": digest})


def _fields(entry: AuditEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in AuditEntry.__slots__}


def iter_entries(
    conn: Connection,
    *,
    since: int = 0,
    target: str | None = None,
    action: str | None = None,
    actor: str | None = None,
    limit: int | None = None,
    newest_first: bool = False,
) -> Iterator[AuditEntry]:
    """Entries in seq order (or newest first), optionally filtered."""
    query = select(audit_log).where(audit_log.c.seq > since)
    if target is not None:
        query = query.where(audit_log.c.target == target)
    if action is not None:
        query = query.where(audit_log.c.action == action)
    if actor is not None:
        query = query.where(audit_log.c.actor == actor)
    query = query.order_by(audit_log.c.seq.desc() if newest_first else audit_log.c.seq)
    if limit is not None:
        query = query.limit(limit)
    for row in conn.execute(query):
        yield AuditEntry(
            seq=row.seq,
            at=row.at,
            actor=row.actor,
            action=row.action,
            target=row.target,
            before=row.before,
            after=row.after,
            prev_hash=row.prev_hash,
            hash=row.hash,
        )


def verify(conn: Connection) -> tuple[int, str, list[ChainProblem]]:
    """Walk the whole chain: (entries checked, newest hash, problems found)."""
    head_row = conn.execute(
        select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)
    ).first()
    head = (int(head_row.seq), str(head_row.hash)) if head_row else (0, GENESIS)
    count = 0
    last_hash = GENESIS

    def counted() -> Iterator[AuditEntry]:
        nonlocal count, last_hash
        for entry in iter_entries(conn):
            count += 1
            last_hash = entry.hash
            yield entry

    problems = find_problems(counted(), head=head)
    return count, last_hash, problems


def verify_or_raise(conn: Connection) -> tuple[int, str]:
    count, last_hash, problems = verify(conn)
    if problems:
        first = problems[0]
        raise AuditChainBroken(
            f"audit log broken at entry {first.seq}: {first.problem} "
            f"({len(problems)} problem(s) in {count} entries)",
            hint="restore the audit_log table from a backup and investigate who changed it",
        )
    return count, last_hash
