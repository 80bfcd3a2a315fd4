"""The review queue: unreviewed claims, those that would move a published toll most first.

Impact of a claim = how much the published tolls change if its review went against the
current count: with public tolls over *all* claims, the change if it were rejected; with
public tolls over *verified* claims, the change if it were verified. It is measured, not
guessed: tolls are reconciled with and without the claim (``reconcile`` + ``tally``) over
the claims of the same outcome and country (the claim's, else its report's focus country):
outcomes never mix, and running tolls and incidents only cover places of one country. The
``exact_limit`` largest claims by stated figure are measured; the rest follow by figure.

``rank_queue`` is pure; ``review_queue`` loads what it needs from the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from tollwatch.models import Claim, Outcome, ReviewState
from tollwatch.reconcile import ReportInfo, focus_countries, reconcile, tally
from tollwatch.review.rows import load_claims
from tollwatch.review.service import corrections_for
from tollwatch.review.states import effective
from tollwatch.store.tables.core import claims as claims_table
from tollwatch.store.tables.core import reports, sources
from tollwatch.store.tables.security import claim_reviews

__all__ = ["QueueItem", "rank_queue", "report_infos", "review_queue", "toll_change"]


@dataclass(frozen=True, slots=True)
class QueueItem:
    claim: Claim
    state: ReviewState
    impact: int | None  # change of the outcome's total best toll; None = not measured
    detail: int | None  # sum of |change| over every category's low, best and high
    magnitude: int  # the claim's own figure (best, else high, else low)


def _magnitude(c: Claim) -> int:
    for v in (c.best, c.high, c.low):
        if v is not None:
            return v
    return 0


def _tolls(claims: Sequence[Claim], reports_info: Mapping[str, ReportInfo]) -> Any:
    result = reconcile(claims, reports_info)
    tolls, _ = tally(result.events, result.scopes)
    return tolls


def toll_change(before: Any, after: Any, outcome: Outcome) -> tuple[int, int]:
    """(|change of the total best|, sum of |change| of low/best/high over all rows)."""
    row_a, row_b = before.get(outcome, {}), after.get(outcome, {})
    total = abs(_best(row_a.get("total")) - _best(row_b.get("total")))
    detail = 0
    for key in set(row_a) | set(row_b):
        a, b = row_a.get(key), row_b.get(key)
        for attr in ("low", "best", "high"):
            detail += abs(getattr(a, attr, 0) - getattr(b, attr, 0))
    return total, detail


def _best(r: Any) -> int:
    return int(getattr(r, "best", 0))


def rank_queue(
    all_claims: Sequence[Claim],
    states: Mapping[str, ReviewState],
    corrections: Mapping[str, Mapping[str, Any]],
    reports_info: Mapping[str, ReportInfo],
    *,
    verified_only: bool,
    exact_limit: int = 200,
) -> list[QueueItem]:
    """Unreviewed claims, most toll-changing first (ties: larger figure, then claim id)."""
    counted = effective(all_claims, states, corrections, verified_only=verified_only)
    focus = focus_countries(all_claims)

    def part(c: Claim) -> tuple[Outcome, str | None]:
        return (c.outcome, c.place.country or focus.get(c.report_id))

    groups: dict[tuple[Outcome, str | None], list[Claim]] = defaultdict(list)
    for c in counted:
        groups[part(c)].append(c)
    pending = [c for c in all_claims if states.get(c.id, ReviewState.UNREVIEWED) == "unreviewed"]
    pending.sort(key=lambda c: (-_magnitude(c), c.id))
    base_cache: dict[tuple[Outcome, str | None], Any] = {}
    items: list[QueueItem] = []
    for i, claim in enumerate(pending):
        if i >= exact_limit or _magnitude(claim) == 0:
            items.append(QueueItem(claim, ReviewState.UNREVIEWED, None, None, _magnitude(claim)))
            continue
        key = part(claim)
        same = groups[key]
        if key not in base_cache:
            base_cache[key] = _tolls(same, reports_info)
        changed = [*same, claim] if verified_only else [c for c in same if c.id != claim.id]
        total, detail = toll_change(base_cache[key], _tolls(changed, reports_info), claim.outcome)
        items.append(QueueItem(claim, ReviewState.UNREVIEWED, total, detail, _magnitude(claim)))
    items.sort(
        key=lambda it: (
            it.impact is None,
            -(it.impact or 0),
            -(it.detail or 0),
            -it.magnitude,
            it.claim.id,
        )
    )
    return items


def report_infos(conn: Connection, report_ids: set[str]) -> dict[str, ReportInfo]:
    out: dict[str, ReportInfo] = {}
    query = select(reports.c.id, reports.c.published, sources.c.name).select_from(
        reports.outerjoin(sources, sources.c.id == reports.c.source_id)
    )
    ids = sorted(report_ids)
    for i in range(0, len(ids), 500):
        for rid, published, source in conn.execute(query.where(reports.c.id.in_(ids[i : i + 500]))):
            out[rid] = ReportInfo(rid, published, source)
    return out


_cache: dict[tuple[Any, ...], list[QueueItem]] = {}
_CACHE_MAX = 8


def _fingerprint(conn: Connection) -> tuple[Any, ...]:
    """Changes whenever claims, review decisions or reports change."""
    c = conn.execute(
        select(
            func.count(),
            func.min(claims_table.c.id),
            func.max(claims_table.c.id),
            func.sum(func.coalesce(claims_table.c.best, 0)),
        ).select_from(claims_table)
    ).one()
    r = conn.execute(
        select(func.count(), func.max(claim_reviews.c.id)).select_from(claim_reviews)
    ).one()
    n_reports = conn.execute(select(func.count()).select_from(reports)).scalar_one()
    return (str(conn.engine.url), *c, *r, n_reports)


def review_queue(
    conn: Connection, *, verified_only: bool, limit: int = 50, exact_limit: int = 200
) -> list[QueueItem]:
    """The first ``limit`` items of the queue for the database behind ``conn`` (the ranking
    is kept in process until claims, decisions or reports change)."""
    key = (*_fingerprint(conn), verified_only, exact_limit)
    if key in _cache:
        return _cache[key][:limit]
    ranked = _rank_from_db(conn, verified_only=verified_only, exact_limit=exact_limit)
    if len(_cache) >= _CACHE_MAX:
        _cache.pop(next(iter(_cache)))
    _cache[key] = ranked
    return ranked[:limit]


def _rank_from_db(conn: Connection, *, verified_only: bool, exact_limit: int) -> list[QueueItem]:
    all_claims = load_claims(conn)
    states = {
        cid: ReviewState(s or "unreviewed")
        for cid, s in conn.execute(select(claims_table.c.id, claims_table.c.review_state))
    }
    infos = report_infos(conn, {c.report_id for c in all_claims})
    ranked = rank_queue(
        all_claims,
        states,
        corrections_for(conn),
        infos,
        verified_only=verified_only,
        exact_limit=exact_limit,
    )
    return ranked
