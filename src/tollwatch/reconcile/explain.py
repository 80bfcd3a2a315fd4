"""How each number was made, as a typed tree (pure: a toll query's result in, a tree out).

::

    Explanation (view)
    └── OutcomeNode killed: total 95
        └── CategoryNode civilians 63 (flags)
            ├── RunningTollNode scope: 57, and the rule that gave it
            │   ├── SeriesNode source -> series -> latest figure 57
            │   │   └── ClaimNote latest 57, superseded 52, superseded 30 ...
            │   └── contained incidents (not added) 34
            │       └── IncidentNode ... left out because ...
            └── incidents outside any running toll, added: 6
                └── IncidentNode ...

The tree holds data only; ``tollwatch.reconcile.explain_words`` words it, and the CLI
(Rich), the dashboard (Jinja) and the API (JSON) render it. The counting rules are in
``tally`` and ``series``; this module only reads their results.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from tollwatch.models import Category, Outcome
from tollwatch.reconcile.figures import ZERO, Range
from tollwatch.reconcile.tally import ScopeFigures, scope_toll

__all__ = [
    "CategoryNode",
    "ClaimNote",
    "ExplainDetail",
    "Explanation",
    "IncidentNode",
    "OutcomeNode",
    "PerCategoryFigure",
    "ReviewFlag",
    "RunningTollNode",
    "SeriesNode",
    "build",
    "explanation_json",
]

QUOTE_MAX = 160
_CATEGORIES = ("civilians", "state_forces", "non_state_armed", "unknown")


@dataclass(frozen=True)
class ExplainDetail:
    """What the tree quotes: claim notes per event, bulletins per series, words per claim."""

    notes: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict)
    members: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict)
    claims: Mapping[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ClaimNote:
    """One claim under an incident or a series: its role there, where it was said, its
    words (whitespace folded, cut at ``QUOTE_MAX``) and why it was treated so."""

    role: str
    claim_id: str
    report_id: str | None
    source: str | None
    published: str | None
    quote: str
    reason: str | None


@dataclass(frozen=True, slots=True)
class IncidentNode:
    """One reconciled incident. ``incident_total_adds`` is set for an incident total
    beside per-category figures (what it adds); ``left_out_because`` for an incident
    inside a running toll (why it is not added)."""

    event_id: str
    place: str | None
    date: str | None
    date_end: str | None
    figure: Range
    incident_total_adds: Range | None
    left_out_because: str | None
    claims: tuple[ClaimNote, ...]


@dataclass(frozen=True, slots=True)
class SeriesNode:
    """A source entity's running toll for one category, place and period: its latest
    figure and its bulletins, newest first."""

    series_id: str
    source: str
    category: str
    region: str
    region_level: str
    period_start: str
    period_end: str
    latest: Range
    bulletins: tuple[ClaimNote, ...]


@dataclass(frozen=True, slots=True)
class PerCategoryFigure:
    """Under category unknown: a per-category series of the scope, taken out of the total."""

    category: str
    figure: Range
    source: str


@dataclass(frozen=True, slots=True)
class RunningTollNode:
    """One scope (overlapping running tolls) for a category: the figure it gives, which
    rule gave it, its series, and the incidents it contains (not added)."""

    scope_id: str
    category: str
    figure: Range
    running: Range | None
    stated_total: Range | None
    contained_sum: Range | None
    series: tuple[SeriesNode, ...]
    per_category: tuple[PerCategoryFigure, ...]
    contained: tuple[IncidentNode, ...]


@dataclass(frozen=True, slots=True)
class CategoryNode:
    category: str
    figure: Range
    flags: tuple[str, ...]
    running_tolls: tuple[RunningTollNode, ...]
    added: Range | None
    added_incidents: tuple[IncidentNode, ...]


@dataclass(frozen=True, slots=True)
class OutcomeNode:
    outcome: str
    total: Range
    categories: tuple[CategoryNode, ...]


@dataclass(frozen=True, slots=True)
class ReviewFlag:
    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """The whole tree; ``unlisted_events`` are counted but not listed (the query's limit)."""

    view: str
    outcomes: tuple[OutcomeNode, ...]
    unlisted_events: int
    flags: tuple[ReviewFlag, ...]


def _r(d: Mapping[str, Any]) -> Range:
    return Range(int(d["low"]), int(d["best"]), int(d["high"]))


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def _note(cid: str, detail: ExplainDetail, role: str, reason: str | None) -> ClaimNote:
    c = detail.claims.get(cid, {})
    quote = " ".join((c.get("quote") or "").split())
    if len(quote) > QUOTE_MAX:
        quote = quote[: QUOTE_MAX - 1] + "…"
    return ClaimNote(
        role=role,
        claim_id=cid,
        report_id=_opt(c.get("report_id")),
        source=_opt(c.get("source")),
        published=_opt(c.get("published")),
        quote=quote,
        reason=reason or None,
    )


def _incident(ev: Mapping[str, Any], detail: ExplainDetail, added: bool) -> IncidentNode:
    counted = ev.get("counted")
    end = ev.get("date_end")
    return IncidentNode(
        event_id=str(ev["id"]),
        place=_opt(ev.get("place")) or None,
        date=_opt(ev.get("date")) or None,
        date_end=_opt(end) if end and end != ev.get("date") else None,
        figure=_r(ev),
        incident_total_adds=_r(counted) if ev.get("role") == "total" and counted else None,
        left_out_because=None if added else (_opt(ev.get("cover_reason")) or None),
        claims=tuple(
            _note(n["claim_id"], detail, n["role"], n["reason"])
            for n in detail.notes.get(ev["id"], [])
        ),
    )


def _series(s: Mapping[str, Any], detail: ExplainDetail) -> SeriesNode:
    return SeriesNode(
        series_id=str(s["id"]),
        source=str(s["source"]),
        category=str(s["category"]),
        region=str(s["region"]),
        region_level=str(s["region_level"]),
        period_start=str(s["period_start"]),
        period_end=str(s["period_end"]),
        latest=_r(s),
        bulletins=tuple(
            _note(m["claim_id"], detail, f"{m['role']} {m['best']:,}", m["reason"])
            for m in reversed(detail.members.get(s["id"], []))
        ),
    )


def _scopes(result: Mapping[str, Any]) -> list[ScopeFigures]:
    return [
        ScopeFigures(
            sc["id"],
            Outcome(sc["outcome"]),
            {Category(c): _r(r) for c, r in sc["cumulative"].items()},
            _r(sc["cumulative_total"]) if sc["cumulative_total"] else None,
            {Category(c): _r(r) for c, r in sc["covered_incidents"].items()},
        )
        for sc in result["scopes"]
    ]


def build(result: Mapping[str, Any], detail: ExplainDetail) -> Explanation:
    """The explanation tree of a ``query_tolls`` result."""
    events_by: dict[tuple[str, str, str | None], list[Mapping[str, Any]]] = defaultdict(list)
    for ev in result["events"]:
        events_by[(ev["outcome"], ev["category"], ev.get("covered_by"))].append(ev)
    series_by: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for s in result["series"]:
        series_by[(s["scope_id"], s["category"])].append(s)
    scopes = _scopes(result)
    outcomes: list[OutcomeNode] = []
    for outcome, row in result["tolls"].items():
        if row["total"] is None:
            continue
        total = _r(row["total"])
        has_parts = any(k[0] == outcome for k in events_by) or any(
            sc.outcome.value == outcome for sc in scopes
        )
        if total.high == 0 and not has_parts:
            continue
        categories: list[CategoryNode] = []
        for cat in _CATEGORIES:
            if row[cat] is None:
                continue
            value = _r(row[cat])
            if value.high == 0 and not any(k[:2] == (outcome, cat) for k in events_by):
                continue
            marks = (result.get("marks") or {}).get(outcome, {}).get(cat) or []
            running = [
                node
                for fig in scopes
                if fig.outcome.value == outcome
                and (node := _running(fig, cat, series_by, events_by, detail)) is not None
            ]
            outside = events_by.get((outcome, cat, None), [])
            added = None
            if outside:
                added = ZERO
                for ev in outside:
                    added = added + _r(ev["counted"])
            categories.append(
                CategoryNode(
                    category=cat,
                    figure=value,
                    flags=tuple(str(m) for m in marks),
                    running_tolls=tuple(running),
                    added=added,
                    added_incidents=tuple(_incident(ev, detail, added=True) for ev in outside),
                )
            )
        outcomes.append(OutcomeNode(outcome, total, tuple(categories)))
    return Explanation(
        view=str(result.get("view", "all")),
        outcomes=tuple(outcomes),
        unlisted_events=max(0, int(result.get("events_total", 0)) - len(result["events"])),
        flags=tuple(ReviewFlag(f["kind"], f["message"]) for f in result.get("flags") or []),
    )


def _running(
    fig: ScopeFigures,
    cat: str,
    series_by: Mapping[tuple[str, str], list[Mapping[str, Any]]],
    events_by: Mapping[tuple[str, str, str | None], list[Mapping[str, Any]]],
    detail: ExplainDetail,
) -> RunningTollNode | None:
    per_cat, _ = scope_toll(fig)
    part = per_cat.get(Category(cat))
    if part is None:
        return None
    per_category: list[PerCategoryFigure] = []
    if cat == Category.UNKNOWN.value:
        for c in _CATEGORIES[:3]:
            for s in series_by.get((fig.id, c), []):
                per_category.append(PerCategoryFigure(c, _r(s), str(s["source"])))
    return RunningTollNode(
        scope_id=fig.id,
        category=cat,
        figure=part,
        running=fig.cum.get(Category(cat)),
        stated_total=fig.cum_total,
        contained_sum=fig.covered.get(Category(cat)),
        series=tuple(_series(s, detail) for s in series_by.get((fig.id, cat), [])),
        per_category=tuple(per_category),
        contained=tuple(
            _incident(ev, detail, added=False)
            for ev in events_by.get((fig.outcome.value, cat, fig.id), [])
        ),
    )


def explanation_json(tree: Explanation) -> dict[str, Any]:
    """The tree as plain JSON values (ranges as ``{"low", "best", "high"}``)."""
    return asdict(tree)
