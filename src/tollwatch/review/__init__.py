"""Analyst review: claim decisions, corrections, manual event merges/splits, the queue.

    review_claim(conn, claim_id, "verified" | "rejected" | "corrected" | "unreviewed", ...)
    effective_claims(conn, claims, verified_only=False) -> claims tolls should count
    apply_overrides(groups, active_overrides(conn))    -> event groups after merges/splits
    review_queue(conn, verified_only=...)             -> unreviewed claims by toll impact

See docs/review.md.
"""

from tollwatch.review.overrides import (
    Override,
    active_overrides,
    apply_overrides,
    list_overrides,
    merge_claims,
    revoke_override,
    split_claims,
)
from tollwatch.review.rows import claim_from_row, claim_values, load_claims
from tollwatch.review.service import (
    ReviewRecord,
    corrections_for,
    effective_claims,
    review_claim,
    review_fingerprint,
    review_history,
    states_for,
)
from tollwatch.review.states import (
    CORRECTABLE,
    COUNTED_VERIFIED,
    apply_correction,
    check_transition,
    effective,
    validate_correction,
)

__all__ = [
    "CORRECTABLE",
    "COUNTED_VERIFIED",
    "Override",
    "ReviewRecord",
    "active_overrides",
    "apply_correction",
    "apply_overrides",
    "check_transition",
    "claim_from_row",
    "claim_values",
    "corrections_for",
    "effective",
    "effective_claims",
    "list_overrides",
    "load_claims",
    "merge_claims",
    "review_claim",
    "review_fingerprint",
    "review_history",
    "revoke_override",
    "split_claims",
    "states_for",
    "validate_correction",
]
