"""One victim without a number: "a soldier", "killed him", "he died", "The district head was
killed". Each becomes a quantity of 1 for the linker; pronouns and definite subjects may refer
back to someone already counted, which ``assemble`` resolves.
"""

from __future__ import annotations

import re

from tollwatch.extract.lexicon import AUX, NON_PERSON, POST_TRIGGERS
from tollwatch.extract.numbers import Quantity
from tollwatch.extract.tokens import Token, match_at, verbish
from tollwatch.models import Outcome, Qualifier

__all__ = ["ACTIVE_BEFORE_SINGULAR", "counts_things", "singulars"]

_SINGULAR_NOUNS = frozenset(
    """man woman boy girl child person civilian soldier policeman policewoman officer member
    resident farmer trader student pupil teacher villager worshipper herder fisherman driver
    militant fighter rebel insurgent gunman attacker assailant bandit terrorist jihadist
    commander leader chief cleric imam priest journalist worker youth teenager minor infant
    baby toddler mother father son daughter wife husband brother sister relative guard
    constable trooper jawan militiaman tribesman elder councillor official passenger
    motorist suspect protester demonstrator supporter activist politician candidate lawyer
    doctor nurse shopkeeper vendor hunter miner labourer laborer refugee migrant pilgrim
    monk nun student businessman businesswoman local native citizen national body corpse
    victim security colleague neighbour neighbor cadre informant soldier marine sailor pilot""".split()  # noqa: SIM905
)
ACTIVE_BEFORE_SINGULAR = frozenset(
    """killed killing dead down beheaded beheading executed executing murdered murdering
    lynched lynching assassinated abducted abducting kidnapped kidnapping injured injuring
    wounded wounding decapitated alive""".split()  # noqa: SIM905
)
_COUNT_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve twenty thirty""".split()  # noqa: SIM905
)
_MONTH_WORDS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()  # noqa: SIM905
)


def counts_things(noun_phrase: str) -> bool:
    """The head noun of the phrase ("village headman" -> headman) names things, not people."""
    raw = noun_phrase.split()
    words = noun_phrase.lower().split()
    for k, w in enumerate(words):
        if w == "of" and k == 0:
            # "five of their cattle": the head is after "of"
            rest = [x for x in words[1:] if x not in ("the", "their", "his", "her", "its", "them")]
            return bool(rest) and rest[0].strip(",.") in NON_PERSON
        if w in ("of", "from", "in", "at", "over", "for", "during") or (
            k > 0 and raw[k][:1].isupper() and raw[k - 1][:1].islower()
        ):
            words = words[:k]  # "thieves Bela village": a capitalised name starts a new phrase
            break
    return bool(words) and (
        words[-1].strip(",.") in NON_PERSON or (words[0] in NON_PERSON and len(words) == 1)
    )


def _definite_start(tokens: list[Token], i: int) -> bool:
    """'The ...' opening the sentence, or right after an 'On 3 May 2020,' style prefix."""
    if i == 0:
        return True
    return (
        tokens[i - 1].low == "," and i <= 8 and tokens[0].low in ("on", "in", "at", "late", "early")
    )


_PRONOUN_TRIGGERS = frozenset(
    """killed killing kill kills murdered murdering executed executing lynched lynching
    assassinated beheaded beheading dead""".split()  # noqa: SIM905
)


_ONE_PERSON_OUTCOMES = (Outcome.KILLED, Outcome.INJURED, Outcome.DETAINED, Outcome.MISSING)


def _one(text: str, tok: Token) -> Quantity:
    return Quantity(
        tok.start, tok.end, text[tok.start : tok.end], 1, 1, 1, Qualifier.EXACT, tok.start, False
    )


def _bare_subject_killed(
    text: str, tokens: list[Token], i: int, outcomes: tuple[Outcome, ...] = (Outcome.KILLED,)
) -> bool:
    """Tokens from ``i`` form a short subject followed by 'was (...) killed'."""
    for j in range(i + 1, min(i + 8, len(tokens))):
        w = tokens[j].low
        if w in ("was", "has", "had"):
            m = j + 1
            while m < len(tokens) and tokens[m].low in AUX:
                m += 1
            if m >= len(tokens):
                return False
            hit = match_at(POST_TRIGGERS, text, tokens[m].start)
            return hit is not None and hit[0] in outcomes
        if (
            (not w[0].isalnum() and w not in ("-", "(", ")"))
            or verbish(w)
            or w in ("and", "were", "are")
        ):
            return False
    return False


def _singular_object(tokens: list[Token], i: int) -> bool:
    """'killed the campaign coordinator of ...': a singular noun phrase after 'the'."""
    head = ""
    for t in tokens[i + 1 : i + 5]:
        if not t.low[0].isalpha() or t.low in (
            "of",
            "in",
            "at",
            "on",
            "and",
            "near",
            "from",
            "with",
        ):
            break
        head = t.low
    return bool(head) and head.isalpha() and not head.endswith("s") and head not in NON_PERSON


def _possessed_person(tokens: list[Token], i: int) -> bool:
    """'his 12-year-old sister', 'their driver': a possessive before one person's noun (a
    figure or a plural between them means the figure counts)."""
    for t in tokens[i + 1 : i + 4]:
        w = t.low.split("-")[-1]
        if w in _SINGULAR_NOUNS or w in _KIN:
            return True
        if not t.low[0].isalnum() or verbish(t.low) or t.low in _COUNT_WORDS or t.low.isdigit():
            return False
    return False


# "A trader and his son were killed": two singular people joined by "and" before a plural verb
_PAIR = re.compile(
    r"\b(?P<d>a|an|the)\s+(?P<m1>(?:[\w'’\-]+\s+){0,3}?)(?P<h1>[a-z][\w\-]*)\s+and\s+"
    r"(?:a|an|the|his|her|their)\s+(?P<m2>(?:[\w'’\-]+\s+){0,2}?)(?P<h2>[a-z][\w\-]*)\s+"
    r"(?:were|have\s+been|had\s+been)\s+",
    re.I,
)
_KIN = frozenset(
    """nephew niece cousin uncle aunt grandson granddaughter grandfather grandmother bodyguard
    helper companion friend associate aide assistant partner fiance fiancee stepson
    stepdaughter accomplice""".split()  # noqa: SIM905
)


def _person_head(head: str, modifiers: str) -> bool:
    words = modifiers.lower().split()
    if any(w.isdigit() or w in _COUNT_WORDS for w in words):
        return False  # "his three accomplices": the figure counts them
    return head.lower() in _SINGULAR_NOUNS or head.lower() in _KIN


def _pairs(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    for m in _PAIR.finditer(text):
        hit = match_at(POST_TRIGGERS, text, m.end())
        if hit is None or hit[0] is not Outcome.KILLED:
            continue
        if not (_person_head(m["h1"], m["m1"]) and _person_head(m["h2"], m["m2"])):
            continue
        start, end = m.start("d"), m.end("h2")
        out.append(Quantity(start, end, text[start:end], 2, 2, 2, Qualifier.EXACT, start, False))
    return out


def singulars(text: str, tokens: list[Token]) -> list[Quantity]:
    """'a'/'an' (and a sentence-opening 'the') before one person: a quantity of 1; two such
    people joined by "and" before "were killed": a quantity of 2."""
    out: list[Quantity] = _pairs(text)
    pair_spans = [(q.start, q.end) for q in out]
    for i, tok in enumerate(tokens):
        if any(b <= tok.start < e for b, e in pair_spans):
            continue
        prev0 = tokens[i - 1].low if i else ""
        nxt_tok = tokens[i + 1].low if i + 1 < len(tokens) else ""
        if tok.low == "them" and nxt_tok == "both" and prev0 in _PRONOUN_TRIGGERS:
            nb = tokens[i + 1]
            out.append(
                Quantity(
                    tok.start,
                    nb.end,
                    text[tok.start : nb.end],
                    2,
                    2,
                    2,
                    Qualifier.EXACT,
                    tok.start,
                    False,
                )
            )
            continue
        if (
            tok.low in ("his", "her", "their")
            and prev0 in ACTIVE_BEFORE_SINGULAR
            and _possessed_person(tokens, i)
        ):
            # "wounded his young sister": one person, named by kin or role
            out.append(_one(text, tok))
            continue
        if (
            tok.low in ("his", "her", "their")
            and (_definite_start(tokens, i) or prev0 == "and")
            and _possessed_person(tokens, i)
            and _bare_subject_killed(text, tokens, i, _ONE_PERSON_OUTCOMES)
        ):
            # "Their 40-year-old mother was wounded": one person as the subject of the verb
            out.append(_one(text, tok))
            continue
        if tok.low in ("him", "her") and prev0 in _PRONOUN_TRIGGERS:
            # "gunmen chased him and killed him": one victim, counted only if nothing else is
            out.append(_one(text, tok))
            continue
        if tok.low in ("he", "she") and nxt_tok in (
            "was",
            "died",
            "had",
            "has",
            "succumbed",
            "later",
        ):
            out.append(_one(text, tok))
            continue
        if (
            _definite_start(tokens, i)
            and tok.low
            not in ("a", "an", "the", "one", "he", "she", "they", "it", "on", "in", "at")
            and tok.low[0].isalpha()
            and _bare_subject_killed(text, tokens, i)
        ):
            # "STF constable X was killed ...": a singular subject without an article
            out.append(_one(text, tok))
            continue
        if tok.low == "the" and prev0 in ACTIVE_BEFORE_SINGULAR and _singular_object(tokens, i):
            out.append(_one(text, tok))
            continue
        definite = tok.low == "the" and _definite_start(tokens, i)
        if tok.low not in ("a", "an") and not definite:
            continue
        one = Quantity(
            tok.start,
            tok.end,
            text[tok.start : tok.end],
            1,
            1,
            1,
            Qualifier.EXACT,
            tok.start,
            False,
        )
        prev = tokens[i - 1].low if i else ""
        nxt0 = tokens[i + 1].low if i + 1 < len(tokens) else ""
        if (
            prev == ","
            and not definite
            and i > 1
            and tokens[i - 2].low.isalpha()
            and any(
                t.low[0].isdigit() or t.low in _COUNT_WORDS for t in tokens[max(0, i - 3) : i - 1]
            )
            and not any(
                t.low in _MONTH_WORDS or re.fullmatch(r"\d{4}", t.low)
                for t in tokens[max(0, i - 3) : i - 1]
            )
        ):
            continue  # "1 child, a shepherd, was killed": an aside about a counted person
        if tok.low == "the" and prev in ACTIVE_BEFORE_SINGULAR and _singular_object(tokens, i):
            out.append(one)
            continue
        nxt1 = tokens[i + 2].low if i + 2 < len(tokens) else ""
        if nxt0 in ("group", "number", "total", "couple", "dozen", "few", "handful") or (
            nxt0 == "family" and nxt1 == "of"
        ):
            continue
        if prev in ACTIVE_BEFORE_SINGULAR and not definite:
            out.append(one)
            continue
        for j in range(i + 1, min(i + 6, len(tokens))):
            raw = tokens[j].low
            w = raw.split("-")[-1]
            nxt = tokens[j + 1].low if j + 1 < len(tokens) else ""
            head = w in _SINGULAR_NOUNS or (
                nxt in ("was", "has", "had", "is", "died", "of", "who", ",", "(")
                and w.isalpha()
                and not w.endswith("s")
                and w not in NON_PERSON
            )
            if head and (not definite or nxt in ("was", "has", "had", "of", ",", "(", "died")):
                out.append(one)
                break
            if not raw[0].isalnum() or verbish(raw) or raw in AUX:
                break
    return out
