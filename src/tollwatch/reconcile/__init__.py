"""Reconcile claims into events and tolls without double counting (docs/reconciliation.md).

    claims -> incident events (cluster.py) + running-toll series and scopes (series.py)
           -> containment (contain.py) -> tolls (tally.py)

Everything here is pure; ``tollwatch.reconcile.service`` stores and queries the results.
"""

from tollwatch.reconcile.core import focus_countries, reconcile
from tollwatch.reconcile.figures import Range, claim_range, event_range
from tollwatch.reconcile.results import (
    ClaimNote,
    EventResult,
    Flag,
    Reconciliation,
    ReportInfo,
    ScopeResult,
    SeriesMember,
    SeriesResult,
)
from tollwatch.reconcile.tally import ScopeFigures, Tolls, combine, tally, tolls_json

__all__ = [
    "ClaimNote",
    "EventResult",
    "Flag",
    "Range",
    "Reconciliation",
    "ReportInfo",
    "ScopeFigures",
    "ScopeResult",
    "SeriesMember",
    "SeriesResult",
    "Tolls",
    "claim_range",
    "combine",
    "event_range",
    "focus_countries",
    "reconcile",
    "tally",
    "tolls_json",
]
