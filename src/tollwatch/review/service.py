"""Review decisions in the database: state on the claim, history, corrections, audit.

``review_claim`` is the one write; ``effective_claims`` is what reconciliation calls to
count reviewed claims correctly (see docs/review.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from tollwatch.audit import record
from tollwatch.errors import ClaimNotFound, ReviewError
from tollwatch.models import Claim, ReviewState
from tollwatch.review.rows import claim_from_row, claim_values
from tollwatch.review.states import check_transition, effective, validate_correction
from tollwatch.store.tables.core import claims
from tollwatch.store.tables.security import claim_corrections, claim_reviews

__all__ = [
    "ReviewRecord",
    "corrections_for",
    "effective_claims",
    "review_claim",
    "review_fingerprint",
    "review_history",
    "states_for",
]


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    claim_id: str
    state: ReviewState
    previous_state: ReviewState
    reviewer: str
    at: datetime
    reason: str
    corrected: dict[str, Any] | None


def _claim_row(conn: Connection, claim_id: str) -> Any:
    row = conn.execute(select(claims).where(claims.c.id == claim_id)).first()
    if row is None:
        raise ClaimNotFound(f"no claim {claim_id!r}", hint="claim ids look like c0123abcd...")
    return row


def review_claim(
    conn: Connection,
    claim_id: str,
    decision: ReviewState | str,
    *,
    reviewer: str,
    reason: str = "",
    corrected: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> ReviewRecord:
    """Verify, reject, correct or reopen (``unreviewed``) one claim, with who, when and why.

    A correction stores ``corrected`` (validated) beside the untouched original claim.
    Leaving the corrected state removes the current correction (its history stays).
    """
    target = ReviewState(decision)
    row = _claim_row(conn, claim_id)
    current = ReviewState(row.review_state or "unreviewed")
    check_transition(current, target, reason)
    original = claim_from_row(row)
    clean: dict[str, Any] | None = None
    if target == ReviewState.CORRECTED:
        if corrected is None:
            raise ReviewError("a correction needs the new values", hint="e.g. {'best': 31}")
        clean = validate_correction(original, corrected)
    elif corrected:
        raise ReviewError(f"new values only go with a correction, not with {target.value}")
    at = now or datetime.now(UTC)
    before_correction = conn.execute(
        select(claim_corrections.c.corrected).where(claim_corrections.c.claim_id == claim_id)
    ).scalar_one_or_none()

    conn.execute(update(claims).where(claims.c.id == claim_id).values(review_state=target.value))
    conn.execute(
        insert(claim_reviews).values(
            claim_id=claim_id,
            state=target.value,
            previous_state=current.value,
            reviewer=reviewer,
            at=at,
            reason=reason.strip(),
            corrected=json.dumps(clean, sort_keys=True) if clean is not None else None,
        )
    )
    conn.execute(delete(claim_corrections).where(claim_corrections.c.claim_id == claim_id))
    if clean is not None:
        conn.execute(
            insert(claim_corrections).values(
                claim_id=claim_id,
                corrected=json.dumps(clean, sort_keys=True),
                reviewer=reviewer,
                at=at,
                reason=reason.strip(),
            )
        )
    record(
        conn,
        reviewer,
        f"claim.{target.value}" if target != ReviewState.UNREVIEWED else "claim.reopen",
        f"claim:{claim_id}",
        {
            "review_state": current.value,
            "corrected": json.loads(before_correction) if before_correction else None,
            "values": claim_values(original),
        },
        {"review_state": target.value, "corrected": clean, "reason": reason.strip()},
        at=at,
    )
    return ReviewRecord(claim_id, target, current, reviewer, at, reason.strip(), clean)


def review_history(conn: Connection, claim_id: str) -> list[ReviewRecord]:
    rows = conn.execute(
        select(claim_reviews)
        .where(claim_reviews.c.claim_id == claim_id)
        .order_by(claim_reviews.c.id)
    )
    return [
        ReviewRecord(
            r.claim_id,
            ReviewState(r.state),
            ReviewState(r.previous_state),
            r.reviewer,
            r.at,
            r.reason,
            json.loads(r.corrected) if r.corrected else None,
        )
        for r in rows
    ]


def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def states_for(conn: Connection, ids: Iterable[str]) -> dict[str, ReviewState]:
    wanted = sorted(set(ids))
    out: dict[str, ReviewState] = {}
    for chunk in _chunks(wanted):
        for cid, state in conn.execute(
            select(claims.c.id, claims.c.review_state).where(claims.c.id.in_(chunk))
        ):
            out[cid] = ReviewState(state or "unreviewed")
    return out


def corrections_for(
    conn: Connection, ids: Iterable[str] | None = None
) -> dict[str, dict[str, Any]]:
    """Current corrections (claim id -> new values), for ``ids`` or for every claim."""
    query = select(claim_corrections.c.claim_id, claim_corrections.c.corrected)
    if ids is None:
        return {cid: json.loads(v) for cid, v in conn.execute(query)}
    out: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(sorted(set(ids))):
        for cid, v in conn.execute(query.where(claim_corrections.c.claim_id.in_(chunk))):
            out[cid] = json.loads(v)
    return out


def effective_claims(
    conn: Connection, claims_in: Iterable[Claim], *, verified_only: bool = False
) -> list[Claim]:
    """What reconciliation counts: ``claims_in`` minus rejected claims, with corrections
    applied (same claim ids), and with ``verified_only`` only verified/corrected claims.

    Review states are read from the database, so a caller may pass claims loaded earlier.
    """
    items = list(claims_in)
    ids = [c.id for c in items]
    return effective(
        items, states_for(conn, ids), corrections_for(conn, ids), verified_only=verified_only
    )


def review_fingerprint(conn: Connection) -> str:
    """sha256 over what review changes beyond ``claims.review_state``: the current corrections
    and the active merges/splits. Reconciliation adds it to its own fingerprint so a second
    correction of a corrected claim, or a merge, triggers a new run."""
    import hashlib

    from tollwatch.review.overrides import active_overrides

    h = hashlib.sha256()
    h.update(json.dumps(corrections_for(conn), sort_keys=True).encode("utf-8"))
    for ov in active_overrides(conn):
        h.update(json.dumps([ov.id, ov.kind, ov.groups]).encode("utf-8"))
    return h.hexdigest()
