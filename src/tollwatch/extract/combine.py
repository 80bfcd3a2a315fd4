"""Combine one report's claims into a total per outcome without double counting.

Used to score extraction against labels that give one figure per text, and as the
simplest in-report reconciliation: a figure repeated in a later sentence is counted once,
a total stated next to its own breakdown is not added to it, and a cumulative toll is
not added to the incidents it contains. Only ``reported`` figures count: projections,
unverified, retracted and background figures are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tollwatch.models import Category, Claim, Outcome, Reliability, Scope

__all__ = ["report_total"]

_ALTERNATIVE = re.compile(
    r"\b(?:other|some|conflicting|later|unconfirmed|another|different|local|several)\s+"
    r"(?:sources?|reports?|accounts?)\b|\b(?:sources?|reports?)\s+(?:suggest|claim|assert|hold|"
    r"say|put|indicate|state)|\bclaim(?:s|ed)?\b|\breports?\s+(?:that\s+)?(?:\w+\s+)?(?:deaths|dead|fatalities)\b|\b(?:raised|revised|updated|rose|risen|increased)\s+to\b",
    re.I,
)
_REVISED = re.compile(
    r"\b(?:later|raised|revised|rose|risen|increased|climbed|updated|heightened|upped)\b"
    r"(?:\s+[\w,]+){0,2}\s*$",
    re.I,
)
_FEARED = re.compile(r"\bfeared\s+(?:dead|killed|drowned)\b", re.I)
_LATER = re.compile(r"\b(?:later|raised|revised|updated|rose|risen|increased|subsequently)\b", re.I)


def report_total(claims: Sequence[Claim], outcome: Outcome = Outcome.KILLED) -> int | None:
    """The report's total for ``outcome`` (best figures), or None when it states none."""
    # the parts of a breakdown are inside the total stated with them ("21, including 13 soldiers")
    mine = [c for c in claims if c.outcome is outcome and c.best is not None and c.part_of is None]
    found = [c for c in mine if c.reliability is Reliability.REPORTED]
    if not found:
        # a hedged figure ("feared dead", "unconfirmed reports of 9") when it is all there is
        found = [
            c
            for c in mine
            if c.reliability is Reliability.UNVERIFIED
            or (c.reliability is Reliability.PROJECTION and _FEARED.search(c.quote))
        ]
    if not found:
        return None
    # a running toll of an area is never added to the incidents it holds
    cumulative = [c for c in found if c.scope is Scope.CUMULATIVE]
    incidents = [c for c in found if c.scope is not Scope.CUMULATIVE]
    kept: list[Claim] = []
    revised: int | None = None
    for c in incidents:
        at = c.quote.find(c.quantity_text or "\x00")
        if kept and at > 0 and _REVISED.search(c.quote[max(0, at - 30) : at]):
            revised = max(revised or 0, c.best or 0)  # "killing 25 (later raised to 37)"
            continue
        if (
            kept
            and c.scope is Scope.INCIDENT_TOLL
            and all(k.start != c.start for k in kept)
            and not _ALTERNATIVE.search(c.quote)
        ):
            revised = max(revised or 0, c.best or 0)  # a running toll of the same incident
            continue
        if kept and all(k.start != c.start for k in kept) and _ALTERNATIVE.search(c.quote):
            # another source's or a later figure for the same event: not added to it
            if _LATER.search(c.quote):
                revised = max(revised or 0, c.best or 0)
            continue
        repeat = any(
            k.best == c.best
            and k.start != c.start
            and (k.category is c.category or Category.UNKNOWN in (k.category, c.category))
            for k in kept
        )
        if not repeat:
            kept.append(c)
    total = sum(c.best or 0 for c in kept)
    # a stated total next to its breakdown: "11 people were killed: 5 soldiers and 6 civilians"
    for c in kept:
        rest = sum(k.best or 0 for k in kept if k is not c)
        if c.category is Category.UNKNOWN and rest == c.best and len(kept) > 2:
            total = c.best or 0
            break
    if revised is not None:
        total = revised
    if cumulative:
        by_sentence: dict[int, int] = {}
        for c in cumulative:
            by_sentence[c.start] = by_sentence.get(c.start, 0) + (c.best or 0)
        total = max(total, *by_sentence.values())
    return total
