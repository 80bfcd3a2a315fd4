"""Reports and sources in the database: idempotent save, lookup, listing.

A report's id is derived from its normalised text and url (``models.report_id_for``), so
saving the same report twice stores it once. ``force`` overwrites the stored row and
clears ``extractor_version``/``geocoder_version`` so later stages process it again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from tollwatch.errors import ReportNotFound
from tollwatch.models import Report
from tollwatch.store.tables import reports, sources

__all__ = [
    "SaveResult",
    "StoredReport",
    "count_reports",
    "get_report",
    "insert_ignoring_conflicts",
    "list_reports",
    "save_reports",
    "source_ids",
]


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A report as stored, with what the database adds to the model."""

    report: Report
    date_missing: bool
    extractor_version: str | None
    geocoder_version: str | None


@dataclass(frozen=True, slots=True)
class SaveResult:
    """Ids of the reports newly stored, overwritten (force) and already present (skipped)."""

    stored: tuple[str, ...]
    updated: tuple[str, ...]
    duplicates: tuple[str, ...]


def insert_ignoring_conflicts(conn: Connection, table: Any) -> Any:
    """``INSERT ... ON CONFLICT DO NOTHING`` on SQLite and PostgreSQL (idempotent inserts)."""
    name = conn.dialect.name
    if name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    if name == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    return insert(table)


def source_ids(conn: Connection, names: Iterable[str]) -> dict[str, int]:
    """Ids of the named sources, inserting those not yet in ``sources`` (an upsert)."""
    wanted = sorted({n for n in names if n})
    if not wanted:
        return {}
    query = select(sources.c.name, sources.c.id).where(sources.c.name.in_(wanted))
    found: dict[str, int] = {name: sid for name, sid in conn.execute(query)}
    missing = [n for n in wanted if n not in found]
    if missing:
        conn.execute(insert_ignoring_conflicts(conn, sources), [{"name": n} for n in missing])
        found.update({name: sid for name, sid in conn.execute(query)})
    return found


def _row_values(report: Report, source_id: int | None) -> dict[str, Any]:
    if report.ingested_at is None:
        raise ValueError(f"report {report.id} has no ingested_at")
    return {
        "id": report.id,
        "content_hash": report.content_hash,
        "url": report.url,
        "title": report.title,
        "text": report.text,
        "source_id": source_id,
        "published": report.published,
        "date_missing": report.published is None,
        "language": report.language,
        "origin": report.origin,
        "sensitive": report.sensitive,
        "ingested_at": report.ingested_at,
        "extractor_version": None,
        "geocoder_version": None,
    }


def save_reports(conn: Connection, batch: Sequence[Report], *, force: bool = False) -> SaveResult:
    """Store ``batch`` in the caller's transaction; skip (or with ``force`` overwrite) reports
    already stored. A report repeated inside the batch counts once."""
    unique: dict[str, Report] = {}
    repeats: list[str] = []
    for report in batch:
        if report.id in unique:
            repeats.append(report.id)
        else:
            unique[report.id] = report
    if not unique:
        return SaveResult((), (), tuple(repeats))
    existing = set(
        conn.execute(select(reports.c.id).where(reports.c.id.in_(list(unique)))).scalars()
    )
    ids = source_ids(conn, (r.source for r in unique.values() if r.source))
    candidates = [r for rid, r in unique.items() if rid not in existing]
    inserted: set[str] = set()
    if candidates:
        values = [_row_values(r, ids.get(r.source or "")) for r in candidates]
        stmt = insert_ignoring_conflicts(conn, reports).returning(reports.c.id)
        inserted = set(conn.execute(stmt, values).scalars())
    # a concurrent writer may have stored some of them between the select and the insert
    existing |= {r.id for r in candidates if r.id not in inserted}
    new = [r for r in candidates if r.id in inserted]
    updated: list[str] = []
    if force and existing:
        for rid in sorted(existing):
            row = _row_values(unique[rid], ids.get(unique[rid].source or ""))
            del row["id"]
            conn.execute(update(reports).where(reports.c.id == rid).values(**row))
            updated.append(rid)
        duplicates = repeats
    else:
        duplicates = [rid for rid in unique if rid in existing] + repeats
    return SaveResult(tuple(r.id for r in new), tuple(updated), tuple(duplicates))


_COLUMNS = (
    reports.c.id,
    reports.c.content_hash,
    reports.c.url,
    reports.c.title,
    reports.c.text,
    reports.c.published,
    reports.c.date_missing,
    reports.c.language,
    reports.c.origin,
    reports.c.sensitive,
    reports.c.ingested_at,
    reports.c.extractor_version,
    reports.c.geocoder_version,
    sources.c.name.label("source"),
)


def _stored(row: Any) -> StoredReport:
    m = row._mapping
    return StoredReport(
        report=Report(
            id=m["id"],
            text=m["text"],
            content_hash=m["content_hash"],
            title=m["title"],
            url=m["url"],
            source=m["source"],
            published=m["published"],
            language=m["language"],
            ingested_at=m["ingested_at"],
            origin=m["origin"],
            sensitive=bool(m["sensitive"]),
        ),
        date_missing=bool(m["date_missing"]),
        extractor_version=m["extractor_version"],
        geocoder_version=m["geocoder_version"],
    )


def _joined() -> Any:
    return reports.outerjoin(sources, reports.c.source_id == sources.c.id)


def get_report(conn: Connection, report_id: str) -> StoredReport:
    """The stored report ``report_id``; ``ReportNotFound`` when there is none."""
    row = conn.execute(
        select(*_COLUMNS).select_from(_joined()).where(reports.c.id == report_id)
    ).first()
    if row is None:
        raise ReportNotFound(
            f"no report with id {report_id!r}", hint="list ids with `tollwatch reports`"
        )
    return _stored(row)


def list_reports(
    conn: Connection,
    *,
    source: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[StoredReport]:
    """Reports filtered by source name and published-date range (inclusive), newest first;
    reports with no date come last."""
    query = select(*_COLUMNS).select_from(_joined())
    if source is not None:
        query = query.where(sources.c.name == source)
    if date_from is not None:
        query = query.where(reports.c.published >= date_from)
    if date_to is not None:
        query = query.where(reports.c.published <= date_to)
    query = query.order_by(
        reports.c.published.is_(None), reports.c.published.desc(), reports.c.id
    ).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_stored(row) for row in conn.execute(query)]


def count_reports(conn: Connection) -> int:
    """How many reports are stored."""
    return int(conn.execute(select(func.count()).select_from(reports)).scalar_one())
