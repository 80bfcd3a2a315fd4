"""A fast rule-based sentence splitter with character offsets (no model needed).

Paragraph breaks always end a sentence; ``.!?`` end one unless they close a common
abbreviation or an initial. Only sentences that can hold a claim are parsed by spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]

_ABBREV = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "cpl",
        "pvt",
        "st",
        "sen",
        "rep",
        "gov",
        "pres",
        "jr",
        "sr",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "approx",
        "fig",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
        "mt",
        "ft",
        "rs",
        "hon",
        "rev",
        "brig",
        "cmdr",
        "adm",
    ]
)
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n\s*\n|\n(?=\s*[A-Z\"“])")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their character spans (stripped of surrounding space)."""
    out: list[Sentence] = []
    para = 0
    pos = 0
    cuts: list[tuple[int, bool]] = []
    for m in _END.finditer(text):
        chunk = m.group(0)
        if chunk.startswith((".", "!", "?")):
            word = re.search(r"([\w.]+)\.*$", text[max(0, m.start() - 12) : m.start()])
            if chunk.startswith(".") and word:
                w = word.group(1).lower().rstrip(".")
                if w in _ABBREV or (len(w) == 1 and w.isalpha()):
                    continue
            cuts.append((m.end(), False))
        else:
            cuts.append((m.start(), "\n\n" in chunk.replace(" ", "").replace("\t", "")))
    cuts.append((len(text), False))
    for cut, new_para in cuts:
        piece = text[pos:cut]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            start = pos + lead
            out.append(Sentence(start, start + len(stripped), stripped, para))
        if new_para:
            para += 1
        pos = cut
    return out
