"""The domain model: what flows from one stage to the next.

    text -> Report -> Claim -> (geocoded) Claim -> Event -> Toll

Every model is a frozen, slotted dataclass with no I/O. Storage rows (``store/``) and HTTP
schemas (``api/schemas.py``) are converted to and from these at the edges. See
docs/data-model.md for the meaning of every field.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import IntEnum, StrEnum

__all__ = [
    "Category",
    "Claim",
    "DatePrecision",
    "DateRange",
    "Event",
    "GeoPrecision",
    "Outcome",
    "Place",
    "PlaceRef",
    "Qualifier",
    "Reliability",
    "Report",
    "ReviewState",
    "Scope",
    "Source",
    "Toll",
    "content_hash",
    "normalise_text",
    "report_id_for",
]


class Outcome(StrEnum):
    """What happened to the people counted by a claim."""

    KILLED = "killed"
    INJURED = "injured"
    MISSING = "missing"
    DETAINED = "detained"  # includes abducted, kidnapped, arrested
    DISPLACED = "displaced"  # fled, displaced


class Category(StrEnum):
    """Who the victims were (UCDP's deaths_a/deaths_b/deaths_civilians/deaths_unknown)."""

    CIVILIANS = "civilians"
    STATE_FORCES = "state_forces"
    NON_STATE_ARMED = "non_state_armed"
    UNKNOWN = "unknown"


class Scope(StrEnum):
    """What a figure counts (docs/extraction.md, "Scope, subject and period").

    - ``incident``: the people harmed in one incident, as first told ("31 killed in the raid").
    - ``incident_toll``: a running toll of one incident, revised over time ("the toll from
      Friday's strike on the station has risen to 52"); later figures supersede earlier ones.
    - ``cumulative``: a running toll of an area and a period ("1,120 civilians killed in the
      northern provinces since 14 June"); its period is the claim's ``date`` range and it
      contains the incidents inside it.
    """

    INCIDENT = "incident"
    INCIDENT_TOLL = "incident_toll"
    CUMULATIVE = "cumulative"


class Reliability(StrEnum):
    """How far a figure may be counted (docs/extraction.md, "Corrections, projections, hedges").

    Only ``reported`` figures set a toll or its bounds; the others are listed beside it.
    """

    REPORTED = "reported"  # a figure stated as fact by its speaker
    PROJECTION = "projection"  # "could exceed 2,000", "is expected to rise to", "feared dead"
    UNVERIFIED = "unverified"  # "unconfirmed reports of more than 3,000"
    RETRACTED = "retracted"  # "an earlier version of this story said 52"
    BACKGROUND = "background"  # war-wide or historical: "300,000 have died since the war began"


class Qualifier(StrEnum):
    """How the words around a number bound it. See docs/extraction.md for the coding."""

    EXACT = "exact"  # "31 people"
    AT_LEAST = "at_least"  # "at least 20", "more than 1,000", "surpassed 1,000"
    AT_MOST = "at_most"  # "up to 30", "fewer than 10"
    ABOUT = "about"  # "about 40", "nearly 50", "around 100"
    RANGE = "range"  # "20 to 30", "between 20 and 30"
    VAGUE = "vague"  # "dozens", "several", "hundreds"


class DatePrecision(StrEnum):
    """How exactly an event date is known (cf. ACLED time_precision, UCDP date_prec)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    PERIOD = "period"  # a span stated as such: "since 14 June", "over four days", "in May"
    UNKNOWN = "unknown"


class GeoPrecision(IntEnum):
    """Where-precision on UCDP's where_prec scale (1 exact ... 7 international).

    ACLED's geo_precision maps as 1 -> EXACT, 2 -> NEAR, 3 -> ADM1/ADM2 (see docs/geocoding.md).
    """

    EXACT = 1  # the named village / town / site
    NEAR = 2  # within ~25 km of a known point ("near Baniyas", a neighbourhood)
    ADM2 = 3  # second-order administrative unit only
    ADM1 = 4  # first-order administrative unit only ("Latakia province")
    REGION = 5  # part of a country, a landscape term ("the coastal region")
    COUNTRY = 6  # country only
    INTERNATIONAL = 7  # international waters or airspace


class ReviewState(StrEnum):
    UNREVIEWED = "unreviewed"
    VERIFIED = "verified"
    REJECTED = "rejected"
    CORRECTED = "corrected"


_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Text as compared for identity: NFC, curly quotes straightened, whitespace folded."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("\u201c", '"').replace("\u201d", '"')
    return _SPACE.sub(" ", text).strip()


def content_hash(text: str) -> str:
    """sha256 hex digest of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def report_id_for(text: str, url: str | None = None) -> str:
    """Stable report id: the normalised content hash, plus the url when one is given.

    The same text from the same url is the same report, however often it is ingested.
    """
    h = hashlib.sha256(content_hash(text).encode("ascii"))
    if url:
        h.update(b"\x00" + url.strip().encode("utf-8"))
    return "r" + h.hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Source:
    """An outlet or organisation that publishes reports (a wire service, a monitor)."""

    name: str
    kind: str | None = None  # e.g. "news", "monitor", "ngo", "government"


@dataclass(frozen=True, slots=True)
class Report:
    """One document as received: an article, a bulletin, a field note."""

    id: str
    text: str
    content_hash: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    language: str = "en"
    ingested_at: datetime | None = None
    origin: str | None = None  # file path (and line/row), "stdin:<hash>" or "api"
    sensitive: bool = False

    @classmethod
    def create(
        cls,
        text: str,
        *,
        title: str | None = None,
        url: str | None = None,
        source: str | None = None,
        published: date | None = None,
        language: str = "en",
        origin: str | None = None,
        ingested_at: datetime | None = None,
        sensitive: bool = False,
    ) -> Report:
        return cls(
            id=report_id_for(text, url),
            text=text,
            content_hash=content_hash(text),
            title=title,
            url=url,
            source=source,
            published=published,
            language=language,
            ingested_at=ingested_at,
            origin=origin,
            sensitive=sensitive,
        )


@dataclass(frozen=True, slots=True)
class DateRange:
    """When an event happened: earliest and latest possible day, never after publication."""

    start: date | None = None
    end: date | None = None
    precision: DatePrecision = DatePrecision.UNKNOWN
    expression: str | None = None  # the words it came from: "the previous day"
    anchor: date | None = None  # the date it was resolved against


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """A place as mentioned in a claim and, once geocoded, what it resolved to."""

    mention: str | None = None
    place_id: str | None = None  # e.g. "geonames:173576"
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None  # GeoNames admin1 code, e.g. "02"
    admin1_name: str | None = None
    admin2: str | None = None
    precision: GeoPrecision | None = None
    # how the claim was linked to this place: "clause" (its own clause), "lede" (the report's
    # incident place), "attribution" (the place inside "medics in Sumy said"), "focus" (the
    # report's main place); None before linking
    link: str | None = None

    @property
    def resolved(self) -> bool:
        return self.place_id is not None


@dataclass(frozen=True, slots=True)
class Claim:
    """One casualty figure stated in one report, with the words it came from."""

    report_id: str
    outcome: Outcome
    low: int | None
    best: int | None
    high: int | None
    qualifier: Qualifier
    start: int  # character span of the evidence in the report text
    end: int
    quote: str
    quantity_text: str | None = None  # "at least 20", "dozens", "thirty-one"
    category: Category = Category.UNKNOWN
    children: int | None = None
    women: int | None = None
    men: int | None = None
    perpetrator: str | None = None
    place: PlaceRef = field(default_factory=PlaceRef)
    date: DateRange = field(default_factory=DateRange)
    attributed_to: str | None = None  # the speaker as the report names it
    scope: Scope = Scope.INCIDENT
    reliability: Reliability = Reliability.REPORTED
    # the speaker resolved to one entity across descriptions and reports ("SOHR", "the
    # Britain-based monitor" -> "org:sohr"); None when the outlet speaks in its own voice
    source_entity: str | None = None
    # what a running toll counts, in the report's words: the incident ("Friday's strike on the
    # station") or the area ("the northern provinces"); None for a plain incident count
    subject: str | None = None
    # the words mark this figure as a revision of an earlier one ("risen to", "up from 41",
    # "corrected to"); the earlier figure, when named, is ``revises``
    revision: bool = False
    revises: int | None = None
    # one part of a breakdown of a stated total ("21 killed, including 13 soldiers": the 13
    # is part of 21); the total is the unknown-category claim of the same sentence
    part_of: int | None = None
    extractor_version: str = ""
    id: str = ""  # filled by with_id(); stable for the same report, version and span

    def with_id(self) -> Claim:
        """Return a copy whose id is derived from report, extractor version, span and meaning."""
        key = "|".join(
            [
                self.report_id,
                self.extractor_version,
                str(self.start),
                str(self.end),
                self.outcome.value,
                self.category.value,
                str(self.best),
            ]
        )
        cid = "c" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
        return replace(self, id=cid)


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry with its admin hierarchy (country -> admin1 -> admin2 -> place)."""

    id: str  # "geonames:<geonameid>" or "tollwatch:<slug>" for the curated supplement
    name: str
    lat: float
    lon: float
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    population: int = 0
    admin1_name: str | None = None
    admin2_name: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """One reconciled incident: claims from many reports about the same thing."""

    id: str
    outcome: Outcome
    category: Category
    low: int | None
    best: int | None
    high: int | None
    place: PlaceRef
    date: DateRange
    claim_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Toll:
    """An aggregate figure over a scope, explained by the claims that make it."""

    outcome: Outcome
    category: Category | None  # None = all categories
    low: int
    best: int
    high: int
    claim_ids: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()
