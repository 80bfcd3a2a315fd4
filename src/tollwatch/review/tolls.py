"""Tolls from all claims and from verified claims only, side by side (for the review page).

Both come from the stored reconciliation (``tollwatch.reconcile.service``), which counts
claims as review decided: rejected claims never, corrected claims with their corrected
values, and in the "verified" view only verified and corrected claims. ``refresh`` brings
the stored reconciliation up to date (incremental: only partitions whose claims or review
decisions changed are recomputed).
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine

__all__ = ["refresh", "tolls_by_view"]


_refreshing = threading.Lock()


def refresh(engine: Engine) -> None:
    """Reconcile what review changed (idempotent; one run at a time in this process)."""
    from tollwatch.reconcile.service import reconcile_all

    with _refreshing:
        reconcile_all(engine)


def tolls_by_view(engine: Engine) -> dict[str, Any]:
    """{"all": tolls, "verified": tolls}, each outcome -> category/total -> low/best/high."""
    from tollwatch.reconcile.service import query_tolls

    return {
        view: query_tolls(engine, verified_only=view == "verified", limit=0)["tolls"]
        for view in ("all", "verified")
    }
