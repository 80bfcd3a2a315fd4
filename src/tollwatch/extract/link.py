"""Link quantities to outcome triggers inside one sentence.

A quantity is linked when it is the subject of a passive or intransitive trigger
("31 people were killed", "12 dead"), the object of an active one ("killing 3",
"the bodies of 31 people"), coordinated with a linked quantity ("seven soldiers and
15 militants were killed") or the figure of a death toll ("the death toll rose to 40").
Quantities after "including" / "among them" are sub-counts of another figure, not claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from tollwatch.extract.background import in_brackets as _in_brackets
from tollwatch.extract.background import is_background
from tollwatch.extract.context import is_hypothetical, is_negated_quantity
from tollwatch.extract.lexicon import (
    AUX,
    BREAK,
    DEMOGRAPHIC,
    POST_TRIGGERS,
    PRE_TRIGGERS,
    category_of,
    is_distractor,
)
from tollwatch.extract.numbers import Quantity, find_quantities
from tollwatch.extract.singulars import counts_things as _counts_things
from tollwatch.extract.singulars import singulars as _singulars
from tollwatch.extract.tokens import Token, tokenize
from tollwatch.extract.tokens import match_at as _match_at
from tollwatch.extract.tokens import verbish as _verbish
from tollwatch.models import Outcome, Qualifier

__all__ = ["Link", "Token", "link_sentence", "tokenize"]

_FILLER_LEFT = frozenset(
    """family a an the total of some another additional further other all his her their its at
    least more than about around nearly over up to as many estimated reported confirmed reportedly""".split()  # noqa: SIM905
) | frozenset("'\"‘“")  # an opening quote: "had killed 'more than 20 officers'"
_SPEECH = frozenset(
    """said says told reported stated added claimed recalled recounted explained""".split()  # noqa: SIM905
)
_AND_THEN = re.compile(r"\s+and\s+(?:later\s+|then\s+|subsequently\s+|eventually\s+)?(?=\w)", re.I)
_HEADLINE_NEXT = re.compile(
    r"\s*,?\s*\d[\d,]*\s+(?:[a-z]+\s+)?(?:injured|wounded|hurt|missing|abducted|kidnapped)\b", re.I
)
_THEMSELVES = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|blew)\s+(?:only\s+)?(?:themselves|themselves\s+up)\b", re.I
)
_SOFT_AUX = frozenset(
    """reported said believed known thought understood presumed feared confirmed alleged""".split()  # noqa: SIM905
)
_OBJECT_START = re.compile(
    r"\s*(?:a|an|the|his|her|their|its|one|two|three|four|five|six|seven|eight|nine|ten|\d|at\s+least|"
    r"several|dozens|scores|hundreds|more\s+than|over|about|some|nearly|up\s+to|all|both|them|him|"
    r"it|civilians|soldiers|people|villagers|residents|members|many|another|other|police|troops)\b",
    re.I,
)
_ACTIVE_CAPABLE = re.compile(
    r"^(?:killed|executed|murdered|massacred|slaughtered|beheaded|injured|wounded|hurt|abducted|"
    r"kidnapped|arrested|detained|captured|displaced|shot\s+dead|gunned\s+down|lynched|assassinated|"
    r"maimed|apprehended|rounded\s+up|taken\s+away)$",
    re.I,
)
_TOLL = re.compile(
    r"\b(?:death|casualty|fatality|civilian|overall|total|the)\s+(?:(?:correct|corrected|final|"
    r"revised|official|actual|true|real|updated|latest|new)\s+)?(?:death\s+)?(?:toll|tally)\b|"
    r"\bnumber\s+of\s+(?:the\s+)?(?:dead|deaths|people\s+killed|those\s+killed|fatalities|victims|"
    r"martyrs)\b|"
    r"\b(?:death|body|casualty|fatality|the)\s+count\b|\b(?:the|this)\s+(?:number|figure)\s+(?:was|is|has|had)\b|\bdeath\s+total\b|\btotal\s+(?:dead|deaths)\b|"
    r"\b(?:fatalities|deaths|casualties|death\s+tolls?)\s+(?:range|ranged|ranging|vary|varies|varying)\s+from\b",
    re.I,
)
# "the number of injured at 231", "the number of wounded rose to 40": the outcome word names
# the figure after it, never a figure before it
_NUMBER_OF = re.compile(r"\bnumber\s+of\s+(?:the\s+)?(?:people\s+|persons\s+|those\s+)?", re.I)
# "27 people have lost their lives across Himachal in rain-related incidents", "killed in a
# landslide": deaths from weather, natural hazards or road accidents are not conflict victims
_HAZARD_CAUSE = re.compile(
    r"(?:(?!\b(?:clash|attack|bomb|shell|fight|gun|shoot|shot|strike|raid|violen|riot|ambush|"
    r"blast|explos|fire|firing|mine|rocket|missile|drone)\w*)[^.;:]){0,40}?"
    r"\b(?:in|due\s+to|from|after|by|during|amid)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?!(?:clash|attack|bomb|shell|fight|gun|shoot|raid|violen|riot|ambush|blast|explos|fire)"
    r"\w*)[\w\-]+\s+){0,3}?(?:rains?|rainfall|rain-related|downpours?|floods?|flooding|"
    r"flood-related|flash\s+floods?|landslides?|landslips?|cloudbursts?|lightning|heat\s*waves?|"
    r"heatstroke|cyclones?|earthquakes?|avalanches?|road\s+(?:accidents?|crash(?:es)?)|"
    r"traffic\s+accidents?)\b(?!\s+of\b)",  # "a flood of gunfire" is not a flood
    re.I,
)
_NUMBER_OF_END = re.compile(_NUMBER_OF.pattern + "$", re.I)
_TOLL_VERB = re.compile(
    r"(?:rose|risen|rise|rises|reached|reaches|surpassed|climbed|stood|stands|is|was|at|to|of|hit|"
    r"exceeded|passed|now|increased|jumped|put|puts|placed|topped|mounted|has|had)\W*$",
    re.I,
)
_INCLUSION_BEFORE = re.compile(
    r"(?:\bincluding|\bincl\.?|\bamong\s+(?:them|whom|those|the\s+(?:\w+\s+){0,2}?(?:were|are|was|is)|"
    r"the\s+\w+)|\bof\s+whom|\bmostly|\bmainly|\bincluded)\s*(?:were\s+|are\s+|at\s+least\s+)?$",
    re.I,
)
_BREAKDOWN_GAP = re.compile(
    r"[\w\s'’]{0,60}?\s*(?::|\s[—–]|\s-\s)\s*(?:(?:at\s+least|some|about)\s+)?"
)
_INCLUSION_AFTER = re.compile(
    r"^\s+of\s+(?:them|whom|those|the\s+(?:dead|victims|killed|deaths|fatalities|casualties|"
    r"injured|wounded|abducted|bodies))\b",
    re.I,
)


# "four of the 12 people killed ... were bystanders": a sub-count told before its total
_OF_THE_TOTAL = re.compile(r"\s+of\s+(?:the|those|these)\s+$", re.I)
_PART_PREDICATE = re.compile(
    r"[^.;:]{0,90}?\s(?:were|was)\s+(?:all\s+|also\s+|in\s+fact\s+)?(?P<np>[\w\-'’]+(?:\s+[\w\-'’]+)?)"
    r"(?=\s*(?:[,;.)]|\band\b|$))",
    re.I,
)


# the comma that closes an appositive list, right before the verb of the sentence
_APPOSITIVE_CLOSE = re.compile(
    r"[^,;:.()]{0,60}?,\s*(?:(?:have|has|had|were|was|are|is)\b|(?:later\s+)?(?:died|perished))",
    re.I,
)


def _appositive(text: str, prev: Quantity, q: Quantity, np: str) -> bool:
    """ "Six civilians, three women and three children, have been missing": women, children or
    men set off by commas right after a figure describe that figure's people."""
    if not np or not any(p.match(np.split()[0]) for p, _ in DEMOGRAPHIC):
        return False
    gap = text[prev.end : q.start]
    if not re.fullmatch(r"\s+[^,;:.()]{1,80}?,\s*", gap) or find_quantities(gap):
        return False
    return bool(_APPOSITIVE_CLOSE.match(text, q.end))


