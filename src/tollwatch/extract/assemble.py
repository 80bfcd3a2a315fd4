"""Turn linked quantities into Claims: category, demographics, date, place, attribution, scope.

Input is the report text split into sentences, the links found in each sentence and the
named entities of each parsed sentence; output is the report's claims. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from tollwatch.extract.context import find_attribution, find_perpetrator
from tollwatch.extract.dates import DateMention, find_dates, own_dateline, republication
from tollwatch.extract.lexicon import AUX, DEMOGRAPHIC, categories_in, category_of
from tollwatch.extract.link import Link, tokenize
from tollwatch.extract.meaning import (
    Revision,
    is_retraction,
    projections,
    read_revision,
    reliability_of,
    scope_of,
)
from tollwatch.extract.numbers import Quantity, find_quantities
from tollwatch.extract.periods import (
    Period,
    clause_bounds,
    clause_period,
    find_period,
    same_period,
)
from tollwatch.extract.sentences import Sentence
from tollwatch.extract.speakers import source_entities
from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    DateRange,
    Outcome,
    PlaceRef,
    Qualifier,
    Reliability,
    Scope,
)

__all__ = ["assemble"]

Entity = tuple[int, int, str, str]
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_AFTER = re.compile(
    r"\b(?:in|at|near|of|outside|around|across|from)\s+(?:the\s+)?(?:\w+\s+){0,3}$", re.I
)
_IN_PLACE = re.compile(
    r"\b(?:(?:in|at|near|outside|around)\s+(?:the\s+)?(?:(?:village|town|city|district|area|"
    r"state|province|region|county|community|locality|neighbou?rhood)\s+of\s+)?|"
    r"(?:village|town|city|district|neighbou?rhood|outskirts|suburb|community|forests?|hills?|"
    r"mountains?|camp|region|province|state|county)\s+of\s+)"
    r"(?P<name>(?:(?:al|el|ad|an|ar|as|ash|az|ez)-)?[A-Z][\w'’\-]+(?:\s+(?:[A-Z][\w'’\-]+|"
    r"(?:al|el|ad|an|ar|as|ash|az|ez|um)-[A-Za-z][\w'’\-]*)){0,2})"
)
_NOT_PLACE = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|"
    r"May|June|July|August|September|October|November|December|The|A|An|His|Her|Their|Its|"
    r"This|That|Total|All|Some|Addition|Response|Reaction|Front)\b"
)
_DATEISH = re.compile(
    r"day\b|night|morning|evening|afternoon|yesterday|today|tonight|week|month|\d|jan|feb|mar|"
    r"apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec|overnight|previous|preceding|before|earlier|ago",
    re.I,
)
_ONE_WORD = re.compile(r"^(?:a|an|one)$", re.I)
_SINCE = re.compile(r"\bsince\b[^.;]{0,60}$", re.I)
_PREFIX = re.compile(r"^(?:(?:on|in|at|late|early)\s+[^,]{1,60},\s*)+", re.I)
_PERSON_WORD = re.compile(r"^[A-Z][a-z]+(?:\s+[A-Z][a-z'\-]+)+$")
# an office before a name: "Governor", "Health Minister", "Prime Minister", "UN envoy"
_OFFICE_LEAD = re.compile(
    r"^(?:(?:[A-Z][\w.'’\-]*|of|the|for)\s+){0,4}?(?:[Mm]inister|[Pp]resident|[Gg]overnor|"
    r"[Ss]pokes(?:man|woman|person)|[Cc]hief|[Dd]irector|[Cc]ommissioner|[Ss]ecretary|[Mm]ayor|"
    r"[Cc]ommander|[Pp]rosecutor|[Aa]mbassador|[Ee]nvoy|[Cc]hairman|[Cc]hairwoman|[Pp]remier|"
    r"[Cc]oordinator|[Aa]dministrator|[Ss]heriff|[Cc]oroner|[Pp]refect)\s+"
)


@dataclass
class _Draft:
    link: Link
    sentence: int
    start: int
    end: int
    category: Category
    scope: Scope
    date: DateRange
    place: str | None
    attributed_to: str | None
    perpetrator: str | None
    demo: dict[str, int] = field(default_factory=dict)
    subject: str | None = None
    revision: Revision = field(default_factory=lambda: Revision(False, None))
    reliability: Reliability = Reliability.REPORTED
    parts: list[tuple[Category, Link]] = field(default_factory=list)  # "among them 35 fighters"
    part_of: int | None = None  # one part of this stated total's breakdown


_CARRY_GAP = re.compile(r"[\w\s]{0,30}?(?:,\s*|\s)(?:and|while|with)\s+(?:another\s+)?$", re.I)


def _carried_category(sentence: str, prev: _Draft, lk: Link, category: Category) -> Category:
    """ "17 soldiers were killed and 20 wounded": a figure with no noun of its own counts the
    same people as the figure just before it, joined by "and"."""
    gap = sentence[prev.link.quantity.end : lk.quantity.start]
    if (
        prev.category is not Category.UNKNOWN
        and prev.link.outcome is not lk.outcome
        and _CARRY_GAP.fullmatch(gap)
        and category_of(gap) in (None, prev.category)
    ):
        return prev.category
    return category


_PREDICATE = re.compile(
    r"\s+(?:were|was|are|is)\s+(?:(?:all|also|mostly)\s+)?(?P<np>[\w\s\-'’]{2,40}?)(?=\s*(?:[,;.)]|\band\b|$))",
    re.I,
)


def _predicate_noun(sentence: str, end: int) -> str:
    """ "of whom 12 were civilians": the noun after the verb names the sub-count."""
    m = _PREDICATE.match(sentence, end)
    return m.group("np") if m else ""


def _demographic(noun_phrase: str) -> str | None:
    for word in noun_phrase.split()[:3]:
        for pattern, name in DEMOGRAPHIC:
            if pattern.match(word.strip(",.")):
                return name
    return None


def _subject(sentence: str) -> str:
    body = _PREFIX.sub("", sentence)
    words: list[str] = []
    for tok in tokenize(body)[:8]:
        t = tok.low
        if (
            t in AUX
            or not t[0].isalnum()
            or (len(t) > 4 and t.endswith(("ed", "ing")))
            or t
            in (
                "killed",
                "attacked",
                "shot",
                "opened",
                "set",
                "hit",
                "struck",
                "fired",
                "stormed",
                "raided",
            )
        ):
            break
        words.append(body[tok.start : tok.end])
    return " ".join(words)


def _place(sentence: str, ents: list[Entity], near: int, attribution: str | None) -> str | None:
    """The place mention nearest the figure; the more specific of "X in Y" wins."""
    candidates: list[tuple[int, int, str]] = []
    for start, end, text, label in ents:
        if label in _PLACE_LABELS:
            candidates.append((start, end, text))
    for m in _IN_PLACE.finditer(sentence):
        name = m.group("name")
        start = m.start("name")
        if _NOT_PLACE.match(name):
            continue
        if any(s0 <= start < e0 and _not_a_place(t, label) for s0, e0, t, label in ents):
            continue
        if not any(s0 <= start < e0 for s0, e0, _t in candidates):
            candidates.append((start, start + len(name), name))
    best: tuple[int, str] | None = None
    for start, end, text in candidates:
        before = sentence[max(0, start - 30) : start]
        if re.search(r"\bbased\s+in\s+(?:the\s+)?$", before, re.I):
            continue
        dateline = _DATELINE.match(sentence)
        if _NOT_EVENT_PLACE.match(sentence, end) or (dateline and start < dateline.end()):
            continue  # "the UK-based monitor", "KHARTOUM, Sudan (Wire) -": not where it happened
        if attribution and text in attribution:
            continue
        distance = abs(start - near)
        if _PLACE_AFTER.search(before):
            distance -= 40
        after = sentence[end : end + 6]
        if re.match(r"\s*(?:,|in\b)", after) and any(
            s0 > end and s0 - end < 8 for s0, _e, _t in candidates
        ):
            distance -= 30  # "Mubi in Adamawa State": the town, not the state
        if best is None or distance < best[0]:
            best = (distance, text)
    return best[1] if best else None


_ORG_WORD = re.compile(
    r"\b(?:Agency|Ministry|Police|Army|Observatory|Monitor|News|Press|Times|Post|Office|Council|"
    r"Committee|Forces?|Group|Network|Watch|Radio|Service|Command|Government|Commission|Union|"
    r"Nations|Organi[sz]ation|Institute|Center|Centre|Hospital|Authority|Department|Media|TV|"
    r"Television|Daily|Herald|Tribune|Courier|Wire|Reuters|Xinhua|Party|Front|Movement|Army|"
    r"Brigades?|Battalion|University|Bank|Company|Corporation|Red\s+(?:Cross|Crescent))\b"
)


_NOT_EVENT_PLACE = re.compile(r"-based\b|\s*-\s*based\b", re.I)
# "KHARTOUM, Sudan (Wire) - ...": the city in capitals, a country, an agency, a dash
_DATELINE = re.compile(
    r"\s*[A-Z][A-Z.\-' ]{2,}(?:,\s*[A-Z][\w.\- ]+)?\s*(?:\([^)]{1,40}\))?\s*[-—–]+\s+"
)


def _not_a_place(text: str, label: str) -> bool:
    """An entity that a rule-found place name overlaps really is an organisation or a date.

    The small model often labels towns ("El Geneina", "Amhara") as ORG or DATE; only an entity
    that looks like what it is labelled (an organisation word, a date word, a demonym) wins.
    """
    if label == "NORP":
        return True
    if label == "ORG":
        return bool(_ORG_WORD.search(text)) or text.isupper()
    if label == "DATE":
        return bool(_DATEISH.search(text))
    return False


# "Al-Ahli Arab hospital said": a name followed by an organisation word names the organisation
_ORG_AFTER = re.compile(
    r"\s+(?:hospital|clinic|ministry|agency|foundation|institute|university|brigades?|"
    r"movement|front|network|centre|center|observatory|committee|council)\b",
    re.I,
)


def _redact(source: str | None, ents: list[Entity]) -> str | None:
    """Names of people are sensitive: an attribution keeps the role, not the name."""
    if source is None:
        return None
    for _s, _e, text, label in ents:
        if (
            label == "PERSON"
            and text in source
            and not _ORG_AFTER.match(source, source.find(text) + len(text))
        ):
            source = source.replace(text, "a named person")
    # "Governor Anusuiya Uikey": the office is kept, the name is not
    office = _OFFICE_LEAD.match(source)
    if office and _PERSON_WORD.match(source[office.end() :]):
        return f"{office.group(0).strip()} a named person"
    # a bare capitalised name with no entity telling us it is an organisation
    if (
        _PERSON_WORD.match(source)
        and not any(label in ("ORG", "NORP", "GPE") and t == source for _s, _e, t, label in ents)
        and not re.search(
            r"\b(?:Agency|Ministry|Police|Army|Observatory|Monitor|News|Press|Times|Post|Office|Council|Committee|Forces?|Group|Network|Watch|Radio|Service|Command|Government|Commission|Union|Nations|Organi[sz]ation|Institute|Center|Centre|Hospital|Authority|Department|Media|TV|Television|Daily|Herald|Tribune|Courier|Wire|Reuters|Xinhua)\b",
            source,
        )
    ):
        return "a named person"
    return source


def _span_precision(first: date, last: date) -> DatePrecision:
    days = (last - first).days
    if days == 0:
        return DatePrecision.DAY
    if days <= 7:
        return DatePrecision.WEEK
    if days <= 31:
        return DatePrecision.MONTH
    return DatePrecision.YEAR


def _incident_at(sentence: str, scope: Scope, what: str | None, trigger: int) -> int:
    """Where to look for a figure's date: a running toll of one named incident is dated by the
    incident ("bringing to nine the number killed in Tuesday's ambush" -> Tuesday)."""
    if scope is Scope.INCIDENT_TOLL and what:
        at = sentence.find(what)
        if at >= 0:
            return at
    return trigger


def _date_for(
    sentence: str,
    draft_pos: int,
    mentions: list[DateMention],
    history: list[list[DateMention]],
    cumulative: bool,
    published: date | None,
    live: bool = False,
) -> DateRange:
    own_start, own_end = clause_bounds(sentence, draft_pos)
    # a date in another clause ("..., adding that 89,097 were wounded since October 7") dates
    # the figure of that clause only
    events = [m for m in mentions if not m.statement and own_start <= m.start < own_end]
    statements = [m for m in mentions if m.statement]
    if cumulative:
        since = [m for m in events if _SINCE.search(sentence[max(0, m.start - 60) : m.start])]
        if since and since[-1].range.start is not None:
            first = since[-1].range.start
            last = statements[0].range.end if statements else published
            if last is not None and last >= first:
                return DateRange(
                    first, last, _span_precision(first, last), since[-1].text, published
                )
        if statements:
            return statements[0].range
    if events:
        chosen = min(events, key=lambda m: abs(m.start - draft_pos))
        begun = chosen.range.start
        until = statements[0].range.end if statements else published
        if chosen.onset and begun is not None and until is not None and until >= begun:
            # "killed ... after the violence broke out Friday": from that day to the report
            return DateRange(begun, until, _span_precision(begun, until), chosen.text, published)
        return chosen.range
    if not cumulative and own_start > 0:
        # "On 13 May a shell hit the square; residents now say 31 died there": the event date
        # of an earlier clause that has no figure of its own
        earlier = [m for m in mentions if not m.statement and m.end <= own_start]
        clause_start = clause_bounds(sentence, earlier[-1].start)[0] if earlier else own_start
        figures = [
            q
            for q in find_quantities(sentence[clause_start:own_start])
            if not any(m.start <= clause_start + q.start < m.end for m in mentions)
        ]
        if earlier and not figures:
            return earlier[-1].range
    if statements:
        rng = statements[0].range
        if cumulative:
            return rng
        # "A bomb exploded on Tuesday. The governor said on Wednesday that 31 were killed":
        # the previous sentence's event date, when it is not after the statement
        before = [m for m in (history[-1] if history else []) if not m.statement]
        lede = before[-1].range if before else None
        if (
            lede is not None
            and lede.end is not None
            and rng.end is not None
            and lede.end <= rng.end
        ):
            return lede
        return DateRange(None, rng.end, DatePrecision.UNKNOWN, rng.expression, rng.anchor)
    for previous in reversed(history[-3:]):
        ev = [m for m in previous if not m.statement]
        st = [m for m in previous if m.statement]
        if ev and not cumulative:
            return ev[-1].range
        if st and cumulative:
            return st[0].range
        if ev and cumulative:
            return ev[-1].range
        if st:
            rng = st[0].range
            return DateRange(None, rng.end, DatePrecision.UNKNOWN, rng.expression, rng.anchor)
    if published is None:
        return DateRange()
    if live:
        # a live blog's timed entries ("11:15 At least seven killed ...") are of its own day
        return DateRange(published, published, DatePrecision.DAY, "live update", published)
    return DateRange(None, published, DatePrecision.UNKNOWN, None, published)


# "the attack Friday", "Wednesday's blasts", "an assault on 4 June": a day that dates an incident
_INCIDENT_WORD = re.compile(
    r"\b(?:attack(?:ed|s)?|assault|ambush(?:ed)?|bomb(?:ing|ings|ed|s)?|blasts?|explosions?|"
    r"exploded|massacred?|raid(?:ed|s)?|shootings?|shot|opened\s+fire|stormed|shelling|shelled|"
    r"strikes?|struck|stampede|clash(?:es|ed)?)\b",
    re.I,
)


def _incident_days(sentence: str, mentions: list[DateMention]) -> set[DateRange]:
    """Days that date an incident in this sentence: an event date next to an incident word."""
    return {
        replace(m.range, expression="the report's incident")
        for m in mentions
        if not m.statement
        and m.range.precision is DatePrecision.DAY
        and m.range.start is not None
        and _INCIDENT_WORD.search(sentence[max(0, m.start - 70) : m.end + 70])
    }


_WEEKDAY_WORD = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?\b", re.I
)
_WEEKDAY_INDEX = {
    name: i
    for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}


def _weekdays_named(sentence: str) -> set[int]:
    """The weekdays a sentence names ("on Wednesday", "Friday's blasts"), 0 = Monday."""
    return {_WEEKDAY_INDEX[m.group(1).lower()] for m in _WEEKDAY_WORD.finditer(sentence)}


def _date_by_incident(
    drafts: list[_Draft],
    days: set[DateRange],
    published: date | None,
    sentences: list[Sentence],
) -> None:
    """A figure with no date of its own, in a sentence with no date, in a report that dates one
    incident and one only ("The attack Friday ..."), is of that incident's day: "40 were killed
    in the attack" in the lede is dated by "the attack Friday" two sentences on. Areas' tolls
    and background keep theirs; "two more died later" beside a dated clause keeps its own.
    A sentence that names a weekday it could not resolve (an undated page's "on Wednesday")
    takes the day only when it falls on that weekday: "killed 103 on Wednesday" is not the
    Friday of another killing the report dates years before."""
    if len({r.start for r in days}) != 1:
        return
    # "Friday" and "Friday night" are one incident's day: the wider range holds both
    day = max(days, key=lambda r: r.end or date.min)
    for d in drafts:
        named = _weekdays_named(sentences[d.sentence].text)
        if day.start is not None and named and day.start.weekday() not in named:
            continue
        if (
            d.date.start is None
            and d.scope is not Scope.CUMULATIVE
            and d.reliability is Reliability.REPORTED
            and day.start is not None
            and (d.date.end is None or d.date.end >= day.start)
        ):
            d.date = replace(day, anchor=published)


def _from_onset(onset: DateMention, end: date | None) -> Period | None:
    """The running toll from the onset of the violence to the statement day."""
    first = onset.range.start
    if first is None or end is None or first >= end:
        return None
    rng = DateRange(first, end, DatePrecision.PERIOD, onset.text, onset.range.anchor)
    return Period(rng, onset.text)


def _report_onset(sentences: list[Sentence], published: date | None) -> DateMention | None:
    """The day the report's spread violence began: "clashes that broke out on May 3"."""
    if published is None:
        return None
    for sent in sentences:
        if not _DATEISH.search(sent.text):
            continue
        for v in _ONSET_VERB.finditer(sent.text):
            for m in find_dates(sent.text, published):
                gap = sent.text[v.end() : m.start]
                near = 0 <= m.start - v.end() <= 60 and not _SAID_GAP.search(gap)
                if (m.onset or near) and m.range.start is not None:
                    return m
    return None


_SAID_GAP = re.compile(r"\b(?:said|says|told|announced|reported)\b|https?:|\n", re.I)
# "clashes that broke out on May 3", "the violence, which has spread across the state since May 3"
_ONSET_VERB = re.compile(
    r"\b(?:violence|clashes|unrest|conflict|fighting|riots?)\b[^.;]{0,80}?"
    r"\b(?:broke\s+out|erupted|began|started|flared(?:\s+up)?|(?:has\s+)?spread\b[^.;]{0,40}?since)\b",
    re.I,
)


def assemble(
    text: str,
    published: date | None,
    report_id: str,
    version: str,
    sentences: list[Sentence],
    links: dict[int, list[Link]],
    ents: dict[int, list[Entity]],
) -> list[Claim]:
    """Claims of one report from its sentences, their links and their entities."""
    if published is None:
        published = own_dateline(text)  # an undated page's own "Saturday, January 6, 2024" line
    drafts: list[_Draft] = []
    incident_days: set[DateRange] = set()
    dated: set[int] = set()  # sentences with a date of their own
    history: list[list[DateMention]] = []
    last_place: tuple[int, str] | None = None
    last_period: Period | None = None
    live = len(_LIVE_ENTRY.findall(text)) >= 2
    note = republication(text, published)
    if note is not None:
        # "(Republished from X, 6 May 2025)": the copy's "on Saturday" is of the original's week
        published = note.original
    onset = _report_onset(sentences, published)
    for idx, sent in enumerate(sentences):
        mentions = find_dates(sent.text, published) if _DATEISH.search(sent.text) else []
        if note is not None:
            mentions = [m for m in mentions if not note.start <= sent.start + m.start < note.end]
        incident_days.update(_incident_days(sent.text, mentions))
        if mentions:
            dated.add(idx)
        sent_links = _deaths_inside_casualties(
            sent.text, _with_projections(sent.text, links.get(idx, []))
        )
        sent_ents = ents.get(idx, [])
        sentence_drafts: list[_Draft] = []
        period: Period | None = None
        last_before: Period | None = None
        if sent_links:
            stated = [m for m in mentions if m.statement and m.range.end is not None]
            period = find_period(
                sent.text, mentions, published, stated[0].range.end if stated else published
            )
            last_before = last_period
            if period is None and same_period(sent.text):
                period = last_period  # "at least 40 injured over the same period"
            last_period = period or last_period
        sentence_period = period
        subject = _subject(sent.text) if sent_links else ""
        for lk in sent_links:
            if lk.inclusion or lk.outcome is None:
                parent = sentence_drafts[-1] if sentence_drafts else None
                if parent is None and drafts and drafts[-1].sentence >= idx - 1:
                    parent = drafts[-1]
                np_words = lk.noun_phrase or _predicate_noun(sent.text, lk.quantity.end)
                demo = _demographic(np_words)
                part = category_of(np_words)
                if parent is not None and part is not None and not demo and not lk.within_part:
                    parent.parts.append((part, lk))
                    parent.end = max(parent.end, sent.end)
                if parent is not None and demo and lk.quantity.best is not None:
                    parent.demo[demo] = parent.demo.get(demo, 0) + lk.quantity.best
                    parent.end = max(parent.end, sent.end)
                    if (
                        parent.category is Category.UNKNOWN
                        and parent.link.outcome is not Outcome.DISPLACED
                    ):
                        parent.category = Category.UNKNOWN
                continue
            np = lk.noun_phrase
            if lk.outcome is Outcome.KILLED and _CASUALTIES.match(
                sent.text[lk.trigger_start : lk.trigger_end]
            ):
                continue  # "30 casualties" counts the killed and the injured: not a killed figure
            category = category_of(np) or Category.UNKNOWN
            subject_words = sent.text[lk.quantity.end : lk.trigger_start]
            if not 0 < len(subject_words) < 60 or find_quantities(subject_words):
                subject_words = np  # "four soldiers and nine rebels": each has its own figure
            subject_words = re.sub(
                r"(?:\s+(?:were|was|have|has|had|been|are|is))+\s*$", "", subject_words
            )
            named = categories_in(subject_words)
            combined = len(named) > 1 and bool(re.search(r"\band\b|/|\bor\b", subject_words))
            if combined:
                category = Category.UNKNOWN  # "security personnel and militants": both, unsplit
            if re.match(r"^(?:people|persons|others|individuals)\b", np, re.I):
                category = Category.UNKNOWN
            elif not np.strip() and sentence_drafts:
                category = _carried_category(sent.text, sentence_drafts[-1], lk, category)
            if lk.outcome is Outcome.DISPLACED and category in (
                Category.STATE_FORCES,
                Category.NON_STATE_ARMED,
            ):
                continue  # "the attackers fled" is not displacement
            attribution = _redact(find_attribution(sent.text, lk.trigger_start), sent_ents)
            revision = read_revision(sent.text, lk.quantity)
            period = sentence_period
            if sentence_period is not None and sentence_period is not last_before:
                stated = [m for m in mentions if m.statement and m.range.end is not None]
                period = clause_period(
                    sent.text,
                    lk.quantity.start,
                    mentions,
                    published,
                    stated[0].range.end if stated else published,
                )
            scope, what = scope_of(
                sent.text, lk.quantity, link_toll=lk.toll, revision=revision.revision, period=period
            )
            cumulative = scope is Scope.CUMULATIVE
            if cumulative and period is None and onset is not None:
                # "the violence that broke out on May 3" elsewhere opens the running toll
                stated = [m for m in mentions if m.statement and m.range.end is not None]
                period = _from_onset(onset, stated[0].range.end if stated else published)
            reliability = reliability_of(
                sent.text, lk.quantity, lk.trigger_start, period=period, published=published
            )
            if reliability is Reliability.RETRACTED and is_retraction(attribution or ""):
                attribution = None  # "an earlier version of this story said": the outlet itself
            place = _place(sent.text, sent_ents, lk.quantity.start, attribution)
            if (
                place is None
                and not cumulative
                and last_place
                and last_place[0] >= idx - 2
                and sentences[last_place[0]].paragraph == sent.paragraph
            ):
                place = last_place[1]
            draft = _Draft(
                link=lk,
                sentence=idx,
                start=sent.start,
                end=sent.end,
                category=category,
                scope=scope,
                date=period.range
                if cumulative and period is not None
                else _date_for(
                    sent.text,
                    _incident_at(sent.text, scope, what, lk.trigger_start),
                    mentions,
                    history,
                    cumulative,
                    published,
                    live,
                ),
                place=place,
                attributed_to=attribution,
                perpetrator=find_perpetrator(sent.text, lk.trigger_end, subject)
                if lk.outcome in (Outcome.KILLED, Outcome.INJURED, Outcome.DETAINED)
                else None,
            )
            draft.revision = revision
            draft.reliability = reliability
            draft.subject = _subject_words(what, place, cumulative)
            if combined and draft.subject is None:
                draft.subject = subject_words.strip(" ,")  # the combined figure names both
            if lk.outcome is Outcome.DISPLACED and re.search(
                r"\b(?:families|households)\b", np, re.I
            ):
                draft.subject = "households"  # "900 families fled": households, not people
            demo = _demographic(np)
            if demo and lk.quantity.best is not None:
                draft.demo[demo] = lk.quantity.best
            sentence_drafts.append(draft)
            wrong = _corrected_from(sent.text, lk)
            if wrong is not None:
                # "put the number of dead at 25, not 52": 52 is withdrawn, 25 revises it
                draft.revision = Revision(True, wrong.best)
                if draft.scope is Scope.INCIDENT:
                    draft.scope = Scope.INCIDENT_TOLL
                sentence_drafts.append(
                    replace(
                        draft,
                        link=replace(lk, quantity=wrong),
                        reliability=Reliability.RETRACTED,
                        revision=Revision(False, None),
                        demo={},
                        parts=[],
                    )
                )
        if _CLAIM_UNVERIFIED.search(sent.text):
            # "... the claim could not be verified": the figures it refers to
            targets = sentence_drafts or [d for d in drafts if d.sentence == idx - 1]
            for d in targets:
                if d.reliability is Reliability.REPORTED:
                    d.reliability = Reliability.UNVERIFIED
        drafts.extend(sentence_drafts)
        if idx in ents:
            for start, end, etext, label in sent_ents:
                if (
                    label in _PLACE_LABELS
                    and not re.search(
                        r"\bbased\s+in\s+(?:the\s+)?$", sent.text[max(0, start - 30) : start], re.I
                    )
                    and not _NOT_EVENT_PLACE.match(sent.text, end)  # "the Britain-based monitor"
                ):
                    last_place = (idx, etext)
        elif _IN_PLACE.search(sent.text):
            # a sentence that was not parsed: its last "in/at/near Place" by rule
            found = _place(sent.text, [], len(sent.text), None)
            if found:
                last_place = (idx, found)
        history.append(mentions)

    def definite(d: _Draft) -> bool:
        q = d.link.quantity
        before = sentences[d.sentence].text[max(0, q.start - 4) : q.start].lower()
        return (
            q.text.lower() in ("the", "him", "her", "he", "she")
            or q.text.lower().startswith("the ")
            or (before.endswith("the ") and q.qualifier is not Qualifier.VAGUE)
            or (
                q.qualifier is Qualifier.EXACT
                and q.best == 1
                and not q.digits
                and not _ONE_WORD.match(q.text)
            )
        )

    for outcome in (Outcome.KILLED, Outcome.INJURED):
        same = [d for d in drafts if d.link.outcome is outcome]
        if any(not definite(d) for d in same):
            # "The district head was killed", "the two guards were shot": a reference back to
            # people already counted when the report gives another figure
            drafts = [d for d in drafts if d.link.outcome is not outcome or not definite(d)]
    _date_by_incident(
        [d for d in drafts if d.sentence not in dated], incident_days, published, sentences
    )
    drafts = _split_breakdowns(drafts)
    _mark_breakdowns(drafts)
    _mark_corrections(drafts)
    drafts = _category_corrections(drafts, sentences)
    entities = source_entities(text, [d.attributed_to for d in drafts])
    for d, entity in zip(drafts, entities, strict=True):
        if entity == "person:named" and re.fullmatch(r"[A-Z][a-z'’\-]+", d.attributed_to or ""):
            d.attributed_to = "a named person"  # "Kabiru said": a name, not an organisation
    return _claims(text, report_id, version, drafts, entities)


_LIVE_ENTRY = re.compile(r"(?m)^\s*(?:\d{1,2}[:.]\d{2}|\d{1,2}[:.]\d{2}\s*(?:GMT|UTC|local))\b")
_CLAIM_UNVERIFIED = re.compile(
    r"\b(?:the\s+|their\s+|its\s+|this\s+|these\s+)claims?\b[^.;]{0,40}?\b(?:could|can|cannot|can't|"
    r"could\s+not)\s*(?:not\s+)?(?:be\s+)?(?:independently\s+)?(?:verified|confirmed|verify|confirm)",
    re.I,
)
_DEATH_NOUN = re.compile(r"^(?:deaths?|dead|fatalities|killed|people\s+killed)\b", re.I)


def _deaths_inside_casualties(sentence: str, found: list[Link]) -> list[Link]:
    """ "212 casualties, including 71 deaths": casualties make no killed claim, so the deaths
    inside them are a killed figure of their own."""
    casualties = [
        lk
        for lk in found
        if lk.outcome is Outcome.KILLED
        and not lk.inclusion
        and _CASUALTIES.match(sentence[lk.trigger_start : lk.trigger_end])
    ]
    if not casualties:
        return found
    # "212 civilian casualties, including 71 deaths": the deaths are of the same people
    counted = casualties[0].noun_phrase if category_of(casualties[0].noun_phrase) else ""
    return [
        replace(
            lk,
            outcome=Outcome.KILLED,
            inclusion=False,
            noun_phrase=lk.noun_phrase if category_of(lk.noun_phrase) else counted,
        )
        if lk.inclusion
        and (
            _DEATH_NOUN.match(lk.noun_phrase or "")
            or _DEATH_NOUN.match(sentence[lk.quantity.end :].lstrip())
        )
        else lk
        for lk in found
    ]


_CASUALTIES = re.compile(r"^(?:casualties|causalities)$", re.I)


def _split_breakdowns(drafts: list[_Draft]) -> list[_Draft]:
    """A total followed by its breakdown ("50 killed, among them 35 fighters, 9 police officers
    and four civilians") keeps the total (category unknown) and gives one claim per part, each
    marked ``part_of`` the total: reconciliation reads them as one figure, the parts setting
    the categories and the rest staying unknown.
    """
    out: list[_Draft] = []
    for d in drafts:
        total = d.link.quantity.best
        parts = [(c, lk) for c, lk in d.parts if lk.quantity.best is not None]
        summed = sum(lk.quantity.best or 0 for _c, lk in parts)
        if total is None or d.category is not Category.UNKNOWN or not parts or summed > total:
            out.append(d)
            continue
        out.append(replace(d, parts=[]))
        for category, lk in parts:
            if category is Category.UNKNOWN:
                continue  # "among them 5 people": names no category, stays in the rest
            out.append(
                replace(
                    d,
                    link=replace(lk, outcome=d.link.outcome, inclusion=False),
                    category=category,
                    demo={},
                    parts=[],
                    part_of=total,
                )
            )
    return out


_NOT_OLD = re.compile(r",?\s+(?:and\s+)?not\s+(?:the\s+)?(?:(?:reported|earlier|initial)\s+)?")


def _corrected_from(sentence: str, lk: Link) -> Quantity | None:
    """The figure a correction withdraws right after the new one: "25, not 52"."""
    m = _NOT_OLD.match(sentence, lk.quantity.end)
    if not m:
        return None
    found = find_quantities(sentence[m.end() : m.end() + 30])
    if not found or found[0].start != 0 or found[0].best is None:
        return None
    q = found[0]
    shift = m.end()
    return replace(q, start=q.start + shift, end=q.end + shift, number_start=q.number_start + shift)


def _with_projections(sentence: str, found: list[Link]) -> list[Link]:
    """The sentence's links plus its projected tolls ("deaths could exceed 1,000")."""
    extra = [
        Link(q, Outcome.KILLED, ts, te, "", False, True)
        for q, ts, te in projections(sentence)
        if not any(lk.quantity.start < q.end and q.start < lk.quantity.end for lk in found)
    ]
    return sorted([*found, *extra], key=lambda lk: lk.quantity.start) if extra else found


def _subject_words(what: str | None, place: str | None, cumulative: bool) -> str | None:
    """What a running toll counts: the incident, or the area and its period."""
    if not cumulative:
        return what
    if place and (what is None or place not in what):
        return f"{place} {what}" if what else place
    return what


# "... wrongly said the 85 people killed in the strike were soldiers. They were villagers ..."
_WRONG_CATEGORY = re.compile(
    r"\bwere\s+(?:all\s+)?(?P<wrong>[\w\-]+(?:\s+[\w\-]+)?)\s*[.;]?\s*$", re.I
)
_RIGHT_CATEGORY = re.compile(
    r"^\s*(?:they|the\s+(?:dead|victims))\s+were\s+(?:in\s+fact\s+|actually\s+|all\s+)?"
    r"(?P<right>[\w\-]+(?:\s+[\w\-]+)?)",
    re.I,
)


def _category_corrections(drafts: list[_Draft], sentences: list[Sentence]) -> list[_Draft]:
    """A correction of who was counted, not of the count: "an earlier version wrongly said the
    85 people killed were soldiers. They were villagers ..." keeps 85 as a reported figure of
    the corrected category (the figure with the wrong category stays retracted)."""
    out = list(drafts)
    for d in drafts:
        if d.reliability is not Reliability.RETRACTED or d.sentence + 1 >= len(sentences):
            continue
        text = sentences[d.sentence].text
        wrong = _WRONG_CATEGORY.search(text, d.link.quantity.end)
        right = _RIGHT_CATEGORY.match(sentences[d.sentence + 1].text)
        if wrong is None or right is None:
            continue
        before, after = category_of(wrong.group("wrong")), category_of(right.group("right"))
        if before is None or after is None or before is after:
            continue
        out.append(replace(d, category=after, reliability=Reliability.REPORTED, demo={}, parts=[]))
    return out


def _mark_corrections(drafts: list[_Draft]) -> None:
    """The figure that follows a retracted one ("... said 52; the toll is 48") revises it."""
    for i, d in enumerate(drafts):
        if d.reliability is not Reliability.RETRACTED or d.link.quantity.best is None:
            continue
        for later in drafts[i + 1 :]:
            if later.reliability is Reliability.REPORTED and later.link.outcome is d.link.outcome:
                later.revision = Revision(True, d.link.quantity.best)
                if later.scope is Scope.INCIDENT:
                    later.scope = Scope.INCIDENT_TOLL
                break


def _mark_breakdowns(drafts: list[_Draft]) -> None:
    """Figures that add up to a cumulative toll of the report are its breakdown: cumulative too."""
    totals = [
        d
        for d in drafts
        if d.scope in (Scope.CUMULATIVE, Scope.INCIDENT_TOLL)
        and d.link.outcome is Outcome.KILLED
        and d.link.quantity.low
    ]
    if not totals:
        return
    by_sentence: dict[int, list[_Draft]] = {}
    for d in drafts:
        if d.link.outcome is Outcome.KILLED and d.scope is Scope.INCIDENT:
            by_sentence.setdefault(d.sentence, []).append(d)
    for group in by_sentence.values():
        if len(group) < 2:
            continue
        total = sum(d.link.quantity.best or 0 for d in group)
        for t in totals:
            low = t.link.quantity.low or 0
            q = t.link.quantity
            fits = (
                total == q.best
                if q.qualifier is Qualifier.EXACT
                else low <= total <= max(low * 1.1, low + 10)
            )
            if fits:
                for d in group:
                    d.scope = t.scope
                    if d.date.start is None and t.date.start is not None:
                        d.date = t.date
                break


def _claims(
    text: str,
    report_id: str,
    version: str,
    drafts: list[_Draft],
    entities: list[str | None],
) -> list[Claim]:
    out: list[Claim] = []
    seen: set[tuple[int, int, str, str, int | None]] = set()
    for d, entity in zip(drafts, entities, strict=True):
        q = d.link.quantity
        assert d.link.outcome is not None
        key = (d.start, q.start, d.link.outcome.value, d.category.value, q.best)
        if key in seen:
            continue
        seen.add(key)
        claim = Claim(
            report_id=report_id,
            outcome=d.link.outcome,
            low=q.low,
            best=q.best,
            high=q.high,
            qualifier=q.qualifier,
            start=d.start,
            end=d.end,
            quote=text[d.start : d.end],
            quantity_text=q.text,
            category=d.category,
            children=d.demo.get("children"),
            women=d.demo.get("women"),
            men=d.demo.get("men"),
            perpetrator=d.perpetrator,
            place=PlaceRef(mention=d.place),
            date=d.date,
            attributed_to=d.attributed_to,
            scope=d.scope,
            reliability=d.reliability,
            source_entity=entity,
            subject=d.subject,
            revision=d.revision.revision,
            revises=d.revision.revises,
            part_of=d.part_of,
            extractor_version=version,
        )
        out.append(replace(claim).with_id())
    return out
