"""``code_event(text, ...)``: ACLED event type, sub-event type, actors and UCDP's type of
violence for one event, with the words that justify each. Pure: words and fields in, a
``Coding`` out; no I/O.

Decision order (ACLED codebook precedence, written in our own rules):

1. A report of a demonstration is a **Protest** (peaceful, with intervention, or with
   excessive force when the authorities kill or shoot demonstrators) unless the crowd is
   violent, then a **Riot** (violent demonstration); a mob attacking people, or rival party
   supporters fighting, is a **Riot** (mob violence). An armed group attacking protesters
   is violence against civilians.
2. Remote weapons (air/drone strikes, shelling, missiles, IEDs, landmines, grenades, suicide
   bombs, chemical weapons) make **Explosions/Remote violence**, unless the text describes
   ground fighting between armed actors and the weapon is not an air strike or suicide bomb.
3. Territory changing hands is a **Battle** (government regains / non-state actor overtakes).
4. Armed actors fighting each other, or an armed actor's attack on state forces or another
   armed group, is a **Battle** (armed clash).
5. An armed actor harming unarmed people is **Violence against civilians** (sexual violence,
   abduction/forced disappearance, attack).
6. Nothing violent: **Strategic developments** (arrests, looting/property destruction,
   disrupted weapons use, agreement, change to group/activity, other).

UCDP's type of violence: 1 state-based (a government's forces against an organised armed
group or another state), 2 non-state (two organised non-state groups), 3 one-sided (an
organised actor against civilians). Protests, riots and strategic developments are not
organised violence in UCDP's sense and get none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tollwatch.coding.actors import ActorMention, civilians, find_actors, unidentified
from tollwatch.coding.roles import Roles, assign_roles
from tollwatch.coding.rules import first

__all__ = ["Actor", "Coding", "code_event"]

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"
EVENT_TYPES = (BATTLES, EXPLOSIONS, VAC, PROTESTS, RIOTS, STRATEGIC)

_REMOTE = (
    ("chemical", "Chemical weapon"),
    ("suicide", "Suicide bomb"),
    ("air", "Air/drone strike"),
    ("shelling", "Shelling/artillery/missile attack"),
    ("grenade", "Grenade"),
    ("ied", "Remote explosive/landmine/IED"),
)


@dataclass(frozen=True, slots=True)
class Actor:
    """A normalised actor: ACLED-style name, inter code, and the words naming it ("" when
    inferred, e.g. an unnamed perpetrator or the victims' category)."""

    name: str
    inter: int
    words: str = ""

    @property
    def armed(self) -> bool:
        return self.inter in (1, 2, 3, 4, 8)


@dataclass(frozen=True, slots=True)
class Coding:
    event_type: str | None
    sub_event_type: str | None
    actor1: Actor | None
    actor2: Actor | None
    interaction: int | None
    civilian_targeting: bool
    type_of_violence: int | None
    side_a: str | None
    side_b: str | None
    evidence: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form (API, CLI, stored evidence)."""
        return {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor1": self.actor1.name if self.actor1 else None,
            "inter1": self.actor1.inter if self.actor1 else None,
            "actor2": self.actor2.name if self.actor2 else None,
            "inter2": self.actor2.inter if self.actor2 else None,
            "interaction": self.interaction,
            "civilian_targeting": self.civilian_targeting,
            "type_of_violence": self.type_of_violence,
            "side_a": self.side_a,
            "side_b": self.side_b,
            "evidence": dict(self.evidence),
        }


def _actor(m: ActorMention | None) -> Actor | None:
    return Actor(m.name, m.inter, m.words) if m else None


def _interaction(a1: Actor | None, a2: Actor | None) -> int | None:
    """ACLED's two-digit interaction: the two inter codes, lower first; "X0" for one actor."""
    if a1 is None:
        return None
    if a2 is None:
        return a1.inter * 10
    lo, hi = sorted((a1.inter, a2.inter))
    return lo * 10 + hi


_GOV = re.compile(r"^(?:Military|Police) Forces of ([^(]+?)(?:\s*\(.*)?$")


def _side(actor: Actor) -> str:
    m = _GOV.match(actor.name)
    if m:
        return f"Government of {m.group(1).strip()}"
    if actor.inter == 7:
        return "Civilians"
    return actor.name


def _ucdp(
    event_type: str | None, a1: Actor | None, a2: Actor | None
) -> tuple[int | None, str | None, str | None]:
    if event_type not in (BATTLES, EXPLOSIONS, VAC) or a1 is None:
        return None, None, None
    if a2 is None:
        return None, _side(a1), None
    state1, state2 = a1.inter in (1, 8), a2.inter in (1, 8)
    if a2.inter in (6, 7) or a1.inter in (6, 7):
        perp = a1 if a2.inter in (6, 7) else a2
        return 3, _side(perp), "Civilians"
    if state1 or state2:
        gov, other = (a1, a2) if state1 else (a2, a1)
        return 1, _side(gov), _side(other)
    return 2, _side(a1), _side(a2)


def _context_actor(category: str | None, country: str | None) -> Actor | None:
    """The victims' category as an actor when the words name none."""
    if category == "civilians":
        return Actor(civilians(country), 7)
    if category == "state_forces":
        return Actor(f"Military Forces of {country or 'Unknown'}", 1)
    return None


def code_event(
    text: str,
    *,
    country: str | None = None,
    perpetrator: str | None = None,
    category: str | None = None,
) -> Coding:
    """Code one event from its words.

    ``text``: the report words behind the event (a claim's quote or sentence, or several
    joined); ``country``: the event's country name (for "Civilians (Nigeria)"-style names);
    ``perpetrator``: who the extractor says did it, in the report's words; ``category``: the
    victims' category (``civilians``, ``state_forces``, ``non_state_armed``, ``unknown``).
    """
    ev: dict[str, str] = {}
    mentions = find_actors(text, country)
    roles = assign_roles(text, mentions)
    a1, a2 = _actor(roles.actor1), _actor(roles.actor2)
    if perpetrator:
        named = find_actors(perpetrator, country)
        if named and named[0].inter != 7:
            a1 = Actor(named[0].name, named[0].inter, named[0].words)
            if a2 is not None and a2.name == a1.name:
                a2 = None
    if a2 is None:
        a2 = _context_actor(category, country) if category else None
        if a2 is not None and a1 is not None and a2.name == a1.name:
            a2 = None
    harm = first("harm", text)
    event_type, sub, a1, a2 = _type(text, a1, a2, mentions, roles, country, ev, harm)
    if a2 is None and ((sub == "Mob violence" and harm) or sub == "Looting/property destruction"):
        # a mob's victims and the owners of looted or destroyed property: civilians, unless
        # the words name someone else
        a2 = Actor(civilians(country), 7)
    front = _FRONT_LINES.get((country or "").strip().lower())
    front_sides = False
    if (
        front
        and event_type in (BATTLES, EXPLOSIONS)
        and (a1 is None or (a1.name == unidentified(country) and not a1.words))
    ):
        # fighting across a known front line with neither side named: its two sides
        a1 = Actor(front[0][0], front[0][1])
        if event_type == BATTLES and a2 is None:
            a2 = Actor(front[1][0], front[1][1])
        front_sides = True
    signs = first("crime_signs", text)
    if signs and event_type in (VAC, BATTLES) and (a1 is None or a1.name == unidentified(country)):
        # an unnamed perpetrator of a killing with the marks of organised crime: a gang
        a1 = Actor(_gang(country), 3, signs)
    if a1 is not None:
        ev["actor1"] = a1.words or "(not named; ACLED's convention for an unknown perpetrator)"
    if a2 is not None:
        ev["actor2"] = a2.words or f"(victims' category: {category})"
    if front_sides:
        note = f"(neither side named; the two sides of the front line in {country})"
        ev["actor1"] = note
        if a2 is not None and not a2.words:
            ev["actor2"] = note
    tov, side_a, side_b = _ucdp(event_type, a1, a2)
    return Coding(
        event_type=event_type,
        sub_event_type=sub,
        actor1=a1,
        actor2=a2,
        interaction=_interaction(a1, a2),
        civilian_targeting=bool(
            a2 is not None and a2.inter == 7 and event_type in (VAC, EXPLOSIONS, BATTLES, RIOTS)
        ),
        type_of_violence=tov,
        side_a=side_a,
        side_b=side_b,
        evidence=ev,
    )


# countries whose reports of fighting often name neither side (ceasefire monitors' counts of
# explosions along a front line): the two sides ACLED codes there, the state's first
_FRONT_LINES: dict[str, tuple[tuple[str, int], tuple[str, int]]] = {
    "ukraine": (
        ("Military Forces of Ukraine", 1),
        ("NAF: United Armed Forces of Novorossiya", 2),
    ),
}


def _gang(country: str | None) -> str:
    """ACLED's name for an unidentified gang; in Brazil, where death squads of police
    militias kill the same way, ACLED names the two together."""
    if (country or "").strip().lower() == "brazil":
        return "Unidentified Gang and/or Police Militia"
    return f"Unidentified Gang ({country or 'Unknown'})"


def _civilian_target(a1: Actor | None, a2: Actor | None) -> bool:
    return a2 is not None and a2.inter in (6, 7)


def _type(
    text: str,
    a1: Actor | None,
    a2: Actor | None,
    mentions: list[ActorMention],
    roles: Roles,
    country: str | None,
    ev: dict[str, str],
    harm: str | None,
) -> tuple[str | None, str | None, Actor | None, Actor | None]:
    armed_named = [m for m in mentions if m.armed]
    unknown = Actor(unidentified(country), 3)
    # 1. demonstrations and crowds
    protest = first("protest", text)
    mob = first("mob", text)
    crowd = first("violent_crowd", text)
    # gunmen attacking a rally: the violence, not the rally, is the event
    # harm named as what the demonstrators protest ("protesting the abduction of the girls")
    # is not harm done at the demonstration
    harm_at_protest = first("harm", _PROTEST_OBJECT.sub(_blank, text)) if protest else None
    armed_attack_on_protest = bool(protest and harm_at_protest) and any(
        m.inter in (2, 3, 4) for m in mentions
    )
    if mob and not (a1 is not None and a1.inter in (1, 2) and not protest):
        ev["event_type"] = mob
        rioters = Actor(f"Rioters ({country or 'Unknown'})", 5, mob)
        if a1 is None or a1.inter in (3, 5, 7):
            target = (
                a2
                if a2 is not None and a2.name != rioters.name
                else (a1 if a1 is not None and a1.inter == 7 else None)
            )
            return RIOTS, "Mob violence", rioters, target
        return RIOTS, "Mob violence", a1, a2
    if protest and not armed_attack_on_protest:
        ev["event_type"] = protest
        protesters = next((m for m in mentions if m.inter == 6), None)
        p = _actor(protesters) or Actor(f"Protesters ({country or 'Unknown'})", 6, protest)
        authority = next((m for m in mentions if m.inter == 1), None)
        if crowd:
            ev["sub_event_type"] = crowd
            r = Actor(f"Rioters ({country or 'Unknown'})", 5, p.words)
            return RIOTS, "Violent demonstration", r, _actor(authority)
        excessive = first("excessive", text) or (
            first("death", text) if authority is not None else None
        )
        if excessive and harm:
            ev["sub_event_type"] = excessive
            return PROTESTS, "Excessive force against protesters", _actor(authority) or a1, p
        intervention = first("intervention", text)
        if intervention:
            ev["sub_event_type"] = intervention
            return PROTESTS, "Protest with intervention", p, _actor(authority)
        return PROTESTS, "Peaceful protest", p, None
    # strategic developments announced by their label
    prefix = first("sd_prefix", text)
    no_harm = first("no_harm", text)
    if prefix:
        ev["event_type"] = prefix
        return STRATEGIC, _sd_sub(text, ev), a1, a2
    # 3. territory
    regain = first("regain", text)
    if regain and a1 is not None and a1.inter == 1:
        ev["event_type"] = ev["sub_event_type"] = regain
        return BATTLES, "Government regains territory", a1, a2
    overtake = first("overtake", text)
    if overtake and a1 is not None and a1.inter in (2, 3, 4):
        ev["event_type"] = ev["sub_event_type"] = overtake
        return BATTLES, "Non-state actor overtakes territory", a1, a2
    # 2. remote violence
    clash = first("clash", text)
    # weapons captured, found or destroyed as goods are not weapons used
    wtext = _SEIZED.sub(lambda m: " " * len(m.group(0)), text)
    weapon = next((first(cue, wtext) for cue, _ in _REMOTE if first(cue, wtext)), None)
    if weapon:
        stopped = first("weapon_stopped", text)
        leftover = first("leftover", text)
        if stopped or leftover:
            # a weapon stopped, gone off before use, or left from an old war: no attack
            ev["event_type"] = ev["sub_event_type"] = stopped or leftover or weapon
            sub = "Disrupted weapons use" if stopped else "Other"
            return STRATEGIC, sub, a1, a2
    area_fire = first("area_fire", text)
    if area_fire and _HEAVY.search(area_fire) and not first("fight", text):
        # heavy weapons fired at villages or farms, no enemy engaged: shelling
        ev["event_type"] = ev["sub_event_type"] = area_fire
        return EXPLOSIONS, "Shelling/artillery/missile attack", a1 or unknown, a2
    for cue, sub in _REMOTE:
        words = first(cue, wtext)
        if not words:
            continue
        name1 = a1.name if a1 is not None else None
        fighting = (a2 is not None and a2.armed and a2.name != name1) or len(
            {m.name for m in armed_named}
        ) >= 2
        # ground fighting keeps a battle a battle (grenades and suicide attackers in an
        # assault too); air strikes and chemical weapons never
        ground = (
            first("fight", text)
            or (clash and fighting and cue in ("suicide", "grenade"))
            or (cue != "suicide" and first("small_arms", text))
            # a bomb or shells together with gunfire at an armed enemy: a combined assault
            or (fighting and cue in ("ied", "shelling", "grenade") and _GUNFIRE.search(text))
        )
        if ground and cue not in ("air", "chemical"):
            break
        if any(t.start <= wtext.find(words) < t.end for t in roles.targets):
            continue  # "soldiers killed two suicide bombers": the bombers are the targets
        if cue in ("ied", "grenade") and (not harm or no_harm) and first("sd_disrupted", text):
            break
        ev["event_type"] = ev["sub_event_type"] = words
        if a2 is None:
            a2 = next(
                (_actor(m) for m in mentions if m.name != name1 and m.inter in (1, 2, 3, 4, 7, 8)),
                None,
            )
        if a2 is None and harm:
            # people hurt by a bomb or shell, nobody armed named: ACLED's civilians
            a2 = Actor(civilians(country), 7)
        return EXPLOSIONS, sub, a1 or unknown, a2
    # a riot named as such, by no organised armed group: a riot
    riot = first("riot_event", text)
    if riot and not any(m.inter in (2, 8) or m.name == unknown.name for m in mentions):
        ev["event_type"] = ev["sub_event_type"] = riot
        rioters = Actor(f"Rioters ({country or 'Unknown'})", 5, riot)
        state_side = next((_actor(m) for m in mentions if m.inter == 1), None)
        if state_side is not None:
            return RIOTS, "Violent demonstration", rioters, state_side
        return RIOTS, "Mob violence", rioters, a2 if a2 is not None and a2.inter == 7 else None
    # fighting is a battle whether or not anyone was hurt
    fight = first("fight", text) or first("gunfire", text)
    if fight:
        ev["event_type"] = fight
        # armed sides other than the police (the army fights battles, not riots)
        strong = [
            m
            for m in armed_named
            if not m.name.startswith("Police") and "Communal Militia" not in m.name
        ]
        unarmed = first("unarmed_sides", text)
        if not strong and unarmed and not first("firearms", text):
            # party supporters, factions or a crowd fighting (each other or the police): a riot
            ev["sub_event_type"] = unarmed
            rioters = Actor(f"Rioters ({country or 'Unknown'})", 5, unarmed)
            police = next((_actor(m) for m in armed_named if m.inter == 1), None)
            return (
                RIOTS,
                "Violent demonstration" if police else "Mob violence",
                rioters,
                (police or rioters),
            )
        rival = a2 if a2 is not None and a2.inter != 7 else None
        if rival is None:
            name1 = a1.name if a1 is not None else None
            rival = next((_actor(m) for m in armed_named if m.name != name1), None)
        return BATTLES, "Armed clash", a1 or unknown, rival
    if not harm or no_harm:
        ev["event_type"] = "(no one harmed)"
        return STRATEGIC, _sd_sub(text, ev), a1, a2
    # 4./5. battle or violence against civilians
    sexual = first("sexual", text)
    abduction = first("abduction", text)
    name1 = a1.name if a1 is not None else None
    # members of an ethnic group attacked outside a fight are civilians in ACLED's sense
    start1 = roles.actor1.start if roles.actor1 is not None else -1
    armed_targets = [
        t
        for t in roles.targets
        if t.armed and t.inter != 4 and (t.name != name1 or (t.inter == 3 and t.start != start1))
    ]
    civilian_targets = [t for t in roles.targets if t.inter == 7 or t.inter == 4]
    other_armed = [m for m in armed_named if m.name != name1 and m not in roles.targets]
    target2: Actor | None = None
    gang_record = first("gang_record", text)
    if gang_record and not armed_targets and not (a1 is not None and a1.inter == 1):
        # "the victim had charges against him for drug trafficking": a clash between gangs
        armed_targets = [
            ActorMention(f"Unidentified Gang ({country or 'Unknown'})", 3, 0, 0, gang_record)
        ]
    if armed_targets:
        target2 = _actor(armed_targets[0])
    elif a2 is not None and a2.inter in (1, 2, 3, 8):
        target2 = a2
    elif other_armed and not civilian_targets:
        target2 = _actor(other_armed[0])
    if target2 is not None and not (sexual or (abduction and not first("death", text))):
        ev["event_type"] = clash or f"{target2.words or target2.name} harmed ({harm})"
        return BATTLES, "Armed clash", a1 or unknown, target2
    if clash and not civilian_targets and (a1 is None or other_armed or _two_sided(clash)):
        # "engaged in shooting", "opened fire" by the one armed side a note names, with no
        # opponent, is an attack, not a clash
        ev["event_type"] = clash
        return BATTLES, "Armed clash", a1 or unknown, a2
    perp = a1 or unknown
    target = a2 if a2 is not None else Actor(civilians(country), 7)
    unorganised = first("unorganised", text)
    if (
        unorganised
        and not any(m.inter in (1, 2, 3, 4, 8) for m in mentions)
        and not first("firearms", text)
    ):
        # harm by people with no organisation (rivals, neighbours, a crowd): mob violence
        ev["event_type"] = ev["sub_event_type"] = unorganised
        return (
            RIOTS,
            "Mob violence",
            Actor(f"Rioters ({country or 'Unknown'})", 5, unorganised),
            target,
        )
    if sexual:
        ev["event_type"] = ev["sub_event_type"] = sexual
        return VAC, "Sexual violence", perp, target
    if abduction and not first("death", text):
        ev["event_type"] = ev["sub_event_type"] = abduction
        return VAC, "Abduction/forced disappearance", perp, target
    ev["event_type"] = harm
    return VAC, "Attack", perp, target


# "captured a 60mm mortar", "destroyed their rocket factory", "explosives were seized": the
# weapon words name goods, not a weapon used (masked before remote weapons are looked for)
_SEIZED = re.compile(
    r"\b(?:captur|seiz|recover|confiscat|dismantl|destroy|found|discover|unearth)\w*"
    r"(?:\s+(?!by\b|with\b|in\b|using\b|when\b|after\b)[\w(),-]+){0,12}?\s+"
    r"(?:mortars?|rockets?|bombs?|explosives?|IEDs?|grenades?|missiles?|shells?|mines?)\b"
    r"|\b(?:bombs?|explosives?|IEDs?|grenades?|rockets?|mortars?|mines?|suicide\s+(?:vests?|jackets?))"
    r"(?:\s+and\s+[\w\s]{0,30}?)?\s+(?:were|was|had\s+been|have\s+been)\s+(?:also\s+)?"
    r"(?:recovered|seized|confiscated|found|discovered)\b"
    r"|\b(?:bomb|rocket|IED|explosives?)[- ](?:making|fabrication|manufacturing)\b(?:\s+\w+)?"
    r"|\b(?:bomb|rocket|IED|explosives?)\s+(?:factory|factories|workshop|facility|cache)\b",
    re.IGNORECASE,
)

_PROTEST_OBJECT = re.compile(
    r"\b(?:protest\w*|rall(?:y|ied|ies)|demonstrat\w*|march\w*|agitat\w*|demand\w*|condemn\w*|"
    r"denounc\w*)\s+(?:against|over|for|at)?[^.;]{0,100}",
    re.IGNORECASE,
)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


_GUNFIRE = re.compile(
    r"\b(?:gunshots?|gunfire|heavy\s+firing|opened\s+fire|shoot-?outs?|gun\s*battles?)\b",
    re.IGNORECASE,
)

_HEAVY = re.compile(
    r"\b(?:mortars?|shells?|RPGs?|rockets?|machine\s*guns?|artillery|grenades?|heavy\s+weapons?|"
    r"cannons?|missiles?|B-10|\d+(?:\.\d+)?\s*mm)\b",
    re.IGNORECASE,
)

_ONE_SIDED = re.compile(r"^(?:opened\s+fire|gunfire|engag(?:ed|ement)|small\s+arms)$", re.I)


def _two_sided(words: str) -> bool:
    """Clash words that need two sides ("clashed", "gun battle"), not just a shooter."""
    return not _ONE_SIDED.match(words.strip())


def _sd_sub(text: str, ev: dict[str, str]) -> str:
    for cue, sub in (
        ("sd_agreement", "Agreement"),
        ("sd_disrupted", "Disrupted weapons use"),
        ("sd_looting", "Looting/property destruction"),
        ("sd_arrest", "Arrests"),
        ("sd_group", "Change to group/activity"),
    ):
        words = first(cue, text)
        if words:
            ev["sub_event_type"] = words
            return sub
    return "Other"
