"""Split the optional header off a plain-text or Markdown report.

Three forms are read (keys: date/published, source, url/link, title, language; ``author``
is recognised and dropped, since names of people are sensitive)::

    date: 2025-06-11          date 2025-06-11            " date 2025-03-09 The toll rose..."
    source: Sahel Wire        source Sahel Wire
                                                         (third form: a date at the very
    Text...                   Text...                     start of the first line, the
                                                          text following on the same line)

plus Markdown front matter between ``---`` lines. A block of ``key value`` lines (no colon)
counts as a header only when a blank line follows it, or when it opens with a ``date`` line
holding a date and has a ``source`` line (``date 2025-03-09`` / ``source Wire`` / text, as real
exports have it); so a first sentence such as "Source close to the army said..." stays text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Header", "split_header"]

_KEYS = {
    "date": "date",
    "published": "date",
    "source": "source",
    "url": "url",
    "link": "url",
    "title": "title",
    "language": "language",
    "lang": "language",
    "author": "author",
}
_KEY_ALT = "|".join(sorted(_KEYS, key=len, reverse=True))
_SP = r"[^\S\r\n]"  # any whitespace but a line break (also no-break and other spaces)
_HEADER_LINE = re.compile(
    rf"^{_SP}*({_KEY_ALT})(?:{_SP}*(:){_SP}*|{_SP}+)(\S.*?)\s*$", re.IGNORECASE
)
_DATE_TOKEN = r"\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{4}"
_FIRST_LINE_DATE = re.compile(
    rf"^\ufeff?{_SP}*date{_SP}*:?{_SP}+({_DATE_TOKEN}){_SP}+(?=\S)", re.IGNORECASE
)
_DATED_FIRST = re.compile(rf"^\ufeff?{_SP}*date{_SP}*:?{_SP}+(?:{_DATE_TOKEN}){_SP}*\r?\n?$", re.I)
_FRONT_MATTER = re.compile(r"^---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Header:
    """What a header said; ``None`` where it said nothing."""

    date: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = None


def _header(values: dict[str, str]) -> Header:
    return Header(
        date=values.get("date"),
        source=values.get("source"),
        url=values.get("url"),
        title=values.get("title"),
        language=values.get("language"),
    )


def _front_matter(text: str) -> tuple[Header, str] | None:
    match = _FRONT_MATTER.match(text)
    if not match:
        return None
    values: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if sep and key in _KEYS and value.strip():
            values.setdefault(_KEYS[key], value.strip().strip("\"'"))
    return _header(values), text[match.end() :]


def split_header(text: str) -> tuple[Header, str]:
    """Return the header fields and the text without the header (leading blank lines removed).

    Pure: the same text always gives the same answer; nothing is parsed beyond splitting
    (dates are read later by ``ingest.dates.parse_date``).
    """
    text = text.removeprefix("\ufeff")
    first = _FIRST_LINE_DATE.match(text)
    if first:
        return Header(date=first.group(1)), text[first.end() :].strip()
    fm = _front_matter(text)
    if fm:
        return fm[0], fm[1].strip()

    values: dict[str, str] = {}
    all_colon = True
    pos = 0
    lines = text.splitlines(keepends=True)
    index = 0
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            break
        match = _HEADER_LINE.match(line)
        if not match:
            break
        key = _KEYS[match.group(1).lower()]
        if key in values:  # a repeated key is not a header any more
            break
        values[key] = match.group(3)
        all_colon = all_colon and match.group(2) == ":"
        pos += len(line)
        index += 1
    if not values:
        return Header(), text.strip()
    ends_blank = index < len(lines) and not lines[index].strip()
    # "date 2025-03-09" then "source Wire" with the text right below, as real exports have it
    dated = _DATED_FIRST.match(lines[0]) is not None and "source" in values
    if not (ends_blank or all_colon or dated):
        return Header(), text.strip()
    values.pop("author", None)
    return _header(values), text[pos:].strip()
