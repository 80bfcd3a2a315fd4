"""What readers produce: a ``Record`` (fields of one report, not yet validated) or a
``Rejection`` (one input that could not be read, with its raw bytes for a later retry).

``to_report`` turns a record into a ``tollwatch.models.Report``; it is pure (the clock is
passed in).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from tollwatch.errors import BadDate, IngestError, MalformedRecord, UnreadableInput
from tollwatch.ingest.dates import check_plausible, parse_date
from tollwatch.ingest.options import IngestOptions
from tollwatch.models import Report

__all__ = ["FIELD_LIMITS", "Record", "Rejection", "locate", "printable", "to_report"]


def locate(origin: str, line: int | None) -> str:
    """Human form of where an input came from: ``a.csv row 3``, ``b.jsonl line 2``, ``c.txt``."""
    if line is None:
        return origin
    unit = "row" if origin.lower().endswith(".csv") else "line"
    return f"{origin} {unit} {line}"


@dataclass(frozen=True, slots=True)
class Record:
    """The fields of one report as read from its input, before any validation."""

    origin: str  # file path or "stdin:<hash of its bytes>"
    text: str
    line: int | None = None  # line (JSONL) or row (CSV, header = row 1) number
    date: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    external_id: str | None = None
    language: str | None = None
    raw: bytes | None = field(default=None, repr=False, compare=False)  # kept for a retry

    @property
    def where(self) -> str:
        return locate(self.origin, self.line)


@dataclass(frozen=True, slots=True)
class Rejection:
    """One input that could not become a report, and why. ``raw`` is kept for retry."""

    origin: str
    line: int | None
    error: IngestError
    raw: bytes | None
    format: str | None = None

    @property
    def where(self) -> str:
        return locate(self.origin, self.line)

    def __str__(self) -> str:
        return f"{self.where}: {self.error}"


#: Longest value the database keeps for these fields (``sources.name``, ``reports.language``).
FIELD_LIMITS = {"source": 300, "language": 12}
_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value: str | None, name: str = "text") -> str | None:
    """``value`` stripped, without NUL characters (no database keeps them in text, and they
    carry nothing); ``None`` if nothing is left. A lone surrogate (``"\\ud800"`` in JSON) is
    not text: ``UnreadableInput`` naming the field. Too long for its column: ``MalformedRecord``.
    """
    if value is None:
        return None
    value = value.replace("\x00", "").strip()
    bad = _SURROGATE.search(value)
    if bad:
        raise UnreadableInput(
            f"{name} holds a lone surrogate U+{ord(bad.group()):04X} at character {bad.start()}, "
            "which is not text",
            hint="fix the input's encoding (a JSON \\uD800-\\uDFFF escape must come in pairs)",
        )
    limit = FIELD_LIMITS.get(name)
    if limit is not None and len(value) > limit:
        raise MalformedRecord(
            f"{name} is {len(value)} characters long; at most {limit} are kept",
            hint=f"shorten the {name}",
        )
    return value or None


def printable(text: str) -> str:
    """``text`` safe to store and print: NULs and lone surrogates written as backslash
    escapes; a file name that is not UTF-8 shows its bytes (``caf\\xe9.txt``)."""
    text = text.replace("\x00", "\\x00")
    try:  # file names decoded by the OS keep undecodable bytes as U+DC80..U+DCFF
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def to_report(record: Record, options: IngestOptions, now: datetime) -> Report:
    """Validate ``record`` and build the Report; raise an ``IngestError`` naming the input.

    The report's own date wins; ``options.date`` fills a missing one (and, when retrying
    with ``date_overrides_bad``, one that could not be read or was implausible). Either must
    lie in the plausible range (``ingest.dates.check_plausible``, relative to ``now``). A
    report with no date at all is accepted with ``published=None`` (stored as
    ``date_missing``).
    """
    text = _clean(record.text)
    if not text:
        raise UnreadableInput("no report text", hint="the text is empty once a header is removed")
    published: date | None = None
    raw_date = _clean(record.date, "date")
    if raw_date is not None:
        try:
            published = check_plausible(parse_date(raw_date), now.date())
        except BadDate as exc:
            if not (options.date_overrides_bad and options.date):
                raise type(exc)(
                    exc.message,
                    hint=(exc.hint or "") + "; or retry with --retry-failed --date YYYY-MM-DD",
                ) from exc
    if published is None and options.date is not None:
        published = check_plausible(options.date, now.date())
    origin = printable(record.origin)
    external_id = _clean(record.external_id, "id")
    if external_id:
        origin += f"#{external_id}"
    elif record.line is not None:
        origin += f":{record.line}"
    return Report.create(
        text,
        title=_clean(record.title, "title"),
        url=_clean(record.url, "url"),
        source=_clean(record.source, "source") or _clean(options.source, "source"),
        published=published,
        language=_clean(record.language, "language") or "en",
        origin=origin,
        ingested_at=now,
    )
