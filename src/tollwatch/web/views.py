"""What the templates show: plain view objects built from the API's schemas (pure).

The pages read the same schemas the JSON API returns (so a page and ``/api/v1`` never
disagree, and the same text policy — redaction, sensitive reports — applies to both); these
classes only flatten them for the templates.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from tollwatch.api.schemas import ClaimPublic, ReportDetail
from tollwatch.models import Category, GeoPrecision, Outcome
from tollwatch.web.highlight import Piece, Span, split_text

__all__ = [
    "ClaimView",
    "EventView",
    "Figure",
    "ReportView",
    "TollCard",
    "TollRow",
    "claim_view",
    "precision_label",
    "report_view",
    "safe_link",
    "toll_cards",
]

CATEGORY_ORDER = [c.value for c in Category] + ["total"]
OUTCOME_ORDER = [o.value for o in Outcome]

_PRECISION = {
    GeoPrecision.EXACT: "exact place",
    GeoPrecision.NEAR: "near a known place",
    GeoPrecision.ADM2: "district only",
    GeoPrecision.ADM1: "province or state only",
    GeoPrecision.REGION: "part of a country",
    GeoPrecision.COUNTRY: "country only",
    GeoPrecision.INTERNATIONAL: "international waters or airspace",
}


def precision_label(value: int | None) -> str | None:
    """Words for a UCDP-style where-precision code (None when unknown)."""
    if value is None:
        return None
    try:
        return _PRECISION[GeoPrecision(value)]
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Figure:
    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class ClaimView:
    id: str
    report_id: str
    report_title: str | None
    source: str | None
    published: date | None
    outcome: str
    category: str
    low: int | None
    best: int | None
    high: int | None
    quantity_text: str | None
    quote: str | None  # None: withheld (a sensitive report)
    scope: str
    place_name: str | None
    date_start: date | None
    date_end: date | None
    attributed_to: str | None
    review_state: str
    start: int
    end: int
    event_ids: tuple[str, ...] = ()
    role: str | None = None  # how reconciliation used it in an event: figure, merged, ...
    reason: str | None = None


def claim_view(
    c: ClaimPublic,
    event_ids: Sequence[str] = (),
    *,
    role: str | None = None,
    reason: str | None = None,
) -> ClaimView:
    return ClaimView(
        id=c.id,
        report_id=c.report_id,
        report_title=c.report_title,
        source=c.source,
        published=c.report_published,
        outcome=c.outcome.value,
        category=c.category.value,
        low=c.low,
        best=c.best,
        high=c.high,
        quantity_text=c.quantity_text,
        quote=c.evidence.quote,
        scope=c.scope.value,
        place_name=c.place.name or c.place.mention,
        date_start=c.date.start,
        date_end=c.date.end,
        attributed_to=c.attributed_to,
        review_state=c.review_state.value,
        start=c.evidence.start,
        end=c.evidence.end,
        event_ids=tuple(event_ids),
        role=role,
        reason=reason,
    )


@dataclass(frozen=True, slots=True)
class ReportView:
    id: str
    title: str | None
    url: str | None
    source: str | None
    published: date | None
    language: str
    claims: list[ClaimView]
    pieces: list[Piece]
    bad_spans: list[Span]
    withheld: str | None = None  # why the text is not shown, when it is not
    redacted: bool = False  # names of people were withheld from this reader


def safe_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None (a report's stored url is input:
    a ``javascript:`` or ``data:`` address must never become a link)."""
    if url is None:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in ("http", "https") else None


def report_view(
    detail: ReportDetail,
    *,
    original_text: str | None = None,
    hidden: Sequence[tuple[int, int]] = (),
    events_by_claim: Mapping[str, Sequence[str]] | None = None,
) -> ReportView:
    """A report with its text cut into plain and highlighted pieces at its claims' spans.

    ``detail`` is the report as the API shows it to this reader. When names are withheld
    from the reader, ``detail.text`` no longer matches the claims' offsets: pass the stored
    ``original_text`` and the ``hidden`` name spans, and the pieces are cut from the original
    with every hidden span replaced, so no withheld name reaches the page.
    """
    events_by_claim = events_by_claim or {}
    views = [claim_view(c, events_by_claim.get(c.id, ())) for c in detail.claims]
    withheld = None
    pieces: list[Piece] = []
    bad: list[Span] = []
    spans = [Span(c.id, c.start, c.end) for c in views]
    if detail.text is None:
        withheld = (
            "This report is marked sensitive: its text is not shown. "
            "Its figures still count and are listed with the claims."
        )
    elif detail.text_redacted:
        if original_text is None:
            raise ValueError("a redacted report needs its original text to place the spans")
        pieces, bad = split_text(original_text, spans, hidden)
    else:
        pieces, bad = split_text(detail.text, spans)
    return ReportView(
        id=detail.id,
        title=detail.title,
        url=safe_link(detail.url),
        source=detail.source,
        published=detail.published,
        language=detail.language,
        claims=views,
        pieces=pieces,
        bad_spans=bad,
        withheld=withheld,
        redacted=detail.text_redacted,
    )


@dataclass(frozen=True, slots=True)
class TollRow:
    category: str
    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True, slots=True)
class TollCard:
    outcome: str
    total: Figure
    rows: list[TollRow] = field(default_factory=list)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def toll_cards(tolls: Mapping[str, Mapping[str, Mapping[str, object]]]) -> list[TollCard]:
    """Cards from the ``tolls`` object of ``tollwatch tolls --json`` / ``/api/v1/tolls``.

    ``{"killed": {"civilians": {"low", "best", "high"}, ..., "total": {...}}, ...}``; outcomes
    and categories in a fixed order, unknown keys after them; a missing figure stays None.
    """
    cards = []
    outcomes = sorted(
        tolls, key=lambda o: (OUTCOME_ORDER.index(o) if o in OUTCOME_ORDER else 99, o)
    )
    for outcome in outcomes:
        by_category = tolls[outcome]
        rows = []
        for category in sorted(
            by_category,
            key=lambda c: (CATEGORY_ORDER.index(c) if c in CATEGORY_ORDER else 50, c),
        ):
            fig = by_category[category] or {}
            rows.append(
                TollRow(
                    category, _int(fig.get("low")), _int(fig.get("best")), _int(fig.get("high"))
                )
            )
        total = next((r for r in rows if r.category == "total"), None)
        figure = Figure(total.low, total.best, total.high) if total else Figure(None, None, None)
        cards.append(TollCard(outcome, figure, rows))
    return cards


@dataclass(frozen=True, slots=True)
class EventView:
    id: str
    outcome: str
    category: str
    low: int | None
    best: int | None
    high: int | None
    place_name: str | None
    admin1_name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision_label: str | None
    date_start: date | None
    date_end: date | None
    claims: list[ClaimView]
    covered_by: str | None = None
    flags: list[str] = field(default_factory=list)  # what a reviewer should look at

    @property
    def report_count(self) -> int:
        return len({c.report_id for c in self.claims})
