"""How each number was made, as a Rich tree (pure: a toll query's result in, a Tree out).

killed: total 95 (low 95, high 95)
└── civilians 63
    ├── running toll: Northeast Casualty Monitor, Borno (admin1), 2025-06-10..2025-06-14: 57
    │   ├── latest 57 - NECM 2025-06-14 r07: "57 civilians ..."
    │   └── superseded 30, 52 ...
    ├── covered incidents (inside that toll, not added): 34
    └── incidents outside any running toll, added: 6
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rich.markup import escape
from rich.tree import Tree

from tollwatch.models import Category, Outcome
from tollwatch.reconcile.figures import Range
from tollwatch.reconcile.tally import ScopeFigures, scope_toll

__all__ = ["ExplainDetail", "render"]

_QUOTE_MAX = 160


@dataclass(frozen=True)
class ExplainDetail:
    """What the tree quotes: claim notes per event, bulletins per series, words per claim."""

    notes: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict)
    members: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict)
    claims: Mapping[str, dict[str, Any]] = field(default_factory=dict)


def _r(d: Mapping[str, int]) -> Range:
    return Range(int(d["low"]), int(d["best"]), int(d["high"]))


def _fmt(r: Range | Mapping[str, int]) -> str:
    if not isinstance(r, Range):
        r = _r(r)
    if r.low == r.best == r.high:
        return f"{r.best:,}"
    return f"{r.best:,} (low {r.low:,}, high {r.high:,})"


def _claim_line(cid: str, detail: ExplainDetail, role: str, reason: str | None) -> str:
    c = detail.claims.get(cid, {})
    quote = " ".join((c.get("quote") or "").split())
    if len(quote) > _QUOTE_MAX:
        quote = quote[: _QUOTE_MAX - 1] + "…"
    where = ", ".join(
        str(x)
        for x in (c.get("source") or "unknown outlet", c.get("published"), c.get("report_id"))
        if x
    )
    line = f"[bold]{escape(role)}[/] {escape(where)}: [italic]“{escape(quote)}”[/]"
    if reason:
        line += f" [dim]— {escape(reason)}[/]"
    return line


def _event_node(parent: Tree, ev: Mapping[str, Any], detail: ExplainDetail, added: bool) -> None:
    place = ev.get("place") or "no stated place"
    when = ev.get("date") or "no date"
    if ev.get("date_end") and ev.get("date_end") != ev.get("date"):
        when = f"{when}..{ev['date_end']}"
    label = f"event {ev['id'][:10]} {escape(str(place))}, {when}: {_fmt(ev)}"
    counted = ev.get("counted")
    if ev.get("role") == "total" and counted:
        label += f"; an incident total beside per-category figures, adds {_fmt(counted)}"
    if not added and ev.get("cover_reason"):
        label += f" [dim]— {escape(ev['cover_reason'])}[/]"
    node = parent.add(label)
    for n in detail.notes.get(ev["id"], []):
        node.add(_claim_line(n["claim_id"], detail, n["role"], n["reason"]))


def _series_node(parent: Tree, s: Mapping[str, Any], detail: ExplainDetail) -> None:
    label = (
        f"source {escape(s['source'])} → series {s['category']}, "
        f"{escape(str(s['region']))} ({s['region_level']}), "
        f"{s['period_start']}..{s['period_end']} → latest figure {_fmt(s)}"
    )
    if s["category"] == Category.UNKNOWN.value:
        label += " [dim]— category unknown: the series total, not extra victims[/]"
    node = parent.add(label)
    for m in reversed(detail.members.get(s["id"], [])):
        node.add(_claim_line(m["claim_id"], detail, f"{m['role']} {m['best']:,}", m["reason"]))


def render(result: Mapping[str, Any], detail: ExplainDetail) -> Tree:
    """The explanation tree of a ``query_tolls`` result."""
    root = Tree(f"[bold]tolls[/] (view: {result.get('view', 'all')})")
    events_by: dict[tuple[str, str, str | None], list[Mapping[str, Any]]] = defaultdict(list)
    for ev in result["events"]:
        events_by[(ev["outcome"], ev["category"], ev.get("covered_by"))].append(ev)
    series_by: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for s in result["series"]:
        series_by[(s["scope_id"], s["category"])].append(s)
    scopes = [
        ScopeFigures(
            sc["id"],
            Outcome(sc["outcome"]),
            {Category(c): _r(r) for c, r in sc["cumulative"].items()},
            _r(sc["cumulative_total"]) if sc["cumulative_total"] else None,
            {Category(c): _r(r) for c, r in sc["covered_incidents"].items()},
        )
        for sc in result["scopes"]
    ]
    for outcome, row in result["tolls"].items():
        if row["total"] is None:
            continue
        total = _r(row["total"])
        has_parts = any(k[0] == outcome for k in events_by) or any(
            sc.outcome.value == outcome for sc in scopes
        )
        if total.high == 0 and not has_parts:
            continue
        onode = root.add(f"[bold]{outcome}[/]: total {_fmt(total)}")
        for cat in ("civilians", "state_forces", "non_state_armed", "unknown"):
            if row[cat] is None:
                continue
            value = _r(row[cat])
            if value.high == 0 and not any(k[:2] == (outcome, cat) for k in events_by):
                continue
            marks = (result.get("marks") or {}).get(outcome, {}).get(cat) or []
            flagged = f" [yellow]⚑ {escape(', '.join(marks))}[/]" if marks else ""
            cnode = onode.add(f"[bold]{cat}[/]: {_fmt(value)}{flagged}")
            for fig in scopes:
                if fig.outcome.value != outcome:
                    continue
                per_cat, _ = scope_toll(fig)
                part = per_cat.get(Category(cat))
                if part is None:
                    continue
                covered = fig.covered.get(Category(cat))
                snode = cnode.add(
                    f"inside running toll scope {fig.id[:10]}: {_fmt(part)}"
                    + _scope_rule(fig, Category(cat), covered)
                )
                for s in series_by.get((fig.id, cat), []):
                    _series_node(snode, s, detail)
                if cat == "unknown":
                    for c in ("civilians", "state_forces", "non_state_armed"):
                        for s in series_by.get((fig.id, c), []):
                            snode.add(
                                f"(per-category figure {c}: {_fmt(s)}, {escape(s['source'])})"
                            )
                inside = events_by.get((outcome, cat, fig.id), [])
                if inside:
                    cov = snode.add(
                        f"contains: incidents inside the running toll, not added: "
                        f"{_fmt(covered) if covered else 0}"
                    )
                    for ev in inside:
                        _event_node(cov, ev, detail, added=False)
            outside = events_by.get((outcome, cat, None), [])
            if outside:
                acc = Range(0, 0, 0)
                for ev in outside:
                    acc = acc + _r(ev["counted"])
                onode_out = cnode.add(f"incidents outside any running toll, added: {_fmt(acc)}")
                for ev in outside:
                    _event_node(onode_out, ev, detail, added=True)
    if result.get("events_total", 0) > len(result["events"]):
        root.add(
            f"[dim]{result['events_total'] - len(result['events'])} more events counted but "
            "not listed (raise --limit)[/]"
        )
    if result.get("flags"):
        fnode = root.add("[bold yellow]flags for review[/]")
        for f in result["flags"]:
            fnode.add(f"[yellow]{escape(f['kind'])}[/]: {escape(f['message'])}")
    return root


def _scope_rule(fig: ScopeFigures, cat: Category, covered: Range | None) -> str:
    if cat == Category.UNKNOWN:
        total = fig.cum_total.best if fig.cum_total else 0
        return (
            f" [dim]— what the stated total ({total:,}) leaves once the per-category tolls are "
            "taken out[/]"
        )
    cum = fig.cum.get(cat)
    if cum is None:
        return (
            " [dim]— no running figure for this category: the covered incidents' sum, within "
            "what a stated total leaves[/]"
        )
    cov = covered.best if covered else 0
    if cov > cum.best:
        return (
            f" [dim]— the running figure {cum.best:,} is kept; the incidents inside it add up to "
            f"{cov:,} ({cov - cum.best:,} more): flagged, only a reviewer can promote the sum[/]"
        )
    return f" [dim]— the running figure {cum.best:,} contains the incidents inside it ({cov:,})[/]"
