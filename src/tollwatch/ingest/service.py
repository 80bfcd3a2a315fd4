"""Ingest: inputs -> Reports -> database, in batched transactions.

    expand_paths -> read_input -> to_report -> save_reports / record_failures

Each batch (``IngestOptions.batch_size`` reports and failures) is one transaction, so a
crash loses at most the batch in flight, and running the same command again skips what is
stored (report ids are content hashes). Every rejected input is recorded in
``ingest_failures`` with its raw bytes and options for ``retry_failed``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from tollwatch.audit import record as audit_record
from tollwatch.errors import IngestError
from tollwatch.ingest.inputs import Input, expand_paths, read_bytes
from tollwatch.ingest.options import IngestOptions
from tollwatch.ingest.readers import format_for, read_input
from tollwatch.ingest.records import Record, Rejection, printable, to_report
from tollwatch.models import Report
from tollwatch.store.engine import transaction
from tollwatch.store.failures import (
    NewFailure,
    list_failures,
    open_places,
    record_failures,
    resolve_failures,
    resolve_origins,
)
from tollwatch.store.reports import save_reports

__all__ = [
    "IngestResult",
    "count_inputs",
    "ingest_bytes",
    "ingest_paths",
    "retry_failed",
    "stdin_origin",
]

Clock = Callable[[], datetime]
Progress = Callable[[int], None]


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one ingest run did. ``stored``/``updated`` are the ids later stages process."""

    stored: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()  # already stored, overwritten because of --force
    duplicates: tuple[str, ...] = ()  # already stored, skipped
    rejected: tuple[Rejection, ...] = ()
    date_missing: tuple[str, ...] = ()  # stored or updated ids with no publication date
    resolved: int = 0  # earlier failures now resolved

    @property
    def ok(self) -> bool:
        return not self.rejected

    @property
    def processed(self) -> tuple[str, ...]:
        """Ids to hand to extraction: new reports and force-updated ones."""
        return self.stored + self.updated

    def summary(self) -> str:
        parts = [f"{len(self.stored)} new report{'s' if len(self.stored) != 1 else ''} stored"]
        if self.updated:
            parts.append(f"{len(self.updated)} re-stored (--force)")
        if self.duplicates:
            parts.append(
                f"{len(self.duplicates)} already stored, skipped (use --force to re-process)"
            )
        if self.date_missing:
            parts.append(f"{len(self.date_missing)} without a date (supply one with --date)")
        if self.resolved:
            parts.append(f"{self.resolved} earlier failure(s) resolved")
        parts.append(f"{len(self.rejected)} rejected")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stored": len(self.stored),
            "updated": len(self.updated),
            "duplicates": len(self.duplicates),
            "rejected": len(self.rejected),
            "date_missing": len(self.date_missing),
            "resolved": self.resolved,
            "report_ids": list(self.processed),
            "failures": [
                {
                    "origin": r.origin,
                    "line": r.line,
                    "code": r.error.code,
                    "reason": r.error.message + (f" ({r.error.hint})" if r.error.hint else ""),
                }
                for r in self.rejected
            ],
        }


