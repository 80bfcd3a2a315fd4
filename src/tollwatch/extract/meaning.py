"""What a figure means: incident, running toll of one incident, or running toll of an area and
period; whether it revises an earlier figure; how far it may be counted (docs/extraction.md,
"Scope, subject and period" and "Corrections, projections, hedges"). Pure functions over one
sentence and the offsets of a figure in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tollwatch.extract.numbers import Quantity, find_quantities, parse_number_words
from tollwatch.extract.periods import Period, clause_bounds, stated_span, year_before
from tollwatch.models import Reliability, Scope

__all__ = [
    "Revision",
    "is_retraction",
    "projections",
    "read_revision",
    "reliability_of",
    "scope_of",
]

_QUAL = (
    r"(?:at\s+least|more\s+than|over|about|around|nearly|almost|some|an\s+estimated|"
    r"approximately|roughly|just\s+over|just\s+under)"
)
# "has risen to 27", "climbed to 34", "reached 27", "now stands at 43", "corrected to 48"
_REVISED_TO = re.compile(
    r"\b(?:(?:has|have|had)\s+(?:now\s+|since\s+|further\s+)?)?(?:risen|rose|rises|climbed|climbs|"
    r"jumped|increased|grew|swelled|mounted|surged|soared|gone\s+up|went\s+up|raised|revised\s+"
    r"(?:up(?:ward)?s?\s+|down(?:ward)?s?\s+)?|corrected|updated|adjusted|lowered|fell|dropped)"
    r"\s+(?:from\s+(?P<from>[\w,.\-]+(?:\s+[\w\-]+)?)\s+)?to\s*$"
    r"|\b(?:(?:has|have|had)\s+(?:now\s+)?)?(?:reached|reaches|hit|topped|passed|surpassed|"
    r"exceeded)\s*$"
    r"|\bnow\s+(?:stands?|stood)\s+at\s*$|\bnow\s+(?:at|totals?|is|numbers?|counts?|records?)\s*$"
    r"|\b(?:bringing|brings?|brought|taking|takes|took|pushing|pushed)\s+to\s*$"
    r"|\b(?:bringing|brings?|brought|taking|takes|took|pushing|pushed)\s+(?:the\s+)?"
    r"(?:\w+\s+){0,2}(?:toll|total|tally|number|count)\s+(?:\w+\s+){0,3}?to\s*$",
    re.I,
)
_UP_FROM = re.compile(
    rf"[^.;]{{0,90}}?\b(?:up|down|rising|increased|revised|raised)\s+from\s+(?:an?\s+|the\s+)?"
    rf"(?:(?:earlier|previous|initial|first|original|prior)\s+)?(?:(?:count|toll|figure|tally|"
    rf"estimate|report|number|total)\s+)?(?:of\s+)?(?:{_QUAL}\s+)?(?P<n>\d[\d,.]*|[a-z]+(?:[\s-][a-z]+)?)",
    re.I,
)
# the figure is a toll: "the death toll ... 27", "the number of people killed ... 34"
_TOLL_WORDS = re.compile(
    r"\b(?:toll|tally|death\s+count|body\s+count|number\s+of\s+(?:the\s+)?(?:people\s+|those\s+|"
    r"civilians\s+)?(?:killed|dead|deaths|victims|fatalities|casualties|martyrs))\b",
    re.I,
)
# "our count of the massacre of 24 August ... stands at 186": a running count of one incident
_COUNT_OF = re.compile(
    r"\b(?:our|their|its|his|her|the)\s+(?:latest\s+|own\s+|final\s+|updated\s+)?count\s+of\s+"
    r"[^.;]{3,110}?\b(?:stands?|stood)\s+at\s*$",
    re.I,
)
_STANDS = re.compile(r"\b(?:stands?|stood|is|was|at|of)\s*$", re.I)
_INCIDENT_NOUN = re.compile(
    r"\b(?:air\s*strikes?|airstrikes?|drone\s+strikes?|strikes?|attacks?|bombings?|shelling|"
    r"blasts?|explosions?|massacres?|raids?|ambush(?:es)?|assaults?|fire|collapse|crash|"
    r"stampede|shootings?|bombardment|incident|clash(?:es)?|fighting|rampage|landslide|"
    r"floods?|earthquake|sinking|shipwreck|derailment)\b",
    re.I,
)
# "the toll from Sunday's shelling of the market", "people killed in the June 9 strike"
_OF_WHAT = re.compile(
    r"\b(?:toll|tally|count|number\s+of\s+[\w\s]{0,25}?(?:killed|dead|deaths|victims|"
    r"fatalities|casualties|martyrs)|killed|dead|died|deaths)\s+(?:from|of|in|by|during)\s+"
    r"(?P<ref>[^,;:()]{3,90}?)(?=\s+(?:has|have|had|was|is|were|rose|risen|climbed|jumped|"
    r"stood|stands|now|reached|increased|to|up|since|according|over|so)\b|[,;:()]|\.?$)",
    re.I,
)
# "wounded in Tuesday's ambush near the pass ..., bringing to nine the number killed"
_DAYS_INCIDENT = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|last\s+week)['’]s\s+"
    r"(?:[\w\-]+\s+){0,2}?(?:air\s*strike|airstrike|strike|attack|bombing|blast|explosion|massacre|"
    r"raid|ambush|assault|shelling|shooting|fire|crash|stampede|clash(?:es)?)"
    r"(?:\s+(?:at|on|in|near|of)\s+[^,;.]{2,50}?)?(?=[,;.]|\s+(?:died|has|had|was|were|is|"
    r"rose|according|on|in)\b|$)"
)
_ONE_INCIDENT = re.compile(
    r"\b(?:an?|the|this|that|one)\s+(?:[\w\-]+\s+){0,2}(?:air\s*strike|airstrike|strike|attack|"
    r"bombing|blast|explosion|massacre|raid|ambush|assault|fire|crash|stampede|shooting|"
    r"incident|clash|gunfight|encounter)\b",
    re.I,
)
_IN_THE_WAR = re.compile(
    r"\b(?:killed|dead|died|deaths|wounded|injured)\s+(?:in|during|since\s+the\s+start\s+of)\s+"
    r"(?P<war>the\s+(?:[\w\-]+\s+){0,2}(?:war|conflict|civil\s+war|insurgency)"
    r"(?:\s+(?:between|in|against|with)\s+[^,;.]{2,40}?)?)(?=[,;.]|\s+(?:so\s+far|since|according)|$)",
    re.I,
)
# "received 32 bodies from the explosion at the mosque so far": the one incident it counts
_FROM_INCIDENT = re.compile(
    r"\b(?:from|in|after)\s+(?P<ref>(?:the|this|that|an?|[A-Z]\w+'s)\s+(?:[\w\-]+\s+){0,2}?"
    r"(?:air\s*strike|airstrike|strike|attack|bombing|blast|explosion|massacre|raid|ambush|"
    r"assault|fire|crash|stampede|shooting|collapse)(?:\s+(?:at|on|in|near|of)\s+[^,;.]{2,60}?)?)"
    r"(?=\s+(?:during|on|so|according|last|this)\b|[,;.]|$)"
)
# "Drone strike on the teaching hospital yesterday: 30 dead so far": a headline naming one strike
_LEAD_INCIDENT = re.compile(
    r"\s*(?P<ref>(?:[A-Z][\w\-]*\s+){0,2}?(?:air\s*strike|airstrike|drone\s+strike|strike|attack|"
    r"bombing|blast|explosion|massacre|raid|ambush|shelling)\s+(?:on|of|in|at|near)\s+[^:;,.]{2,80}?)"
    r"(?=\s+(?:yesterday|today|on|last|this)\b|[:;,.])",
    re.I,
)
_ONE_SITE = re.compile(
    r"\bfrom\s+the\s+(?:site|scene|rubble|ruins|wreckage|debris|building|river|sea)\b", re.I
)
_AGGREGATE = re.compile(
    r"\b(?:recorded|documented|counted|registered|tallied|verified|monitor\w*|in\s+(?:the|all)\s+"
    r"(?:state|province|region|country|district|governorate|county|north|south|east|west|area)|"
    r"in\s+[A-Z][\w\-]+\s+(?:state|province|region|governorate|county|district)|attacks|"
    r"clashes|air\s*strikes|airstrikes|raids|fighting|violence|across|"
    # "the highest monthly toll in a year": the count of a month, not of one attack
    r"(?:daily|weekly|monthly|quarterly|annual|yearly)\s+(?:death\s+)?(?:toll|tally|count|total))\b"
)
_CUMULATIVE_CUE = re.compile(
    r"\b(?:so\s+far|to\s+date|in\s+total|in\s+all|overall|cumulative|running\s+(?:toll|total|"
    r"tally)|since|over\s+the\s+(?:past|last)|in\s+the\s+(?:past|last)|this\s+year)\b",
    re.I,
)
_WAR_WIDE = re.compile(
    r"\b(?:since\s+the\s+(?:start|beginning|outbreak|outset)\s+of\s+the\s+(?:\w+\s+)?(?:war|"
    r"conflict|uprising|revolution|insurgency|crisis)|since\s+the\s+(?:\w+\s+)?(?:war|conflict|"
    r"uprising|revolution|insurgency)\s+(?:began|started|erupted|broke\s+out)|(?:in|during|of|"
    r"throughout)\s+the\s+(?:\w+\s+)?(?:war|conflict)\s+(?:so\s+far|as\s+a\s+whole)|war-wide|"
    r"over\s+the\s+course\s+of\s+the\s+(?:war|conflict)|"
    # "the war has now caused 140,000 casualties": the war itself as what killed
    r"\bthe\s+(?:\w+\s+)?(?:war|conflict)\s+(?:has|had)\s+(?:now\s+|so\s+far\s+|already\s+)?"
    r"(?:caused|killed|claimed|left|cost)\b)",
    re.I,
)
# "the war in Tigray, which researchers estimate killed as many as 600,000"
_WAR_KILLED = re.compile(
    r"\b(?:war|civil\s+war|conflict|insurgency|genocide|famine|uprising)\b[^.;]{0,60}?\b"
    r"(?:which|that)\b[^.;]{0,80}?(?:killed|claimed|left|cost)\s+[^.;]{0,25}$",
    re.I,
)
# "the deadliest strike on the town since March, when 21 were killed": the earlier attack a
# comparison points back to, told as history
_COMPARED_BEFORE = re.compile(
    r"\b(?:worst|deadliest|bloodiest|biggest|largest|heaviest|highest|first|fiercest|"
    r"most\s+\w+)\b[^.;]{0,60}?\bsince\b[^.;,]{1,50},?\s+when\b[^.;,]{0,40}$",
    re.I,
)
# "30,000 homicides a year": a rate, not a count of this week
_RATE = re.compile(
    r"[^.;,]{0,40}?\b(?:a|per|each|every)\s+(?:year|month|week|day)\b|[^.;,]{0,40}?\bannually\b",
    re.I,
)
_RETRACTED = re.compile(
    r"\b(?:an?|the)\s+(?:earlier|previous|original|initial)\s+version\s+of\s+(?:this|the)\s+"
    r"(?:story|article|report|item|dispatch)|\b(?:incorrectly|wrongly|erroneously|mistakenly)\s+"
    r"(?:said|stated|reported|gave|put|cited|quoted)|\bwas\s+(?:incorrectly|wrongly)\s+reported\b",
    re.I,
)
_UNVERIFIED = re.compile(
    r"\b(?:unconfirmed|unverified|uncorroborated|unsubstantiated|rumou?r(?:s|ed)?|social\s+media|"
    r"circulating\s+(?:online|on\s+\w+)|posts?\s+circulating|"
    r"could\s+not\s+be\s+(?:independently\s+)?(?:verified|confirmed))\b",
    re.I,
)
_PROJECTION_BEFORE = re.compile(
    r"\b(?:could|may|might|would|will|is\s+(?:expected|likely|set|feared|projected|forecast)\s+to|"
    r"are\s+(?:expected|likely|set|feared|projected)\s+to|expected\s+to|likely\s+to|threatens\s+to|"
    r"warn(?:ed|s)?\s+(?:that\s+)?(?:[\w\s]{0,30})\s+(?:could|may|might|would))\s+"
    r"(?:\w+\s+){0,2}(?:rise|climb|reach|exceed|top|surpass|pass|hit|be|increase|grow|double|"
    r"go\s+up|kill|die|run\s+into|go\s+into)\b[^.;,]{0,15}$",
    re.I,
)
_PROJECTION_AFTER = re.compile(
    r"^[^.;]{0,30}\bby\s+the\s+end\s+of\s+(?:the|this|next)\s+(?:year|month|week)\b", re.I
)
# "two are feared dead": presumed, not confirmed
_FEARED_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}(?:(?:are|were|is|was|have\s+been|had\s+been|has\s+been)\s+)?feared\s+"
    r"(?:dead|killed|drowned|to\s+have)\b",
    re.I,
)
# "deaths from hunger could exceed 1,000": a projected toll, not a count
_PROJECTED_TOLL = re.compile(
    r"\b(?:death\s+toll|toll|deaths|number\s+of\s+(?:dead|deaths|people\s+killed|victims)|"
    r"fatalities)\b[^.;]{0,50}?\b(?:could|may|might|would|(?:is|are)\s+(?:expected|likely|"
    r"feared|projected|set)\s+to)\s+(?:\w+\s+)?(?:rise\s+to|reach|exceed|top|surpass|pass|hit|"
    r"climb\s+(?:to|past|above)|go\s+above|be|(?:run|go|rise|climb)\s+into(?:\s+the)?)\s+(?P<q>(?:at\s+least\s+|more\s+than\s+|over\s+|"
    r"about\s+|around\s+)?[\w,.]+(?:\s+(?:thousand|million|hundred))?)",
    re.I,
)


# violence spread over places and weeks: "the ethnic clashes", "the violence in the state",
# "the unrest that", "due to the conflict"
_SPREAD_VIOLENCE = re.compile(
    r"\b(?:(?:ethnic|sectarian|communal|inter-communal|intercommunal|tribal|post-election|"
    r"political)\s+(?:violence|clashes|strife|conflict|unrest|riots|rioting|fighting|tensions)|"
    r"(?:the|this)\s+(?:ongoing\s+|recent\s+|\w+-long\s+)?(?:violence|unrest|strife|conflict|"
    r"crisis|insurgency)\s+(?:in|across|that|which|since)\b|"
    r"(?:in|due\s+to|since|amid)\s+the\s+(?:ongoing\s+)?(?:violence|unrest|strife|conflict|"
    r"crisis|insurgency)\b)",
    re.I,
)
# counted up to now: "has killed", "have been killed", "has claimed", "lost their lives ... that
# broke out", "till July 4", "so far"
_SO_FAR_VERB = re.compile(
    r"\b(?:has|have)\s+(?:now\s+|so\s+far\s+|reportedly\s+|already\s+)?(?:been\s+)?"
    r"(?:killed|claimed|left|died|lost|displaced|injured|wounded|fled|taken)\b|"
    r"\b(?:broke\s+out|erupted|began|so\s+far|to\s+date|till|until|as\s+of)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Revision:
    revision: bool
    revises: int | None


def _number(words: str) -> int | None:
    words = words.strip().rstrip(".,")
    found = find_quantities(words)
    if found and found[0].best is not None:
        return found[0].best
    return parse_number_words(words)


# "raised the toll from Thursday's bombings in the square to": the from-phrase is the incident
_RAISED_TOLL_OF = re.compile(
    r"\b(?:raised|revised|updated|corrected|lowered|increased|put)\s+(?:up\s+|down\s+)?(?:the|its|"
    r"their|his|her)\s+(?:\w+\s+){0,2}(?:toll|tally|count|figure|number\s+of\s+(?:dead|deaths|"
    r"victims))\s+(?:from|of|in|for)\s+[^.;:]{3,90}?\bto\s*$",
    re.I,
)
# "the correct toll of the market attack is 84": a correction names the figure it gives
_CORRECTED_TOLL = re.compile(
    r"\b(?:the|its|their)\s+(?:correct|corrected|revised|updated|amended)\s+(?:death\s+)?"
    r"(?:toll|tally|count|figure)\b[^.;:]{0,90}?\b(?:is|was|stands\s+at|stood\s+at|at)\s*$",
    re.I,
)
# "... to 32 dead and": the revised figure's first outcome, so that the next one is revised too
_FIRST_OF_PAIR = re.compile(
    r"\s*(?:\d[\d,.]*|[a-z]+(?:-[a-z]+)?)\s+(?:people\s+)?(?:dead|killed|deaths|fatalities|"
    r"wounded|injured)\s*(?:,\s*(?:and\s+)?|and\s+)$",
    re.I,
)


def _cue_before(sentence: str, end: int) -> Revision | None:
    """A revision cue ending at ``end``: "risen to", "raised the toll from X's strike to"."""
    before = sentence[max(0, end - 70) : end]
    m = _REVISED_TO.search(before)
    if m:
        return Revision(True, _number(m.group("from")) if m.groupdict().get("from") else None)
    if (
        _RAISED_TOLL_OF.search(sentence[max(0, end - 130) : end])
        or _CORRECTED_TOLL.search(sentence[max(0, end - 130) : end])
    ) or re.search(
        r"\b(?:later|since)\s+(?:raised|revised|updated|corrected)\s+to\s*$", before, re.I
    ):
        return Revision(True, None)
    return None


# "27 people are now confirmed dead": the figure replaces the ones before it
_NOW_CONFIRMED = re.compile(
    r"\s+(?:[\w\-]+\s+){0,2}?(?:are|were|is|have\s+been|has\s+been)\s+now\s+(?:confirmed|known|"
    r"reported|listed)\s+(?:to\s+have\s+(?:been\s+killed|died)|dead|killed)\b",
    re.I,
)


def read_revision(sentence: str, q: Quantity) -> Revision:
    """A revision cue on the figure: "risen to 27", "up from an earlier count of 41"."""
    cue = _cue_before(sentence, q.start)
    if cue is None and _NOW_CONFIRMED.match(sentence, q.end):
        cue = Revision(True, None)
    up = _UP_FROM.match(sentence, q.end)
    if up:
        return Revision(True, _number(up.group("n")))
    if cue is not None:
        return cue
    pair = _FIRST_OF_PAIR.search(sentence, max(0, q.start - 40), q.start)
    if pair is not None:
        # "raised the toll to 32 dead and 110 wounded": both figures are revised
        cue = _cue_before(sentence, pair.start())
        if cue is not None:
            return Revision(True, None)
    return Revision(False, None)


def _is_toll(sentence: str, q: Quantity, link_toll: bool) -> bool:
    if link_toll:
        return True
    before = sentence[max(0, q.start - 80) : q.start]
    if _COUNT_OF.search(sentence[max(0, q.start - 150) : q.start]):
        return True
    return bool(_TOLL_WORDS.search(before)) and bool(
        _STANDS.search(before) or _REVISED_TO.search(before)
    )


def incident_of(sentence: str, toll: bool = False) -> str | None:
    """The incident a toll counts, in the report's words ("Sunday's shelling of the market")."""
    for m in _OF_WHAT.finditer(sentence):
        ref = m.group("ref").strip()
        if _INCIDENT_NOUN.search(ref) and not re.match(r"(?:the\s+)?(?:war|conflict)\b", ref, re.I):
            return ref
    day = _DAYS_INCIDENT.search(sentence) if toll else None
    return day.group(0) if day else None


