"""The explanation tree of ``tollwatch tolls --explain`` as nodes for the ``/tolls/explain``
page (Jinja). Pure: an ``Explanation`` in, nodes out.

The words are the CLI's (``tollwatch.reconcile.explain_words``); a claim's line links to its
span on the report page, from the claim's own ids, never from its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tollwatch.reconcile.explain import Explanation
from tollwatch.reconcile.explain_words import Line, Span, outline

__all__ = ["COLLAPSE_AFTER", "MAX_CHILDREN", "Node", "tree_nodes"]

COLLAPSE_AFTER = 12  # children folded into a <details> beyond this many
MAX_CHILDREN = 60  # children listed per node; the rest are counted, not shown


@dataclass(frozen=True, slots=True)
class Node:
    label: str
    children: list[Node] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    collapsed: bool = False
    kind: str | None = None
    spans: tuple[Span, ...] = ()


def _links(line: Line, query: str) -> list[tuple[str, str]]:
    if line.report_id is None:
        return []
    href = f"/reports/{line.report_id}{query}"
    if line.claim_id is not None:
        href += f"#claim-{line.claim_id}"
    return [(f"report {line.report_id}", href)]


def _node(line: Line, query: str, depth: int) -> Node:
    children = [_node(child, query, depth + 1) for child in line.children[:MAX_CHILDREN]]
    if len(line.children) > MAX_CHILDREN:
        more = len(line.children) - MAX_CHILDREN
        children.append(
            Node(f"… and {more:,} more: narrow the filters (country, region, dates) to list them")
        )
    return Node(
        line.text,
        children,
        _links(line, query),
        collapsed=len(children) > COLLAPSE_AFTER,
        kind="heading" if depth <= 1 else None,
        spans=line.spans,
    )


def tree_nodes(tree: Explanation, *, query: str = "") -> list[Node]:
    """``tree`` as nodes. A quoted claim links to its span on its report page, keeping
    ``query`` (the page's filters)."""
    return [_node(outline(tree), query, 0)]