def _part_before_total(text: str, q: Quantity, total: Quantity) -> str | None:
    """ "four of the 12 killed were bystanders": the words naming the part ("bystanders"), when
    ``q`` counts some of the figure ``total`` that follows it."""
    if not _OF_THE_TOTAL.fullmatch(text[q.end : total.start]):
        return None
    m = _PART_PREDICATE.match(text, total.end)
    if m is None or find_quantities(text[total.end : m.start("np")]):
        return None
    words = m.group("np")
    if category_of(words) is None and not any(
        p.match(w) for w in words.split() for p, _ in DEMOGRAPHIC
    ):
        return None  # "four of the 12 passengers were killed": the four are the figure
    return words


@dataclass(frozen=True, slots=True)
class Link:
    quantity: Quantity
    outcome: Outcome | None  # None for an inclusion that only refines another figure
    trigger_start: int
    trigger_end: int
    noun_phrase: str  # the words naming who was counted
    inclusion: bool  # "including six children": a sub-count, not a claim
    toll: bool  # the figure of a "death toll"
    # a sub-count of a part, not of the total: "four of the 12 were bystanders, among them a
    # vendor" (the vendor is one of the four); it adds no part to the total
    within_part: bool = False


_TO_FIGURE = re.compile(
    r"\b(?:bringing|brings|brought|taking|takes|took|pushing|pushed|raising|raised)\s+to\s+$", re.I
)
_THE_TOLL_AFTER = re.compile(
    r"\s+the\s+(?:overall\s+|total\s+)?(?:death\s+toll|toll|tally|number\s+of\s+(?:(?P<who>"
    r"[\w\-]+(?:\s+[\w\-]+)?)\s+)?(?:killed|dead|deaths|victims|fatalities|martyrs))\b",
    re.I,
)


