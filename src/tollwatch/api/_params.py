"""Refuse query parameters a route does not take.

A misspelt filter (``?contry=SY``, ``?date_from=...`` for ``from``) must not be ignored and
answered with the unfiltered world total: it is a 422 in the one error shape, naming the
parameter and the ones the route takes.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute

__all__ = ["refuse_unknown_params"]


def _query_names(dependant: Dependant) -> set[str]:
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def _allowed(route: APIRoute) -> frozenset[str]:
    cached: frozenset[str] | None = getattr(route, "_tollwatch_query_names", None)
    if cached is None:
        cached = frozenset(_query_names(route.dependant))
        route._tollwatch_query_names = cached  # type: ignore[attr-defined]
    return cached


def refuse_unknown_params(request: Request) -> None:
    """A router dependency: 422 for any query parameter the matched route does not declare."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not request.query_params:
        return
    allowed = _allowed(route)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        takes = ", ".join(sorted(allowed)) or "none"
        raise RequestValidationError(
            [
                {
                    "type": "extra_forbidden",
                    "loc": ("query", name),
                    "msg": f"unknown query parameter {name!r}; this route takes: {takes}",
                    "input": request.query_params.get(name),
                }
                for name in unknown
            ]
        )
