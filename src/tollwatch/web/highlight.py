"""Split a report's text into plain and highlighted pieces at its claims' evidence spans.

A claim's span is ``text[start:end]``. Spans may overlap (one sentence, two claims) or be
broken (outside the text, empty): overlapping spans give pieces that carry every claim that
covers them; broken spans are returned separately so the page can say so instead of
highlighting the wrong words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["Piece", "Span", "split_text"]


@dataclass(frozen=True, slots=True)
class Span:
    """One claim's evidence offsets in the report text."""

    claim_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text; ``claim_ids`` is empty for text outside every claim span.

    ``opens`` lists the claims whose span starts at this piece (for anchors).
    """

    text: str
    claim_ids: tuple[str, ...] = ()
    opens: tuple[str, ...] = ()

    @property
    def marked(self) -> bool:
        return bool(self.claim_ids)


def split_text(text: str, spans: Iterable[Span]) -> tuple[list[Piece], list[Span]]:
    """Return the pieces covering ``text`` in order, and the spans that could not be placed."""
    good: list[Span] = []
    bad: list[Span] = []
    for span in spans:
        if 0 <= span.start < span.end <= len(text):
            good.append(span)
        else:
            bad.append(span)
    cuts = sorted({0, len(text), *(s.start for s in good), *(s.end for s in good)})
    pieces: list[Piece] = []
    for lo, hi in pairwise(cuts):
        covering = tuple(s.claim_id for s in good if s.start <= lo and hi <= s.end)
        opens = tuple(s.claim_id for s in good if s.start == lo)
        pieces.append(Piece(text[lo:hi], covering, opens))
    return pieces, bad