def _sets_toll(text: str, q: Quantity) -> re.Match[str] | None:
    """'bringing to nine the number of officers killed': the toll words after the figure."""
    if not _TO_FIGURE.search(text[max(0, q.start - 30) : q.start]):
        return None
    return _THE_TOLL_AFTER.match(text, q.end)


_EARLIER_FIGURE = re.compile(
    r"\b(?:rose|risen|rising|climbed|increased|jumped|grew|revised|raised|corrected|updated|"
    r"went\s+up|gone\s+up|fell|dropped|lowered|up|down)\s+from\s+(?:an?\s+|the\s+)?"
    r"(?:(?:earlier|previous|initial|first|original|prior)\s+)?(?:(?:count|toll|figure|tally|"
    r"estimate|total)\s+)?(?:of\s+)?$",
    re.I,
)
_PERSON_AFTER = re.compile(
    r"\s+(?:people|persons|civilians|patients|men|women|children|soldiers|residents|villagers|"
    r"others|survivors)\b",
    re.I,
)
_SHOT_BEFORE = frozenset(
    ["shooting", "shot", "shoot", "shoots", "leaving", "left", "leave", "leaves"]
)


class _Sentence:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.starts = {t.start: i for i, t in enumerate(self.tokens)}

    def tok_at(self, char: int) -> int:
        """Index of the first token starting at or after ``char``."""
        for i, t in enumerate(self.tokens):
            if t.start >= char:
                return i
        return len(self.tokens)


def _noun_phrase(s: _Sentence, i: int) -> tuple[str, int]:
    """Words after a quantity naming who was counted, and the token index after them."""
    words: list[str] = []
    j = i
    while j < len(s.tokens) and len(words) < 10:
        t = s.tokens[j].low
        if (
            t in AUX
            or _verbish(t)
            or not (t[0].isalnum())
            or t
            in (
                "and",
                "or",
                "who",
                "which",
                "that",
                "including",
                "in",
                "on",
                "at",
                "near",
                "during",
                "with",
                "by",
                "as",
                "to",
                "for",
                "inside",
                "when",
                "after",
                "over",
                "before",
                "while",
                "under",
                "into",
                "across",
                "outside",
                "behind",
                "since",
                "amid",
                "because",
            )
            or _match_at(POST_TRIGGERS, s.text, s.tokens[j].start)
        ):
            break
        words.append(s.text[s.tokens[j].start : s.tokens[j].end])
        j += 1
    return " ".join(words), j


