"""The words of an explanation tree: each node as a line of styled spans (pure).

The CLI maps the styles to Rich, the dashboard to HTML; neither parses text back, and no
markup is ever built from a report's words (so ``[draft]`` in a quote stays as written).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from tollwatch.models import Category
from tollwatch.reconcile.explain import (
    CategoryNode,
    ClaimNote,
    Explanation,
    IncidentNode,
    OutcomeNode,
    RunningTollNode,
    SeriesNode,
)
from tollwatch.reconcile.figures import Range

__all__ = ["Line", "Span", "Style", "fmt", "outline"]

Style = Literal["strong", "quote", "aside", "flag", "flag_heading"]


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    style: Style | None = None


@dataclass(frozen=True, slots=True)
class Line:
    """One node's words and its children; ``report_id``/``claim_id`` name what it quotes."""

    spans: tuple[Span, ...]
    children: tuple[Line, ...] = ()
    report_id: str | None = None
    claim_id: str | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


def fmt(r: Range) -> str:
    if r.low == r.best == r.high:
        return f"{r.best:,}"
    return f"{r.best:,} (low {r.low:,}, high {r.high:,})"


def _plain(text: str) -> Span:
    return Span(text)


def _claim(n: ClaimNote) -> Line:
    where = ", ".join(x for x in (n.source or "unknown outlet", n.published, n.report_id) if x)
    spans = [Span(n.role, "strong"), _plain(f" {where}: "), Span(f"“{n.quote}”", "quote")]
    if n.reason:
        spans.append(Span(f" — {n.reason}", "aside"))
    return Line(tuple(spans), report_id=n.report_id, claim_id=n.claim_id)


def _incident(ev: IncidentNode) -> Line:
    when = ev.date or "no date"
    if ev.date_end:
        when = f"{when}..{ev.date_end}"
    text = f"event {ev.event_id[:10]} {ev.place or 'no stated place'}, {when}: {fmt(ev.figure)}"
    if ev.incident_total_adds is not None:
        text += (
            f"; an incident total beside per-category figures, adds {fmt(ev.incident_total_adds)}"
        )
    spans = [_plain(text)]
    if ev.left_out_because:
        spans.append(Span(f" — {ev.left_out_because}", "aside"))
    return Line(tuple(spans), tuple(_claim(n) for n in ev.claims))


def _series(s: SeriesNode) -> Line:
    spans = [
        _plain(
            f"source {s.source} → series {s.category}, {s.region} ({s.region_level}), "
            f"{s.period_start}..{s.period_end} → latest figure {fmt(s.latest)}"
        )
    ]
    if s.category == Category.UNKNOWN.value:
        spans.append(Span(" — category unknown: the series total, not extra victims", "aside"))
    return Line(tuple(spans), tuple(_claim(b) for b in s.bulletins))


def rule(node: RunningTollNode) -> str:
    """Which counting rule gave a running toll's figure for its category."""
    if node.category == Category.UNKNOWN.value:
        total = node.stated_total.best if node.stated_total else 0
        return f"what the stated total ({total:,}) leaves once the per-category tolls are taken out"
    cum = node.running
    if cum is None:
        return (
            "no running figure for this category: the covered incidents' sum, within "
            "what a stated total leaves"
        )
    cov = node.contained_sum.best if node.contained_sum else 0
    if cov > cum.best:
        return (
            f"the running figure {cum.best:,} is kept; the incidents inside it add up to "
            f"{cov:,} ({cov - cum.best:,} more): flagged, only a reviewer can promote the sum"
        )
    return f"the running figure {cum.best:,} contains the incidents inside it ({cov:,})"


def _running(node: RunningTollNode) -> Line:
    children = [_series(s) for s in node.series]
    children += [
        Line((_plain(f"(per-category figure {p.category}: {fmt(p.figure)}, {p.source})"),))
        for p in node.per_category
    ]
    if node.contained:
        covered = fmt(node.contained_sum) if node.contained_sum else "0"
        children.append(
            Line(
                (_plain(f"contains: incidents inside the running toll, not added: {covered}"),),
                tuple(_incident(ev) for ev in node.contained),
            )
        )
    spans = (
        _plain(f"inside running toll scope {node.scope_id[:10]}: {fmt(node.figure)}"),
        Span(f" — {rule(node)}", "aside"),
    )
    return Line(spans, tuple(children))


def _category(c: CategoryNode) -> Line:
    spans = [Span(c.category, "strong"), _plain(f": {fmt(c.figure)}")]
    if c.flags:
        spans.append(Span(f" ⚑ {', '.join(c.flags)}", "flag"))
    children = [_running(r) for r in c.running_tolls]
    if c.added is not None:
        children.append(
            Line(
                (_plain(f"incidents outside any running toll, added: {fmt(c.added)}"),),
                tuple(_incident(ev) for ev in c.added_incidents),
            )
        )
    return Line(tuple(spans), tuple(children))


def _outcome(o: OutcomeNode) -> Line:
    return Line(
        (Span(o.outcome, "strong"), _plain(f": total {fmt(o.total)}")),
        tuple(_category(c) for c in o.categories),
    )


def _tail(tree: Explanation) -> Iterator[Line]:
    if tree.unlisted_events:
        yield Line(
            (
                Span(
                    f"{tree.unlisted_events} more events counted but not listed (raise --limit)",
                    "aside",
                ),
            )
        )
    if tree.flags:
        yield Line(
            (Span("flags for review", "flag_heading"),),
            tuple(Line((Span(f.kind, "flag"), _plain(f": {f.message}"))) for f in tree.flags),
        )


def outline(tree: Explanation) -> Line:
    """The whole tree as lines: a root, one branch per outcome, then the flags."""
    return Line(
        (Span("tolls", "strong"), _plain(f" (view: {tree.view})")),
        (*(_outcome(o) for o in tree.outcomes), *_tail(tree)),
    )
