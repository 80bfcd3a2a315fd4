"""What reconciliation produces: events, running-toll series, scopes, flags and notes.

Every number carries the claim ids it rests on and a note per claim saying how it was used
(figure, merged, superseded, covered, ...), so any toll can be explained.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tollwatch.models import Category, Event, Outcome
from tollwatch.reconcile.figures import Range
from tollwatch.reconcile.places import Region

__all__ = [
    "ClaimNote",
    "EventResult",
    "Flag",
    "Reconciliation",
    "ReportInfo",
    "ScopeResult",
    "SeriesMember",
    "SeriesResult",
]


@dataclass(frozen=True, slots=True)
class ReportInfo:
    """What reconciliation needs to know about a report: its id, date and outlet."""

    id: str
    published: date | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimNote:
    """How one claim was used, in words a reviewer can check.

    role: "figure" (its report's figure for an event), "merged" (a smaller figure of the same
    report for the same event), "read_as" (category unknown, read as the event's category),
    "total" (an incident total beside per-category figures), "latest" (the figure a running
    toll uses), "superseded", "decrease" (a later, lower figure, flagged), "series_total"
    (a cumulative total beside per-category figures), "excluded" (states no number),
    "undatable" (dated outside the days reconciliation can place; flagged).
    """

    claim_id: str
    role: str
    reason: str
    report_id: str = ""


@dataclass(frozen=True, slots=True)
class Flag:
    """Something a reviewer should look at; never silently resolved."""

    kind: str  # "decrease", "coverage_conflict", "overlapping_tolls", "wide_range", ...
    subject_id: str  # event, series or scope id
    message: str
    claim_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EventResult:
    """One reconciled incident (per outcome and victim category).

    ``counted`` is what the event adds to a toll: its range, except for an incident total
    stated beside per-category figures, which adds only what those figures leave unexplained.
    """

    event: Event
    counted: Range
    role: str  # "incident" or "total"
    report_ids: tuple[str, ...]
    notes: tuple[ClaimNote, ...]
    focus_country: str | None = None
    scope_id: str | None = None  # the cumulative scope that covers it, if any
    cover_reason: str | None = None

    @property
    def id(self) -> str:
        return self.event.id

    @property
    def range(self) -> Range:
        return Range(self.event.low or 0, self.event.best or 0, self.event.high or 0)


@dataclass(frozen=True, slots=True)
class SeriesMember:
    """One bulletin of a running toll."""

    claim_id: str
    report_id: str
    published: date | None
    range: Range
    role: str  # "latest", "superseded", "decrease"
    reason: str


@dataclass(frozen=True, slots=True)
class SeriesResult:
    """A running toll: one source's cumulative figure for one region, period, outcome, category."""

    id: str
    family_id: str  # shared by the categories of the same source, region and period
    outcome: Outcome
    category: Category
    source: str
    region: Region
    period_start: date | None
    period_end: date | None
    members: tuple[SeriesMember, ...]
    value: Range  # what the series says now (the latest, or the earlier peak when it fell)
    latest_claim_id: str


@dataclass(frozen=True, slots=True)
class ScopeResult:
    """Overlapping cumulative tolls of one outcome, and the incidents they cover.

    cum: per specific category, the largest cumulative figure among the scope's series;
    cum_total: the largest stated overall total (category unknown), if any was stated.
    """

    id: str
    outcome: Outcome
    family_ids: tuple[str, ...]
    series_ids: tuple[str, ...]
    regions: tuple[Region, ...]
    period_start: date | None
    period_end: date | None
    cum: dict[Category, Range] = field(default_factory=dict)
    cum_total: Range | None = None


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """Everything ``reconcile`` found, in a deterministic order (by id)."""

    events: tuple[EventResult, ...]
    series: tuple[SeriesResult, ...]
    scopes: tuple[ScopeResult, ...]
    flags: tuple[Flag, ...]
    excluded: tuple[ClaimNote, ...]
