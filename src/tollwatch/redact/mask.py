"""Replace names in text, except names an analyst marked public and known non-person terms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from tollwatch.redact.detect import name_key, name_parts
from tollwatch.redact.rules import NameMention

__all__ = [
    "REDACTED",
    "PublicIndex",
    "apply_redactions",
    "merge_spans",
    "private_spans",
    "public_index",
]

REDACTED = "[name withheld]"


class PublicIndex:
    """Names and terms that are not to be hidden, indexed by word for fast coverage tests."""

    def __init__(self, names: Iterable[str]) -> None:
        self.keys = frozenset(name_key(n) for n in names)
        self.by_word: dict[str, list[frozenset[str]]] = {}
        self.keys_by_word: dict[str, list[str]] = {}
        for key in self.keys:
            parts = frozenset(name_parts(key))
            for word in parts:
                self.by_word.setdefault(word, []).append(parts)
                self.keys_by_word.setdefault(word, []).append(key)

    def covers(self, parts: set[str]) -> bool:
        """True when every identifying word belongs to one single public name or term."""
        if not parts:
            return False
        word = next(iter(parts))
        return any(parts <= candidate for candidate in self.by_word.get(word, ()))

    def written_around(self, text: str, start: int, end: int) -> bool:
        """True when ``text[start:end]`` lies inside a written occurrence of a public name or
        term of more words ("Tariq Mansour" inside "Tariq Mansour Telegram")."""
        parts = name_parts(text[start:end])
        if not parts:
            return False
        word = next(iter(parts))
        for key in self.keys_by_word.get(word, ()):
            if not parts <= name_parts(key):
                continue
            pattern = r"\s+".join(re.escape(w) for w in key.split())
            lo = max(0, end - len(key) - 8)
            for match in re.finditer(pattern, text[lo : start + len(key) + 8], re.IGNORECASE):
                if match.start() + lo <= start and end <= match.end() + lo:
                    return True
        return False


@lru_cache(maxsize=32)
def public_index(names: frozenset[str]) -> PublicIndex:
    return PublicIndex(names)


def private_spans(
    mentions: Sequence[NameMention], public_names: Iterable[str] = (), *, text: str | None = None
) -> list[tuple[int, int]]:
    """Merged character spans to hide: every mention not covered by a public name or term.

    ``public_names`` holds names an analyst marked public and terms known not to be people
    (outlets, places). A mention stays visible when it is exactly a public name of two or
    more words, or when all its words belong to one public name or term and none of them is
    also a word of a private name found in the same text (so "Nasser" stays visible when
    "Haidar Nasser" is public, unless a private Nasser is named too; "Hama" the town stays
    visible, unless the text also names a person called Hama).

    A mention of two or more words that is only *part* of a longer public name or term is a
    person of its own ("Tariq Mansour" next to the outlet "Tariq Mansour Telegram"), unless
    ``text`` shows it written inside that longer name.
    """
    index = public_index(frozenset(public_names))

    def kept(m: NameMention) -> bool:
        key = name_key(m.text)
        if key in index.keys:
            return True
        parts = name_parts(m.text)
        if not index.covers(parts):
            return False
        if len(parts) < 2:
            return True
        return text is not None and index.written_around(text, m.start, m.end)

    private_words: set[str] = set()
    for m in mentions:
        if m.rule != "repeat" and not kept(m):
            private_words |= name_parts(m.text)

    spans: list[tuple[int, int]] = []
    for m in mentions:
        key = name_key(m.text)
        if key in index.keys and " " in key:
            continue  # a full public name, as marked
        if name_parts(m.text) & private_words or not kept(m):
            spans.append((m.start, m.end))
    return merge_spans(spans)


def merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans, overlapping or touching ones joined."""
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
