"""Read the reports a stage still has to process, in partitions, by keyset pagination.

Each partition is one ``SELECT ... WHERE id > :last ORDER BY id LIMIT :size`` on its own
short connection, so the driver can write earlier results between reads (SQLite included)
and memory holds one partition at a time. Rows the driver marks done behind the cursor do
not move it: the cursor only ever goes forward by report id.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Column, ColumnElement, Engine, func, or_, select

from tollwatch.errors import ConfigError
from tollwatch.store.tables import reports

__all__ = ["Partition", "ReportText", "count_pending", "pending_partitions"]


@dataclass(frozen=True, slots=True)
class ReportText:
    """What a worker needs of a report: its id, its text and its publication date."""

    id: str
    text: str
    published: date | None


@dataclass(frozen=True, slots=True)
class Partition:
    """A run of reports, in id order, handed to one worker as one task."""

    number: int
    reports: tuple[ReportText, ...]

    @property
    def first_id(self) -> str:
        return self.reports[0].id if self.reports else ""

    @property
    def last_id(self) -> str:
        return self.reports[-1].id if self.reports else ""


def _pending(version_column: Column[Any], version: str) -> ColumnElement[bool]:
    return or_(version_column.is_(None), version_column != version)


def count_pending(engine: Engine, *, version_column: str, version: str) -> int:
    """How many reports are not yet processed by ``version`` of a stage."""
    col = reports.c[version_column]
    with engine.connect() as conn:
        n = conn.execute(
            select(func.count()).select_from(reports).where(_pending(col, version))
        ).scalar_one()
    return int(n)


def pending_partitions(
    engine: Engine,
    *,
    version_column: str,
    version: str,
    size: int,
    limit: int | None = None,
    sensitive: bool | None = None,
    first_number: int = 0,
) -> Iterator[Partition]:
    """Partitions of at most ``size`` reports whose ``version_column`` is not ``version``.

    ``limit`` caps the number of reports read in total (None: all pending). ``sensitive``
    keeps only reports marked sensitive (True) or only the others (False); None keeps all.
    Partitions are numbered from ``first_number``.
    """
    if size < 1:
        raise ConfigError(
            f"partition size must be at least 1, got {size}", hint="pass --partition-size 200"
        )
    col = reports.c[version_column]
    last = ""
    number = first_number
    left = limit
    while left is None or left > 0:
        take = size if left is None else min(size, left)
        query = (
            select(reports.c.id, reports.c.text, reports.c.published)
            .where(_pending(col, version), reports.c.id > last)
            .order_by(reports.c.id)
            .limit(take)
        )
        if sensitive is not None:
            query = query.where(reports.c.sensitive.is_(sensitive))
        with engine.connect() as conn:
            rows = conn.execute(query).all()
        if not rows:
            return
        yield Partition(number, tuple(ReportText(r.id, r.text, r.published) for r in rows))
        number += 1
        last = rows[-1].id
        if left is not None:
            left -= len(rows)
        if len(rows) < take:
            return
