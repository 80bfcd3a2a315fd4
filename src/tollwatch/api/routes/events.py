"""``/api/v1/events``: reconciled incidents, each with the claims it rests on."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from sqlalchemy import Engine, and_, select

from tollwatch.api.deps import READ, EngineDep, PageDep, TextPolicyDep
from tollwatch.api.routes._filters import Country, DateFrom, DateTo, Region, check_range
from tollwatch.api.routes._views import ViewDep, public_event
from tollwatch.api.schemas import EventDetail, EventPublic, Page
from tollwatch.export.policy import TextPolicy
from tollwatch.models import Category, Outcome
from tollwatch.store.events import (
    count_events,
    event_filters,
    event_json,
    event_span,
    get_event,
)
from tollwatch.store.tables import reports
from tollwatch.store.tables.reconcile import event_claims, events

__all__ = ["router"]

# Reads: anyone when TOLLWATCH_PUBLIC_READ=true, else viewer or more.
router = APIRouter(prefix="/events", tags=["events"], dependencies=[READ])

EventSort = Literal["date", "-date", "best", "-best", "id", "-id"]
_SORT = {"date": events.c.date_start, "best": events.c.best, "id": events.c.id}


@router.get("", response_model=Page[EventPublic], summary="List reconciled events")
def list_events(
    engine: EngineDep,
    page: PageDep,
    policy: TextPolicyDep,
    view: ViewDep,
    country: Country = None,
    region: Region = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    outcome: Annotated[Outcome | None, Query(description="What happened to them.")] = None,
    category: Annotated[Category | None, Query(description="Victim category.")] = None,
    sort: Annotated[EventSort, Query(description="Sort key; '-' for descending.")] = "date",
) -> Page[EventPublic]:
    """Events matching the filters (the same selection as ``/tolls``), with claim ids."""
    with engine.connect() as conn:
        check_range(date_from, date_to)
        span = event_span(conn, view) if date_from is not None else None
        conds = event_filters(
            view, country=country, region=region, date_from=date_from, date_to=date_to, span=span
        )
        if outcome is not None:
            conds.append(events.c.outcome == outcome.value)
        if category is not None:
            conds.append(events.c.category == category.value)
        where = and_(*conds)
        total = count_events(
            conn,
            view,
            country=country,
            region=region,
            date_from=date_from,
            date_to=date_to,
            outcome=outcome.value if outcome else None,
            category=category.value if category else None,
        )
        descending = sort.startswith("-")
        col = _SORT[sort.lstrip("-")]
        key = col.desc().nulls_last() if descending else col.asc().nulls_last()
        rows = list(
            conn.execute(
                select(events)
                .where(where)
                .order_by(key, events.c.id.desc() if descending else events.c.id)
                .limit(page.limit)
                .offset(page.offset)
            ).mappings()
        )
        members: dict[str, list[str]] = {r["id"]: [] for r in rows}
        if rows:
            q = (
                select(event_claims.c.event_id, event_claims.c.claim_id)
                .where(event_claims.c.view == view, event_claims.c.event_id.in_(list(members)))
                .order_by(event_claims.c.event_id, event_claims.c.claim_id)
            )
            for eid, cid in conn.execute(q):
                members[eid].append(cid)
        items = [
            EventPublic.model_validate(public_event(event_json(r, members[r["id"]]), policy))
            for r in rows
        ]
        return Page[EventPublic](items=items, total=total, limit=page.limit, offset=page.offset)


def _visible_notes(engine: Engine, notes: list[dict[str, Any]], policy: TextPolicy) -> None:
    """Redact (or hide, for sensitive reports) the words of each claim note in place."""
    ids = sorted({n["report_id"] for n in notes if n.get("report_id")})
    sensitive: set[str] = set()
    if ids:
        q = select(reports.c.id).where(reports.c.id.in_(ids), reports.c.sensitive.is_(True))
        with engine.connect() as conn:
            sensitive = set(conn.execute(q).scalars())
    for n in notes:
        hidden = n.get("report_id") in sensitive
        rid = n.get("report_id")
        for key in ("quote", "title"):
            n[key] = policy.report_text(n.get(key), sensitive=hidden, report_id=rid)
        n["attributed_to"] = policy.attribution(
            n.get("attributed_to"), sensitive=hidden, report_id=rid
        )
        n["reason"] = policy.text(n["reason"]) or ""


@router.get("/{event_id}", response_model=EventDetail, summary="One event and its evidence")
def get_one_event(
    event_id: str, engine: EngineDep, policy: TextPolicyDep, view: ViewDep
) -> EventDetail:
    """An event with every claim it rests on: role, reason, quote, report and source."""
    event = get_event(engine, event_id, view=view)
    _visible_notes(engine, event["claim_notes"], policy)
    return EventDetail.model_validate(public_event(event, policy))
