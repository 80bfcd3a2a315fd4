"""Paging, sorting and counting shared by the listing routes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, func, select

from tollwatch.api.deps import PageParams

__all__ = ["count", "order_by", "page_of"]


def order_by(
    stmt: Select[Any],
    sort: str,
    columns: Mapping[str, ColumnElement[Any]],
    tiebreak: ColumnElement[Any],
) -> Select[Any]:
    """Order by ``sort`` ("name" ascending, "-name" descending), then by ``tiebreak``.

    NULLs sort last in both directions on every dialect.
    """
    descending = sort.startswith("-")
    column = columns[sort.lstrip("-")]
    key = column.desc().nulls_last() if descending else column.asc().nulls_last()
    return stmt.order_by(key, tiebreak.desc() if descending else tiebreak.asc())


def count(conn: Connection, stmt: Select[Any]) -> int:
    """How many rows ``stmt`` (without order/limit) returns."""
    total = conn.execute(select(func.count()).select_from(stmt.order_by(None).subquery()))
    return int(total.scalar_one())


def page_of(conn: Connection, stmt: Select[Any], page: PageParams) -> Sequence[Any]:
    """The rows of one page of an ordered statement."""
    return conn.execute(stmt.limit(page.limit).offset(page.offset)).mappings().all()
