"""Who did it and to whom: actor 1 (perpetrator / initiator) and actor 2 (target). Pure.

Each actor mention gets a role from the words around it: "killed by X", "X attacked",
"X opened fire" make X the perpetrator; "X were killed", "killing X", "attack on X" make X
the target. Actor 1 is the first perpetrator (else the first armed actor not a target);
actor 2 the first target that is not actor 1 (else, in a clash, the other armed actor).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from tollwatch.coding.actors import ActorMention

__all__ = ["Roles", "assign_roles"]

_HARM = (
    r"(?:killed|killing|kills?|shot|shooting|gunned|murdered|murdering|slain|slew|slaughtered|"
    r"massacred|beheaded|executed|lynched|hacked|stabbed|butchered|burnt|burned|wounded|"
    r"injured|injuring|abducted|abducting|kidnapped|kidnapping|raped|raping|assaulted|"
    r"attacked|attacking|ambushed|ambushing|targeted|targeting|beaten|beat|tortured|"
    r"arrested|detained|captured|hit|struck|bombed|shelled|raid(?:ed)?|storm(?:ed)?|dead|died|lost\s+(?:their|his|her)"
    r"\s+lives?|were\s+found|was\s+found|bodies)"
)
_ACTS = (
    r"(?:attacked|attack|attacks|killed|kill|kills|shot|shoots|opened\s+fire|fired|ambushed|"
    r"ambush|stormed|storm|raided|raid|abducted|abduct|kidnapped|kidnap|launched|carried\s+out|"
    r"set\s+(?:fire|ablaze)|torched|burn(?:ed|t)|shelled|bombed|struck|targeted|hacked|"
    r"stabbed|beat|executed|beheaded|overran|captured|seized|invaded|clashed|engaged|"
    r"exchanged|detonated|planted|hurled|threw|lobbed|pelted|looted|destroyed|raped|"
    r"massacred|murdered|lynched|conducted|arrested|recaptured|retook|regained|dispersed|"
    r"fired|used|blew|attempted|tried|claimed)"
)
# "X were killed", "X was shot dead", "X died", "X were abducted" (up to a few words between)
_VICTIM_AFTER: Final = re.compile(
    rf"^(?:[\s,]+(?:\w+[\s,]+){{0,4}}?)?(?:(?:reportedly|allegedly|also|all)\s+)?"
    rf"(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been|been|got|being)\s+)+"
    rf"(?:(?:reportedly|allegedly|also|all|then|later|brutally|allegedly)\s+)?{_HARM}\b"
    rf"|^[\s,]+(?:(?:also|reportedly|allegedly|were|was|are|is|all|both|later|have|has|had|"
    rf"been|subsequently|were\s+found|was\s+found|found)\s+){{0,3}}"
    rf"(?:died|dead|perished|lost\s+(?:their|his|her)\s+lives?)\b"
    # headline passive: "two soldiers killed in Wau", "police wounded near the border"
    rf"|^\s+(?:(?:were|was)\s+)?(?:killed|wounded|injured|shot\s+dead)"
    rf"(?=\s+(?:in|at(?!\s+least)|near|during|on|when|while|after|as|by)\b|\s*[,.;]|\s*$)",
    re.IGNORECASE,
)
# "killing X", "attack on X", "ambushed a X", "against X"
_VICTIM_BEFORE: Final = re.compile(
    rf"\b(?:{_HARM}|attack(?:s)?\s+(?:on|against)|assault\s+on|ambush\s+(?:on|of)|raid\s+on|"
    rf"against|targeting|on|left)\s+(?:(?:a|an|the|two|three|four|five|six|seven|eight|nine|ten|"
    rf"\d+|several|some|many|dozens?\s+of|scores?\s+of|at\s+least|including|of|a\s+group\s+of|"
    rf"at|upon|unarmed|innocent|local|suspected|alleged|off-duty|serving|retired|former|[a-z]+-?year-old)\s+){{0,5}}$",
    re.IGNORECASE,
)
# "by X", "by suspected X"
_AGENT_BEFORE: Final = re.compile(
    r"\bby\s+(?:(?:a|an|the|some|suspected|alleged|unknown|unidentified|armed|"
    r"heavily|a\s+group\s+of|a\s+gang\s+of|group\s+of|several|dozens\s+of|hundreds\s+of|"
    r"[\w-]+)\s+){0,3}$",
    re.IGNORECASE,
)
_AGENT_AFTER: Final = re.compile(
    rf"^(?:[\s,]+(?:\w+[\s,]+){{0,3}}?|\s+)(?:(?:reportedly|allegedly|also|have|has|had|on\s+\w+"
    rf"|late|early|then|who|had\s+earlier)\s+)*{_ACTS}\b",
    re.IGNORECASE,
)
_CLASH: Final = re.compile(
    r"\b(?:clash(?:ed|es)?|fight(?:ing)?|fought|gun\s*battle|gunfight|fire\s*fight|"
    r"exchange(?:d)?\s+(?:of\s+)?(?:fire|gunfire)|encounter)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Roles:
    actor1: ActorMention | None
    actor2: ActorMention | None
    perpetrators: tuple[ActorMention, ...]
    targets: tuple[ActorMention, ...]


def _role(text: str, a: ActorMention) -> str | None:
    before = text[max(0, a.start - 60) : a.start]
    after = text[a.end : a.end + 50]
    if _AGENT_BEFORE.search(before):
        return "perpetrator"
    if _VICTIM_AFTER.search(after):
        return "target"
    if _VICTIM_BEFORE.search(before):
        return "target"
    if _AGENT_AFTER.search(after):
        return "perpetrator"
    return None


def assign_roles(text: str, mentions: list[ActorMention]) -> Roles:
    """Actor 1 and actor 2 from the mentions of one text (see the module docstring)."""
    perps: list[ActorMention] = []
    targets: list[ActorMention] = []
    for a in mentions:
        role = _role(text, a)
        if role == "perpetrator" and a.inter != 7:
            perps.append(a)
        elif role == "target":
            targets.append(a)
    actor1 = perps[0] if perps else None
    if actor1 is None:
        targeted = {t.name for t in targets}
        actor1 = next((a for a in mentions if a.armed and a.name not in targeted), None)
    if actor1 is None:
        actor1 = next((a for a in mentions if a.inter in (5, 6)), None)
    actor2 = next((t for t in targets if actor1 is None or t.name != actor1.name), None)
    if actor2 is None and actor1 is not None and _CLASH.search(text):
        actor2 = next(
            (a for a in mentions if a.armed and a.name != actor1.name),
            None,
        )
    if actor2 is None and actor1 is not None and actor1.inter in (1, 2, 3, 4, 8):
        actor2 = next(
            (a for a in mentions if a.name != actor1.name and a.armed and a in targets), None
        )
    return Roles(actor1, actor2, tuple(perps), tuple(targets))
