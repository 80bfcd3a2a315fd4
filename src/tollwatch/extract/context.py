"""Context of a claim inside its sentence: attribution, scope cues, negation, perpetrator.

All functions take the sentence text (and character offsets within it) and are pure.
"""

from __future__ import annotations

import re

from tollwatch.extract.lexicon import BREAK
from tollwatch.extract.speaker_keys import strip_dateline

__all__ = [
    "find_attribution",
    "find_perpetrator",
    "is_cumulative",
    "is_hypothetical",
    "is_negated_quantity",
]

_ACCORDING = re.compile(
    r"\b(?:according\s+to|citing|reported\s+by|quoted\s+by|cited\s+by|said\s+by)\s+"
    r"(?P<src>[^,;:.()]{2,90}?)(?=\s+(?:on|in|late|early|this|last|who|which|that|citing)\b|[,;:.()]|$)",
    re.I,
)
_SAID = r"said|says|reported|reports|told|informed|stated|states|claimed|claims|announced|confirmed|noted|added|estimated|estimates|counted|recorded|documented"
_SUBJECT_SAID = re.compile(
    rf"(?:^|[,;:][\"”’]?\s+|\bthat\s+|\band\s+)(?P<src>(?:the\s+|a\s+|an\s+)?[\w'’\-]+(?:\s+[\w'’\-()]+){{0,7}}?)"
    rf"(?:,\s+[^,]{{2,60}},)?\s+(?:also\s+|later\s+|previously\s+|had\s+|has\s+|have\s+)?(?:{_SAID})\b",
    re.I,
)
_SAID_SUBJECT = re.compile(
    rf"[,;]\s+(?:{_SAID})\s+(?P<src>(?:the\s+|a\s+|an\s+)?[\w'’\-]+(?:\s+[\w'’\-]+){{0,6}}?)(?=\s*[,.;]|$)",
    re.I,
)
_BAD_SOURCE = re.compile(
    r"^(?:as|it|he|she|they|this|that|which|who|there|what|one|some|others?|we|i|you|he\s+also|"
    r"the\s+report|reports?)$",
    re.I,
)

_CUMULATIVE = re.compile(
    r"\b(?:so\s+far|to\s+date|in\s+total|in\s+all|overall|cumulative|running\s+(?:toll|total|tally)|"
    r"tally|since\s+(?:the\s+(?:start|beginning|outbreak)|(?:last\s+)?(?:monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|"
    r"october|november|december|\d)|the\s+\w+\s+began|it\s+began|fighting|clashes|violence)|"
    r"(?:has|have|had)\s+(?:now\s+)?(?:risen|climbed|surpassed|passed|exceeded|reached|topped|increased|grown)|"
    r"(?:rose|risen|climbed|jumped|increased|grew|swelled)\s+to|surpassed|exceeded|"
    r"over\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:days|weeks|months|years)|"
    r"in\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:days|weeks|months|years)|this\s+year|"
    r"(?:over|during|in|for)\s+the\s+same\s+period|"
    r"death\s+toll\s+(?:now\s+)?(?:stands|stood)|brings?\s+(?:the\s+)?(?:total|toll)|bringing\s+(?:the\s+)?(?:total|toll))\b",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could|would|might|may|threaten(?:ed|s|ing)?|vow(?:ed|s|ing)?|plan(?:ned|s|ning)?|"
    r"plot(?:ted|s|ting)?|attempt(?:ed|s|ing)?|tr(?:ied|ying|y)|fail(?:ed|s)?|intend(?:ed|s)?|"
    r"aim(?:ed|s|ing)?|want(?:ed|s)?|warn(?:ed|s|ing)?|risk(?:ed|s)?|nearly|almost|"
    r"narrowly|escaped|survived|avoid(?:ed)?|prevent(?:ed)?|not|never|n't|no|neither|nor|deny|denied|denies)\b"
    r"(?:\s+\w+){0,3}\s*$",
    re.I,
)
_NEG_QUANTITY = re.compile(r"\b(?:no|not|nor|neither|without|zero|nobody|none)\s*$", re.I)
_BY = re.compile(
    r"\bby\s+(?P<p>(?:suspected|alleged|unknown|unidentified|armed|heavily\s+armed|an?|the|some)?\s*"
    r"[\w'’\-]+(?:\s+(?!in\b|on\b|at\b|near\b|who\b|after\b|during\b|while\b|and\b|when\b|as\b|"
    r"from\b|with\b|for\b|of\b)[\w'’\-]+){0,4})",
    re.I,
)
_ACTOR_WORDS = re.compile(
    r"\b(?:gunm[ae]n|militants?|insurgents?|rebels?|fighters?|attackers?|assailants?|terrorists?|"
    r"jihadists?|bandits?|militia\w*|soldiers?|troops?|police\w*|army|military|forces?|"
    r"security|boko\s+haram|iswap|taliban|al-shabaab|shabaab|islamic\s+state|is|isis|daesh|"
    r"herdsmen|fulani|gangs?|armed\s+men|cultists?|kidnappers?|pirates?|separatists?|"
    r"bombers?|air\s*strikes?|airstrikes?|drones?|shelling|loyalists?|groups?|jets?|aircraft)\b",
    re.I,
)


