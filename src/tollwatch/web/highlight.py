"""Split a report's text into plain and highlighted pieces at its claims' evidence spans.

A claim's span is ``text[start:end]``. Spans may overlap (one sentence, two claims) or be
broken (outside the text, empty): overlapping spans give pieces that carry every claim that
covers them; broken spans are returned separately so the page can say so instead of
highlighting the wrong words.

``hidden`` spans (names of people withheld from this reader) are cut out too: their pieces
carry ``hidden=True`` and the first piece of each hidden span shows the replacement words,
so offsets stay those of the stored text while the reader never receives the name.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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
    hidden: bool = False

    @property
    def marked(self) -> bool:
        return bool(self.claim_ids)


def split_text(
    text: str,
    spans: Iterable[Span],
    hidden: Sequence[tuple[int, int]] = (),
    replacement: str = "[name withheld]",
) -> tuple[list[Piece], list[Span]]:
    """Return the pieces covering ``text`` in order, and the spans that could not be placed."""
    good: list[Span] = []
    bad: list[Span] = []
    for span in spans:
        if 0 <= span.start < span.end <= len(text):
            good.append(span)
        else:
            bad.append(span)
    hide = [(lo, hi) for lo, hi in hidden if 0 <= lo < hi <= len(text)]
    cuts = sorted(
        {0, len(text)}
        | {s.start for s in good}
        | {s.end for s in good}
        | {lo for lo, _ in hide}
        | {hi for _, hi in hide}
    )
    pieces: list[Piece] = []
    for lo, hi in pairwise(cuts):
        covering = tuple(s.claim_id for s in good if s.start <= lo and hi <= s.end)
        opens = tuple(s.claim_id for s in good if s.start == lo)
        hiding = [h for h in hide if h[0] <= lo and hi <= h[1]]
        if hiding:
            first = any(h[0] == lo for h in hiding) or (pieces and not pieces[-1].hidden)
            pieces.append(Piece(replacement if first else "", covering, opens, hidden=True))
        else:
            pieces.append(Piece(text[lo:hi], covering, opens))
    return pieces, bad
