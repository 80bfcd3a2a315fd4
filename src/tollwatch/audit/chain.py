"""The hash chain, as pure functions: canonical content and each entry's hash.

    hash_n = sha256( prev_hash || canonical_json(seq, at, actor, action, target, before, after) )

``prev_hash`` of the first entry is 64 zeros. Changing any field of any entry changes its hash,
which no longer matches the next entry's ``prev_hash``; removing an entry leaves a gap in
``seq`` and a ``prev_hash`` that points nowhere.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

__all__ = [
    "GENESIS",
    "AuditEntry",
    "ChainProblem",
    "canonical_json",
    "canonical_time",
    "entry_hash",
    "find_problems",
]

GENESIS = "0" * 64


def _default(value: Any) -> Any:
    if isinstance(value, datetime):
        return canonical_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
    raise TypeError(f"cannot record {type(value).__name__} in the audit log")


def canonical_json(value: Any) -> str | None:
    """Sorted keys, no spaces, UTF-8 kept; None stays None (stored as SQL NULL)."""
    if value is None:
        return None
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default
    )


def canonical_time(at: datetime) -> str:
    """UTC, microseconds, no offset suffix; a naive value is read as UTC (SQLite returns those)."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One row of audit_log; ``before``/``after`` are canonical JSON text (or None)."""

    seq: int
    at: datetime
    actor: str
    action: str
    target: str
    before: str | None
    after: str | None
    prev_hash: str
    hash: str

    def content(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": canonical_time(self.at),
            "actor": self.actor,
            "action": self.action,
            "target": self.target,
            "before": self.before,
            "after": self.after,
        }


def entry_hash(prev_hash: str, content: dict[str, Any]) -> str:
    body = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ChainProblem:
    seq: int
    problem: str


def find_problems(
    entries: Iterable[AuditEntry], *, head: tuple[int, str] | None = None
) -> list[ChainProblem]:
    """Every place the chain does not hold, in order; empty when it is intact.

    ``entries`` must come in ``seq`` order. ``head`` is the recorded (seq, hash) of the newest
    entry (from ``audit_head``); a mismatch means rows were removed from (or added to) the end.
    """
    problems: list[ChainProblem] = []
    prev_hash = GENESIS
    expected_seq = 1
    last: AuditEntry | None = None
    for entry in entries:
        if entry.seq != expected_seq:
            problems.append(
                ChainProblem(
                    entry.seq, f"expected entry {expected_seq} here: entries missing before it"
                )
            )
        if entry.prev_hash != prev_hash:
            problems.append(
                ChainProblem(entry.seq, "prev_hash does not match the previous entry's hash")
            )
        recomputed = entry_hash(entry.prev_hash, entry.content())
        if recomputed != entry.hash:
            problems.append(
                ChainProblem(entry.seq, "content does not match its hash: the row was edited")
            )
        prev_hash = entry.hash
        expected_seq = entry.seq + 1
        last = entry
    if head is not None:
        head_seq, head_hash = head
        last_seq = last.seq if last else 0
        last_hash = last.hash if last else GENESIS
        if (head_seq, head_hash) != (last_seq, last_hash):
            problems.append(
                ChainProblem(
                    last_seq,
                    f"the log ends at entry {last_seq} but its head records entry {head_seq}: "
                    "entries were removed from the end (or the head was edited)",
                )
            )
    return problems
