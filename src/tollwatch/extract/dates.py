"""Date expressions in a sentence, resolved against an anchor date (never after it).

``find_dates(sentence, anchor)`` returns each expression with its span, resolved range and
whether it dates a statement ("residents said on Saturday") rather than an event. Relative
expressions that look back from a statement ("the previous day", "a day earlier") are
resolved against the statement date of the same sentence when there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tollwatch.models import DatePrecision, DateRange

__all__ = ["DateMention", "Republication", "find_dates", "own_dateline", "republication"]

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<{n}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "dmy",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH.format(n='m')}(?:,?\s+(?P<y>\d{{4}}))?\b",
            re.I,
        ),
    ),
    (
        "mdy",
        re.compile(
            rf"\b{_MONTH.format(n='m')}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{{4}}))?\b",
            re.I,
        ),
    ),
    ("slash", re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{2,4}))?\b")),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<last>last|this\s+past|on|late|early)\s+)?(?P<wd>monday|tuesday|wednesday|"
            rf"thursday|friday|saturday|sunday)(?:'s)?{_PART}\b",
            re.I,
        ),
    ),
    ("yesterday", re.compile(rf"\b(?:yesterday{_PART}|last\s+night|overnight)\b", re.I)),
    ("today", re.compile(r"\b(?:today|this\s+(?:morning|afternoon|evening)|tonight)\b", re.I)),
    (
        "previous",
        re.compile(
            r"\b(?:the\s+(?:previous|preceding)\s+(?:day|night|evening)|the\s+day\s+before|"
            r"a\s+day\s+(?:earlier|before)|the\s+night\s+before)\b",
            re.I,
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|two|three|four|five|six|seven)\s+days\s+(?:ago|earlier|before)\b", re.I
        ),
    ),
    ("lastweek", re.compile(r"\b(?:last|the\s+previous|the\s+past)\s+week(?:end)?\b", re.I)),
    ("thisweek", re.compile(r"\b(?:earlier\s+)?this\s+week\b", re.I)),
    ("lastmonth", re.compile(r"\blast\s+month\b", re.I)),
    ("thismonth", re.compile(r"\b(?:earlier\s+)?this\s+month\b", re.I)),
    (
        "month",
        re.compile(
            rf"\b(?:in|during|throughout)\s+{_MONTH.format(n='m')}(?:\s+(?P<y>\d{{4}}))?\b", re.I
        ),
    ),
    # "since March, when 21 were killed", "last May, when ...": the month a when-clause is of
    (
        "month",
        re.compile(
            rf"(?=(?-i:[A-Z])){_MONTH.format(n='m')}(?:\s+(?P<y>\d{{4}}))?(?=,?\s+when\b)", re.I
        ),
    ),
    # "February's death toll", "March 2024's figure": the month a figure is of
    ("month", re.compile(rf"\b{_MONTH.format(n='m')}(?:\s+(?P<y>\d{{4}}))?['\u2019]s\b", re.I)),
]
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_STATEMENT = re.compile(
    r"\b(?:said|says|reported|reports|told|stated|announced|according|confirmed|added|noted|"
    r"claimed|published|updated|statement|bulletin|tweeted|posted)\b",
    re.I,
)
_LOOKBACK = {"previous", "ago"}
# "(hours) after the fighting broke out Friday": the date when what followed began
_ONSET = re.compile(
    r"\b(?:after|since)\b[^.;]{0,60}?\b(?:broke\s+out|began|started|erupted|flared(?:\s+up)?)"
    r"\s+(?:on\s+)?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    text: str
    range: DateRange
    statement: bool  # dates a statement ("police said on Friday"), not the event
    onset: bool = False  # "after the violence broke out Friday": the events began that day


def _month(name: str) -> int:
    return _MONTHS[name.lower()[:3]]


_SOON_DAYS = 14
"""A day and month without a year this close after publication is a coming day (a plan), not
the same day of the year before."""


def _latest_not_after(month: int, day: int, year: int | None, anchor: date) -> date | None:
    try:
        if year is not None:
            d = date(year, month, day)
            return d if d <= anchor else None
        d = date(anchor.year, month, day)
        if d <= anchor:
            return d
        if (d - anchor).days <= _SOON_DAYS:
            return None  # "the burial will take place on December 20", told on 16 December
        return date(anchor.year - 1, month, day)
    except ValueError:
        return None


def _day(d: date | None, expr: str, anchor: date) -> DateRange | None:
    if d is None or d > anchor:
        return None
    return DateRange(d, d, DatePrecision.DAY, expr, anchor)


def _resolve(kind: str, m: re.Match[str], anchor: date) -> DateRange | None:
    expr = m.group(0)
    if kind in ("dmy", "mdy"):
        y = int(m.group("y")) if m.group("y") else None
        if y is None and re.match(r",?\s+(?:of\s+)?last\s+year\b", m.string[m.end() :], re.I):
            y = anchor.year - 1  # "on May 3 last year"
        return _day(
            _latest_not_after(_month(m.group("m")), int(m.group("d")), y, anchor), expr, anchor
        )
    if kind == "slash":
        day, month = int(m.group("d")), int(m.group("m"))
        ys: str | None = m.group("y")
        year = None if ys is None else (int(ys) + 2000 if len(ys) == 2 else int(ys))
        if month > 12:
            return None
        return _day(_latest_not_after(month, day, year, anchor), expr, anchor)
    if kind == "weekday":
        wd = _WEEKDAYS.index(m.group("wd").lower())
        back = (anchor.weekday() - wd) % 7
        if back == 0 and m.group("last") and m.group("last").lower() in ("last", "this past"):
            back = 7
        return _day(anchor - timedelta(days=back), expr, anchor)
    if kind == "yesterday":
        return _day(anchor - timedelta(days=1), expr, anchor)
    if kind == "today":
        return _day(anchor, expr, anchor)
    if kind == "previous":
        return _day(anchor - timedelta(days=1), expr, anchor)
    if kind == "ago":
        n = m.group("n").lower()
        days = int(n) if n.isdigit() else _SMALL[n]
        return _day(anchor - timedelta(days=days), expr, anchor)
    if kind == "lastweek":
        start = anchor - timedelta(days=anchor.weekday() + 7)
        return DateRange(start, start + timedelta(days=6), DatePrecision.WEEK, expr, anchor)
    if kind == "thisweek":
        return DateRange(
            anchor - timedelta(days=anchor.weekday()), anchor, DatePrecision.WEEK, expr, anchor
        )
    if kind == "lastmonth":
        end = anchor.replace(day=1) - timedelta(days=1)
        return DateRange(end.replace(day=1), end, DatePrecision.MONTH, expr, anchor)
    if kind == "thismonth":
        return DateRange(anchor.replace(day=1), anchor, DatePrecision.MONTH, expr, anchor)
    if kind == "month":
        month = _month(m.group("m"))
        year = int(m.group("y")) if m.group("y") else anchor.year
        if year == anchor.year and month > anchor.month and not m.group("y"):
            year -= 1
        start = date(year, month, 1)
        if start > anchor:
            return None
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        end = min(nxt - timedelta(days=1), anchor)
        return DateRange(start, end, DatePrecision.MONTH, expr, anchor)
    return None


_CASUALTY = re.compile(r"\bkill|\bdied|\bdead\b|\bdeaths?\b|\binjur|\bwound|\btoll\b", re.I)
# "police said on Friday", "told the station on Monday", "in a statement on Sunday": the speech
# verb comes first in the same clause (no comma and no casualty word between it and the date)
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|reported|reports|told|stated|announced|according|confirmed|added|noted|"
    r"claimed|published|updated|statement|bulletin|tweeted|posted)\b(?P<gap>[^,;.]{0,45})$",
    re.I,
)
# "police on Friday said": the date sits between the speaker and the speech verb
_SPEECH_AFTER = re.compile(
    r"^\s+(?:morning\s+|evening\s+|night\s+)?(?:said|says|reported|told|stated|announced|"
    r"confirmed|added|claimed|published|updated|tweeted|posted)\b",
    re.I,
)


def _is_statement(sentence: str, start: int, end: int) -> bool:
    """A date of the statement, not of the event.

    "X were killed on Tuesday, police said": Tuesday is in the figure's own clause, so it dates
    the event; only a date that follows its speech verb in the same clause ("police said on
    Tuesday") or stands between speaker and verb ("police on Tuesday said") dates the statement.
    """
    m = _SPEECH_BEFORE.search(sentence[max(0, start - 70) : start])
    if m and not _CASUALTY.search(m.group("gap")):
        return True
    if _SPEECH_AFTER.match(sentence[end : end + 30]):
        return True
    # "On Saturday morning, residents reported that ...": the date opens the speaker's clause
    own = re.split(r"[;:]", sentence[:start])[-1]
    return not _CASUALTY.search(own) and bool(_SPEAKER_NEXT.match(sentence[end : end + 60]))


_SPEAKER_NEXT = re.compile(
    r"\s*,?\s*(?:[\w'’\-]+\s+){1,5}(?:said|says|reported|told|stated|announced|confirmed|"
    r"added|claimed)\b",
    re.I,
)


_YEARED = frozenset({"dmy", "mdy", "slash", "month"})
_FAR = date(2999, 12, 31)


def find_dates(sentence: str, anchor: date | None) -> list[DateMention]:
    """Date expressions in ``sentence`` resolved against ``anchor`` (the publication date).

    Without an anchor only dates that name their year ("on 22 March 2024") can be resolved.
    """
    if anchor is None:
        return [
            DateMention(m.start, m.end, m.text, replace(m.range, anchor=None), m.statement, m.onset)
            for m in find_dates(sentence, _FAR)
            if m.range.expression is not None and _YEAR.search(m.range.expression)
        ]
    found: list[tuple[int, int, str, re.Match[str]]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda t: t[0])
    mentions: list[DateMention] = []
    statement_date: date | None = None
    for start, end, kind, m in found:
        if kind in _LOOKBACK:
            continue
        rng = _resolve(kind, m, anchor)
        if rng is None:
            continue
        onset = bool(_ONSET.search(sentence[max(0, start - 100) : start]))
        stmt = not onset and _is_statement(sentence, start, end)
        if stmt and rng.start is not None and statement_date is None:
            statement_date = rng.start
        mentions.append(DateMention(start, end, m.group(0), rng, stmt, onset))
    for start, end, kind, m in found:
        if kind not in _LOOKBACK:
            continue
        rng = _resolve(kind, m, statement_date or anchor)
        if rng is not None:
            mentions.append(DateMention(start, end, m.group(0), rng, False))
    mentions.sort(key=lambda d: d.start)
    return mentions


@dataclass(frozen=True, slots=True)
class Republication:
    start: int  # the note's span in the report's text
    end: int
    original: date  # when the republished story first appeared


# "(Republished from The Valley Herald, 4 March 2025)", "Originally published on March 4, 2025"
_REPUBLISHED = re.compile(
    r"\b(?:republished|reprinted|reposted|syndicated|originally\s+(?:published|appeared)|first\s+"
    r"(?:published|appeared))\b[^.()\n]{0,80}?"
    rf"(?:\b(?P<d1>\d{{1,2}})\s+{_MONTH.format(n='m1')},?\s+(?P<y1>\d{{4}})|"
    rf"\b{_MONTH.format(n='m2')}\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}}))\)?",
    re.I,
)


def republication(text: str, published: date | None) -> Republication | None:
    """A note that the report republishes a story first published on an earlier day: its
    relative dates ("on Saturday") are of that day, not of the copy's page."""
    if published is None:
        return None
    m = _REPUBLISHED.search(text[:2000])
    if m is None:
        return None
    day, month, year = (m["d1"], m["m1"], m["y1"]) if m["d1"] else (m["d2"], m["m2"], m["y2"])
    try:
        original = date(int(year), _month(month), int(day))
    except ValueError:
        return None
    if original > published:
        return None
    start = m.start() - 1 if m.start() > 0 and text[m.start() - 1] == "(" else m.start()
    return Republication(start, m.end(), original)


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATELINE = re.compile(
    rf"(?:\b{_MONTH.format(n='m')}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)|"
    rf"\b(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH.format(n='m2')},?\s+(?P<y2>(?:19|20)\d\d))\b",
    re.I,
)
_NOT_DATELINE = re.compile(
    r"\b(?:kill|died|dead|death|injur|wound|attack|explo|shot|fire|bomb|on\s+\w+\s+\d|since)", re.I
)


def own_dateline(text: str, lines: int = 6) -> date | None:
    """The date a report gives itself in a short line of its own near the top ("Saturday,
    January 6, 2024", "Last Updated: December 20, 2023", "World | May 5, 2024 / 12:32 PM"):
    an undated report's relative dates ("on Wednesday") are read from it."""
    seen = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        seen += 1
        if seen > lines:
            break
        m = _DATELINE.search(line)
        if m is None or len(line) > 60 or _NOT_DATELINE.search(line):
            continue
        month, day, year = (m["m"], m["d"], m["y"]) if m["d"] else (m["m2"], m["d2"], m["y2"])
        try:
            return date(int(year), _month(month), int(day))
        except ValueError:
            continue
    return None
