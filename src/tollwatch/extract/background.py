"""Killings a sentence mentions as background, and figures inside brackets."""

from __future__ import annotations

import re

__all__ = ["in_brackets", "is_background"]

_BACKGROUND_BEFORE = re.compile(
    r"\b(?:protest(?:ing|ed|s)?|against|for\s+allegedly|accused\s+of|"
    r"retaliation|revenge|reprisal|avenge|in\s+response\s+to|condemn\w*|mourn\w*|"
    r"commemorat\w*|anniversary|justice\s+for|demand\w*|blamed\s+for|responsible\s+for|"
    r"suspected\s+of|charged\s+with|convicted\s+of|trial\s+for)\b(?:\s+[\w'’\-]+){0,2}\s*$",
    re.I,
)
_EARLIER_ATTACK = re.compile(
    r"\b(?:following|after)\b[^.;]{0,70}\b(?:which|that)\s+(?:had\s+)?(?:left|killed|claimed)\s*$",
    re.I,
)
_PROTEST = re.compile(r"\b(?:protest\w*|rioted|riots?|demonstrat\w*|rall(?:y|ied)|marched)\b", re.I)
_BACKGROUND_TRIGGER = re.compile(
    r"^(?:deaths?\s+of|killings?\s+of|murders?\s+of|massacre\s+of|left)$", re.I
)


def is_background(text: str, trigger_start: int, trigger_end: int, quantity_start: int) -> bool:
    """A killing the report mentions as the reason for something else, not as news."""
    first = min(trigger_start, quantity_start)
    if _RATE_AFTER.match(text, max(trigger_end, quantity_start)):
        return False  # "set against 30,000 homicides a year": a rate, kept and marked background
    before = text[max(0, first - 50) : first]
    if _BACKGROUND_BEFORE.search(before) or _EARLIER_ATTACK.search(
        text[max(0, first - 90) : first]
    ):
        return True
    trigger = text[trigger_start:trigger_end]
    return (
        bool(_PROTEST.search(text))
        and (
            bool(_BACKGROUND_TRIGGER.match(trigger))
            or bool(
                re.search(r"\b(?:that|which)\s*$", text[max(0, trigger_start - 12) : trigger_start])
            )
            # "protests against the attacks that left 17 dead": the cause, told in a relative clause
            or bool(_RELATIVE_TOLL.search(text[max(0, first - 30) : first]))
        )
    )


# "30,000 homicides a year", "500 deaths annually": a rate right after the figure's words
_RATE_AFTER = re.compile(
    r"[^.;,]{0,20}?\b(?:a|per|each|every)\s+(?:year|month|week|day)\b|[^.;,]{0,20}?\bannually\b",
    re.I,
)
_RELATIVE_TOLL = re.compile(r"\b(?:that|which)\s+(?:had\s+)?(?:left|killed|claimed)\s*$", re.I)


def in_brackets(text: str, pos: int) -> bool:
    before = text[:pos]
    if _REVISION.search(before[-30:]):
        return False  # "killing 25 (later raised to 37)": a revision, not an aside
    return before.count("(") > before.count(")") or before.count("[") > before.count("]")


_REVISION = re.compile(
    r"\b(?:later|raised|revised|rose|risen|increased|climbed|updated|heightened|upped)\b"
    r"(?:\s+[\w,]+){0,2}\s*$",
    re.I,
)