def _clean_source(src: str) -> str | None:
    src = re.sub(r"\s+", " ", src).strip(" ,'\"“”’")
    src = re.sub(r"\s+(?:reports?|accounts?|statements?|tallies|tally)$", "", src, flags=re.I)
    # "Ministry spokesman X had initially (reported)": the speaker without its auxiliaries
    src = re.sub(
        r"(?:\s+(?:had|has|have|initially|first|earlier|also|later|previously))+$", "", src
    )
    src = re.sub(
        r"^(?:as|and|but|while|that|whereas|though|although|however|meanwhile)\s+",
        "",
        src,
        flags=re.I,
    )
    if not src or _BAD_SOURCE.match(src) or len(src) < 2:
        return None
    if re.search(r"\b(?:were|was|killed|dead|died|injured|wounded|people)\b", src, re.I):
        return None
    if (
        _NOT_A_SPEAKER.search(src)
        or _FRAGMENT.search(src)
        or (_COUNT_LEAD.search(src) and not _SPEAKER_NOUN.search(src))
    ):
        return None  # "the fighting", "which an independent committee will conduct"
    if len(src.split()) > 3 and any(w.lower() in _VERBS for w in re.findall(r"[\w']+", src)):
        return None  # "the blast destroyed two trucks and the group": a clause, not a speaker
    return src


# Not a speaker: a count ("2 civilians have been", "One death", "A range of forty to sixty"), a
# time ("Around 5 May 2020 (as", "Earlier", "Latest"), a pronoun or negation ("He had been",
# "no group"), casualty words, a clause ending in an auxiliary or a conjunction, a killing verb.
_NUMBER_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|hundreds?|thousands?|dozens?|scores|several|many|few|some|only|all|both|"
    r"between|range|total|number"
)
_COUNT_LEAD = re.compile(rf"\b\d|^(?:(?:the|a|an)\s+)?(?:{_NUMBER_WORD})\b", re.I)
_SPEAKER_NOUN = re.compile(
    r"\b(?:officials?|sources?|witness(?:es)?|eyewitness(?:es)?|residents?|police|spokesm[ae]n|"
    r"spokeswom[ae]n|spokespersons?|doctors?|medics?|activists?|villagers?|survivors?|relatives|"
    r"monitors?|journalists?|reporters?|elders|leaders?|commanders?|diplomats?|aid\s+workers?|"
    r"agencies|agency|groups?|ministr(?:y|ies)|outlets?|media|authorities|government|army|"
    r"military|forces|troops|police|council|committee|office|observatory|organi[sz]ation)\b",
    re.I,
)
_FRAGMENT = re.compile(
    r"^(?:around|about|early|earlier|later|latest|late|conflicting|on|in|at|by|during|after|"
    r"before|since|until|then|also|there|here|he|she|they|it|we|you|his|her|their|no|not|"
    r"killing|kills|killed)\b|(?-i:^[a-z]\w+ing\b)|"
    r"\b(?:deaths?|injur(?:y|ies)|casualt(?:y|ies)|fatalit(?:y|ies)|bodies|victims?|toll)\b|"
    r"\b(?:have|has|had|been|are|is|be|and|or|of|to|the|a|an|with|by|for|in|on|at)$|\($",
    re.I,
)
_VERBS = frozenset(BREAK) - {"as", "said", "says", "according"}