def _scan_right(
    s: _Sentence, i: int, qstarts: dict[int, Quantity], singular: bool
) -> tuple[Outcome, int, int] | None:
    """Find a passive trigger after token ``i`` that the quantity is the subject of."""
    n = len(s.tokens)
    first = i
    words = 0
    steps = 0
    seen_aux = False
    passive = False  # "were/was/been ...": a passive, whose subject is the victim
    coordinated = False
    while i < n and steps < 40:
        steps += 1
        tok = s.tokens[i]
        hit = _match_at(POST_TRIGGERS, s.text, tok.start)
        if hit and _NUMBER_OF_END.search(s.text[max(0, tok.start - 30) : tok.start]):
            return None  # "pegged at 60 and the number of injured at 231": not 60's outcome
        if hit:
            word = s.text[tok.start : hit[1]]
            adjective = i == first and bool(_PERSON_AFTER.match(s.text, hit[1]))
            if (
                not passive
                and not adjective  # "68 wounded people": the wounded are the figure
                and _ACTIVE_CAPABLE.match(word)
                and _OBJECT_START.match(s.text, hit[1])
                and not _HEADLINE_NEXT.match(s.text, hit[1])
            ):
                return None  # "gunmen killed two farmers": the quantity is not the victim
            if (
                singular
                and not seen_aux
                and not re.match(r"(?:died|perished|drowned|succumbed)", word, re.I)
            ):
                return None
            if is_hypothetical(s.text[max(0, tok.start - 60) : tok.start]):
                return None
            return hit[0], tok.start, hit[1]
        t = tok.low
        if t in _SOFT_AUX and i + 1 < n:
            nxt_tok = s.tokens[i + 1]
            if (
                nxt_tok.low in AUX
                or nxt_tok.low == "to"
                or _match_at(POST_TRIGGERS, s.text, nxt_tok.start)
            ):
                seen_aux = True
                passive = True
                i += 1
                continue
        if t in ("(", "["):
            close = ")" if t == "(" else "]"
            k = i + 1
            while k < n and k < i + 30 and s.tokens[k].low != close:
                k += 1
            if k < n and k < i + 30:
                i = k + 1
                continue
            return None
        if t in AUX:
            if singular and not coordinated and t in ("were", "are", "have"):
                return None
            seen_aux = True
            if t in ("were", "was", "been", "is", "are", "be", "being", "got", "get", "gets"):
                passive = True
            i += 1
            continue
        if tok.start in qstarts:
            prev = s.tokens[i - 1].low if i else ""
            if prev in ("of", "from", "with", "in", "by"):
                # "three members of a four-man gang": part of the phrase, not a new figure
                i = s.tok_at(qstarts[tok.start].end)
                words += 1
                continue
            if prev in ("and", ",", "&", "or", "while", "plus"):
                q = qstarts[tok.start]
                i = s.tok_at(q.end)
                words = 0
                coordinated = True
                continue
            return None
        if t in ("who", "which", "that"):
            # "five neighbours who had been killed": a trigger after only auxiliaries
            k = i + 1
            while k < n and s.tokens[k].low in AUX:
                k += 1
            if k < n:
                hit = _match_at(POST_TRIGGERS, s.text, s.tokens[k].start)
                if hit and not is_hypothetical(
                    s.text[max(0, s.tokens[k].start - 60) : s.tokens[k].start]
                ):
                    return hit[0], s.tokens[k].start, hit[1]
            # otherwise skip the relative clause up to its comma
            k = i + 1
            while k < n and k < i + 20 and s.tokens[k].low != ",":
                k += 1
            if k < n and k < i + 20:
                i = k + 1
                continue
            # no comma: "a man who had defected to the PDP is murdered"
            k = i + 1
            while k < n and k < i + 16:
                if s.tokens[k].start in qstarts or s.tokens[k].low in _SPEECH:
                    break  # "a trader who fled said 9 were killed": the speaker, not a victim
                if s.tokens[k].low in ("is", "was", "were", "are") and k + 1 < n:
                    m = k + 1
                    while m < n and s.tokens[m].low in AUX:
                        m += 1
                    hit = _match_at(POST_TRIGGERS, s.text, s.tokens[m].start) if m < n else None
                    if hit:
                        return hit[0], s.tokens[m].start, hit[1]
                k += 1
            return None
        if t == ",":
            nxt = s.tokens[i + 1].low if i + 1 < n else ""
            if (
                nxt in AUX
                or (nxt.isdigit() and s.tokens[i + 1].start not in qstarts)  # "aged 7, 9 and 12"
                or _match_at(POST_TRIGGERS, s.text, s.tokens[i + 1].start if i + 1 < n else 0)
                or (i + 1 < n and s.tokens[i + 1].start in qstarts)
            ):
                i += 1
                continue
            if nxt in (
                "including",
                "among",
                "mostly",
                "mainly",
                "most",
                "many",
                "some",
                "aged",
                "all",
                "both",
                "who",
                "which",
                "where",
                "a",
                "an",
                "the",
                "one",
                "two",
                "incl",
                "from",
                "in",
                "with",
                "belonging",
                "suspected",
                "reportedly",
                "allegedly",
                "members",
                "each",
            ):
                k = i + 1
                while k < n and k < i + 25 and s.tokens[k].low != ",":
                    if s.tokens[k].low in (";", ":") or (s.tokens[k].low == "." and k == n - 1):
                        if nxt in ("who", "which"):
                            k = n
                            break
                        return None
                    if nxt not in ("who", "which", "where") and (
                        s.tokens[k].low in ("were", "was", "have", "had", "are")
                        or _match_at(POST_TRIGGERS, s.text, s.tokens[k].start)
                    ):
                        if nxt == "with" and any(
                            s.tokens[x].start in qstarts for x in range(i + 2, k)
                        ):
                            return None  # "risen to 37, with 212 people wounded": its own figure
                        break
                    k += 1
                if k < n and k < i + 25:
                    i = k + 1 if s.tokens[k].low == "," else k
                    continue
                if nxt in ("who", "which"):
                    i += 1  # "four villagers, who tried to escape were shot dead"
                    continue
            # any other aside closed by a comma and followed by the verb: "Three tribals of X,
            # out in the forest to herd goats, were shot dead"
            k = i + 1
            while k < n and k < i + 16 and s.tokens[k].low not in (",", ";", ":"):
                k += 1
            if k + 1 < n and k < i + 16 and s.tokens[k].low == ",":
                after = s.tokens[k + 1]
                if after.low in ("were", "was", "are", "is", "have", "has", "had") or _match_at(
                    POST_TRIGGERS, s.text, after.start
                ):
                    i = k + 1
                    continue
            return None
        if (
            t == "as"
            and i + 2 < n
            and s.tokens[i + 1].low == "well"
            and s.tokens[i + 2].low == "as"
        ):
            i += 3  # "10 militants as well as foreigners were killed"
            continue
        if t in ("including", "among", "incl"):
            k = i + 1
            while (
                k < n
                and k < i + 12
                and s.tokens[k].low not in ("were", "was", "have", "had", "are")
            ):
                k += 1
            if k < n and k < i + 12:
                i = k
                continue
            return None
        if t in ("where", "whose", "whom"):
            k = i + 1
            while k < n and k < i + 20 and s.tokens[k].low != ",":
                k += 1
            if k < n and k < i + 20:
                i = k + 1
                continue
            return None
        if _verbish(t) and not t[0].isalpha():
            return None
        if _verbish(t):
            # "shot and killed", "attacked and wounded": skip the first verb
            if i + 2 < n and s.tokens[i + 1].low == "and":
                hit = _match_at(POST_TRIGGERS, s.text, s.tokens[i + 2].start)
                if hit:
                    return hit[0], s.tokens[i + 2].start, hit[1]
            # a reduced relative clause: "five policemen escorting a bus have been killed"
            if t.endswith(("ing", "ed")) and t not in BREAK:
                k = i + 1
                while k < n and k < i + 10:
                    w = s.tokens[k].low
                    if w in (
                        ",",
                        ";",
                        ":",
                        "and",
                        "but",
                        "while",
                        "as",
                        "when",
                        "after",
                        "who",
                    ) or (s.tokens[k].start in qstarts and w not in ("a", "an", "the")):
                        break
                    if w in ("were", "was", "have", "has", "had", "are", "is"):
                        m = k + 1
                        while m < n and s.tokens[m].low in AUX:
                            m += 1
                        hit = _match_at(POST_TRIGGERS, s.text, s.tokens[m].start) if m < n else None
                        if hit is None and m + 2 < n and s.tokens[m + 1].low == "and":
                            m += 2  # "is shot and killed"
                            hit = _match_at(POST_TRIGGERS, s.text, s.tokens[m].start)
                        if hit:
                            return hit[0], s.tokens[m].start, hit[1]
                        break
                    k += 1
            return None
        if not t[0].isalnum() and t not in ("-", "'", "’", "&", "/"):
            return None
        words += 1
        if words > 14:
            return None
        i += 1
    return None


