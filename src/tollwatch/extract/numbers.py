"""Quantities in text: digits, number words, ranges, qualifiers and vague quantifiers.

``find_quantities(text)`` returns every quantity with its character span and an honest
low/best/high. The coding of qualifiers and vague words is documented in docs/extraction.md:
best is the conservative, ACLED-compatible figure; low/high bound what the words allow
(``None`` = the words give no bound).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.models import Qualifier

__all__ = ["VAGUE", "Quantity", "find_quantities", "parse_number_words"]

_UNITS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMBER_WORDS = {**_UNITS, **_TENS, **_SCALES}
del _NUMBER_WORDS["no"]

# Vague quantifiers: (low, best, high). best follows ACLED's fixed values where it has one
# (tens = 10, dozens = 12, hundreds = 100) and is otherwise the most conservative reading;
# low <= best always; high is the largest figure the word can honestly mean, or None.
VAGUE: dict[str, tuple[int, int, int | None]] = {
    "a couple of": (2, 2, 2),
    "a couple": (2, 2, 2),
    "a few": (2, 3, 9),
    "few": (2, 3, 9),
    "several": (3, 3, 9),
    "a handful of": (2, 3, 9),
    "a number of": (2, 2, None),
    "tens": (10, 10, 99),
    "tens of": (10, 10, 99),
    "dozens": (12, 12, 99),
    "dozens of": (12, 12, 99),
    "scores": (20, 20, 99),
    "scores of": (20, 20, 99),
    "hundreds": (100, 100, 999),
    "hundreds of": (100, 100, 999),
    "thousands": (1000, 1000, 9999),
    "thousands of": (1000, 1000, 9999),
    "tens of thousands": (10000, 10000, 99999),
    "tens of thousands of": (10000, 10000, 99999),
    "hundreds of thousands": (100000, 100000, 999999),
    "hundreds of thousands of": (100000, 100000, 999999),
    "millions": (1_000_000, 1_000_000, None),
    "millions of": (1_000_000, 1_000_000, None),
}

_WORD_NUM = (
    r"(?:(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?:(?:[\s-]+|(?:(?<=hundred)|(?<=thousand)|(?<=million))\s+and\s+)(?:"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r"))*)"
)
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+(?:\.\d+)?)(?:\s*(?:million|thousand))?"
)
_DOZEN = r"(?:a|one|half\s+a)\s+dozen|half\s+a\s+(?:million|thousand)|a\s+(?:million|thousand)"
_ATOM = rf"(?:{_DIGITS}|{_DOZEN}|{_WORD_NUM}(?:\s+dozen)?)"
_VAGUE_RE = "|".join(
    re.escape(v).replace(r"\ ", r"\s+") for v in sorted(VAGUE, key=len, reverse=True)
)

_AT_LEAST = (
    r"at\s+least|atleast|not\s+less\s+than|no\s+less\s+than|no\s+fewer\s+than|a\s+minimum\s+of|"
    r"more\s+than|over|upwards\s+of|in\s+excess\s+of|surpassed|surpassing|exceeded|exceeding|"
    r"topped|passed|above|at\s+least\s+some"
)
_AT_MOST = (
    r"up\s+to|as\s+many\s+as|fewer\s+than|less\s+than|at\s+most|no\s+more\s+than|a\s+maximum\s+of"
)
_ABOUT = (
    r"about|around|approximately|nearly|almost|roughly|some|an\s+estimated|estimated|close\s+to|"
    r"just\s+under|just\s+over|circa|approx\.?|some\s+estimated"
)
_QUAL = rf"(?P<qual>{_AT_LEAST}|{_AT_MOST}|{_ABOUT})\s+"
_RANGE = (
    rf"(?:between\s+(?P<b1>{_ATOM})(?:\s+(?:and|to)\s+|\s*[-–]\s*)(?P<b2>{_ATOM}))"
    rf"|(?:(?P<r1>{_ATOM})\s+(?:to|or)\s+(?P<r2>{_ATOM}))"
    rf"|(?:(?P<d1>{_DIGITS})\s*(?:-|–|—)\s*(?P<d2>{_DIGITS}))"
)

QUANTITY_RE = re.compile(
    rf"(?<![\w.,])(?:{_QUAL})?(?:{_RANGE}|(?P<vague>{_VAGUE_RE})|(?P<atom>{_ATOM}))(?![\w])",
    re.IGNORECASE,
)

_ROSE_FROM = re.compile(
    r"\b(?:rose|risen|rising|climbed|increased|jumped|grew|revised|raised|corrected|updated|"
    r"went\s+up|gone\s+up|fell|dropped|lowered)\s+from\s*$",
    re.I,
)
_AT_LEAST_RE = re.compile(rf"^(?:{_AT_LEAST})$", re.I)
_AT_MOST_RE = re.compile(rf"^(?:{_AT_MOST})$", re.I)
_UPPER_ABOUT = re.compile(r"^(?:nearly|almost|just\s+under)$", re.I)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity: its span in the text, its words and the figures they allow."""

    start: int
    end: int
    text: str
    low: int | None
    best: int | None
    high: int | None
    qualifier: Qualifier
    number_start: int  # span of the bare number (without the qualifier words)
    digits: bool  # written with digits