def area_of(sentence: str) -> str | None:
    """The area a running toll counts when no incident is named ("the death toll in Gaza")."""
    for m in _OF_WHAT.finditer(sentence):
        ref = m.group("ref").strip()
        if not _INCIDENT_NOUN.search(ref) and re.match(r"(?:the\s+)?[A-Z]", ref):
            return ref
    return None


def scope_of(
    sentence: str,
    q: Quantity,
    *,
    link_toll: bool,
    revision: bool,
    period: Period | None,
) -> tuple[Scope, str | None]:
    """Incident, running toll of one incident, or cumulative; and what it counts."""
    toll = revision or _is_toll(sentence, q, link_toll)
    incident = incident_of(sentence, toll)
    if (
        period is not None
        and period.kind == "named"
        and not toll
        and (_ONE_INCIDENT.search(sentence) or not _AGGREGATE.search(sentence))
    ):
        # "killed in an attack in March", "six were killed last week": an incident dated to a
        # month or week; "210 killed in the state in May" names an area, so it is a running toll
        period = None
    if period is not None and (
        incident is None or period.range.start is not None or not _ONE_INCIDENT.search(incident)
    ):
        return Scope.CUMULATIVE, period.words
    if toll:
        if incident is not None:
            return Scope.INCIDENT_TOLL, incident
        area = area_of(sentence)
        if area is not None or _CUMULATIVE_CUE.search(sentence):
            return Scope.CUMULATIVE, area
        return Scope.INCIDENT_TOLL, None
    war = _IN_THE_WAR.search(sentence)
    if war:
        return Scope.CUMULATIVE, war.group("war")  # "38,000 killed in the war between X and Y"
    if _CUMULATIVE_CUE.search(sentence) and re.search(
        r"\b(?:so\s+far|to\s+date|in\s+total|in\s+all|overall|cumulative|running)\b", sentence, re.I
    ):
        if incident is not None or _ONE_SITE.search(sentence):
            return Scope.INCIDENT_TOLL, incident  # "30 bodies pulled from the site so far"
        one = _FROM_INCIDENT.search(sentence) or _LEAD_INCIDENT.match(sentence)
        if one is not None:
            return Scope.INCIDENT_TOLL, one.group("ref")
        return Scope.CUMULATIVE, area_of(sentence)
    spread = _SPREAD_VIOLENCE.search(sentence)
    if spread and _SO_FAR_VERB.search(sentence) and not _ONE_INCIDENT.search(sentence):
        # "the ethnic violence that has killed at least 54", "98 lost their lives in the unrest
        # that broke out a month ago": the toll of a spread of violence, not of one incident
        words = re.sub(
            r"^(?:in|due\s+to|since|amid)\s+|\s+(?:in|across|that|which|since)$",
            "",
            spread.group(0),
            flags=re.I,
        )
        return Scope.CUMULATIVE, words
    span = stated_span(sentence) if period is None and incident is None else None
    if span is not None and not _ONE_INCIDENT.search(sentence):
        # "in these 365 days, 225 people have died" in a report with no date: a toll over a
        # span, as it is when the report's date anchors the span
        return Scope.CUMULATIVE, span
    return Scope.INCIDENT, None


