"""CSV for spreadsheets: UTF-8, a header row, one record per row, streamed in chunks.

Empty cells mean "unknown". Text cells that a spreadsheet would run as a formula (starting
with ``=``, ``+``, ``-``, ``@``, tab or CR) get a leading apostrophe (OWASP's advice against
CSV injection); numbers are never changed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

__all__ = ["csv_chunks"]

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def csv_chunks(
    records: Iterable[Mapping[str, Any]], columns: Sequence[str], *, rows_per_chunk: int = 500
) -> Iterator[str]:
    """The header, then the records as CSV text, ``rows_per_chunk`` rows per yielded string."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    pending = 1
    for record in records:
        writer.writerow([_cell(record.get(c)) for c in columns])
        pending += 1
        if pending >= rows_per_chunk:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    if buffer.tell():
        yield buffer.getvalue()
