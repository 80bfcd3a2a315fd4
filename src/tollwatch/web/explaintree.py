"""The explanation tree of ``tollwatch tolls --explain`` as plain nodes for a web page.

The CLI prints a Rich ``Tree``; the page shows the same tree, converted node by node (labels
as plain text, markup removed), with report and claim ids turned into links. Pure: a tree in,
nodes out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from rich.tree import Tree

__all__ = ["Node", "tree_nodes"]

_IDS = re.compile(r"\b([rc][0-9a-f]{20})\b")
COLLAPSE_AFTER = 12  # children folded into a <details> beyond this many
MAX_CHILDREN = 60  # children listed per node; the rest are counted, not shown


@dataclass(frozen=True, slots=True)
class Node:
    label: str
    children: list[Node] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    collapsed: bool = False
    kind: str | None = None
    figure: str | None = None
    detail: str | None = None
    quote: str | None = None


def _plain(label: Any) -> str:
    if isinstance(label, Text):
        return label.plain
    if isinstance(label, str):
        try:
            return Text.from_markup(label).plain
        except Exception:  # not valid markup: show it as written
            return label
    return str(label)


def _links(text: str, query: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for found in dict.fromkeys(_IDS.findall(text)):
        if found.startswith("r"):
            out.append((f"report {found}", f"/reports/{found}{query}"))
        else:
            out.append((f"claim {found}", f"/claims/{found}"))
    return out


def _node(tree: Tree, query: str, claim_reports: dict[str, str], depth: int) -> Node:
    label = _plain(tree.label)
    links = []
    for text, href in _links(label, query):
        if href.startswith("/claims/"):
            cid = href.rsplit("/", 1)[1]
            report = claim_reports.get(cid)
            if report is None:
                continue
            href = f"/reports/{report}{query}#claim-{cid}"
        links.append((text, href))
    children = [
        _node(child, query, claim_reports, depth + 1) for child in tree.children[:MAX_CHILDREN]
    ]
    if len(tree.children) > MAX_CHILDREN:
        more = len(tree.children) - MAX_CHILDREN
        children.append(
            Node(f"… and {more:,} more: narrow the filters (country, region, dates) to list them")
        )
    kind = "heading" if depth <= 1 else None
    return Node(label, children, links, collapsed=len(children) > COLLAPSE_AFTER, kind=kind)


def tree_nodes(
    tree: Tree, *, query: str = "", claim_reports: Mapping[str, str] | None = None
) -> list[Node]:
    """``tree`` as nodes. Report ids in labels link to the report (keeping ``query``, the
    page's filters); claim ids link to their span when ``claim_reports`` (claim id -> report
    id) knows them."""
    return [_node(tree, query, dict(claim_reports or {}), 0)]
