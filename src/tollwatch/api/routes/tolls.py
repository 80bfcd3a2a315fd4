"""``/api/v1/tolls``: reconciled tolls, the same as ``tollwatch tolls --json``."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from tollwatch.api.deps import READ, EngineDep, TextPolicyDep
from tollwatch.api.routes._filters import Country, DateFrom, DateTo, Region, check_range
from tollwatch.api.routes._views import ViewDep, public_tolls
from tollwatch.api.schemas import TollsPublic

__all__ = ["EVENTS_PAGE", "router"]

#: Events per page by default: the numbers always count every event, and the list of all
#: of them (1,000 events, 1.1 MB) made the answer slow under load.
EVENTS_PAGE = 100

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
