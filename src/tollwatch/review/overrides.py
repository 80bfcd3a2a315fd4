"""Manual event merges and splits that reconciliation must honour.

An override names groups of claim ids:

- ``merge`` [[a1, a2], [b1]]: every claim listed belongs to ONE event (the events holding
  them are merged, with all their other claims);
- ``split`` [[x1], [y1, y2]]: the listed groups must never share an event; an event holding
  claims of several groups is cut into one event per group, and its unlisted claims stay with
  the FIRST group listed.

Overrides apply in the order they were made, so a later decision wins (a split after a
merge separates the claims again). A revoked override no longer applies.

Reconciliation calls ``apply_overrides(groups, overrides)`` on its claim-id groups (one group
per event, before figures are computed) with ``active_overrides(conn)``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, RowMapping, insert, select, update

from tollwatch.audit import record
from tollwatch.errors import ReviewError
from tollwatch.store.tables.core import claims
from tollwatch.store.tables.security import event_overrides

__all__ = [
    "Override",
    "active_overrides",
    "apply_overrides",
    "list_overrides",
    "merge_claims",
    "revoke_override",
    "split_claims",
]


@dataclass(frozen=True, slots=True)
class Override:
    id: int
    kind: str  # "merge" | "split"
    groups: tuple[tuple[str, ...], ...]
    reviewer: str
    at: datetime
    reason: str
    revoked_at: datetime | None = None
    revoked_by: str | None = None


def _merge(groups: list[list[str]], wanted: set[str]) -> list[list[str]]:
    hit = [i for i, g in enumerate(groups) if wanted.intersection(g)]
    if len(hit) < 2:
        return groups
    merged = [cid for i in hit for cid in groups[i]]
    out: list[list[str]] = []
    for i, g in enumerate(groups):
        if i == hit[0]:
            out.append(merged)
        elif i not in hit:
            out.append(g)
    return out


def _split(groups: list[list[str]], parts: Sequence[frozenset[str]]) -> list[list[str]]:
    out: list[list[str]] = []
    for g in groups:
        hit = [k for k, part in enumerate(parts) if part.intersection(g)]
        if len(hit) < 2:
            out.append(g)
            continue
        pieces: dict[int, list[str]] = {k: [] for k in hit}
        for cid in g:
            owner = next((k for k in hit if cid in parts[k]), hit[0])
            pieces[owner].append(cid)
        out.extend(pieces[k] for k in hit)
    return out


def apply_overrides(
    groups: Sequence[Sequence[str]], overrides: Sequence[Override]
) -> list[list[str]]:
    """Claim-id groups (one per event) after every active override, oldest first. Pure."""
    current = [list(g) for g in groups if g]
    for ov in sorted(overrides, key=lambda o: o.id):
        if ov.revoked_at is not None:
            continue
        if ov.kind == "merge":
            current = _merge(current, {cid for g in ov.groups for cid in g})
        elif ov.kind == "split":
            current = _split(current, [frozenset(g) for g in ov.groups])
    return current


def _check_groups(conn: Connection, kind: str, groups: Sequence[Sequence[str]]) -> None:
    if any("\x00" in cid for g in groups for cid in g):
        raise ReviewError(f"a claim id of the {kind} contains a NUL character")
    clean = [list(dict.fromkeys(g)) for g in groups]
    if len(clean) < 2 or any(not g for g in clean):
        raise ReviewError(
            f"a {kind} needs at least two non-empty groups of claim ids",
            hint='e.g. [["c1", "c2"], ["c3"]]',
        )
    flat = [cid for g in clean for cid in g]
    if len(flat) != len(set(flat)):
        raise ReviewError(f"a claim appears in more than one group of the {kind}")
    found = dict(
        conn.execute(select(claims.c.id, claims.c.outcome).where(claims.c.id.in_(flat))).all()
    )
    missing = sorted(set(flat) - set(found))
    if missing:
        raise ReviewError(f"unknown claim id(s): {', '.join(missing[:5])}")
    if kind == "merge" and len(set(found.values())) > 1:
        raise ReviewError(
            "cannot merge claims with different outcomes "
            f"({', '.join(sorted(set(found.values())))}) into one event",
            hint="correct the outcome of the wrong claim instead",
        )


def _store(
    conn: Connection,
    kind: str,
    groups: Sequence[Sequence[str]],
    reviewer: str,
    reason: str,
    now: datetime | None,
) -> Override:
    if not reason.strip():
        raise ReviewError(
            f"a {kind} needs a reason", hint="say why these claims are (not) one event"
        )
    if "\x00" in reason:
        raise ReviewError(f"the reason of the {kind} contains a NUL character")
    _check_groups(conn, kind, groups)
    clean = tuple(tuple(dict.fromkeys(g)) for g in groups)
    at = now or datetime.now(UTC)
    oid = conn.execute(
        insert(event_overrides)
        .values(
            kind=kind,
            claim_groups=json.dumps([list(g) for g in clean]),
            reviewer=reviewer,
            at=at,
            reason=reason.strip(),
        )
        .returning(event_overrides.c.id)
    ).scalar_one()
    record(
        conn,
        reviewer,
        f"event.{kind}",
        f"override:{oid}",
        None,
        {"groups": [list(g) for g in clean], "reason": reason.strip()},
        at=at,
    )
    return Override(oid, kind, clean, reviewer, at, reason.strip())


def merge_claims(
    conn: Connection,
    groups: Sequence[Sequence[str]],
    *,
    reviewer: str,
    reason: str,
    now: datetime | None = None,
) -> Override:
    """Record that the events holding these claim groups are one event."""
    return _store(conn, "merge", groups, reviewer, reason, now)


def split_claims(
    conn: Connection,
    groups: Sequence[Sequence[str]],
    *,
    reviewer: str,
    reason: str,
    now: datetime | None = None,
) -> Override:
    """Record that these claim groups are separate events."""
    return _store(conn, "split", groups, reviewer, reason, now)


def _override(r: RowMapping) -> Override:
    return Override(
        id=r["id"],
        kind=r["kind"],
        groups=tuple(tuple(g) for g in json.loads(r["claim_groups"])),
        reviewer=r["reviewer"],
        at=r["at"],
        reason=r["reason"],
        revoked_at=r["revoked_at"],
        revoked_by=r["revoked_by"],
    )


def list_overrides(conn: Connection, *, active_only: bool = False) -> list[Override]:
    query = select(event_overrides).order_by(event_overrides.c.id)
    if active_only:
        query = query.where(event_overrides.c.revoked_at.is_(None))
    return [_override(r) for r in conn.execute(query).mappings()]


def active_overrides(conn: Connection) -> list[Override]:
    """What reconciliation must honour, oldest first."""
    return list_overrides(conn, active_only=True)


def revoke_override(
    conn: Connection, override_id: int, *, reviewer: str, reason: str, now: datetime | None = None
) -> Override:
    row = conn.execute(select(event_overrides).where(event_overrides.c.id == override_id)).first()
    if row is None:
        raise ReviewError(f"no merge or split with id {override_id}")
    if row.revoked_at is not None:
        raise ReviewError(f"override {override_id} is already revoked")
    if not reason.strip() or "\x00" in reason:
        raise ReviewError("revoking a merge or split needs a reason (without NUL characters)")
    at = now or datetime.now(UTC)
    conn.execute(
        update(event_overrides)
        .where(event_overrides.c.id == override_id)
        .values(revoked_at=at, revoked_by=reviewer)
    )
    record(
        conn,
        reviewer,
        "event.revoke",
        f"override:{override_id}",
        {"kind": row.kind, "groups": json.loads(row.claim_groups)},
        {"revoked": True, "reason": reason.strip()},
        at=at,
    )
    return _override(
        conn.execute(select(event_overrides).where(event_overrides.c.id == override_id))
        .mappings()
        .one()
    )