_NOT_A_SPEAKER = re.compile(
    r"^(?:which|that|who|whom|whose|where|when|while|what|if|because|although|based\s+on|our|"
    r"we|us|\d+|up\s+from|down\s+from|up|down)\b|"
    r"^(?:the\s+|this\s+|that\s+)?(?:fighting|violence|attacks?|strikes?|clash(?:es)?|blast|"
    r"explosion|shelling|bombing|raid|war|conflict|incident|toll|death\s+toll|figures?|"
    r"numbers?|count|investigation|inquiry|probe)$|\b(?:will|would|could|should)\s+\w+$",
    re.I,
)


# "the violence has claimed 142 lives", "claimed the lives of nine", "claimed responsibility for":
# "claimed" here kills or owns an attack; it does not give a figure
_CLAIMED_NOT_SAID = re.compile(
    r"\s+(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to)\s+)?"
    r"(?:(?:the|a|an|its|their)\s+)?(?:[\w,.\-]+\s+){0,2}?(?:lives?\b|responsibility\b|credit\b|"
    r"ownership\b)",
    re.I,
)


def _not_speech(body: str, m: re.Match[str]) -> bool:
    verb = body[m.start() : m.end()].split()[-1].lower() if m.end() > m.start() else ""
    return verb in ("claimed", "claims") and bool(_CLAIMED_NOT_SAID.match(body, m.end()))


def find_attribution(sentence: str, before: int) -> str | None:
    """Who gives the figure: the attribution nearest to position ``before`` in ``sentence``."""
    candidates: list[tuple[int, str]] = []
    body = strip_dateline(sentence)  # "BEIRUT (Wire) - X said": the speaker is X
    before -= len(sentence) - len(body)
    for pattern in (_ACCORDING, _SUBJECT_SAID, _SAID_SUBJECT):
        for m in pattern.finditer(body):
            if pattern is _SUBJECT_SAID and _not_speech(body, m):
                continue
            src = _clean_source(m.group("src"))
            if src:
                candidates.append((abs(m.start("src") - before), src))
    if not candidates:
        return None
    return min(candidates)[1]


def is_cumulative(sentence: str) -> bool:
    """Cues of a running or cumulative toll anywhere in the sentence."""
    return bool(_CUMULATIVE.search(sentence))


def is_hypothetical(before_trigger: str) -> bool:
    """Modal, threat, attempt or negation words right before a trigger."""
    return bool(_HYPOTHETICAL.search(before_trigger[-60:])) or bool(
        _KEPT_FROM.search(before_trigger[-60:])
    )


# "troops prevented a mob from lynching ...": the killing did not happen
_KEPT_FROM = re.compile(
    r"\b(?:prevent\w*|stop(?:ped|s|ping)?|foil\w*|thwart\w*|kept|keep\w*|sav(?:ed|es|ing))\b"
    r"[^.;:]{0,50}?\bfrom\s*$",
    re.I,
)


def is_negated_quantity(before_quantity: str) -> bool:
    return bool(_NEG_QUANTITY.search(before_quantity[-12:]))


def find_perpetrator(sentence: str, trigger_end: int, subject: str) -> str | None:
    """'killed by X' after the trigger, else an armed actor named as the sentence's subject."""
    m = _BY.search(sentence, trigger_end, min(len(sentence), trigger_end + 80))
    if m and _ACTOR_WORDS.search(m.group("p")):
        return re.sub(r"\s+", " ", m.group("p")).strip()
    s = subject.strip()
    if s and _ACTOR_WORDS.search(s) and len(s) <= 80:
        return s
    return None
