"""HTTP schemas: what the API promises to return and accept (one family per entity).

Routes return these, never database rows. Every number is returned next to where it came
from: a claim carries its report id, source and quoted words; an event and a toll carry the
ids (and quotes) of the claims that make them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from tollwatch.models import (
    Category,
    DatePrecision,
    Outcome,
    Qualifier,
    Reliability,
    ReviewState,
    Scope,
)

__all__ = [
    "ClaimPublic",
    "DatePublic",
    "EventClaimPublic",
    "EventCodingPublic",
    "EventDetail",
    "EventPublic",
    "EvidencePublic",
    "HealthPublic",
    "IngestFailurePublic",
    "IngestRejection",
    "Page",
    "PlacePublic",
    "PlaceRefPublic",
    "RangePublic",
    "ReportCreate",
    "ReportDetail",
    "ReportPublic",
    "ReportsIngested",
    "SourcePublic",
    "TollsPublic",
]

T = TypeVar("T")


class _Schema(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Page(_Schema, Generic[T]):
    """One page of a listing: ``items`` plus the ``total`` that match the filters."""

    items: list[T]
    total: int = Field(description="How many items match the filters in all pages.")
    limit: int
    offset: int


class HealthPublic(_Schema):
    status: Literal["ok", "degraded"]
    version: str
    database: Literal["ok", "unreachable"]
    dialect: str


class SourcePublic(_Schema):
    id: int
    name: str
    kind: str | None
    report_count: int = Field(description="Reports stored from this source.")


class PlaceRefPublic(_Schema):
    """A place as mentioned in a claim and what it resolved to (``place_id`` null = unresolved)."""

    mention: str | None
    place_id: str | None
    name: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    admin1_name: str | None
    admin2: str | None
    precision: int | None = Field(description="UCDP where_prec scale: 1 exact .. 7 international.")
    link: str | None = Field(
        default=None,
        description="How the claim was linked to this place: clause (its own sentence), lede "
        "(the report's incident place), attribution (the place in 'medics in X said'), focus "
        "(the report's main place); null before geocoding.",
    )


class DatePublic(_Schema):
    """When the event happened: earliest and latest possible day, and how precisely."""

    start: dt.date | None
    end: dt.date | None
    precision: DatePrecision
    expression: str | None
    anchor: dt.date | None


class EvidencePublic(_Schema):
    """The words a number came from: character span in the report text and the quote."""

    report_id: str
    start: int
    end: int
    quote: str | None = Field(
        description="The words, names of people redacted for the public; null when the "
        "report is sensitive and the caller may not see its words."
    )


class ClaimPublic(_Schema):
    """One casualty figure stated in one report, with its evidence."""

    id: str
    report_id: str
    outcome: Outcome
    low: int | None
    best: int | None
    high: int | None
    qualifier: Qualifier
    quantity_text: str | None
    category: Category
    children: int | None
    women: int | None
    men: int | None
    perpetrator: str | None
    attributed_to: str | None
    scope: Scope
    reliability: Reliability = Field(
        description="reported figures count; projection/unverified/retracted/background do not"
    )
    source_entity: str | None = Field(
        description="The speaker resolved across descriptions and reports, e.g. org:sohr."
    )
    subject: str | None = Field(description="What a running toll counts, in the report's words.")
    revision: bool = Field(description="The words mark the figure as revising an earlier one.")
    revises: int | None = Field(description="The earlier figure the words name, if any.")
    part_of: int | None = Field(
        default=None,
        description="The stated total this figure is one part of (a breakdown), if any.",
    )
    place: PlaceRefPublic
    date: DatePublic
    evidence: EvidencePublic
    review_state: ReviewState
    extractor_version: str
    source: str | None = Field(description="Name of the source that published the report.")
    report_published: dt.date | None
    report_title: str | None
    report_url: str | None = Field(
        description="The report's URL; only its site for callers who see redacted text."
    )


class ReportPublic(_Schema):
    """A stored report, without its text (see ``ReportDetail``)."""

    id: str
    title: str | None
    url: str | None
    source: str | None
    published: dt.date | None
    date_missing: bool
    language: str
    sensitive: bool
    ingested_at: dt.datetime
    claim_count: int


class ReportDetail(ReportPublic):
    """A report with its text and the claims found in it.

    ``text`` is null when the report is marked sensitive and the caller may not see it; the
    claims (and their numbers) are still listed.
    """

    text: str | None
    text_redacted: bool = Field(
        description="True when names of people were removed from text, title and quotes."
    )
    claims: list[ClaimPublic]


class PlacePublic(_Schema):
    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    admin1_name: str | None
    admin2: str | None
    admin2_name: str | None
    feature_class: str | None
    feature_code: str | None
    population: int
    claim_count: int


class IngestFailurePublic(_Schema):
    """An input that could not be stored as a report, kept for retry."""

    id: int
    origin: str
    line: int | None
    code: str
    reason: str
    created_at: dt.datetime
    attempts: int
    resolved_at: dt.datetime | None
    raw_size: int | None = Field(description="Bytes of raw input kept for retry.")


class ReportCreate(BaseModel):
    """A report to ingest, as JSON. The same fields a JSONL line may carry."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=2_000_000, description="The report's text.")
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=300)
    date: str | None = Field(
        default=None,
        max_length=100,
        description="Publication date (ISO or a common format); relative dates need it.",
    )
    language: str = Field(default="en", max_length=12)
    sensitive: bool = Field(default=False, description="Never show this report's text publicly.")