@dataclass
class _Run:
    """Accumulates one run and writes it batch by batch."""

    engine: Engine
    options: IngestOptions
    clock: Clock
    actor: str = "system"
    reports: list[Report] = field(default_factory=list)
    places: list[tuple[str, int | None]] = field(default_factory=list)
    failures: list[tuple[Rejection, str]] = field(default_factory=list)
    resolve_ids: list[int] = field(default_factory=list)
    stored: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    undated: set[str] = field(default_factory=set)
    resolved: int = 0
    open_failures: set[tuple[str, int | None]] = field(default_factory=set)
    # places of the input being read: resolved only once it is read to the end, and only
    # those where this input was not rejected again (a broken row after good ones)
    input_places: list[tuple[str, int | None]] = field(default_factory=list)
    input_rejected: set[tuple[str, int | None]] = field(default_factory=set)

    def __post_init__(self) -> None:
        with self.engine.connect() as conn:
            self.open_failures = open_places(conn)

    def add(self, item: Record | Rejection, options: IngestOptions) -> Rejection | None:
        """Queue a report, or record a failure (returned)."""
        if isinstance(item, Record):
            try:
                report = to_report(item, options, self.clock())
            except IngestError as exc:
                item = Rejection(item.origin, item.line, exc, item.raw, options.format)
            else:
                self.reports.append(
                    replace(report, sensitive=True) if options.sensitive else report
                )
                self.input_places.append((printable(item.origin), item.line))
                self.input_places.append((printable(item.origin), None))
                self._maybe_flush()
                return None
        return self.reject(item, options)

    def reject(self, rejection: Rejection, options: IngestOptions) -> Rejection:
        rejection = replace(rejection, origin=printable(rejection.origin))
        stored_options = replace(options, format=rejection.format or options.format)
        self.failures.append((rejection, stored_options.to_json()))
        self.rejected.append(rejection)
        self.input_rejected.add((rejection.origin, rejection.line))
        self._maybe_flush()
        return rejection

    def end_input(self) -> None:
        """The input is read to its end: the places it stored may resolve earlier failures."""
        self.places.extend(p for p in self.input_places if p not in self.input_rejected)
        self.input_places.clear()
        self.input_rejected.clear()

    def _maybe_flush(self) -> None:
        if len(self.reports) + len(self.failures) >= self.options.batch_size:
            self.flush()

    def flush(self) -> None:
        if not (self.reports or self.failures or self.resolve_ids):
            return
        now = self.clock()
        with transaction(self.engine) as conn:
            saved = save_reports(conn, self.reports, force=self.options.force)
            record_failures(
                conn,
                (
                    NewFailure(
                        origin=r.origin,
                        line=r.line,
                        code=r.error.code,
                        reason=printable(
                            r.error.message + (f" ({r.error.hint})" if r.error.hint else "")
                        ),
                        raw=r.raw,
                        options=opts,
                    )
                    for r, opts in self.failures
                ),
                now,
            )
            resolved = resolve_failures(conn, self.resolve_ids, now)
            if saved.stored or saved.updated or self.failures:
                audit_record(
                    conn,
                    self.actor,
                    "ingest.batch",
                    "reports",
                    None,
                    {
                        "stored": list(saved.stored),
                        "updated": list(saved.updated),
                        "rejected": [f"{r.origin}:{r.line or ''}" for r, _ in self.failures],
                    },
                    at=now,
                )
            fixed = [p for p in self.places if p in self.open_failures]
            if fixed:
                resolved += resolve_origins(conn, fixed, now)
        # only after the commit: the batch is durable
        self.stored.extend(saved.stored)
        self.updated.extend(saved.updated)
        self.duplicates.extend(saved.duplicates)
        written = set(saved.stored) | set(saved.updated)
        self.undated.update(r.id for r in self.reports if r.published is None and r.id in written)
        self.resolved += resolved
        self.reports.clear()
        self.places.clear()
        self.failures.clear()
        self.resolve_ids.clear()

    def result(self) -> IngestResult:
        self.end_input()
        self.flush()
        return IngestResult(
            stored=tuple(self.stored),
            updated=tuple(self.updated),
            duplicates=tuple(self.duplicates),
            rejected=tuple(self.rejected),
            date_missing=tuple(i for i in self.stored + self.updated if i in self.undated),
            resolved=self.resolved,
        )


def _read_file(run: _Run, item: Input) -> None:
    origin = str(item.path)
    try:
        raw = read_bytes(item.path)
    except IngestError as exc:
        run.reject(Rejection(origin, None, exc, None, item.format), run.options)
        run.end_input()
        return
    options = replace(run.options, format=item.format)
    for record in read_input(raw, item.format, origin, options):
        run.add(record, options)
    run.end_input()


def ingest_paths(
    engine: Engine,
    paths: Iterable[Path | str],
    options: IngestOptions | None = None,
    *,
    clock: Clock = _utcnow,
    progress: Progress | None = None,
    actor: str = "system",
) -> IngestResult:
    """Ingest files and folders (recursively) into the database behind ``engine``.

    ``progress`` is called with the number of files finished after each file.
    Good input is stored even when other input is rejected; see ``IngestResult``.
    """
    options = options or IngestOptions()
    run = _Run(engine, options, clock, actor)
    for done, item in enumerate(expand_paths((Path(p) for p in paths), options.format), 1):
        if isinstance(item, Rejection):
            run.reject(item, options)
            run.end_input()
        else:
            _read_file(run, item)
        if progress is not None:
            progress(done)
    return run.result()


