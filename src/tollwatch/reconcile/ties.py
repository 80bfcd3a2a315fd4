"""What can tie a claim with no resolved place to an incident: the names its words share.

A placeless figure ("the toll from Saturday's strike on the Daraj school has risen to 103")
joins an incident only when something ties them (docs/reconciliation.md, "Matching
safety"): the same story, a named site both mention, or the earlier figure a revision names
("up from 70"). This module reads the names: capitalised words inside a sentence (not its
first word), without weekdays, months and titles, folded to lower case.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tollwatch.errors import TollwatchError
from tollwatch.geo.countries import country_code
from tollwatch.models import Claim

__all__ = ["claim_names", "names_in", "party_names", "place_words", "site_names"]

_WORD = re.compile(r"(?<![\w'’-])([A-Z][\w'’-]+)")
_OPENERS = (".", "!", "?", ":", ";", '"', "“", "(")
_NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december the a an in on at of and or but
    he she it they we his her its their mr mrs ms dr president minister general colonel
    according some several dozens hundreds thousands""".split()  # noqa: SIM905
)


def _fold(word: str) -> str:
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return word.strip("'-").lower()


@lru_cache(maxsize=65536)
def names_in(text: str | None) -> frozenset[str]:
    """The names in a text: capitalised words that do not open a sentence, folded."""
    if not text:
        return frozenset()
    out: set[str] = set()
    for m in _WORD.finditer(text):
        before = text[max(0, m.start() - 8) : m.start()].rstrip()
        if (not before and m.start() < 8) or before.endswith(_OPENERS):
            continue
        for part in m.group(1).split("-"):
            word = _fold(part)
            if part[:1].isupper() and len(word) >= 3 and word not in _NOT_NAMES:
                out.add(word)
    return frozenset(out)


def place_words(claim: Claim) -> frozenset[str]:
    """The words of a claim's place (its gazetteer name and its words), folded."""
    return _words_of(claim.place.name, claim.place.mention)


def place_words_of(name: str | None) -> frozenset[str]:
    """The words of a place name, folded as place_words folds them."""
    return _words_of(name, None)


@lru_cache(maxsize=65536)
def _words_of(name: str | None, mention: str | None) -> frozenset[str]:
    words: set[str] = set()
    for text in (name, mention):
        for w in (text or "").replace("-", " ").split():
            w = _fold(w)
            if len(w) >= 3 and w not in _NOT_NAMES:
                words.add(w)
    return frozenset(words)


def claim_names(claim: Claim) -> frozenset[str]:
    """Every name a claim's words and place carry (what a placeless claim may match)."""
    return names_in(claim.quote) | names_in(claim.subject) | place_words(claim)


def site_names(claim: Claim) -> frozenset[str]:
    """The names a placeless claim ties by: its subject's ("the Daraj school"), else its
    quote's."""
    subject = names_in(claim.subject) if claim.subject else frozenset()
    return subject or names_in(claim.quote)


def party_names(claims: list[Claim]) -> frozenset[str]:
    """Names the claims' words give that are not their places nor a country ("ELN", "FARC"):
    who fought, which a toll of an area the gazetteer does not know and an incident can share.
    """
    found: set[str] = set()
    places: set[str] = set()
    for c in claims:
        found |= names_in(c.quote) | names_in(c.subject)
        places |= place_words(c)
    return frozenset(w for w in found - places if not _country(w))


@lru_cache(maxsize=4096)
def _country(word: str) -> bool:
    try:
        country_code(word)
    except TollwatchError:
        return False
    return True