class IngestRejection(_Schema):
    """One input that could not become a report, and why."""

    where: str = Field(
        description="'api:' and a hash of the JSON body, or the uploaded file name with line "
        "or row."
    )
    code: str
    message: str


class ReportsIngested(_Schema):
    """What ``POST /reports`` did: every report it read, new or already stored."""

    created: list[str] = Field(description="Ids of reports stored by this request.")
    duplicates: list[str] = Field(description="Ids of reports that were already stored.")
    rejected: list[IngestRejection] = Field(
        default_factory=list,
        description="Lines or rows that could not become reports (kept as ingest failures).",
    )
    processed: bool = Field(
        description="True when extraction, geocoding and reconciliation ran for new reports."
    )
    claim_count: int = Field(description="Claims now stored for these reports.")
    reports: list[ReportPublic]
    warnings: list[str] = Field(default_factory=list)


class RangePublic(BaseModel):
    """A low/best/high triple (the honest range of a figure)."""

    model_config = ConfigDict(frozen=True, extra="allow")

    low: int
    best: int
    high: int


class EventCodingPublic(BaseModel):
    """ACLED's event type, sub-event type and actors, and UCDP's type of violence, coded from
    the words of the event's claims (docs/coding.md); ``evidence`` gives the words behind
    each field. Inter codes are ACLED's: 1 state forces, 2 rebel groups, 3 political militias,
    4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces."""

    model_config = ConfigDict(frozen=True)

    event_type: str | None = Field(description="ACLED event type (one of the six of today).")
    sub_event_type: str | None
    actor1: str | None = Field(description="Perpetrator or initiator, ACLED-style name.")
    inter1: int | None
    actor2: str | None = Field(description="Target, ACLED-style name.")
    inter2: int | None
    interaction: int | None = Field(description="ACLED interaction code (e.g. 17, 60).")
    type_of_violence: int | None = Field(
        description="UCDP: 1 state-based, 2 non-state, 3 one-sided; null when not organised "
        "violence (protests, riots, strategic developments)."
    )
    side_a: str | None
    side_b: str | None
    evidence: dict[str, str] = Field(description="For each coded field, the words behind it.")


class EventPublic(BaseModel):
    """One reconciled incident (per outcome and victim category) and the claims it rests on.

    ``low``/``best``/``high`` is the range over the credible reports; ``counted`` is what the
    event adds to a toll (it differs only for an incident total stated beside per-category
    figures); ``covered_by`` names the running toll that already includes it, if any.
    """

    model_config = ConfigDict(frozen=True, extra="allow")

    id: str
    place: str | None
    lat: float | None
    lon: float | None
    date: str | None = Field(description="First possible day (YYYY-MM-DD).")
    date_end: str | None = Field(description="Last possible day (YYYY-MM-DD).")
    outcome: Outcome
    category: Category
    low: int
    best: int
    high: int
    claims: list[str] = Field(description="Ids of the claims this event rests on.")
    country: str | None
    admin1: str | None
    role: str = Field(description="'incident' or 'total'.")
    counted: RangePublic
    covered_by: str | None
    cover_reason: str | None
    coding: EventCodingPublic | None = Field(
        default=None, description="Event type and actors; null when the event was not coded."
    )


class EventClaimPublic(BaseModel):
    """A claim as used by an event: its role there, why, and its words."""

    model_config = ConfigDict(frozen=True, extra="allow")

    id: str
    role: str
    reason: str
    report_id: str | None = None
    quote: str | None = None
    quantity_text: str | None = None
    attributed_to: str | None = None
    review_state: str | None = None
    published: str | None = None
    title: str | None = None
    source: str | None = None


class EventDetail(EventPublic):
    claim_notes: list[EventClaimPublic]


class TollsPublic(BaseModel):
    """Exactly what ``tollwatch tolls --json`` prints for the same filters.

    ``tolls[outcome][category | "total"]`` is a range; ``events`` lists the reconciled
    incidents in scope (at most ``limit``; ``events_total`` counts all), ``series`` the running
    tolls, ``scopes`` how running tolls and the incidents they cover were combined, ``flags``
    what a reviewer should look at.
    """

    model_config = ConfigDict(frozen=True, extra="allow")

    tolls: dict[str, dict[str, RangePublic | None]] = Field(
        description="outcome -> category or total -> range; null where no claim speaks for it "
        "(0 only when a claim says 0)"
    )
    events: list[EventPublic]
    events_total: int
    series: list[dict[str, Any]]
    scopes: list[dict[str, Any]]
    flags: list[dict[str, Any]]
    view: Literal["all", "verified"]
    groups: dict[str, Any] | None = None
    marks: dict[str, dict[str, list[str]]] = Field(
        default_factory=dict,
        description="outcome -> category or total -> kinds of flag that changed or question "
        "that figure (coverage_conflict, monitors_disagree, decrease, ...)",
    )
