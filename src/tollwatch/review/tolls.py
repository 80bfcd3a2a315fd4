"""Tolls from all claims and from verified claims only, side by side (for the review page).

Both are computed the same way reconciliation does (``reconcile`` + ``tally``) over the
claims review lets count: rejected claims never count, corrected claims count with their
corrected values, and "verified" keeps only verified and corrected claims.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from tollwatch.models import ReviewState
from tollwatch.reconcile import reconcile, tally, tolls_json
from tollwatch.review.queue import report_infos
from tollwatch.review.rows import load_claims
from tollwatch.review.service import corrections_for
from tollwatch.review.states import effective
from tollwatch.store.tables.core import claims as claims_table

__all__ = ["tolls_by_view"]


def tolls_by_view(conn: Connection) -> dict[str, dict[str, dict[str, dict[str, int]]]]:
    """{"all": tolls, "verified": tolls}, each outcome -> category/total -> low/best/high."""
    all_claims = load_claims(conn)
    states = {
        cid: ReviewState(s or "unreviewed")
        for cid, s in conn.execute(select(claims_table.c.id, claims_table.c.review_state))
    }
    corrections = corrections_for(conn)
    infos = report_infos(conn, {c.report_id for c in all_claims})
    out: dict[str, Any] = {}
    for view, verified_only in (("all", False), ("verified", True)):
        counted = effective(all_claims, states, corrections, verified_only=verified_only)
        result = reconcile(counted, infos)
        tolls, _ = tally(result.events, result.scopes)
        out[view] = tolls_json(tolls)
    return out
