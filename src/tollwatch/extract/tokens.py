"""Tokens with character offsets, and matching outcome triggers at a token."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.extract.lexicon import AUX, BREAK
from tollwatch.models import Outcome

__all__ = ["Token", "match_at", "tokenize", "verbish"]

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
_ED_OK = frozenset(
    """banned outlawed proscribed handcuffed detained retired uniformed belonging hailing
    travelling traveling working living serving returning attending armed suspected
    unidentified alleged unarmed masked unknown based led related allied trained uniformed
    retired wanted elected hired registered aligned backed linked affiliated sponsored
    supported named displaced injured wounded detained abducted kidnapped arrested killed
    dead united red need feed seed bed speed bred shed hundred mixed aged veiled talented
    skilled qualified dedicated unnamed unnamed mounted disguised embedded""".split()  # noqa: SIM905
)
_ACRONYM = re.compile(r"^(?:IS|US|AS|IT|AN|NO|ON|AT|BE|WAS|HAS|ALL|ONE|THE|OR)$")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    low: str


def tokenize(text: str) -> list[Token]:
    # an acronym such as "IS" stays upper case so that it never reads as a function word
    return [
        Token(m.start(), m.end(), m.group(0) if _ACRONYM.match(m.group(0)) else m.group(0).lower())
        for m in _TOKEN.finditer(text)
    ]


_WHOLE: dict[re.Pattern[str], re.Pattern[str]] = {}


def _whole(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern matching whole words only ("lynch" must not stop inside "lynched")."""
    found = _WHOLE.get(pattern)
    if found is None:
        found = _WHOLE[pattern] = re.compile(rf"(?:{pattern.pattern})(?!\w)", pattern.flags)
    return found


def match_at(
    triggers: list[tuple[re.Pattern[str], Outcome]], text: str, pos: int
) -> tuple[Outcome, int] | None:
    for pattern, outcome in triggers:
        m = _whole(pattern).match(text, pos)
        if m and (m.end() == len(text) or not text[m.end()].isalnum()):
            return outcome, m.end()
    return None


def verbish(tok: str) -> bool:
    parts = tok.split("-")
    last = parts[-1]
    if len(parts) > 1 and parts[0] not in ("re", "co", "pre", "over", "under", "out"):
        # "non-commissioned", "self-styled", "so-called": a compound modifier, not a verb
        return tok in BREAK
    return tok in BREAK or (
        len(last) > 4 and last.endswith(("ed", "ing")) and last not in _ED_OK and tok not in AUX
    )
