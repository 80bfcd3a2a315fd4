"""Query parameters shared by claim listings, events and exports."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query
from pydantic import AfterValidator

from tollwatch.errors import BadQuery
from tollwatch.export.filters import ClaimFilter
from tollwatch.geo.countries import country_code
from tollwatch.models import Category, Outcome, ReviewState, Scope

__all__ = [
    "ClaimFilterDep",
    "Country",
    "DateFrom",
    "DateTo",
    "Region",
    "SourceName",
    "check_range",
    "claim_filter",
]


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return country_code(value)
    except BadQuery as exc:
        raise ValueError(exc.message) from exc


Country = Annotated[
    str | None,
    Query(
        min_length=2,
        max_length=100,
        description="Country: ISO 3166 code (SY, SYR) or English name (Syria).",
    ),
    AfterValidator(_country),
]
Region = Annotated[
    str | None,
    Query(min_length=1, max_length=300, description="First-order admin unit: name or code."),
]
DateFrom = Annotated[
    date | None, Query(alias="from", description="Events on or after this day (YYYY-MM-DD).")
]
DateTo = Annotated[
    date | None, Query(alias="to", description="Events on or before this day (YYYY-MM-DD).")
]
SourceName = Annotated[
    str | None, Query(min_length=1, max_length=300, description="Source name, exact.")
]


def check_range(date_from: date | None, date_to: date | None) -> None:
    if date_from and date_to and date_from > date_to:
        raise BadQuery(
            f"'from' ({date_from}) is after 'to' ({date_to})",
            hint="swap the two dates",
        )


def claim_filter(
    country: Country = None,
    region: Region = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    category: Annotated[Category | None, Query(description="Victim category.")] = None,
    outcome: Annotated[Outcome | None, Query(description="What happened to them.")] = None,
    source: SourceName = None,
    scope: Annotated[Scope | None, Query(description="incident or cumulative figure.")] = None,
    report_id: Annotated[str | None, Query(min_length=1, max_length=32)] = None,
    place_id: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    review_state: Annotated[ReviewState | None, Query()] = None,
) -> ClaimFilter:
    check_range(date_from, date_to)
    return ClaimFilter(
        country=country,
        region=region,
        date_from=date_from,
        date_to=date_to,
        category=category,
        outcome=outcome,
        source=source,
        scope=scope,
        report_id=report_id,
        place_id=place_id,
        review_state=review_state,
    )


ClaimFilterDep = Annotated[ClaimFilter, Depends(claim_filter)]