def parse_number_words(words: str) -> int | None:
    """'thirty-one' -> 31, 'one hundred and twenty' -> 120, '1,000' -> 1000, 'a dozen' -> 12."""
    s = words.strip().lower()
    if not s:
        return None
    dotted = re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s)
    if dotted:
        return int(s.replace(".", ""))  # "1.247": a thousands point, as many reports write it
    m = re.fullmatch(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(million|thousand))?", s)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALES[m.group(2)]
        elif "." in m.group(1):
            return None  # decimals are not head counts
        return int(value)
    if re.fullmatch(_DOZEN, s):
        scale = 12 if s.endswith("dozen") else _SCALES[s.split()[-1]]
        return scale // 2 if s.startswith("half") else scale
    dozen = s.endswith(" dozen")
    if dozen:
        s = s[: -len(" dozen")]
    total = 0
    current = 0
    seen = False
    for part in re.split(r"[\s-]+", s):
        if part == "and":
            continue
        if part in _UNITS and part != "no":
            current += _UNITS[part]
        elif part in _TENS:
            current += _TENS[part]
        elif part == "hundred":
            current = max(current, 1) * 100
        elif part in ("thousand", "million"):
            total += max(current, 1) * _SCALES[part]
            current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    return value * 12 if dozen else value


def _bounds(qual: str | None, value: int) -> tuple[int | None, int, int | None, Qualifier]:
    if qual is None:
        return value, value, value, Qualifier.EXACT
    q = re.sub(r"\s+", " ", qual.lower())
    if _AT_LEAST_RE.match(q):
        return value, value, None, Qualifier.AT_LEAST
    if _AT_MOST_RE.match(q):
        return None, value, value, Qualifier.AT_MOST
    if _UPPER_ABOUT.match(q):
        return None, value, value, Qualifier.ABOUT
    return None, value, None, Qualifier.ABOUT


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, left to right, not overlapping."""
    out: list[Quantity] = []
    for m in QUANTITY_RE.finditer(text):
        qual = m.group("qual")
        number_start = m.start("qual") if qual is None else m.end("qual")
        if qual is None:
            number_start = m.start()
        digits = any(ch.isdigit() for ch in m.group(0))
        if m.group("vague"):
            key = re.sub(r"\s+", " ", m.group("vague").lower())
            vlow, vbest, vhigh = VAGUE[key]
            out.append(
                Quantity(
                    m.start(),
                    m.end(),
                    m.group(0),
                    vlow,
                    vbest,
                    vhigh,
                    Qualifier.VAGUE,
                    number_start,
                    False,
                )
            )
            continue
        a_txt = m.group("b1") or m.group("r1") or m.group("d1")
        if a_txt and m.group("r2") and _ROSE_FROM.search(text[max(0, m.start() - 40) : m.start()]):
            # "the toll rose from 12 to 19": a revision to 19, not a range
            b_at = m.start("r2")
            value_b = parse_number_words(m.group("r2"))
            if value_b is not None:
                out.append(
                    Quantity(
                        b_at,
                        m.end(),
                        m.group("r2"),
                        value_b,
                        value_b,
                        value_b,
                        Qualifier.EXACT,
                        b_at,
                        any(ch.isdigit() for ch in m.group("r2")),
                    )
                )
            continue
        if a_txt:
            b_txt = m.group("b2") or m.group("r2") or m.group("d2")
            a, b = parse_number_words(a_txt), parse_number_words(b_txt)
            if a is None or b is None:
                continue
            if a < b:
                out.append(
                    Quantity(
                        m.start(),
                        m.end(),
                        m.group(0),
                        a,
                        a,
                        b,
                        Qualifier.RANGE,
                        number_start,
                        digits,
                    )
                )
                continue
            # "2020-21", "3-2": not a range of counts; keep the first number alone
            value = a
            end = m.start() + m.group(0).find(a_txt) + len(a_txt)
            low, best, high, qualifier = _bounds(qual, value)
            out.append(
                Quantity(
                    m.start(),
                    end,
                    text[m.start() : end],
                    low,
                    best,
                    high,
                    qualifier,
                    number_start,
                    digits,
                )
            )
            continue
        atom = parse_number_words(m.group("atom"))
        if atom is None:
            continue
        low, best, high, qualifier = _bounds(qual, atom)
        out.append(
            Quantity(
                m.start(), m.end(), m.group(0), low, best, high, qualifier, number_start, digits
            )
        )
    return out
