"""Replace names in text, except those an analyst marked public."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tollwatch.redact.detect import name_key, name_parts
from tollwatch.redact.rules import NameMention

__all__ = ["REDACTED", "apply_redactions", "private_spans"]

REDACTED = "[name withheld]"


def private_spans(
    mentions: Sequence[NameMention], public_names: Iterable[str] = ()
) -> list[tuple[int, int]]:
    """Merged character spans to hide: every mention not covered by a public name.

    A mention is public when it is a public name, or one word of a public name that is not also
    a word of a private name found in the same text (so "Nasser" stays visible when "Haidar
    Nasser" is public, unless another, private Nasser is named too).
    """
    public = {name_key(n) for n in public_names}
    private_words: set[str] = set()
    for m in mentions:
        if m.rule != "repeat" and name_key(m.text) not in public and not _covered(m.text, public):
            private_words |= name_parts(m.text)

    spans: list[tuple[int, int]] = []
    for m in mentions:
        if name_key(m.text) in public:
            continue
        if _covered(m.text, public) and not (name_parts(m.text) & private_words):
            continue
        spans.append((m.start, m.end))
    return _merge(spans)


def _covered(text: str, public: set[str]) -> bool:
    """True when every identifying word of ``text`` belongs to one single public name."""
    parts = name_parts(text)
    if not parts:
        return False
    return any(parts <= name_parts(p) for p in public)


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
