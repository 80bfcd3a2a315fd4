"""The dashboard's search and filters, read from and written back to the URL query string.

Every page reads the same parameters, so a filtered view can be shared as a link:
``country`` (ISO 3166-1 alpha-2), ``region`` (admin1 name or code), ``from`` and ``to``
(ISO dates, inclusive), ``category``, ``outcome``, ``q`` (words to search report text for)
and ``view`` (count ``all`` claims or ``verified`` ones only; default: the public setting).
Bad values are refused with a message naming the parameter, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import TypeVar
from urllib.parse import urlencode

from tollwatch.errors import BadQuery
from tollwatch.models import Category, Outcome

__all__ = ["FilterError", "PageFilters", "parse_filters"]

_MAX_TEXT = 200
VIEWS = ("all", "verified")
E = TypeVar("E", Category, Outcome)


class FilterError(BadQuery):
    """A dashboard filter in the URL has a value the dashboard cannot use (TW090)."""


@dataclass(frozen=True, slots=True)
class PageFilters:
    """What the user asked to see. Empty fields mean "no restriction"."""

    country: str | None = None
    region: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    category: Category | None = None
    outcome: Outcome | None = None
    q: str | None = None
    view: str | None = None  # "all" claims or "verified" only; None: the public default

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))

    def params(self) -> dict[str, str]:
        """The filters as URL query parameters (only those that are set)."""
        out: dict[str, str] = {}
        if self.country:
            out["country"] = self.country
        if self.region:
            out["region"] = self.region
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        if self.category:
            out["category"] = self.category.value
        if self.outcome:
            out["outcome"] = self.outcome.value
        if self.q:
            out["q"] = self.q
        if self.view:
            out["view"] = self.view
        return out

    def query(self) -> str:
        """``?country=NG&outcome=killed`` (or ``""`` when nothing is set)."""
        params = self.params()
        return "?" + urlencode(params) if params else ""

    def replace_query(self, **changes: str | None) -> str:
        """The query string with some parameters changed (``None`` removes one)."""
        params = self.params()
        for name, value in changes.items():
            if value is None:
                params.pop(name, None)
            else:
                params[name] = value
        return "?" + urlencode(params) if params else ""

    def without(self, name: str) -> PageFilters:
        """The same filters with one removed (for "remove this filter" links)."""
        return replace(self, **{name: None})


def _text(params: Mapping[str, str], name: str) -> str | None:
    value = (params.get(name) or "").strip()
    if not value:
        return None
    if len(value) > _MAX_TEXT:
        raise FilterError(
            f"filter {name!r} is {len(value)} characters long",
            hint=f"use at most {_MAX_TEXT} characters",
        )
    return value


def _date(params: Mapping[str, str], name: str) -> date | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise FilterError(
            f"filter {name!r} has {value!r}, which is not a date", hint="write it as YYYY-MM-DD"
        ) from None


def _choice(params: Mapping[str, str], name: str, kind: type[E]) -> E | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        return kind(value.lower())
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        raise FilterError(f"filter {name!r} has {value!r}", hint=f"use one of: {allowed}") from None


def parse_filters(params: Mapping[str, str]) -> PageFilters:
    """Read the filters from query parameters; raise FilterError naming a bad one."""
    country = _text(params, "country")
    if country is not None:
        if len(country) != 2 or not country.isalpha() or not country.isascii():
            raise FilterError(
                f"filter 'country' has {country!r}",
                hint="use a two-letter ISO 3166-1 code such as NG",
            )
        country = country.upper()
    date_from = _date(params, "from")
    date_to = _date(params, "to")
    if date_from and date_to and date_from > date_to:
        raise FilterError(
            f"filter 'from' ({date_from}) is after 'to' ({date_to})", hint="swap the two dates"
        )
    view = _text(params, "view")
    if view is not None and view not in VIEWS:
        raise FilterError(f"filter 'view' has {view!r}", hint="use 'all' or 'verified'")
    return PageFilters(
        country=country,
        region=_text(params, "region"),
        date_from=date_from,
        date_to=date_to,
        category=_choice(params, "category", Category),
        outcome=_choice(params, "outcome", Outcome),
        q=_text(params, "q"),
        view=view,
    )