def is_retraction(sentence: str) -> bool:
    """The sentence reports what an earlier, corrected version said."""
    return bool(_RETRACTED.search(sentence))


def reliability_of(
    sentence: str,
    q: Quantity,
    trigger_start: int,
    *,
    period: Period | None,
    published: date | None,
) -> Reliability:
    """Reported, or a mark that keeps the figure out of tolls (retracted, background, ...)."""
    if is_retraction(sentence):
        return Reliability.RETRACTED
    first = min(q.start, trigger_start)
    clause_start = max(
        sentence.rfind(";", 0, first), sentence.rfind(". ", 0, first), sentence.rfind(":", 0, first)
    )
    own_start, own_end = clause_bounds(sentence, q.start)
    clause = sentence[max(clause_start + 1, own_start) : own_end]
    recent = (
        period is not None
        and period.range.start is not None
        and published is not None
        and (published - period.range.start).days <= 366
    )
    near = sentence[max(own_start, first - 130) : min(own_end, q.end + 40)]
    if (
        _WAR_WIDE.search(clause)
        or _WAR_KILLED.search(sentence[max(0, q.start - 120) : q.start])
        or year_before(near, published)
    ) and not recent:
        return Reliability.BACKGROUND
    if _RATE.match(sentence, q.end) or _COMPARED_BEFORE.search(
        sentence[max(own_start, first - 160) : first]
    ):
        # "30,000 homicides a year" is a rate whatever period the sentence names
        return Reliability.BACKGROUND
    if (
        period is not None
        and period.range.start is not None
        and published is not None
        and (published - period.range.start).days > 2 * 366
    ):
        return Reliability.BACKGROUND
    if _FEARED_AFTER.match(sentence[q.end : q.end + 60]):
        return Reliability.PROJECTION  # "dozens are feared dead": a fear, not a count
    if _UNVERIFIED.search(sentence[max(0, first - 70) : first]):
        return Reliability.UNVERIFIED
    if _PROJECTION_BEFORE.search(sentence[max(0, q.start - 90) : q.start]) or (
        _PROJECTION_AFTER.match(sentence[q.end : q.end + 70])
    ):
        return Reliability.PROJECTION
    return Reliability.REPORTED


def projections(sentence: str) -> list[tuple[Quantity, int, int]]:
    """Projected tolls ("deaths could exceed 1,000"): (quantity, trigger start, trigger end)."""
    out: list[tuple[Quantity, int, int]] = []
    for m in _PROJECTED_TOLL.finditer(sentence):
        found = [q for q in find_quantities(sentence) if q.start >= m.start("q") - 20]
        found = [q for q in found if q.start <= m.end("q") and q.best is not None]
        if found:
            out.append((found[0], m.start(), m.start() + len(m.group(0).split()[0])))
    return out
