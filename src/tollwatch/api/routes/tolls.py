"""``/api/v1/tolls``: reconciled tolls, the same as ``tollwatch tolls --json``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from tollwatch.api.deps import READ, ConnDep, EngineDep, TextPolicyDep
from tollwatch.api.routes._filters import Country, DateFrom, DateTo, Region, check_range
from tollwatch.api.routes._views import ViewDep, public_tolls
from tollwatch.api.schemas import TollsPublic

__all__ = ["EVENTS_PAGE", "EXPLAIN_EVENTS", "router"]

#: Events per page by default: the numbers always count every event, and the list of all
#: of them (1,000 events, 1.1 MB) made the answer slow under load.
EVENTS_PAGE = 100
#: Events whose claims an explanation lists by default (its numbers count all of them).
EXPLAIN_EVENTS = 200

# Reads: anyone when TOLLWATCH_PUBLIC_READ=true, else viewer or more.
router = APIRouter(tags=["tolls"], dependencies=[READ])


@router.get(
    "/tolls",
    response_model=TollsPublic,
    response_model_exclude_unset=True,
    summary="Reconciled tolls, without double counting",
)
def get_tolls(
    engine: EngineDep,
    policy: TextPolicyDep,
    view: ViewDep,
    country: Country = None,
    region: Region = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    by: Annotated[
        Literal["day", "week", "place", "category"] | None,
        Query(description="Also break the tolls down by day, week, place or category."),
    ] = None,
    limit: Annotated[
        int,
        Query(ge=0, le=1000, description="Events listed per page (tolls always count all)."),
    ] = EVENTS_PAGE,
    offset: Annotated[
        int, Query(ge=0, le=100_000, description="Events skipped (the next page).")
    ] = 0,
) -> Any:
    """Tolls per outcome and victim category (low/best/high) and the events in scope.

    The numbers are exactly those of ``tollwatch tolls --json`` with the same filters (and
    its ``--limit`` for the events of the first page); every
    event lists its claim ids. Events come a page at a time (``limit``, ``offset``; by date),
    ``events_total`` counts them all. For callers who see redacted text, names of people are
    removed from running-toll sources, flag messages and cover reasons.
    """
    from tollwatch.reconcile.service import query_tolls

    check_range(date_from, date_to)
    result = query_tolls(
        engine,
        country=country,
        region=region,
        date_from=date_from,
        date_to=date_to,
        by=by,
        verified_only=view == "verified",
        limit=offset + limit,
    )
    result["events"] = result["events"][offset:]
    return {**public_tolls(result, policy), "limit": limit, "offset": offset}


@router.get("/tolls/explain", summary="How each toll was made, claim by claim")
def get_tolls_explain(
    engine: EngineDep,
    conn: ConnDep,
    policy: TextPolicyDep,
    view: ViewDep,
    country: Country = None,
    region: Region = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Annotated[
        int, Query(ge=0, le=1000, description="Events listed (the tolls count all).")
    ] = EXPLAIN_EVENTS,
) -> dict[str, Any]:
    """The tree of ``tollwatch tolls --explain`` as data: per outcome and victim category,
    the running tolls (source entity, series, latest figure and its superseded bulletins,
    the incidents they contain and why those are not added), the incidents added outside
    them, and the flags for review. Quoted words follow the caller's text policy, as on the
    ``/tolls/explain`` page; ``quotes_left_out`` counts quotes not sent (see their reports).
    """
    from tollwatch.api._explain import visible_explanation
    from tollwatch.reconcile.explain import explanation_json

    check_range(date_from, date_to)
    tree, left_out = visible_explanation(
        conn,
        engine,
        country=country,
        region=region,
        date_from=date_from,
        date_to=date_to,
        view=view,
        policy=policy,
        limit=limit,
    )
    return {**explanation_json(tree), "quotes_left_out": left_out}
