"""Tolls from events and scopes, without double counting.

Per outcome:

- An incident outside every running toll adds its range (``EventResult.counted``).
- Inside a scope (overlapping running tolls and the incidents they cover), per specific
  category: toll = the running figure -- the incidents are already in it; when they add up
  to more, the running figure is kept and the gap flagged (``coverage_conflict``).
  A category with no running figure takes its covered incidents, within what a stated
  total leaves.
- Category unknown inside a scope: what the stated total (else the running figures, else
  the covered incidents) leaves once the per-category tolls are taken out (never below
  zero). So "surpassed 1,000" beside 745 + 125 + 148 adds nothing, and "21 people killed"
  inside a monitor's civilian toll is not added on top of it.
- ``total`` is the sum of the categories. low, best and high are computed separately.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from tollwatch.models import Category, Outcome
from tollwatch.reconcile.figures import ZERO, Range
from tollwatch.reconcile.results import EventResult, Flag, ScopeResult

__all__ = ["CATEGORIES", "ScopeFigures", "Tolls", "combine", "scope_figures", "tally", "tolls_json"]

CATEGORIES: tuple[Category, ...] = (
    Category.CIVILIANS,
    Category.STATE_FORCES,
    Category.NON_STATE_ARMED,
    Category.UNKNOWN,
)

Tolls = dict[Outcome, dict[str, Range | None]]
"""outcome -> {"civilians", "state_forces", "non_state_armed", "unknown", "total"} -> Range,
or None where no claim speaks for the category (shown as "—"; 0 only when a claim says 0)."""


@dataclass(frozen=True, slots=True)
class ScopeFigures:
    """The numbers of one scope a tally needs: its cumulative figures and covered sums."""

    id: str
    outcome: Outcome
    cum: Mapping[Category, Range]
    cum_total: Range | None
    covered: Mapping[Category, Range] = field(default_factory=dict)


def scope_figures(scope: ScopeResult, covered: Mapping[Category, Range]) -> ScopeFigures:
    return ScopeFigures(scope.id, scope.outcome, scope.cum, scope.cum_total, covered)


def scope_toll(fig: ScopeFigures) -> tuple[dict[Category, Range], list[Flag]]:
    """Per-category toll of one scope, and the conflicts a reviewer should see.

    A credible running toll contains the incidents inside it, so it is kept even when they
    add up to more (a monitor behind, or misread incidents: snapshots, increments, sub-counts
    of one massacre); the gap is flagged ``coverage_conflict`` and only a reviewer can promote
    the sum (by rejecting or correcting the running toll's claims). A category the running
    tolls do not state takes its covered incidents, within what a stated total leaves.
    """
    out: dict[Category, Range] = {}
    flags: list[Flag] = []
    explained = ZERO
    stated_total = fig.cum_total if fig.cum_total is not None and fig.cum_total != ZERO else None
    for cat in CATEGORIES[:3]:
        cum = fig.cum.get(cat)
        cov = fig.covered.get(cat)
        if cum is None and cov is None:
            continue
        if cum is not None:
            value = cum
            if cov is not None and cov.best > cum.best:
                flags.append(_conflict(fig, cat.value, cov, cum))
        else:
            assert cov is not None
            value = cov
            if stated_total is not None:
                room = stated_total.residual(explained)
                if cov.best > room.best:
                    flags.append(_conflict(fig, cat.value, cov, room, total=stated_total))
                    value = Range.of(min(cov.low, room.low), room.best, min(cov.high, room.high))
        out[cat] = value
        explained = explained + value
    cov_total = ZERO
    for r in fig.covered.values():
        cov_total = cov_total + r
    if stated_total is not None:
        whole = stated_total
        if cov_total.best > whole.best and not flags:
            flags.append(_conflict(fig, "total", cov_total, whole))
    elif fig.cum:
        # no stated total: the running tolls' categories and the incidents of no stated
        # category inside them (read as part of those categories, never on top); when the
        # incidents inside add up to more, the running figures are kept and the gap flagged
        whole = explained
        if cov_total.best > whole.best and not flags:
            flags.append(_conflict(fig, "total", cov_total, whole))
    else:
        whole = cov_total
    unknown = whole.residual(explained)
    if unknown != ZERO or Category.UNKNOWN in fig.covered or fig.cum_total is not None:
        out[Category.UNKNOWN] = unknown
    return out, flags


def _conflict(
    fig: ScopeFigures, what: str, cov: Range, kept: Range, total: Range | None = None
) -> Flag:
    of = f"the stated total {total.best:,} leaves {kept.best:,}" if total else f"{kept.best:,}"
    return Flag(
        "coverage_conflict",
        fig.id,
        f"{fig.outcome.value} {what}: incidents inside the running toll add up to {cov.best:,}, "
        f"{cov.best - kept.best:,} more than its {of}; the running toll is kept (the incidents "
        "are listed under it; a reviewer may promote their sum by rejecting or correcting the "
        "running toll)",
    )


def combine(
    outside: Mapping[tuple[Outcome, Category], Range],
    scopes: Iterable[ScopeFigures],
    present: Iterable[tuple[Outcome, Category]] = (),
) -> tuple[Tolls, list[Flag]]:
    """Add incidents outside running tolls to each scope's toll; totals per outcome.

    A category no claim speaks for is None ("we do not know"), not 0; ``present`` names the
    categories stored scopes speak for (``outside`` and ``scopes`` speak for theirs).
    """
    acc: dict[Outcome, dict[Category, Range]] = {o: {} for o in Outcome}
    for outcome, cat in present:
        acc[outcome].setdefault(cat, ZERO)
    for (outcome, cat), r in outside.items():
        acc[outcome][cat] = acc[outcome].get(cat, ZERO) + r
    flags: list[Flag] = []
    for fig in scopes:
        per_cat, f = scope_toll(fig)
        flags.extend(f)
        for cat, r in per_cat.items():
            acc[fig.outcome][cat] = acc[fig.outcome].get(cat, ZERO) + r
    tolls: Tolls = {}
    for outcome in Outcome:
        row: dict[str, Range | None] = {}
        total: Range | None = None
        for cat in CATEGORIES:
            got = acc[outcome].get(cat)
            row[cat.value] = got
            if got is not None:
                total = got if total is None else total + got
        row["total"] = total
        tolls[outcome] = row
    return tolls, flags


def tally(events: Iterable[EventResult], scopes: Iterable[ScopeResult]) -> tuple[Tolls, list[Flag]]:
    """Tolls over reconciled events and scopes (the whole of a Reconciliation or a subset)."""
    outside: dict[tuple[Outcome, Category], Range] = {}
    covered: dict[str, dict[Category, Range]] = {}
    for ev in events:
        cat = ev.event.category
        if ev.scope_id is None:
            key = (ev.event.outcome, cat)
            outside[key] = outside.get(key, ZERO) + ev.counted
        else:
            cov = covered.setdefault(ev.scope_id, {})
            cov[cat] = cov.get(cat, ZERO) + ev.counted
    figs = [scope_figures(s, covered.get(s.id, {})) for s in scopes]
    return combine(outside, figs)


def tolls_json(tolls: Tolls) -> dict[str, dict[str, dict[str, int] | None]]:
    """The ``tolls`` object of the JSON output (null where no claim speaks for a category)."""
    return {
        o.value: {k: r.as_dict() if r is not None else None for k, r in row.items()}
        for o, row in tolls.items()
    }