def _scan_left(s: _Sentence, i: int) -> tuple[Outcome, int, int] | None:
    """Find an active trigger right before token ``i`` whose object the quantity is."""
    k = i - 1
    fill = 0
    while k >= 0 and s.tokens[k].low in _FILLER_LEFT and fill < 4:
        k -= 1
        fill += 1
    for back in range(0, 5):
        j = k - back
        if j < 0:
            break
        tok = s.tokens[j]
        hit = _match_at(PRE_TRIGGERS, s.text, tok.start)
        if hit:
            after = s.tok_at(hit[1])
            if after <= i and all(s.tokens[x].low in _FILLER_LEFT for x in range(after, i)):
                before = s.text[max(0, tok.start - 60) : tok.start]
                if is_hypothetical(before) or (
                    s.text[tok.start : hit[1]].lower() == "kill" and re.search(r"\bto\s*$", before)
                ):
                    return None
                return hit[0], tok.start, hit[1]
    return None


# "the earlier count of 19", "its initial toll of 40": a figure named as the old one
_OLD_FIGURE = re.compile(
    r"\b(?:the|an|its|their|his|her)\s+(?:earlier|previous|initial|original|first|prior)\s+"
    r"(?:death\s+)?(?:count|toll|figure|tally|estimate|total)\s+(?:of\s+)?$",
    re.I,
)
_SPEECH_AFTER = re.compile(r"\s+(?:told|said|say|says|reported|confirmed|added|stated)\b", re.I)


