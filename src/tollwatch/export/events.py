"""Reconciled events with their evidence, streamed for the event-level exports (ACLED, UCDP).

One ordered query joins each event to its claims, reports and sources; consecutive rows of
the same event are folded into one :class:`EventRecord`, so memory holds one event at a time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from typing import Any

from sqlalchemy import Connection, Select, and_, select

from tollwatch.errors import BadQuery
from tollwatch.export.filters import ClaimFilter
from tollwatch.export.policy import TextPolicy
from tollwatch.export.records import BATCH
from tollwatch.models import Outcome
from tollwatch.store.events import event_filters
from tollwatch.store.tables import claims, reports, sources
from tollwatch.store.tables.reconcile import event_claims, events

__all__ = ["EventEvidence", "EventRecord", "event_records"]


@dataclass(frozen=True, slots=True)
class EventEvidence:
    """One claim behind an event, as a reader may see it."""

    claim_id: str
    report_id: str
    source: str | None
    published: date | None
    title: str | None
    quote: str | None
    attributed_to: str | None
    perpetrator: str | None


@dataclass(frozen=True, slots=True)
class EventRecord:
    """An event row (``events`` columns by name) and its evidence, claim by claim."""

    row: Mapping[Any, Any]
    evidence: tuple[EventEvidence, ...]

    def distinct(self, attr: str) -> list[str]:
        """Distinct non-empty values of one evidence field, in order of appearance."""
        seen: dict[str, None] = {}
        for e in self.evidence:
            value = getattr(e, attr)
            if value:
                seen.setdefault(str(value), None)
        return list(seen)


_UNSUPPORTED = ("source", "scope", "report_id", "place_id", "review_state")


def _statement(filters: ClaimFilter, view: str) -> Select[Any]:
    for name in _UNSUPPORTED:
        if getattr(filters, name) is not None:
            raise BadQuery(
                f"the event-level exports cannot filter by {name}",
                hint="filter by country, region, from, to or category (or export claims as csv)",
            )
    if filters.outcome not in (None, Outcome.KILLED):
        raise BadQuery(
            f"ACLED- and UCDP-like exports count fatalities; outcome {filters.outcome} does not fit",
            hint="leave out --outcome, or export claims as csv/jsonl/geojson",
        )
    conds = event_filters(
        view,
        country=filters.country,
        region=filters.region,
        date_from=filters.date_from,
        date_to=filters.date_to,
    )
    conds.append(events.c.outcome == Outcome.KILLED.value)
    if filters.category is not None:
        conds.append(events.c.category == filters.category.value)
    joined = (
        events.join(
            event_claims,
            and_(event_claims.c.view == events.c.view, event_claims.c.event_id == events.c.id),
        )
        .join(claims, claims.c.id == event_claims.c.claim_id)
        .join(reports, reports.c.id == claims.c.report_id)
        .outerjoin(sources, sources.c.id == reports.c.source_id)
    )
    return (
        select(
            *events.c,
            event_claims.c.claim_id.label("ev_claim_id"),
            claims.c.report_id.label("ev_report_id"),
            claims.c.quote.label("ev_quote"),
            claims.c.attributed_to.label("ev_attributed_to"),
            claims.c.perpetrator.label("ev_perpetrator"),
            reports.c.published.label("ev_published"),
            reports.c.title.label("ev_title"),
            reports.c.sensitive.label("ev_sensitive"),
            sources.c.name.label("ev_source"),
        )
        .select_from(joined)
        .where(and_(*conds))
        .order_by(events.c.date_start.asc().nulls_last(), events.c.id, event_claims.c.claim_id)
    )


def _evidence(row: Mapping[Any, Any], policy: TextPolicy) -> EventEvidence:
    sensitive = bool(row["ev_sensitive"])
    return EventEvidence(
        claim_id=row["ev_claim_id"],
        report_id=row["ev_report_id"],
        source=row["ev_source"],
        published=row["ev_published"],
        title=policy.report_text(
            row["ev_title"], sensitive=sensitive, report_id=row["ev_report_id"]
        ),
        quote=policy.report_text(
            row["ev_quote"], sensitive=sensitive, report_id=row["ev_report_id"]
        ),
        attributed_to=policy.attribution(
            row["ev_attributed_to"], sensitive=sensitive, report_id=row["ev_report_id"]
        ),
        perpetrator=policy.text(row["ev_perpetrator"], report_id=row["ev_report_id"]),
    )


def event_records(
    conn: Connection, filters: ClaimFilter, policy: TextPolicy, *, view: str = "all"
) -> Iterator[EventRecord]:
    """Killed events matching ``filters`` in date order, each with its evidence, streamed."""
    result = conn.execution_options(yield_per=BATCH).execute(_statement(filters, view))
    for _event_id, rows in groupby(result.mappings(), key=lambda r: r["id"]):
        group = list(rows)
        yield EventRecord(row=group[0], evidence=tuple(_evidence(r, policy) for r in group))
