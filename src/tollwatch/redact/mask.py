"""Replace names in text, except names an analyst marked public and known non-person terms."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from tollwatch.redact.detect import name_key, name_parts
from tollwatch.redact.rules import NameMention

__all__ = ["REDACTED", "PublicIndex", "apply_redactions", "private_spans", "public_index"]

REDACTED = "[name withheld]"


class PublicIndex:
    """Names and terms that are not to be hidden, indexed by word for fast coverage tests."""

    def __init__(self, names: Iterable[str]) -> None:
        self.keys = frozenset(name_key(n) for n in names)
        self.by_word: dict[str, list[frozenset[str]]] = {}
        for key in self.keys:
            parts = frozenset(name_parts(key))
            for word in parts:
                self.by_word.setdefault(word, []).append(parts)

    def covers(self, parts: set[str]) -> bool:
        """True when every identifying word belongs to one single public name or term."""
        if not parts:
            return False
        word = next(iter(parts))
        return any(parts <= candidate for candidate in self.by_word.get(word, ()))


@lru_cache(maxsize=32)
def public_index(names: frozenset[str]) -> PublicIndex:
    return PublicIndex(names)


def private_spans(
    mentions: Sequence[NameMention], public_names: Iterable[str] = ()
) -> list[tuple[int, int]]:
    """Merged character spans to hide: every mention not covered by a public name or term.

    ``public_names`` holds names an analyst marked public and terms known not to be people
    (outlets, places). A mention stays visible when it is exactly a public name of two or
    more words, or when all its words belong to one public name or term and none of them is
    also a word of a private name found in the same text (so "Nasser" stays visible when
    "Haidar Nasser" is public, unless a private Nasser is named too; "Hama" the town stays
    visible, unless the text also names a person called Hama).
    """
    index = public_index(frozenset(public_names))
    private_words: set[str] = set()
    for m in mentions:
        if m.rule == "repeat":
            continue
        key = name_key(m.text)
        if key not in index.keys and not index.covers(name_parts(m.text)):
            private_words |= name_parts(m.text)

    spans: list[tuple[int, int]] = []
    for m in mentions:
        key = name_key(m.text)
        parts = name_parts(m.text)
        if key in index.keys and " " in key:
            continue  # a full public name, as marked
        if parts & private_words:
            spans.append((m.start, m.end))
        elif key in index.keys or index.covers(parts):
            continue
        else:
            spans.append((m.start, m.end))
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def apply_redactions(
    text: str,
    spans: Sequence[tuple[int, int]],
    *,
    window: tuple[int, int] | None = None,
    replacement: str = REDACTED,
) -> str:
    """``text`` (or ``text[window]``) with every span replaced; spans cut by the window too."""
    lo, hi = window if window is not None else (0, len(text))
    out: list[str] = []
    pos = lo
    for start, end in spans:
        if end <= lo or start >= hi:
            continue
        start, end = max(start, lo), min(end, hi)
        if start < pos:
            start = pos
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:hi])
    return "".join(out)
