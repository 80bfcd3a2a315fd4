"""Cue words for ACLED's event and sub-event types, from the codebook's definitions. Pure.

Each cue is a pattern over the words of a report; ``first`` returns the words that matched,
which become the evidence of the coding. The order in which ``coding.core`` consults them
follows the codebook's precedence: remote weapons make an event "Explosions/Remote
violence" even when civilians are hit; a demonstration stays a protest unless the
demonstrators are violent; territory changing hands is a battle subtype.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

__all__ = ["CUES", "first"]


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)


CUES: Final[dict[str, re.Pattern[str]]] = {
    # Explosions/Remote violence, most specific first
    "chemical": _rx(
        r"chemical\s+(?:weapons?|attack|agents?)|chlorine|sarin|nerve\s+agent|"
        r"mustard\s+gas|toxic\s+gas\s+attack"
    ),
    "suicide": _rx(
        r"suicide\s+(?:bomb(?:er|ers|ing|ings)?|attack(?:er|ers)?|blast|vest|car\s+bomb|"
        r"truck\s+bomb)|blew\s+(?:himself|herself|themselves)\s+up|self-detonat\w*|"
        r"explosives?[- ]laden\s+vest|SVBIED|VBIED"
    ),
    "air": _rx(
        r"air\s*strikes?|air\s*raids?|aerial\s+(?:attack|bombardment|bombing|strikes?)|"
        r"drone(?:\s+strikes?|\s+attacks?)?|warplanes?|fighter\s+jets?|jets?\s+(?:struck|"
        r"bombed|hit|targeted)|helicopter\s+gunships?|gunships?|bombed\s+from\s+the\s+air|"
        r"air\s+force\s+(?:struck|bombed|attacked|targeted|jets?)|barrel\s+bombs?|"
        r"aircraft\s+(?:struck|bombed|targeted|attacked)|UAVs?|(?:fighter|military|war|army)\s*"
        r"(?:planes?|jets?|aircraft)|jet\s+fighters|aerial\s+(?:\w+\s+)?strikes?|"
        r"helicopters?\s+(?:fired|struck|bombed|attacked|strafed)|airal\s+strikes?|"
        r"aerial\s+(?:raids?|offensive|fire|operations?|attacks?)|"
        r"(?:strikes?|raids?|bombing|bombardment)\s+by\s+(?:the\s+)?(?:\w+\s+)?air\s*force"
    ),
    "shelling": _rx(
        r"shell(?:ing|ed|s)?|artillery|mortars?(?:\s+(?:shells?|rounds?|fire))?|"
        r"rockets?(?!\s+launchers?)|missiles?|projectiles?|bombardment|bombarded|RPGs?|"
        r"katyushas?|howitzers?|grad|ATGMs?"
    ),
    "ied": _rx(
        r"IEDs?|improvised\s+explosive(?:\s+devices?)?|land\s+mines?|"
        r"(?:planted|buried)\s+(?:land\s*)?mines?|mines?\s+(?:planted|buried)|(?:land\s*)?mines?\s+"
        r"(?:blast|explosion|exploded|went\s+off)|landmines?|roadside\s+bombs?|"
        r"car\s+bombs?|(?<!petrol\s)(?<!fire\s)(?<!crude\s)bomb(?:s|ing|ings)?|blasts?|explosions?|explosives?|exploded|"
        r"explosive\s+devices?|detonat\w+|magnetic\s+bombs?|sticky\s+bombs?|"
        r"booby[- ]?trap\w*|time\s+bomb|cylinder\s+blast|stepped\s+on\s+a\s+mine|"
        r"(?:mine|bomb)\s+(?:hit|struck)"
    ),
    "grenade": _rx(r"(?:hand\s+)?grenades?(?!\s+launchers?)"),
    # Violence against civilians subtypes
    "sexual": _rx(
        r"rap(?:ed|e|es|ing|ist|ists)|sexual(?:ly)?\s+(?:assault\w*|abus\w*|violence|"
        r"exploit\w*)|gang[- ]rap\w*|molest\w*"
    ),
    "abduction": _rx(
        r"abduct\w*|kidnap\w*|hostages?|taken\s+captive|forced(?:ly)?\s+"
        r"disappear\w*|went\s+missing|whereabouts\s+(?:are|is|remain)\s+unknown|"
        r"snatched|held\s+captive"
    ),
    # Battles
    "regain": _rx(
        r"recaptur\w*|re-?took|retak\w+|regain\w*|liberat\w+|re-?establish\w*\s+control|"
        r"took\s+back|rout(?:ed|ing)\s+(?:\w+\s+){0,4}from|oust(?:ed|s)?|drove\s+(?:\w+\s+){0,3}out|"
        r"dislodg\w+|flushed\s+out|wrested\s+(?:back\s+)?control|cleared\s+(?:the\s+)?(?:town|village|"
        r"area)\s+of"
    ),
    "overtake": _rx(
        r"overt(?:ook|akes?|aken)\s+\w+|(?:captur\w+|seiz\w+|overran|overrun|"
        r"took\s+(?:over|control\s+of)|"
        r"taken\s+(?:over|control\s+of)|gained\s+control\s+of|occupied|"
        r"fell\s+to)(?:\s+\w+){0,4}\s+(?:town|village|city|base|district|area|"
        r"outpost|post|barracks|headquarters|territory|positions?)"
    ),
    "fight": _rx(
        r"clash(?:ed|es|ing)?|(?<!previous\s)(?<!earlier\s)(?<!past\s)fighting|fought|"
        r"gun\s*battles?|gunfights?|fire\s*fights?|shoot-?outs?|exchange(?:d|s)?\s+(?:of\s+)?"
        r"(?:heavy\s+)?(?:artillery\s+|mortar\s+)?(?:fire|gunfire|shots|artillery|shells)|exchanging\s+fire|encounters?|cross\s*fire|"
        r"crossfire|skirmish\w*|hostilities|firing\s+between|battle\s+between|fierce\s+battle|"
        r"(?:armed\s+|bloody\s+)?conflict\s+between|in\s+both\s+directions|"
        r"(?:attacked|fought|fighting|shot\s+at)\s+each\s+other|(?:revenge\s+)?killings\s+between|"
        r"thwarted\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:attack|assault|offensive|advance)|"
        r"(?:attack|assault|offensive|advance)\s+on\s+(?:the\s+)?(?:[\w-]+\s+){0,3}front(?:\s*line)?|"
        r"confronted\s+by\s+(?:\w+\s+){0,2}(?:armed|militants|gunmen|militias?)"
    ),
    # heavy or mixed weapons fired at places (villages, farms, neighbourhoods) rather than at
    # an enemy's positions, or heavy machine-gun bursts counted by monitors: shelling
    "area_fire": _rx(
        r"fired\s+(?:(?!on\b|upon\b|at\b)[\w.,/-]+\s+){0,14}?at\s+(?:the\s+)?(?:\w+\s+){0,2}"
        r"(?:farms|villages?|areas?|neighbou?rhoods?|homes|houses|residential|city|town)|"
        r"bursts\s+of\s+fire\s+involving\s+heavy\s+machine\s*guns"
    ),
    # heavy weapons fired together with small arms make a firefight, not shelling
    "small_arms": _rx(r"small\s+arms(?!\s+fire\s+from)|(?:heavy\s+)?machine\s*guns?"),
    # small-arms fire at an enemy with no remote weapon named (checked after remote weapons)
    "gunfire": _rx(
        r"(?:shots|bursts)[/\w\s]{0,30}?involving|small\s+arms|(?:heavy\s+)?machine\s*guns?|"
        r"both\s+directions|fired\s+(?:[\w-]+\s+){0,8}at\s+(?:the\s+)?(?:\w+\s+)?positions"
    ),
    "clash": _rx(
        # an attack on an armed target first: "opened fire on a convoy" is two-sided
        r"(?:attack\w*|raid\w*|stormed|opened\s+fire)\s+(?:(?:on|at|against)\s+)?"
        r"(?:(?:a|an|the)\s+)?(?:[\w'-]+\s+){0,2}(?:military|army|police|security|checkpoint|"
        r"check\s+post|base|barracks|camp|post|outpost|convoy|patrol|hide-?outs?|positions?)|"
        r"opened\s+fire|gunfire|small\s+arms|machine\s*guns?|fired\s+back|"
        r"(?:grenade|rocket)\s+launchers?|RPGs?|rocket-propelled\s+grenades?|"
        r"clash(?:ed|es|ing)?|fight(?:ing|s)?|fought|battles?|battled|gun\s*battles?|"
        r"gunfights?|fire\s*fights?|shoot-?outs?|exchange(?:d|s)?\s+(?:of\s+)?"
        r"(?:heavy\s+)?(?:fire|gunfire|shots)|exchanging\s+fire|encounters?|"
        r"(?:military|security|counter[- ]\w+|search)\s+operations?|offensive|"
        r"cross\s*fire|crossfire|skirmish\w*|engag(?:ed|ement)|repulsed|repelled|"
        r"returned\s+fire|retaliated|firing\s+between|ambush(?:ed|es)?|"
        r"counter-?attack\w*|assault(?:ed)?\s+on\s+(?:a|an|the)\s+(?:military|army|"
        r"police|security)"
    ),
    # Protests and riots
    "protest": _rx(
        r"protest(?:s|ed|ing|ers|ors)?|demonstrat(?:ion|ions|ed|ors|ing)|rall(?:y|ies|ied)|"
        r"marched|marches|(?:a|the|protest|peace|long)\s+march|sit-?ins?|hunger\s+strikes?|strik(?:e|es|ing)\s+(?:over|against|"
        r"for|to\s+demand|action)|went\s+on\s+strike|shutter-?down|bandh|hartal|"
        r"picket\w*|blockaded?\s+(?:a|the)\s+(?:road|highway)|walk-?outs?|"
        r"boycott\w*|chant\w*\s+slogans|human\s+chain|vigil|took\s+to\s+the\s+streets?|"
        r"gathered\s+(?:\w+\s+){0,3}(?:streets|square)|march(?:es)?\s+(?:to|through|on)|"
        r"(?:their|a|general|nationwide|workers'?)\s+strikes?(?!\s+(?:on|against|by))|"
        r"to\s+show\s+(?:their\s+)?support\s+for|blocked\s+(?:a|the)\s+(?:\w+\s+)?"
        r"(?:road|highway|street)|(?:to\s+)?demand(?:ing|ed)?\s+(?!(?:a\s+)?ransom)(?:the\s+)?"
        r"(?:\w+\s+){0,2}(?:release|salar\w+|pay|payment|wages|justice|resignation|removal|"
        r"compensation|improved|increased|better|an\s+end)"
    ),
    "violent_crowd": _rx(
        r"riot\w*|pelt\w*\s+(?:stones|rocks|bricks)|(?:threw|hurl\w*|throwing)\s+"
        r"(?:stones|rocks|bricks|petrol\s+bombs|molotov)|stone[- ]pelting|"
        r"vandali[sz]\w*|ransack\w*|set\s+(?:ablaze|on\s+fire|fire\s+to)|"
        r"torch\w*|burn(?:ed|t|ing)\s+(?:tyres|tires|vehicles|cars|buses|shops|"
        r"houses|an?\s+\w+)|clash(?:ed|es)?\s+with\s+(?:the\s+)?police|"
        r"turned\s+violent|violent\s+(?:protest|demonstration)|damag\w+\s+"
        r"(?:property|vehicles)|attacked\s+(?:the\s+)?police|went\s+on\s+(?:a\s+)?\W?rampage"
    ),
    # a riot named as such (not riot police, not rioting someone tried to prevent)
    "riot_event": _rx(
        r"(?<!anti-)(?<!anti\s)(?<!quell\s)(?<!prevent\s)(?<!any\s)"
        r"(?:riot(?:ed|ing|s)?(?!\s+(?:police|gear|squad|control|units?|act|forces?))|rioters)"
    ),
    "mob": _rx(
        r"mob(?:s)?|lynch\w*|mob\s+justice|jungle\s+justice|beaten\s+to\s+death\s+by\s+"
        r"(?:residents|villagers|locals|a\s+crowd)|angry\s+(?:crowd|mob)|"
        r"irate\s+\w+|set\s+upon\s+by|"
        r"(?:supporters|activists|workers|members)\s+of\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+){0,3}"
        r"\s+(?:and|&)\s+(?:the\s+)?[\w-]+.{0,40}clash\w*|"
        r"clash\w*\s+between\s+(?:the\s+)?(?:supporters|activists|workers|members|"
        r"two\s+parties)"
    ),
    # who fights when a clash is a riot: party supporters, factions, unarmed crowds
    "unarmed_sides": _rx(
        r"supporters|activists?|cadres?|party|parties|political\s+(?:groups|rivals?)|"
        r"factions?|factional|election|electoral|poll(?:s|ing)?|candidates?|"
        r"aspirants|youths?|students|hawkers|union|unions|traders|workers|crowds?|"
        r"mobs?|sikhs|hindus|muslims|christians|caste"
    ),
    "firearms": _rx(
        r"gun\s*battles?|gunfights?|shoot-?outs?|exchange\w*\s+(?:of\s+)?(?:gun)?fire|"
        r"gunfire|gunshots?|shot|shooting|bullets?|firing|fired|guns?|rifles?|pistols?|"
        r"firearms?|AK-?47s?|armed"
    ),
    # people with no organisation harming someone: a mob, rivals, neighbours, a crowd
    "unorganised": _rx(
        r"by\s+(?:his\s+|her\s+|their\s+|some\s+|a\s+group\s+of\s+|a\s+|the\s+)?"
        r"(?:rival\s+)?(?:youths?|villagers|residents|locals|rivals|"
        r"neighbou?rs|relatives|in-?laws|family\s+members|community\s+members|"
        r"crowd|mob)|(?:villagers|residents|locals|youths|community\s+members|"
        r"neighbou?rs|relatives|a\s+group\s+of\s+(?:men|people|youths|villagers))"
        r"\s+(?:\w+\s+){0,3}?(?:attacked|beat|killed|lynched|set|burnt|burned|"
        r"hacked|stabbed|stoned|assaulted|clubbed)|(?:turned|degenerated|"
        r"degenerates|descended)\s+(?:\w+\s+)?(?:violent|into\s+violence)|"
        r"violence\s+(?:erupted|broke\s+out)"
    ),
    "intervention": _rx(
        r"dispers\w+|tear\s*gas\w*|baton[- ]?charg\w*|lathi[- ]?charg\w*|"
        r"water\s+cannons?|rubber\s+bullets|arrested\s+(?:\w+\s+){0,3}"
        r"(?:protesters|demonstrators)|broke\s+up"
    ),
    "excessive": _rx(
        r"(?:police|forces|troops|soldiers|army)\s+(?:\w+\s+){0,3}(?:opened\s+fire|"
        r"fired\s+(?:live|on|at))|live\s+(?:ammunition|rounds|bullets)|"
        r"(?:protesters|demonstrators)\s+(?:were\s+)?(?:killed|shot)"
    ),
    # Strategic developments (no one harmed)
    "sd_arrest": _rx(
        r"arrest(?:ed|s)?|detain(?:ed|s)?|apprehend\w*|nabbed|held\s+in\s+custody|"
        r"taken\s+into\s+custody|rounded\s+up"
    ),
    "sd_looting": _rx(
        r"loot\w*|property\s+destruction|set\s+(?:fire\s+to|ablaze|on\s+fire)|"
        r"torched|burn(?:ed|t)\s+down|destroy(?:ed|s)?|demolish\w*|razed|"
        r"vandali[sz]\w*|ransack\w*|stole|steal\w*|rustl\w*|seized\s+(?:\w+\s+)?"
        r"(?:cattle|livestock|property|goods|vehicles)|crops\s+(?:were\s+)?"
        r"(?:set|burned)"
    ),
    "sd_disrupted": _rx(
        r"defus\w*|diffus\w*|(?:bomb|explosives?)\s+(?:disposal|squad)|"
        r"(?:recovered|seized|found|discovered|unearthed)\s+(?:\w+\s+){0,4}"
        r"(?:IEDs?|explosives?|weapons|arms|ammunition|bombs?|mines?)|"
        r"weapons?\s+(?:cache|seizure)|shot\s+down|intercepted|"
        r"(?:bomb|IED|mine)\s+(?:was\s+)?(?:defused|found|recovered)"
    ),
    # a weapon that went off before use, was stopped, or is a leftover of an old war
    "weapon_stopped": _rx(
        r"(?:exploded|detonated|went\s+off|blew\s+up)\s+prematurely|prematurely\s+"
        r"(?:exploded|detonated)|while\s+(?:\w+\s+)?(?:planting|making|assembling|fabricating|"
        r"handling|transporting)|foiled|thwarted|shot\s+down|intercepted|defus\w*|diffus\w*|"
        r"(?:arrested|caught|apprehended)\s+(?:\w+\s+){0,6}(?:wearing|carrying|with)\s+"
        r"(?:\w+\s+){0,3}(?:explosives?|bombs?|suicide\s+vests?|IEDs?)|"
        r"detonated\s+(?:it\s+)?safely|controlled\s+(?:explosion|detonation)"
    ),
    "leftover": _rx(
        r"unexploded|leftover|left\s+over|remnants?\s+of|(?:from|during)\s+(?:the\s+)?"
        r"(?:previous|past|former|old|civil)\s+(?:\w+\s+)?(?:war|conflict|fighting)|"
        r"(?:from|since)\s+the\s+(?:19|20)\d0s|old\s+(?:landmine|mine|shell|ordnance)|UXOs?"
    ),
    "sd_agreement": _rx(
        r"agreement|ceasefire|cease-fire|truce|peace\s+(?:deal|accord|talks)|"
        r"signed\s+(?:a|an)|prisoner\s+(?:exchange|swap)|surrender\w*|"
        r"laid\s+down\s+(?:their\s+)?arms|released\s+(?:\w+\s+){0,3}"
        r"(?:prisoners|hostages|captives)"
    ),
    "sd_group": _rx(
        r"(?:movement|deployment|build-?up)\s+of\s+(?:forces|troops)|"
        r"reinforcements|deployed|recruit\w*|training\s+camp|"
        r"headquarters\s+(?:or\s+base\s+)?established|established\s+(?:a\s+)?"
        r"(?:base|headquarters|camp)|non-violent\s+(?:transfer|activity)|"
        r"withdr(?:ew|awn|awal)|pulled\s+out|handed\s+over|change\s+to\s+group|"
        r"split|merged|pledged\s+allegiance|curfew|state\s+of\s+emergency"
    ),
    "sd_prefix": re.compile(
        r"^\s*(?:non-violent\s+activity|property\s+destruction|looting|arrests?|agreement|"
        r"movement\s+of\s+forces|headquarters\s+or\s+base\s+established|disrupted\s+weapons\s+"
        r"use|change\s+to\s+group/activity|other)\s*:",
        re.IGNORECASE,
    ),
    # the marks of organised crime on a killing: a drive-by, a bound, tortured or cut-up body,
    # a threatening message left with it
    "crime_signs": _rx(
        r"drive-?by|(?:hands|feet|legs)\s+(?:and\s+(?:hands|feet|legs)\s+)?(?:were\s+)?"
        r"(?:tied|bound)|(?:tied|bound)\s+(?:hands|feet)|handcuffed|blindfolded|"
        r"signs\s+of\s+torture|tortured|dismembered|mutilated|beheaded|decapitated|"
        r"threatening\s+message|narco-?(?:message|banner)s?|wires?\s+around\s+(?:his|her)\s+neck"
    ),
    # the victim's record makes him a gang member in ACLED's coding
    "gang_record": _rx(
        r"(?:victims?|he|she|they|both\s+(?:victims|men|women)|one\s+of\s+(?:the\s+)?victims)\s+"
        r"(?:had|has|have|was|were)\s+(?:been\s+)?(?:charges\s+against\s+(?:him|her|them)\s+"
        r"for\s+(?:[\w,]+\s+){0,4}?|convicted\s+(?:of|for)\s+|(?:a\s+)?(?:criminal\s+)?"
        r"records?\s+(?:of|for)\s+)drug\s+trafficking"
    ),
    # harm to people (something violent happened to someone)
    "harm": _rx(
        r"kill\w*|dead|died|dies|death|deaths|fatalit\w+|slain|murder\w*|shot|"
        r"gunned\s+down|injur\w+|wound\w*|hurt|massacr\w*|behead\w*|execut\w+|"
        r"lynch\w*|hack\w*\s+to\s+death|stabb\w*|beat(?:en)?|assault\w*|tortur\w*|"
        r"lost\s+(?:their|his|her)\s+lives?|bodies|body|corpses?|casualt\w+|causalt\w+|"
        r"claimed\s+(?:\w+\s+){0,2}lives|assassinat\w+|"
        r"attack\w*|ambush\w*|opened\s+fire|fired\s+(?:at|on|upon)|raid\w*|"
        r"abduct\w*|kidnap\w*|rap(?:ed|e)"
    ),
    "death": _rx(
        r"kill\w*|dead|died|dies|deaths?|fatalit\w+|slain|murder\w*|massacr\w*|"
        r"behead\w*|execut\w+|lynch\w*|lost\s+(?:their|his|her)\s+lives?|bodies|corpses?|"
        r"claimed\s+(?:\w+\s+){0,2}lives|assassinat\w+"
    ),
    "no_harm": _rx(
        r"no\s+(?:casualties|fatalities|injuries|one\s+was\s+(?:hurt|injured|killed))|"
        r"without\s+(?:any\s+)?(?:casualties|injuries)|nobody\s+was\s+(?:hurt|injured|"
        r"killed)"
    ),
}


@lru_cache(maxsize=4096)
def first(cue: str, text: str) -> str | None:
    """The words of ``text`` that match cue ``cue``, or None."""
    m = CUES[cue].search(text)
    return m.group(0) if m else None
