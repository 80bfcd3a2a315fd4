"""Publication dates as written in reports -> ``datetime.date``.

ISO dates (and ISO date-times, whose calendar day as written is kept) are read directly;
other common forms ("14 June 2025", "June 14, 2025", "Sat, 14 Jun 2025 08:00:00 +0100",
"2025/06/14") go through dateparser restricted to English. All-numeric day/month forms
such as ``06/12/2025`` are refused when both orders are possible: a wrong date moves every
relative date ("yesterday") in the report, so an unknown date is better than a guess.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from tollwatch.errors import BadDate, ImplausibleDate

__all__ = ["EARLIEST_PUBLISHED", "FUTURE_SLACK", "check_plausible", "parse_date"]

#: No report is published before this day (a year 1 or 0001-01-01 is a placeholder, not a date).
EARLIEST_PUBLISHED = date(1900, 1, 1)
#: A report may be dated this much after the ingest day (time zones ahead of UTC), not more.
FUTURE_SLACK = timedelta(days=1)

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_PREFIX = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}")
_NUMERIC = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_YMD_SLASH = re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})$")
_HAS_YEAR = re.compile(r"\b\d{4}\b")

_DATEPARSER_SETTINGS: dict[str, Any] = {
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["custom-formats", "absolute-time"],  # no "yesterday": no clock here
}


def _checked(y: int, m: int, d: int, text: str) -> date:
    try:
        return date(y, m, d)
    except ValueError as exc:
        raise BadDate(
            f"date {text!r} does not exist ({exc})", hint="write it as YYYY-MM-DD"
        ) from exc


def parse_date(text: str) -> date:
    """Read one publication date; raise ``BadDate`` naming the text when it cannot be read."""
    value = text.strip()
    if not value:
        raise BadDate("empty date", hint="write it as YYYY-MM-DD or leave the field out")
    if _ISO_DAY.match(value):
        y, m, d = (int(p) for p in value.split("-"))
        return _checked(y, m, d, value)
    iso = _ISO_PREFIX.match(value)
    if iso:
        try:
            return datetime.fromisoformat(value).date()
        except ValueError:
            y, m, d = (int(p) for p in iso.group(1).split("-"))
            return _checked(y, m, d, value)
    ymd = _YMD_SLASH.match(value)
    if ymd:
        return _checked(int(ymd.group(1)), int(ymd.group(2)), int(ymd.group(3)), value)
    numeric = _NUMERIC.match(value)
    if numeric:
        a, b, y = int(numeric.group(1)), int(numeric.group(2)), int(numeric.group(3))
        if a <= 12 and b <= 12 and a != b:
            raise BadDate(
                f"date {value!r} is ambiguous (day/month or month/day)",
                hint="write it as YYYY-MM-DD, or as '12 June 2025'",
            )
        return _checked(y, b, a, value) if a > 12 or a == b else _checked(y, a, b, value)
    if not _HAS_YEAR.search(value):
        raise BadDate(f"date {value!r} has no year", hint="write it as YYYY-MM-DD")
    import dateparser

    parsed: datetime | None = dateparser.parse(
        value, languages=["en"], settings=_DATEPARSER_SETTINGS
    )
    if parsed is None:
        raise BadDate(f"cannot read date {value!r}", hint="write it as YYYY-MM-DD")
    return parsed.date()


def check_plausible(day: date, today: date) -> date:
    """``day`` if a report can have been published then; ``ImplausibleDate`` otherwise.

    The range is EARLIEST_PUBLISHED to ``today`` plus FUTURE_SLACK. Dates outside it are
    placeholders or typos (0001-01-01, 2205 for 2025) and would move every relative date in
    the report; reconciliation cannot place them in time at all near the calendar's ends.
    """
    latest = today + FUTURE_SLACK
    if EARLIEST_PUBLISHED <= day <= latest:
        return day
    when = "before" if day < EARLIEST_PUBLISHED else "after"
    bound = EARLIEST_PUBLISHED if day < EARLIEST_PUBLISHED else latest
    raise ImplausibleDate(
        f"date {day.isoformat()} is {when} {bound.isoformat()}: not a plausible publication date",
        hint=f"a report's date lies between {EARLIEST_PUBLISHED.isoformat()} and the day "
        "it is ingested; correct it",
    )
