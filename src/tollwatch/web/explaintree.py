"""The explanation tree of ``tollwatch tolls --explain`` as plain nodes for a web page.

The CLI prints a Rich ``Tree``; the page shows the same tree, converted node by node (labels
as plain text, markup removed), with report and claim ids turned into links. Pure: a tree in,
nodes out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rich.text import Text
from rich.tree import Tree

__all__ = ["Node", "claim_ids_in", "tree_nodes"]

_IDS = re.compile(r"\b([rc][0-9a-f]{20})\b")
COLLAPSE_AFTER = 12


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


def _node(tree: Tree, query: str, claim_reports: dict[str, str]) -> Node:
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
    children = [_node(child, query, claim_reports) for child in tree.children]
    return Node(label, children, links, collapsed=len(children) > COLLAPSE_AFTER)


def claim_ids_in(tree: Tree) -> set[str]:
    """Every claim id the tree's labels mention (to look up their reports)."""
    found = {m for m in _IDS.findall(_plain(tree.label)) if m.startswith("c")}
    for child in tree.children:
        found |= claim_ids_in(child)
    return found


def tree_nodes(
    tree: Tree, *, query: str = "", claim_reports: dict[str, str] | None = None
) -> list[Node]:
    """``tree`` as nodes. A claim id links to its span in its report when ``claim_reports``
    (claim id -> report id) knows it; ``query`` (the page's filters) stays on report links."""
    return [_node(tree, query, claim_reports or {})]
