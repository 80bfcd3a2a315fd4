"""JSON Lines: one JSON object per line, keys in column order, streamed in chunks."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

__all__ = ["jsonl_chunks"]


def jsonl_chunks(
    records: Iterable[Mapping[str, Any]], columns: Sequence[str], *, rows_per_chunk: int = 500
) -> Iterator[str]:
    """Each record as one line of JSON (``null`` = unknown)."""
    lines: list[str] = []
    for record in records:
        lines.append(json.dumps({c: record.get(c) for c in columns}, ensure_ascii=False))
        if len(lines) >= rows_per_chunk:
            yield "\n".join(lines) + "\n"
            lines = []
    if lines:
        yield "\n".join(lines) + "\n"