def _speakers(text: str, end: int, np: str) -> bool:
    """ "killing 14 soldiers, two security sources told the agency": the people after the
    quantity are the speakers of the sentence, not more victims."""
    rest = text[end:].lstrip()
    return bool(np) and rest.startswith(np) and bool(_SPEECH_AFTER.match(rest, len(np)))


def _without_old_figures(text: str, links: list[Link]) -> list[Link]:
    """ "revised the toll to 12, saying the earlier count of 19 was wrong": the old figure is
    not a claim when the sentence gives another figure of the same outcome."""
    old = [
        lk
        for lk in links
        if not lk.inclusion
        and _OLD_FIGURE.search(text[max(0, lk.quantity.start - 50) : lk.quantity.start])
    ]
    if not old:
        return links
    gone = {
        id(lk)
        for lk in old
        if any(o is not lk and not o.inclusion and o.outcome is lk.outcome for o in links)
    }
    return [lk for lk in links if id(lk) not in gone]


def link_sentence(text: str) -> list[Link]:
    """Every quantity in the sentence that counts people, with its outcome (or inclusion)."""
    s = _Sentence(text)
    quantities: list[Quantity] = []
    for q in find_quantities(text):
        if is_distractor(text, q.start, q.end, text[q.number_start : q.end]):
            continue
        if is_negated_quantity(text[: q.start]):
            continue
        if _EARLIER_FIGURE.search(text[max(0, q.start - 50) : q.start]):
            continue  # "rose from 15 to 22", "up from an earlier count of 41": the old figure
        quantities.append(q)
    taken = [(q.start, q.end) for q in quantities]
    for q in _singulars(text, s.tokens):
        if not any(q.start < e and b < q.end for b, e in taken):
            quantities.append(q)
    quantities.sort(key=lambda q: q.start)
    kept: list[tuple[Quantity, str]] = []
    for q in quantities:
        np, _ = _noun_phrase(s, s.tok_at(q.end))
        if _counts_things(np) and not _sets_toll(text, q):
            continue
        kept.append((q, np))
    qstarts = {
        s.tokens[s.tok_at(q.start)].start: q for q, _np in kept if s.tok_at(q.start) < len(s.tokens)
    }

    links: list[Link] = []
    linked: dict[int, Link] = {}
    post_used: set[int] = set()
    # "the number of injured at 231": the figure after the outcome word it names
    for m in _NUMBER_OF.finditer(text):
        said = _match_at(POST_TRIGGERS, text, m.end())
        if said is None:
            continue
        for q, np in kept:
            if q.start < said[1] or q.start in linked:
                continue
            between = text[said[1] : q.start]
            if len(between) < 40 and _TOLL_VERB.search(between[-40:]):
                link = Link(q, said[0], m.end(), said[1], np, False, True)
                links.append(link)
                linked[q.start] = link
            break
    parts_before: dict[int, int] = {}  # a part's start -> the start of the total it is of
    for n, (q, np) in enumerate(kept):
        if q.start in linked:
            continue
        total = kept[n + 1][0] if n + 1 < len(kept) else None
        named = _part_before_total(text, q, total) if total is not None else None
        if total is not None and named is not None:
            links.append(Link(q, None, q.start, q.end, named, True, False))
            parts_before[q.start] = total.start
            continue
        qi_end = s.tok_at(q.end)
        singular = q.digits is False and q.text.lower() in ("a", "an", "the")
        qi = s.tok_at(q.start)
        if singular and qi > 0 and s.tokens[qi - 1].low in _SHOT_BEFORE:
            singular = False  # "shooting a pregnant woman dead", "leaving a man dead"
        if singular and not np:
            continue
        before = text[max(0, q.start - 60) : q.start]
        left = _scan_left(s, s.tok_at(q.start))
        inclusion = bool(_INCLUSION_BEFORE.search(before)) or (
            left is None and bool(_INCLUSION_AFTER.match(text[q.end : q.end + 30]))
        )
        if not inclusion and n > 0 and _appositive(text, kept[n - 1][0], q, np):
            inclusion = True  # "Six civilians, three women and three children, were ..."
        if not inclusion and links:
            prev = links[-1]
            gap = text[prev.quantity.end : q.start]
            if (
                prev.inclusion
                and re.fullmatch(r"[\w\s\-'’]*?(?:,|\band\b|,\s*and\b)\s*", gap)
                and len(gap) < 40
            ) or (
                # "killed 11 people: six soldiers, ...", "50 dead — 35 fighters, ...": a breakdown
                prev.outcome is not None and not prev.inclusion and _BREAKDOWN_GAP.fullmatch(gap)
            ):
                inclusion = True
        if inclusion:
            link = Link(q, None, q.start, q.end, np, True, False)
            links.append(link)
            continue
        if singular and re.search(r"\bof\s+$", before):
            continue  # "a supporter of a UP member": part of the phrase
        if re.search(r"\bby\s+(?:some\s+|about\s+|at\s+least\s+)?$", before) and left is None:
            continue  # "abducted by four men": the attackers, not victims
        hit = left
        if hit is not None and hit[1] in post_used:
            hit = None  # "1 soldier killed 5 injured": that trigger already has its subject
        if hit is None:
            hit = _scan_right(s, qi_end, qstarts, singular)
            if hit is not None:
                post_used.add(hit[1])
        if hit is None and links and (not singular or q.text.lower() in ("a", "an")):
            # coordination: "killing 2 soldiers and 3 civilians", "killed a guard and a driver"
            prev = links[-1]
            gap = text[prev.quantity.end : q.start]
            if (
                prev.outcome is not None
                and np
                and not prev.inclusion
                and prev.trigger_start < prev.quantity.start
                and re.fullmatch(r"[\w\s\-'’]*?(?:,|\band\b|,\s*and\b|\bas\s+well\s+as\b)\s*", gap)
                and len(gap) < 60
                and not _speakers(text, q.end, np)
            ):
                hit = (prev.outcome, prev.trigger_start, prev.trigger_end)
        if hit is None:
            continue
        link = Link(q, hit[0], hit[1], hit[2], np, False, False)
        links.append(link)
        linked[q.start] = link
        then = _AND_THEN.match(text, hit[2])
        if then:
            second = _match_at(POST_TRIGGERS, text, then.end())
            if second and second[0] is not hit[0]:
                # "was kidnapped and killed": both happened to the same people
                links.append(Link(q, second[0], then.end(), second[1], np, False, False))
    # "four suicide bombers ... killing only themselves": the subject's figure
    selves = _THEMSELVES.search(text)
    if selves and not any(lk.outcome is Outcome.KILLED for lk in links):
        for q, np in kept:
            if (
                q.start < selves.start()
                and q.start not in linked
                and not _in_brackets(text, q.start)
            ):
                link = Link(q, Outcome.KILLED, selves.start(), selves.end(), np, False, False)
                links.append(link)
                linked[q.start] = link
                break
    # "bringing to nine the number of officers killed": the figure before the toll it sets
    for q, _np in kept:
        after = _sets_toll(text, q)
        if q.start in linked or after is None:
            continue
        link = Link(
            q, Outcome.KILLED, after.start(), after.end(), after.group("who") or "", False, True
        )
        links.append(link)
        linked[q.start] = link
    # death tolls: "the death toll ... has risen to 40"
    for m in _TOLL.finditer(text):
        for q, _np in kept:
            if q.start < m.end() or q.start in linked:
                continue
            if not q.digits and q.text.lower() in ("a", "an", "the"):
                continue  # "the toll from the strike on a minibus has reached 48": not the figure
            if any(lk.quantity.start == q.start for lk in links):
                break
            between = text[m.end() : q.start]
            if (
                _TOLL_VERB.search(between[-40:])
                or q.qualifier is Qualifier.AT_LEAST
                or len(between) < 12
            ):
                np, _ = _noun_phrase(s, s.tok_at(q.end))
                of = re.match(
                    r"\s+(?:of|among)\s+(?!(?:the|a|an|this|that|its|their|last|Monday|Tuesday|"
                    r"Wednesday|Thursday|Friday|Saturday|Sunday)\b)((?:[\w\-]+\s+){0,2}[\w\-]+)",
                    text[m.end() : q.start],
                )  # "the toll of civilians killed", not "the toll of the Police Lines attack"
                if not np and of:
                    np = of.group(1)  # "the toll of civilians killed ... rose to 52"
                link = Link(q, Outcome.KILLED, m.start(), m.end(), np, False, True)
                links.append(link)
                linked[q.start] = link
            break
    links.sort(key=lambda lk: lk.quantity.start)
    links = _within_parts(text, _parts_after_totals(links, parts_before))
    links = [
        lk
        for lk in links
        if lk.inclusion
        or not (
            is_background(text, lk.trigger_start, lk.trigger_end, lk.quantity.start)
            or _HAZARD_CAUSE.match(text, max(lk.trigger_end, lk.quantity.end))
        )
    ]
    links = _without_old_figures(text, links)
    outside = {
        lk.outcome for lk in links if not lk.inclusion and not _in_brackets(text, lk.quantity.start)
    }
    return [
        lk
        for lk in links
        if lk.inclusion or lk.outcome not in outside or not _in_brackets(text, lk.quantity.start)
    ]


