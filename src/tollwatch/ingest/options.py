"""What the user asked for when ingesting: defaults, format, column names, force.

The options travel with every recorded failure (as JSON) so ``--retry-failed`` reads the
raw input again exactly as it was first read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tollwatch.errors import IngestError

__all__ = ["FIELDS", "FORMATS", "IngestOptions", "parse_field_map"]

#: The formats a reader exists for.
FORMATS = ("txt", "md", "html", "jsonl", "csv")

#: Canonical record keys (``--field KEY=COLUMN`` maps a column onto one of these).
FIELDS = ("text", "date", "url", "source", "title", "id")


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How to read inputs.

    ``date`` and ``source`` fill reports that lack their own; ``format`` forces a reader
    (required for stdin unless it is plain text); ``fields`` maps canonical keys to other
    column/key names in JSONL and CSV; ``force`` re-stores reports already present and marks
    them for re-extraction; ``batch_size`` is the number of reports per transaction;
    ``sensitive`` stores every report as sensitive (its text withheld from the public), and is
    kept with a failure so that a retry stores it so too.
    """

    date: date | None = None
    source: str | None = None
    format: str | None = None
    fields: tuple[tuple[str, str], ...] = ()
    force: bool = False
    batch_size: int = 200
    sensitive: bool = False
    # set by --retry-failed: a supplied --date also replaces dates that could not be read
    date_overrides_bad: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            raise IngestError(
                f"unknown format {self.format!r}",
                hint=f"use one of {', '.join(FORMATS)}",
            )
        if self.batch_size < 1:
            raise IngestError(f"batch size must be at least 1, not {self.batch_size}")

    def column(self, key: str) -> str:
        """The column/key name that holds canonical ``key`` in this input."""
        for k, col in self.fields:
            if k == key:
                return col
        return key

    def to_json(self) -> str:
        """The options that change how raw input is read (stored with a failure)."""
        value: dict[str, Any] = {
            "date": self.date.isoformat() if self.date else None,
            "source": self.source,
            "format": self.format,
            "fields": [list(pair) for pair in self.fields],
        }
        if self.sensitive:
            value["sensitive"] = True
        return json.dumps(value, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None, **overrides: Any) -> IngestOptions:
        """Options stored with a failure, with non-empty ``overrides`` taking precedence."""
        value: dict[str, Any] = json.loads(text) if text else {}
        stored = cls(
            date=date.fromisoformat(value["date"]) if value.get("date") else None,
            source=value.get("source"),
            format=value.get("format"),
            fields=tuple((str(k), str(c)) for k, c in value.get("fields") or ()),
            sensitive=bool(value.get("sensitive")),
        )
        return replace(stored, **{k: v for k, v in overrides.items() if v not in (None, ())})


def parse_field_map(specs: list[str] | tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Parse ``--field`` values such as ``text=body`` into (key, column) pairs."""
    pairs: dict[str, str] = {}
    for spec in specs:
        key, sep, column = spec.partition("=")
        key, column = key.strip().lower(), column.strip()
        if not sep or not column:
            raise IngestError(
                f"--field {spec!r} is not KEY=COLUMN", hint="for example --field text=body"
            )
        if key == "published":
            key = "date"
        if key not in FIELDS:
            raise IngestError(
                f"--field {spec!r}: unknown key {key!r}", hint=f"keys are {', '.join(FIELDS)}"
            )
        pairs[key] = column
    return tuple(sorted(pairs.items()))
