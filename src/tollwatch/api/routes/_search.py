"""Search that is not an oracle: readers who get redacted text find a report only by words
they can see.

A plain ``LIKE`` over the stored title and text answers "is there a report naming Yusuf
Barakat?" with 1 for a real witness and 0 for a made-up one, and finds the hidden words of
sensitive reports. For such readers the database's matches are only candidates: sensitive
reports are left out, and a candidate counts only when the words are in its *visible*
title (or text). Readers of originals search the stored words directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, false, func, or_

from tollwatch.export.policy import TextPolicy
from tollwatch.store.tables import reports

__all__ = ["MAX_SCAN", "VisiblePage", "like_words", "visible_page"]

#: Candidates a redacted search looks at (newest first): beyond this, refine the words.
MAX_SCAN = 5000


def like_words(q: str, *, text: bool) -> ColumnElement[bool]:
    """The stored title (and text) contain ``q``, case-insensitively."""
    escaped = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").lower()
    pattern = f"%{escaped}%"
    title = func.lower(reports.c.title).like(pattern, escape="\\")
    if not text:
        return title
    return or_(title, func.lower(reports.c.text).like(pattern, escape="\\"))


@dataclass(frozen=True, slots=True)
class VisiblePage:
    rows: Sequence[Mapping[Any, Any]]
    total: int


def visible_page(
    conn: Connection,
    stmt: Select[Any],
    q: str,
    policy: TextPolicy,
    *,
    text: bool,
    limit: int,
    offset: int,
) -> VisiblePage:
    """One page of ``stmt`` (report rows, ordered, with the raw ``like_words`` condition
    already applied) keeping only reports whose visible words contain ``q``."""
    needle = " ".join(q.split()).casefold()
    scan = stmt.where(reports.c.sensitive.is_(False) if not policy.show_sensitive else ~false())
    if text:
        scan = scan.add_columns(reports.c.text.label("search_text"))
    found: list[Mapping[Any, Any]] = []
    total = 0
    result = conn.execution_options(yield_per=200).execute(scan.limit(MAX_SCAN))
    for row in result.mappings():
        seen = [policy.text(row["title"], report_id=row["id"]) or ""]
        if text:
            seen.append(policy.text(row["search_text"]) or "")
        if not any(needle in " ".join(s.split()).casefold() for s in seen):
            continue
        if offset <= total < offset + limit:
            found.append(row)
        total += 1
    return VisiblePage(found, total)
