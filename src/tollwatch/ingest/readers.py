"""Readers: raw bytes of one input -> Records (or Rejections). Pure: no files, no clock.

    txt / md   one report; optional header (see ``ingest.headers``)
    html       one report; main text and metadata by trafilatura
    jsonl      one report per line (keys text, date|published, url, source, title, id)
    csv        one report per row (same columns; header row required; the delimiter
               , ; tab or | is taken from the header line; .tsv files too)

``--field KEY=COLUMN`` (``IngestOptions.fields``) maps other key/column names.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from tollwatch.errors import IngestError, MalformedRecord, UnreadableInput
from tollwatch.ingest.headers import split_header
from tollwatch.ingest.options import IngestOptions
from tollwatch.ingest.records import Record, Rejection

__all__ = ["EXTENSIONS", "decode", "format_for", "read_input"]

#: File extensions and the format each is read as.
EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}

csv.field_size_limit(50 * 1024 * 1024)


def format_for(name: str) -> str | None:
    """The format a file name implies, or None."""
    lower = name.lower()
    for ext, fmt in EXTENSIONS.items():
        if lower.endswith(ext):
            return fmt
    return None


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),  # before UTF-16 LE: the same first two bytes
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")
_BINARY_SHARE = 0.1


def _bom_encoding(raw: bytes) -> str | None:
    return next((enc for bom, enc in _BOMS if raw.startswith(bom)), None)


def _check_bytes(raw: bytes, probe: bytes | None = None) -> None:
    """Refuse empty input, and binary input: one byte in ten of the first 8 KB (of ``probe``
    if given: a CSV's header line) a NUL or another control character. A stray NUL in a
    text, CSV or JSONL file does not make it binary (NULs are removed per report, see
    ``records.to_report``), nor do bad rows after a good header."""
    if not raw.strip():
        raise UnreadableInput("empty input", hint="there is no text in it")
    head = (raw if probe is None else probe)[:8192]
    control = len(head) - len(head.translate(None, _CONTROL))
    if control >= max(1, len(head) * _BINARY_SHARE):
        raise UnreadableInput(
            "binary data, not text", hint="convert it to UTF-8 text, HTML, JSONL or CSV first"
        )


def decode(raw: bytes, probe: bytes | None = None) -> str:
    """Bytes -> text; UTF-8 (with or without BOM), or UTF-16 or UTF-32 with a BOM.

    Raises ``UnreadableInput`` for empty, binary (judged on ``probe`` if given) or wrongly
    encoded input.
    """
    encoding = _bom_encoding(raw)
    if encoding is not None:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise UnreadableInput(f"broken {encoding.upper()} at byte {exc.start}") from exc
        text = text.removeprefix("\ufeff")
        if not text.strip():
            raise UnreadableInput("empty input", hint="there is no text in it")
        return text
    _check_bytes(raw, probe)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise UnreadableInput(
            f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start} (line {line})",
            hint="convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8",
        ) from exc


def _utf8_feed(raw: bytes) -> bytes:
    """A JSONL feed with a UTF-16/32 byte-order mark, as UTF-8 - if it decodes to JSON lines.
    Otherwise the bytes stay as they are (a binary first line that happens to begin with
    FF FE is one bad line, not a reason to misread every line after it)."""
    try:
        text = decode(raw)
    except IngestError:
        return raw
    return text.encode("utf-8") if text.lstrip().startswith("{") else raw


def _text_records(text: str, origin: str, raw: bytes) -> Iterator[Record]:
    header, body = split_header(text)
    yield Record(
        origin=origin,
        raw=raw,
        text=body,
        date=header.date,
        url=header.url,
        source=header.source,
        title=header.title,
        language=header.language,
    )


def _html_records(text: str, origin: str, raw: bytes) -> Iterator[Record]:
    import trafilatura

    doc: Any = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    body = str(getattr(doc, "text", None) or "") if doc is not None else ""
    if not body.strip():
        raise UnreadableInput("no main text found in the HTML page")
    title = getattr(doc, "title", None)
    if title and body.startswith(title):  # trafilatura repeats the headline as line one
        body = body[len(title) :].lstrip("\n")
    yield Record(
        origin=origin,
        raw=raw,
        text=body,
        date=getattr(doc, "date", None),
        url=getattr(doc, "url", None),
        source=getattr(doc, "sitename", None),
        title=title,
        language=getattr(doc, "language", None),
    )


def _pick(row: dict[str, Any], options: IngestOptions, key: str) -> str | None:
    col = options.column(key)
    value = row.get(col)
    if value is None and key == "date" and col == "date":
        value = row.get("published")
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise MalformedRecord(f"{col!r} must be a string, not {type(value).__name__}")
    return str(value)


def _row_record(
    row: dict[str, Any], options: IngestOptions, origin: str, line: int, raw: bytes
) -> Record:
    text_col = options.column("text")
    text = row.get(text_col)
    if isinstance(text, str) and not text.strip():
        raise MalformedRecord(
            f"text field {text_col!r} is empty", hint="a report needs some text to read"
        )
    if not isinstance(text, str):
        what = "missing" if text_col not in row else f"not a string ({type(text).__name__})"
        raise MalformedRecord(
            f"text field {text_col!r} is {what}",
            hint=f"keys present: {', '.join(map(str, row)) or 'none'}; map one with --field text=NAME",
        )
    return Record(
        origin=origin,
        line=line,
        raw=raw,
        text=text,
        date=_pick(row, options, "date"),
        url=_pick(row, options, "url"),
        source=_pick(row, options, "source"),
        title=_pick(row, options, "title"),
        external_id=_pick(row, options, "id"),
    )


def _jsonl_records(
    raw: bytes, options: IngestOptions, origin: str, first_line: int
) -> Iterator[Record | Rejection]:
    for offset, raw_line in enumerate(raw.splitlines()):
        line = first_line + offset
        if not raw_line.strip():
            continue
        try:
            value = json.loads(decode(raw_line))
            if not isinstance(value, dict):
                raise MalformedRecord(f"expected a JSON object, got {type(value).__name__}")
            yield _row_record(value, options, origin, line, raw_line)
        except json.JSONDecodeError as exc:
            err = MalformedRecord(f"invalid JSON: {exc.msg} at column {exc.colno}")
            yield Rejection(origin, line, err, raw_line, "jsonl")
        except RecursionError:
            err = MalformedRecord(
                "JSON nested too deeply to read", hint="a report is a flat JSON object"
            )
            yield Rejection(origin, line, err, raw_line, "jsonl")
        except ValueError as exc:  # an integer of more digits than Python converts
            err = MalformedRecord(f"unreadable JSON value: {exc}".split("; use ")[0])
            yield Rejection(origin, line, err, raw_line, "jsonl")
        except IngestError as exc:
            yield Rejection(origin, line, exc, raw_line, "jsonl")


def _delimiter(text: str) -> str:
    """The header line's delimiter: the most frequent of , ; tab | (comma when none)."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_raw(header: list[str], row: list[str], delimiter: str) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(header)
    writer.writerow(row)
    return buf.getvalue().encode("utf-8")


def _csv_records(
    text: str, options: IngestOptions, origin: str, first_line: int
) -> Iterator[Record | Rejection]:
    """Rows of a CSV. Quotes are read strictly: a row whose quoting is broken (an unbalanced
    quote that would swallow the rows after it into one field) is rejected on its own, naming
    the line it starts on, and reading resumes on the next line."""
    delimiter = _delimiter(text)
    lines = io.StringIO(text, newline="").readlines()
    reader = csv.reader(iter(lines), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise MalformedRecord(f"no readable CSV header row ({exc})") from exc
    header = [h.strip() for h in header]
    text_col = options.column("text")
    if text_col not in header:
        raise MalformedRecord(
            f"no {text_col!r} column in the CSV header (columns: {', '.join(header)})",
            hint="map one with --field text=COLUMN",
        )
    start = 0  # physical lines read by earlier readers (after a broken row)
    row_no = first_line  # the header's row number; data rows follow
    while True:
        row_no += 1
        before = start + reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            begun = lines[before] if before < len(lines) else ""
            err = MalformedRecord(
                f"broken quoting in the CSV row starting on line {before + first_line}: {exc}",
                hint="an unbalanced quote? the lines after it are read as rows of their own",
            )
            yield Rejection(origin, row_no, err, (lines[0] + begun).encode("utf-8"), "csv")
            start = before + 1  # resume on the line after the one the broken row began on
            reader = csv.reader(iter(lines[start:]), delimiter=delimiter, strict=True)
            continue
        if not any(cell.strip() for cell in row):
            continue
        raw = _csv_raw(header, row, delimiter)
        if len(row) != len(header):
            err = MalformedRecord(f"{len(row)} fields where the header has {len(header)}")
            yield Rejection(origin, row_no, err, raw, "csv")
            continue
        try:
            yield _row_record(dict(zip(header, row, strict=True)), options, origin, row_no, raw)
        except IngestError as exc:
            yield Rejection(origin, row_no, exc, raw, "csv")


def read_input(
    raw: bytes, fmt: str, origin: str, options: IngestOptions, *, first_line: int = 1
) -> Iterator[Record | Rejection]:
    """Read one input (a file's or stdin's bytes) in format ``fmt``.

    Problems with single rows are yielded as Rejections; a problem with the whole input
    (empty, binary, wrongly encoded, no header) is yielded as one Rejection with line None.
    ``first_line`` numbers the first line/row (used when retrying one stored row).
    """
    try:
        if fmt == "jsonl":
            if _bom_encoding(raw) is not None:  # UTF-16/32: lines are split after decoding
                raw = _utf8_feed(raw)
            # whole-input checks; encoding is checked line by line. A feed whose first line
            # is a JSON object is not binary, whatever later lines hold (each costs itself)
            first = next((ln for ln in raw.splitlines() if ln.strip()), b"")
            _check_bytes(raw, b"{" if first.lstrip().startswith(b"{") else None)
            yield from _jsonl_records(raw, options, origin, first_line)
            return
        text = decode(raw, raw.split(b"\n", 1)[0] if fmt == "csv" else None)
        if fmt == "csv":
            yield from _csv_records(text, options, origin, first_line)
        elif fmt == "html":
            yield from _html_records(text, origin, raw)
        else:
            yield from _text_records(text, origin, raw)
    except IngestError as exc:
        yield Rejection(origin, None, exc, raw, fmt)
