"""The period a running toll covers: "since Thursday", "over four days", "in March", "last month".

``find_period(sentence, anchor, until)`` returns the span stated in the sentence as a
``DateRange`` with precision ``PERIOD`` (start = the first day the words allow, end = the
statement date or publication), or None when the sentence states no period. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tollwatch.extract.dates import DateMention
from tollwatch.extract.numbers import _UNITS
from tollwatch.models import DatePrecision, DateRange

__all__ = [
    "Period",
    "clause_bounds",
    "clause_period",
    "find_period",
    "same_period",
    "stated_span",
    "year_before",
]

_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()  # noqa: SIM905
_MONTH = (
    r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# "over four days", "a week", "several months": the number words of numbers.py up to twelve,
# and the vague counts a span is told in
_SMALL = {word: n for word, n in _UNITS.items() if 1 <= n <= 12} | {"a": 1, "several": 3, "few": 2}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
# "since fighting erupted in the city on April 24": the date that closes a since-clause
_SINCE = re.compile(r"\bsince\b", re.I)
_SINCE_START_OF = re.compile(
    rf"\bsince\s+(?:the\s+)?(?:start|beginning|outset|turn)\s+of\s+(?:(?:the\s+)?(?:month|year)\b|"
    rf"this\s+(?:month|year)\b|{_MONTH}\b(?:\s+(?P<y>\d{{4}}))?)",
    re.I,
)
_SINCE_MONTH = re.compile(
    rf"\bsince\s+(?P<part>early\s+|mid-?)?{_MONTH}\b(?!\s+\d{{1,2}}\b)(?:\s+(?P<y>\d{{4}}))?", re.I
)
_SINCE_YEAR = re.compile(r"\bsince\s+(?:(?:early|late|mid-?)\s*)?(?P<y>1[89]\d\d|20\d\d)\b", re.I)
_OVER_SPAN = re.compile(
    r"\b(?:over|in|during|within|across|for)\s+(?:the\s+|these\s+|those\s+)?"
    r"(?:(?:past|last|previous|preceding)\s+)?"
    r"(?P<n>\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)\s+"
    r"(?P<u>day|week|month|year)s?\b|\b(?:over|in|during)\s+the\s+(?:past|last)\s+(?P<u1>day|week|"
    r"month|year)\b",
    re.I,
)
_M = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_EDGE = r"(?:(?P<{p}part>mid-?|early\s+|late\s+|the\s+(?:start|beginning|end)\s+of\s+))?"
# "between 1 January and 31 March 2024", "from April to June", "from mid-May to the end of June"
_BETWEEN = re.compile(
    r"\b(?:between|from)\s+"
    + _EDGE.format(p="a")
    + rf"(?:(?P<ad>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<am>{_M})\.?(?:\s+(?P<ad2>\d{{1,2}})\b)?"
    r"(?:,?\s+(?P<ay>\d{4}))?\s+(?:and|to|until|till|through|-|–)\s+"
    + _EDGE.format(p="b")
    + rf"(?:(?P<bd>\d{{1,2}})(?:st|nd|rd|th)?\s+)?(?P<bm>{_M})\.?(?:\s+(?P<bd2>\d{{1,2}})\b)?"
    r"(?:,?\s+(?P<by>\d{4}))?",
    re.I,
)


def _edge_day(part: str | None, day: str | None, year: int, month: int, end: bool) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = (nxt - timedelta(days=1)).day
    if day:
        return date(year, month, min(int(day), last))
    p = (part or "").lower()
    if p.startswith("mid"):
        return date(year, month, 15)
    if "start" in p or "beginning" in p or p.startswith("early"):
        return date(year, month, 1 if not end else 10)
    if "end" in p or p.startswith("late"):
        return date(year, month, last if end else 20)
    return date(year, month, last if end else 1)


# "between 23 and 25 December", "from 27 to 31 March 2022": days of one month
_DAYS_BETWEEN = re.compile(
    rf"\b(?:between|from)\s+(?P<a>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:and|to|until|-|–)\s+"
    rf"(?P<b>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_M})\.?(?:,?\s+(?P<y>\d{{4}}))?\b",
    re.I,
)


def _between(sentence: str, last: date, anchor: date) -> Period | None:
    days = _DAYS_BETWEEN.search(sentence)
    if days:
        month = _month(days.group("m"))
        year = int(days.group("y")) if days.group("y") else last.year
        if not days.group("y") and month > last.month:
            year -= 1
        try:
            first, end = (
                date(year, month, int(days.group("a"))),
                date(year, month, int(days.group("b"))),
            )
        except ValueError:
            return None
        return _span(first, min(end, last), days.group(0), anchor, "span")
    m = _BETWEEN.search(sentence)
    if not m:
        return None
    am, bm = _month(m.group("am")), _month(m.group("bm"))
    year_b = int(m.group("by") or m.group("ay") or 0) or None
    if year_b is None:
        year_b = last.year if bm <= last.month else last.year - 1
    year_a = int(m.group("ay")) if m.group("ay") else (year_b if am <= bm else year_b - 1)
    try:
        first = _edge_day(m.group("apart"), m.group("ad") or m.group("ad2"), year_a, am, False)
        end = _edge_day(m.group("bpart"), m.group("bd") or m.group("bd2"), year_b, bm, True)
    except ValueError:
        return None
    return _span(first, min(end, last), m.group(0), anchor, "span")


# "in the previous 24 hours", "over the past 48 hours"
_OVER_HOURS = re.compile(
    r"\b(?:over|in|during|within)\s+the\s+(?:past|last|previous|preceding)\s+(?P<n>\d{1,3})\s+"
    r"hours\b",
    re.I,
)
# "across the country", "across Ukraine", "throughout the Gaza Strip": a figure for an area
_ACROSS = re.compile(
    r"\b(?:across|throughout)\s+(?:the\s+)?(?:country|region|province|state|strip|territory|"
    r"[A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)*)\b"
)
# "two days of clashes", "a week of fighting"
_SPAN_OF = re.compile(
    r"\b(?P<n>\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|"
    r"few)\s+(?P<u>day|week|month|year)s?\s+of\s+(?:\w+\s+)?(?:fighting|clashes|violence|unrest|"
    r"attacks|air\s*strikes|airstrikes|strikes|bombardment|shelling|hostilities|raids|protests)\b",
    re.I,
)
# "in the first three months of the year", "the first half of 2024"
_FIRST_MONTHS = re.compile(
    r"\bthe\s+first\s+(?:(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|half)"
    r"\s*(?:months?\s+)?)of\s+(?:the\s+year|this\s+year|(?P<y>20\d\d))\b",
    re.I,
)
_THIS_YEAR = re.compile(r"\b(?:so\s+far\s+)?this\s+year\b|\bsince\s+(?:january|jan)\s+1\b", re.I)
# historical or war-wide: "since the war began", "in 2004"
_YEAR_IN = re.compile(
    r"\b(?:in|during|by|since|of)\s+(?:(?:early|late|mid-?)\s*)?(?P<y>1[89]\d\d|20\d\d)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Period:
    range: DateRange
    words: str  # the words that state it: "since fighting erupted in the city on April 24"
    kind: str = "since"  # "since" | "span" ("over four days", "this year") | "named" ("in March")


def _month(name: str) -> int:
    return _MONTHS.index(name.lower()[:3]) + 1


def _span(first: date, last: date, words: str, anchor: date, kind: str = "since") -> Period | None:
    if first > last:
        return None
    return Period(DateRange(first, last, DatePrecision.PERIOD, words, anchor), words, kind)


# "the deadliest attack since March": a comparison, not the start of a period
_COMPARISON = re.compile(
    r"\b(?:worst|deadliest|bloodiest|biggest|largest|heaviest|highest|first|most\s+\w+|"
    r"single\s+\w+|fiercest|major|level|moved|changed|unchanged|seen)\b[^,;.]{0,40}$|"
    # "under Hamas control since 2007", "in power since 2011": the since-clause dates a state
    r"\b(?:control|rule|power|office|custody|exile|detention|siege|blockade|lockdown|founded|"
    r"established|governed|ruled|held|operating)\b[^,;.]{0,15}$",
    re.I,
)


def _clause_end(sentence: str, start: int) -> int:
    m = re.search(r"[,;.]|\s+(?:and|but)\s+|$", sentence[start:])
    return start + (m.start() if m else len(sentence) - start)


_STATE_SINCE = re.compile(
    r"\b(?:control|rule|power|office|custody|exile|detention|founded|established|governed|ruled|"
    r"held|operating)\b[^,;.]{0,15}\bsince\s+$",
    re.I,
)
# where one clause of a sentence ends and the next begins: "..., adding that ...", "; ..."
_CLAUSE_BREAK = re.compile(r";|,\s+(?:adding|and\s+added|while|whereas|but)\b|\s[—–]\s")


def clause_bounds(sentence: str, at: int) -> tuple[int, int]:
    """Start and end of the clause of ``sentence`` that holds position ``at``."""
    start, end = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return start, end


def clause_period(
    sentence: str,
    at: int,
    mentions: list[DateMention],
    anchor: date | None,
    until: date | None,
) -> Period | None:
    """The period stated in the clause of ``sentence`` that holds position ``at``.

    "80 new deaths, adding that 89,097 were wounded since the war began": the since-clause
    belongs to the wounded figure only.
    """
    start, end = clause_bounds(sentence, at)
    inside = [
        replace(d, start=d.start - start, end=d.end - start)
        for d in mentions
        if start <= d.start and d.end <= end
    ]
    return find_period(sentence[start:end], inside, anchor, until)


def stated_span(sentence: str) -> str | None:
    """The words of a span the sentence counts over ("in these 365 days", "over the past four
    months"), found without a date to anchor it (a report with no date)."""
    m = _OVER_SPAN.search(sentence)
    return m.group(0) if m else None


def find_period(
    sentence: str,
    mentions: list[DateMention],
    anchor: date | None,
    until: date | None,
) -> Period | None:
    """The period stated in ``sentence``; ``until`` is the statement date (or publication)."""
    if anchor is None:
        return None
    last = until or anchor
    between = _between(sentence, last, anchor)
    if between is not None:
        return between
    for m in _SINCE.finditer(sentence):
        if _COMPARISON.search(sentence[max(0, m.start() - 60) : m.start()]):
            continue
        stop = _clause_end(sentence, m.end())
        # a date inside the since-clause ("since ... broke out on January 16") opens the period
        inside = [
            d
            for d in mentions
            if m.end() <= d.start and d.start - m.end() <= 110 and not d.statement
        ]
        inside = [d for d in inside if d.start <= stop + 40 and d.range.start is not None]
        words = sentence[m.start() : stop].strip()
        first = inside[0].range.start if inside else None
        if inside and first is not None:
            return _span(first, last, sentence[m.start() : inside[0].end].strip(), anchor)
        so = _SINCE_START_OF.match(sentence, m.start())
        if so:
            if so.group("m"):
                month = _month(so.group("m"))
                year = int(so.group("y")) if so.group("y") else last.year
                if not so.group("y") and month > last.month:
                    year -= 1
                return _span(date(year, month, 1), last, so.group(0), anchor)
            if "month" in so.group(0).lower():
                return _span(last.replace(day=1), last, so.group(0), anchor)
            return _span(date(last.year, 1, 1), last, so.group(0), anchor)
        sm = _SINCE_MONTH.match(sentence, m.start())
        if sm:
            month = _month(sm.group("m"))
            year = int(sm.group("y")) if sm.group("y") else last.year
            if not sm.group("y") and month > last.month:
                year -= 1
            day = 15 if (sm.group("part") or "").lower().startswith("mid") else 1
            return _span(date(year, month, day), last, sm.group(0), anchor)
        sy = _SINCE_YEAR.match(sentence, m.start())
        if sy:
            return _span(date(int(sy.group("y")), 1, 1), last, sy.group(0), anchor)
        if words:
            # "since the state of emergency was declared": a period whose start is not stated
            return Period(DateRange(None, last, DatePrecision.PERIOD, words, anchor), words)
    hours = _OVER_HOURS.search(sentence)
    if hours:
        # "in the previous 24 hours": the days those hours reach into, to the statement
        n = int(hours.group("n"))
        return _span(last - timedelta(days=-(-n // 24)), last, hours.group(0), anchor, "span")
    # "the highest monthly toll in a year": a comparison, not the span of the count
    spans = [*_OVER_SPAN.finditer(sentence), *_SPAN_OF.finditer(sentence)]
    over = next(
        (m for m in spans if not _COMPARISON.search(sentence[max(0, m.start() - 60) : m.start()])),
        None,
    )
    if over:
        n_txt = (over.group("n") or "one").lower()
        n = int(n_txt) if n_txt.isdigit() else _SMALL.get(n_txt, 1)
        unit = (over.group("u") or over.groupdict().get("u1") or "day").lower()
        days = n * _UNIT_DAYS[unit]
        return _span(last - timedelta(days=days - 1), last, over.group(0), anchor, "span")
    fm = _FIRST_MONTHS.search(sentence)
    if fm:
        n_txt = fm.group("n").lower()
        months = 6 if n_txt == "half" else (int(n_txt) if n_txt.isdigit() else _SMALL.get(n_txt, 1))
        year = int(fm.group("y")) if fm.group("y") else last.year
        end_month = min(months, 12)
        try:
            end = _edge_day(None, None, year, end_month, True)
        except ValueError:
            return None
        return _span(date(year, 1, 1), min(end, last), fm.group(0), anchor, "span")
    ty = _THIS_YEAR.search(sentence)
    if ty:
        return _span(date(last.year, 1, 1), last, ty.group(0), anchor, "span")
    for d in mentions:
        if d.statement or d.range.start is None or d.range.end is None:
            continue
        if d.range.precision in (DatePrecision.MONTH, DatePrecision.WEEK):
            return _span(d.range.start, d.range.end, d.text, anchor, "named")
    across = _ACROSS.search(sentence)
    if across:
        # "killed 12 civilians across the country on Saturday": an area's figure for one day
        on_day = [d for d in mentions if not d.statement and d.range.precision is DatePrecision.DAY]
        if len(on_day) == 1 and on_day[0].range.start is not None:
            one = on_day[0].range.start
            return _span(one, one, f"{across.group(0)} {on_day[0].text}", anchor, "span")
    return None


_SAME_PERIOD = re.compile(
    r"\b(?:over|during|in|for|across|within)\s+the\s+same\s+(?:period|time|span|days|weeks)\b",
    re.I,
)


def same_period(sentence: str) -> bool:
    """The sentence refers back to the period of the one before ("over the same period")."""
    return bool(_SAME_PERIOD.search(sentence))


_YEAR_ANY = re.compile(
    rf"\b(?:(?P<d>\d{{1,2}})\s+)?(?:(?P<m>{_M})\.?\s+(?:(?P<d2>\d{{1,2}}),?\s+)?)?"
    r"(?P<y>1[89]\d\d|20\d\d)\b(?!\s*(?:-|–)\s*\d)",
    re.I,
)


def year_before(words: str, anchor: date | None) -> bool:
    """The words date their figure to a year that ended long before publication.

    "in 2004 hundreds died", "the October 2017 bombing that killed 500": a stated year (with
    its month or day when given) whose end lies more than a year before ``anchor``.
    """
    if anchor is None:
        return False
    for m in _YEAR_ANY.finditer(words):
        if _STATE_SINCE.search(words[max(0, m.start() - 60) : m.start()]):
            continue  # "under Hamas control since 2007": the year dates a state, not the figure
        year = int(m.group("y"))
        if year >= anchor.year:
            continue
        month = _month(m.group("m")) if m.group("m") else 12
        day = m.group("d") or m.group("d2")
        try:
            end = _edge_day(None, day, year, month, True)
        except ValueError:
            continue
        if (anchor - end).days > 366:
            return True
    return False
