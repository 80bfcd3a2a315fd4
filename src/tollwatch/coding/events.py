"""Code a reconciled event from the claims it rests on. Pure.

The words are the claims' quotes (each once, in claim order); the perpetrator is the one the
claims name most often; the victims' category is the event's. An event whose claims carry no
words gets no coding (``None``), never a guess.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from tollwatch.coding.core import Coding, code_event
from tollwatch.models import Claim

__all__ = ["code_claims"]


def code_claims(claims: Sequence[Claim], *, category: str, country: str | None) -> Coding | None:
    """The coding of an event from its claims; ``country`` is the country's name."""
    quotes = list(dict.fromkeys(c.quote.strip() for c in claims if c.quote and c.quote.strip()))
    if not quotes:
        return None
    named = Counter(c.perpetrator for c in claims if c.perpetrator)
    perpetrator = named.most_common(1)[0][0] if named else None
    return code_event(" ".join(quotes), country=country, perpetrator=perpetrator, category=category)
