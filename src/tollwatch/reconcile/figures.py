"""Numbers: the low/best/high range of one claim, of an event, and range arithmetic.

A claim's *stated range* is what its words say, not a band we invent around them:
"31 killed", "about 20" and "at least 18" each state one figure (IBC keeps such figures as
reported and takes its min/max across reports); "20 to 30" states two; vague words
("dozens", "several") carry the conventional range the extractor gave them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tollwatch.models import Claim, Qualifier

__all__ = [
    "ZERO",
    "Range",
    "claim_range",
    "event_range",
    "is_floor",
    "lower_median",
    "median_votes",
]


@dataclass(frozen=True, slots=True)
class Range:
    """A low/best/high triple of non-negative counts with low <= best <= high."""

    low: int
    best: int
    high: int

    @classmethod
    def of(cls, low: int, best: int, high: int) -> Range:
        """A range made consistent: negatives become 0, best and high never below low."""
        low = max(0, low)
        best = max(low, best)
        high = max(best, high)
        return cls(low, best, high)

    def __add__(self, other: Range) -> Range:
        return Range(self.low + other.low, self.best + other.best, self.high + other.high)

    def max(self, other: Range) -> Range:
        """Element-wise maximum (the larger of two estimates of the same people)."""
        return Range(
            max(self.low, other.low), max(self.best, other.best), max(self.high, other.high)
        )

    def residual(self, part: Range) -> Range:
        """What ``self`` (a total) leaves once ``part`` is taken out, never below zero.

        Element-wise (low - low, best - best, high - high): the part is counted in the same
        way as the total, so its uncertainty is not counted twice.
        """
        return Range.of(self.low - part.low, self.best - part.best, self.high - part.high)

    def as_dict(self) -> dict[str, int]:
        return {"low": self.low, "best": self.best, "high": self.high}


ZERO = Range(0, 0, 0)


def claim_range(claim: Claim) -> Range | None:
    """The range a claim states, or None when it states no number at all."""
    return _stated(claim.qualifier, claim.low, claim.best, claim.high)


@lru_cache(maxsize=65536)
def _stated(
    qualifier: Qualifier, low: int | None, best: int | None, high: int | None
) -> Range | None:
    values = [v for v in (best, low, high) if v is not None]
    if not values:
        return None
    figure = values[0]  # best, else low, else high
    if qualifier in (Qualifier.RANGE, Qualifier.VAGUE, Qualifier.AT_MOST):
        lo = low if low is not None else figure
        hi = high if high is not None else figure
        return Range.of(min(lo, figure), figure, max(hi, figure))
    # exact, about, at least: the figure as stated (an open upper end is not a number)
    return Range.of(figure, figure, figure)


def is_floor(claim: Claim) -> bool:
    """Whether the claim states only a lower bound ("at least 20", "more than 100")."""
    return claim.qualifier == Qualifier.AT_LEAST


def lower_median(values: Sequence[int]) -> int:
    """The median, taking the lower middle value of an even count (the conservative side)."""
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def event_range(per_report: Iterable[Range], floors: Sequence[bool] = ()) -> Range:
    """Combine one range per independent report into the event's range.

    low = the lowest credible figure, high = the highest (IBC's min/max across reports);
    best = the lower median of the reports' best figures (UCDP's "most likely" value, made
    robust to a single outlying report and conservative between two).

    ``floors`` marks the figures that are lower bounds ("at least 20", "more than 100"). A
    lower bound that no other report goes below agrees with every larger figure: for best it
    stands for the smallest figure of the other reports above it ("at least 20" beside "26"
    is 26, not a rival 20), and it stays the low. When a report gives less than the bound,
    the reports disagree and the bound counts as stated.
    """
    ranges = list(per_report)
    if not ranges:
        return ZERO
    low = min(r.low for r in ranges)
    high = max(r.high for r in ranges)
    best = lower_median(median_votes(ranges, floors))
    return Range.of(low, min(max(best, low), high), high)


def median_votes(ranges: Sequence[Range], floors: Sequence[bool]) -> list[int]:
    """The figure each report votes for in the median: a lower bound no report goes below
    votes for the smallest larger figure of another report, when there is one."""
    votes = [r.best for r in ranges]
    if not any(floors):
        return votes
    for i, (r, floor) in enumerate(zip(ranges, floors, strict=False)):
        if floor and all(o.high >= r.best for o in ranges):
            above = [o.best for j, o in enumerate(ranges) if j != i and o.best > r.best]
            if above:
                votes[i] = min(above)
    return votes