def _parts_after_totals(links: list[Link], parts_before: dict[int, int]) -> list[Link]:
    """ "four of the 12 killed were bystanders": the part goes right after its total, which it
    breaks down; a part whose total made no claim is dropped."""
    if not parts_before:
        return links
    out = [lk for lk in links if lk.quantity.start not in parts_before or not lk.inclusion]
    for lk in links:
        if not lk.inclusion or lk.quantity.start not in parts_before:
            continue
        at = next(
            (
                i
                for i, t in enumerate(out)
                if t.quantity.start == parts_before[lk.quantity.start] and not t.inclusion
            ),
            None,
        )
        if at is not None:
            out.insert(at + 1, lk)
    return out


_SUB_MARKER = re.compile(
    r"\s*,?\s*(?:among\s+(?:them|whom)|including|of\s+whom)\s+(?:were\s+)?$", re.I
)
_SIBLING = re.compile(r"[\w\s\-'’]*?(?:,|\band\b|,\s*and\b)\s*", re.I)


def _within_parts(text: str, links: list[Link]) -> list[Link]:
    """ "... were bystanders, among them a street vendor and a schoolboy": a new breakdown
    right after a part's naming words breaks down that part, not the total."""
    inclusions = sorted((lk for lk in links if lk.inclusion), key=lambda lk: lk.quantity.start)
    within: set[int] = set()
    for prev, lk in pairwise(inclusions):
        if prev.quantity.start in within:
            gap = text[prev.quantity.end : lk.quantity.start]
            if len(gap) < 40 and _SIBLING.fullmatch(gap):
                within.add(lk.quantity.start)  # "... and a schoolboy": a sibling of the sub-count
                continue
        named = text.find(prev.noun_phrase, prev.quantity.end) if prev.noun_phrase else -1
        if named < 0 or named > lk.quantity.start:
            continue
        if _SUB_MARKER.fullmatch(text[named + len(prev.noun_phrase) : lk.quantity.start]):
            within.add(lk.quantity.start)
    if not within:
        return links
    return [
        replace(lk, within_part=True) if lk.inclusion and lk.quantity.start in within else lk
        for lk in links
    ]
