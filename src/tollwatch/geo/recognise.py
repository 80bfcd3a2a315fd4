"""Toponym recognition by gazetteer: capitalised word runs whose name (or a sub-run's) is in
the gazetteer. Used to build a report's context and for the end-to-end evaluation.

It is deliberately conservative: a run is kept only when the gazetteer knows it, weekday,
month and common sentence-initial words are skipped, and a run right after a personal title
("President", "Mr") or followed by a verb of speech is taken for a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tollwatch.geo._text import name_key
from tollwatch.geo.gazetteer import Gazetteer

__all__ = ["STOP_WORDS", "Toponym", "is_calendar_word", "recognise"]

_RUN = re.compile(
    r"(?<![\w’'])(?:[A-Z][\w’'\.\-]*|U\.S\.)"
    r"(?:(?:\s+|-)(?:(?:al|el|ad|as|ash|at|ar|az|an|ez|es|ed|of|de|du|des|la|le|di|da|bin|bani|upon|on)(?:\s+|-))?"
    r"[A-Z][\w’'\.\-]*)*"
)
_TITLES = re.compile(
    r"(?:President|Mr|Mrs|Ms|Dr|Sheikh|General|Gen|Colonel|Col|Minister|Senator|Sen|Rep|Judge|"
    r"Governor|Gov|Mayor|King|Prince|Queen|Pope|Saint|Imam|Commander|Chief|Officer|Sgt|Capt|Lt|"
    r"Rev|Father|Brother|Sister|legislator|spokesman|spokeswoman|said)\.?\s+$"
)
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "on",
        "in",
        "at",
        "of",
        "for",
        "and",
        "or",
        "but",
        "if",
        "as",
        "by",
        "to",
        "from",
        "with",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "there",
        "here",
        "when",
        "while",
        "after",
        "before",
        "since",
        "during",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "also",
        "read",
        "what",
        "who",
        "where",
        "why",
        "how",
        "according",
        "however",
        "meanwhile",
        "residents",
        "sunni",
        "sunnis",
        "shia",
        "shiite",
        "alawite",
        "alawites",
        "christian",
        "christians",
        "muslim",
        "muslims",
        "islamic",
        "state",
        "army",
        "police",
        "government",
        "ministry",
        "observatory",
        "news",
        "agency",
        "associated",
        "press",
        "reuters",
        "afp",
        "ap",
        "update",
        "breaking",
        "photo",
        "video",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "dozen",
        "dozens",
        "several",
        "scores",
        "first",
        "second",
        "third",
        "both",
        "all",
        "no",
        "none",
        "each",
        "every",
        "another",
        "other",
        "others",
        "security",
        "unknown",
        "unidentified",
        "suspected",
        "armed",
        "gunmen",
        "militants",
        "rebels",
        "protesters",
        "rioters",
        "soldiers",
        "troops",
        "forces",
        "military",
        "civilians",
        "local",
        "national",
        "international",
        "federal",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "today",
        "yesterday",
        "tonight",
        "night",
        "morning",
        "evening",
        "afternoon",
        "many",
        "some",
        "most",
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
    ]
)


STOP_WORDS = _STOP

_WEEKDAYS = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "weds",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ]
)
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)


def is_calendar_word(key: str) -> bool:
    """A weekday or month name key in any inflection: "Thursday", "Thursday's" and
    "Thursdays" (both fold to ``thursdays``), "FRIDAY", "March's". Never a place."""
    words = key.split()
    if len(words) != 1:
        return False
    word = words[0]
    calendar = _WEEKDAYS | _MONTHS
    return word in calendar or (word.endswith("s") and word[:-1] in calendar)


# "Shag al-Num": a name that goes on with an article-joined word is longer than its head
_ARTICLE_JOINED = re.compile(r"^(?:al|el|ad|as|ash|at|ar|az|an|ed|es|ez)-[A-Z]")


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    text: str


def _known(gaz: Gazetteer, text: str) -> bool:
    key = name_key(text)
    if not key or key in _STOP or len(key) < 2 or is_calendar_word(key):
        return False
    return bool(gaz.lookup(key))


def _minor(gaz: Gazetteer, text: str) -> bool:
    """True when every place of this name is small: inside a longer capitalised run
    ("Human Rights", "Ali Sheha") such a match is more likely part of another name."""
    return all(
        e.population < 100_000 and e.kind not in {"country", "adm1", "adm2", "region"}
        for e in gaz.lookup(name_key(text))
    )


def recognise(text: str, gazetteer: Gazetteer) -> list[Toponym]:
    """Place-name spans in ``text`` that the gazetteer knows, in order, not overlapping."""
    out: list[Toponym] = []
    for m in _RUN.finditer(text):
        if _TITLES.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        words = list(re.finditer(r"\S+", m.group(0)))
        spans = [(w.start() + m.start(), w.end() + m.start()) for w in words]
        i = 0
        while i < len(spans):
            found = None
            for j in range(min(len(spans), i + 5), i, -1):
                s, e = spans[i][0], spans[j - 1][1]
                cand = text[s:e].rstrip(".’'-")
                cand_end = s + len(cand)
                if cand.endswith(("’s", "'s")):
                    cand, cand_end = cand[:-2], cand_end - 2
                if _known(gazetteer, cand):
                    found = (s, cand_end, j)
                    break
            if found:
                s, e, j = found
                before = words[i - 1].group(0) if i > 0 else ""
                after = words[j].group(0) if j < len(words) else ""
                # a capitalised neighbour makes this part of a longer name, unless it is a
                # function word ("In Baniyas, ...", "At Mubi ...")
                partial = any(
                    w[:1].isupper() and name_key(w) not in _STOP for w in (before, after)
                ) or bool(_ARTICLE_JOINED.match(after))
                if text[s:e].startswith(("The ", "THE ")):
                    s += 4
                if not (partial and _minor(gazetteer, text[s:e])):
                    out.append(Toponym(s, e, text[s:e]))
                i = j
            else:
                i += 1
    return out
