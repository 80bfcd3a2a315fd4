"""``tollwatch tolls --explain``: the explanation tree (``tollwatch.reconcile.explain``) as a
Rich ``Tree``. Spans become styled ``Text``: nothing is parsed as markup."""

from __future__ import annotations

from rich.text import Text
from rich.tree import Tree

from tollwatch.reconcile.explain import Explanation
from tollwatch.reconcile.explain_words import Line, Style, outline

__all__ = ["rich_tree"]

_STYLES: dict[Style, str] = {
    "strong": "bold",
    "quote": "italic",
    "aside": "dim",
    "flag": "yellow",
    "flag_heading": "bold yellow",
}


def _text(line: Line) -> Text:
    text = Text()
    for span in line.spans:
        text.append(span.text, style=_STYLES[span.style] if span.style else "")
    return text


def _add(parent: Tree, line: Line) -> None:
    node = parent.add(_text(line))
    for child in line.children:
        _add(node, child)


def rich_tree(tree: Explanation) -> Tree:
    """The explanation as a Rich tree for the terminal."""
    root = outline(tree)
    out = Tree(_text(root))
    for child in root.children:
        _add(out, child)
    return out