def count_inputs(paths: Iterable[Path | str], fmt: str | None = None) -> int:
    """How many files ``ingest_paths`` will read (for a progress bar's total)."""
    return sum(1 for _ in expand_paths((Path(p) for p in paths), fmt))


def ingest_bytes(
    engine: Engine,
    raw: bytes,
    options: IngestOptions | None = None,
    *,
    origin: str | None = None,
    clock: Clock = _utcnow,
    actor: str = "system",
) -> IngestResult:
    """Ingest one input given as bytes (stdin); ``options.format`` defaults to txt.

    Without an ``origin`` the input is named by its content, ``stdin:`` and 12 hex digits of
    its SHA-256, so two stdin inputs never share (and overwrite) each other's failures.
    """
    options = options or IngestOptions()
    origin = origin or stdin_origin(raw)
    fmt = options.format or format_for(origin) or "txt"
    run = _Run(engine, options, clock, actor)
    for record in read_input(raw, fmt, origin, replace(options, format=fmt)):
        run.add(record, replace(options, format=fmt))
    run.end_input()
    return run.result()


def stdin_origin(raw: bytes) -> str:
    """The origin of an input read from stdin: ``stdin:`` and a hash of its bytes."""
    return f"stdin:{hashlib.sha256(raw).hexdigest()[:12]}"


def _from_stdin(origin: str) -> bool:
    return origin == "stdin" or origin.startswith("stdin:")


def _retry_items(
    origin: str, line: int | None, raw: bytes | None, options: IngestOptions
) -> Iterator[Record | Rejection]:
    fmt = options.format or format_for(origin) or ("txt" if _from_stdin(origin) else None)
    if fmt is None:  # still an unknown file type: the same failure again
        (item,) = expand_paths([Path(origin)], None)
        if isinstance(item, Rejection):
            yield item
            return
        fmt = item.format
    if raw is None:
        try:
            raw = read_bytes(Path(origin))
        except IngestError as exc:
            yield Rejection(origin, line, exc, None, options.format)
            return
        line = None  # the whole file is read again
    first = 1 if line is None else (line - 1 if fmt == "csv" else line)
    yield from read_input(raw, fmt, origin, replace(options, format=fmt), first_line=first)


def retry_failed(
    engine: Engine,
    overrides: IngestOptions | None = None,
    *,
    clock: Clock = _utcnow,
    progress: Progress | None = None,
    actor: str = "system",
) -> IngestResult:
    """Read every unresolved failure again from its stored raw input (or its file when no
    bytes were kept) with the options it was recorded with, overridden by ``overrides``'s
    date, source, format and fields. A failure whose input is now stored is marked
    resolved; one that fails again counts another attempt. A ``date`` in ``overrides`` also
    replaces dates that could not be read (or were implausible).

    A failure is resolved only when nothing is rejected again at its place (origin and line):
    its input is stored now, or was split into failures of its own lines or rows."""
    overrides = overrides or IngestOptions()
    with engine.connect() as conn:
        pending = list_failures(conn)
    run = _Run(engine, overrides, clock, actor)
    for done, failure in enumerate(pending, 1):
        options = IngestOptions.from_json(
            failure.options,
            date=overrides.date,
            source=overrides.source,
            format=overrides.format,
            fields=overrides.fields,
        )
        options = replace(
            options,
            force=overrides.force,
            batch_size=overrides.batch_size,
            date_overrides_bad=overrides.date is not None,
        )
        again = False
        for item in _retry_items(failure.origin, failure.line, failure.raw, options):
            rejected = run.add(item, options)
            if rejected is not None:
                again = again or (rejected.origin, rejected.line) == (
                    failure.origin,
                    failure.line,
                )
        run.end_input()
        if not again:  # stored now, or superseded by new, more precise failures
            run.resolve_ids.append(failure.id)
        if progress is not None:
            progress(done)
    return run.result()
