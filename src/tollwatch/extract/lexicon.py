"""Word lists and patterns: outcome triggers, victim categories, demographic nouns, distractors.

Everything here is data. The rules that use it are in ``link.py`` and ``assemble.py``.
"""

from __future__ import annotations

import re

from tollwatch.models import Category, Outcome

__all__ = [
    "AUX",
    "BREAK",
    "DEMOGRAPHIC",
    "NON_PERSON",
    "POST_TRIGGERS",
    "PREFILTER",
    "PRE_TRIGGERS",
    "categories_in",
    "category_of",
    "is_distractor",
]

# Triggers that FOLLOW their quantity: "31 people were killed", "12 dead", "5 injured".
POST_TRIGGERS: list[tuple[re.Pattern[str], Outcome]] = [
    (
        re.compile(
            r"(?:shot|stabbed|beaten|hacked|burn(?:ed|t)|stoned|tortured|clubbed|crushed|trampled|"
            r"bludgeoned|strangled|choked|starved|macheted|knifed|battered)\s+to\s+death|"
            r"burn(?:ed|t)\s+alive|chopped\s+to\s+death|beat(?:en)?\s+to\s+death|"
            r"shot\s+dead|gunned\s+down|lost\s+(?:their|his|her)\s+lives?|killed|dead|died|slain|martyred|"
            r"murdered|massacred|executed|beheaded|lynched|perished|assassinated|slaughtered|"
            r"deaths?|fatalities|fatality|bodies|corpses|fatally\s+(?:shot|wounded|injured|stabbed)|"
            r"confirmed\s+dead|feared\s+dead|drowned|casualties|causalities|li(?:fe|ves)\b|succumbed|"
            r"found\s+dead|discovered\s+dead|recovered\s+dead|homicides?|homicide\s+victims|"
            r"murder\s+victims|murders",
            re.I,
        ),
        Outcome.KILLED,
    ),
    (
        re.compile(
            r"injured|wounded|hurt|injuries|maimed|hospitali[sz]ed|sustained\s+(?:gunshot\s+)?(?:injuries|wounds)",
            re.I,
        ),
        Outcome.INJURED,
    ),
    (re.compile(r"missing|unaccounted\s+for|disappeared", re.I), Outcome.MISSING),
    (
        re.compile(
            r"abducted|kidnapped|arrested|detained|taken\s+(?:hostage|captive)|held\s+hostage|"
            r"captured|rounded\s+up|apprehended|taken\s+away",
            re.I,
        ),
        Outcome.DETAINED,
    ),
    (
        re.compile(
            r"displaced|fled|forced\s+(?:to\s+flee|from\s+their\s+homes)|made\s+homeless|uprooted|"
            r"have\s+fled|had\s+fled|were\s+forced\s+to\s+flee",
            re.I,
        ),
        Outcome.DISPLACED,
    ),
]

# Triggers that PRECEDE their quantity: "killing 3", "wounded two others", "the bodies of 31".
PRE_TRIGGERS: list[tuple[re.Pattern[str], Outcome]] = [
    (
        re.compile(
            r"fatally\s+(?:shot|shooting|wounded|wounding|stabbed|stabbing|injured|injuring)|"
            r"killed|killl?ing|kills|kill|martyred|lynch|lynches|chopped\s+to\s+death|beat\s+to\s+death|decapitated|decapitating|decapitate|burn(?:ed|t|ing)\s+alive|"
            r"shoot(?:ing)?\s+dead|(?:hacked|stabbed|beaten|burnt|burned|stoned)\s+to\s+death|massacred|massacring|executed|executing|murdered|murdering|"
            r"slaughtered|slaughtering|shot\s+dead|gunned\s+down|beheaded|beheading|"
            r"claim(?:ed|ing)\s+the\s+lives\s+of|(?:bodies|corpses|remains|deaths?|killings?|"
            r"massacre|murders?|executions?|lives)\s+of|lynched|lynching|assassinated",
            re.I,
        ),
        Outcome.KILLED,
    ),
    (
        re.compile(r"injuring|injured|wounding|wounded|injures|wounds|maiming|hurting", re.I),
        Outcome.INJURED,
    ),
    (
        re.compile(
            r"abducted|abducting|kidnapped|kidnapping|arrested|arresting|detained|detaining|"
            r"captured|capturing|seized|seizing|abduction\s+of|kidnapping\s+of|arrest\s+of",
            re.I,
        ),
        Outcome.DETAINED,
    ),
    (
        re.compile(
            r"displacing|displacement\s+of|uproot(?:ed|ing)|"
            # "forced more than 900 people from their homes", "drove 5,000 villagers to flee"
            r"(?:forc(?:ed|ing|es)|dr(?:ove|iven|iving|ives))(?=\s+(?:[\w,.\-]+\s+){1,5}?"
            r"(?:from|out\s+of)\s+(?:their|his|her)\s+(?:homes?|villages?|houses?)|\s+(?:[\w,.\-]+\s+)"
            r"{1,5}?to\s+(?:flee|leave\s+their\s+homes))",
            re.I,
        ),
        Outcome.DISPLACED,
    ),
]

# Words that may sit between a subject and its passive trigger: "were also reportedly killed".
AUX = frozenset(
    """were was have has had been be being are is also all reportedly later allegedly
    subsequently both each confirmed immediately instantly initially either believed thought
    feared found already eventually ultimately apparently""".split()  # noqa: SIM905
)

# Tokens that end the phrase a quantity belongs to.
BREAK = frozenset(
    [
        ";",
        ":",
        "(",
        ")",
        '"',
        "“",
        "”",
        "but",
        "while",
        "after",
        "when",
        "as",
        "before",
        "because",
        "since",
        "if",
        "whereas",
        "although",
        "though",
        "said",
        "says",
        "say",
        "told",
        "tells",
        "reported",
        "reports",
        "stated",
        "states",
        "claimed",
        "claims",
        "announced",
        "added",
        "noted",
        "according",
        "attacked",
        "stormed",
        "opened",
        "raided",
        "launched",
        "ambushed",
        "invaded",
        "clashed",
        "fought",
        "took",
        "went",
        "came",
        "ran",
        "set",
        "blew",
        "struck",
        "hit",
        "fired",
        "burned",
        "burnt",
        "looted",
        "destroyed",
        "stole",
        "robbed",
        "torched",
        "overran",
        "began",
        "broke",
        "met",
        "held",
        "gave",
        "made",
        "used",
        "carried",
        "arrived",
        "entered",
        "exchanged",
        "engaged",
        "targeted",
        "bombed",
        "shelled",
        "detonated",
        "exploded",
        "planted",
        "abandoned",
        "retreated",
        "repelled",
        "seized",
        "demanded",
        "protested",
        "marched",
        "gathered",
        "staged",
        "blocked",
        "rioted",
        "threw",
        "pelted",
        "attack",
        "attacks",
        "attacking",
        "storming",
        "firing",
        "shooting",
        "clashing",
        "fighting",
        "following",
        "during",
        "despite",
        "until",
        "where",
        "whom",
        "whose",
    ]
)

# Nouns that are counted but are not people: a number in front of these is never a casualty.
_NON_PERSON_WORDS = frozenset(
    """houses homes buildings shops stores stalls vehicles cars trucks lorries buses
    motorcycles motorbikes bikes tanks villages towns communities schools churches mosques
    markets cattle cows goats sheep livestock camels animals horses donkeys rifles guns
    weapons bombs rockets missiles shells mortars drones ieds mines boats aircraft
    helicopters planes positions checkpoints bases posts hectares acres kilograms tons
    tonnes tonne ton kg litres liters barrels bags rounds bullets shots times incidents
    attacks clashes cases counts charges years months weeks days hours minutes seconds
    decades km kilometres kilometers miles meters metres feet yards percent dollars naira
    rupees euros pounds shillings francs districts provinces states areas regions roads
    bridges farms crops fields granaries huts compounds offices stations hospitals clinics
    warehouses town towns village city cities neighborhood neighbourhood neighborhoods
    neighbourhoods incident attack day night time occasion case place location district
    province state area region country site spot street road ships oil wells pipelines
    homesteads properties cartridges magazines grenades explosives pieces items""".split()  # noqa: SIM905
)
# the singular heads below count things too in the plural: "two blasts killed 40 people",
# "three airstrikes killed 12 civilians" count the blasts, not the dead
_NON_PERSON_SINGULAR = frozenset(
    """clash bomb explosion vehicle car truck house home building shop store mosque church
    school market attack ambush raid blast device mine rocket shell drone strike airstrike
    convoy checkpoint camp base post protest rally demonstration group gang band faction
    unit team crowd mob number total series wave spate fight gunfight battle encounter
    operation dispute conflict confrontation quarrel argument row brawl riot organisation
    organization party outfit""".split()  # noqa: SIM905
)
_NON_PERSON_SINGULAR_MORE = frozenset(
    """bombing shelling assault volley salvo barrage explosive""".split()  # noqa: SIM905
)


def _plural(word: str) -> str:
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


NON_PERSON = (
    _NON_PERSON_WORDS
    | _NON_PERSON_SINGULAR
    | _NON_PERSON_SINGULAR_MORE
    | frozenset(_plural(w) for w in _NON_PERSON_SINGULAR | _NON_PERSON_SINGULAR_MORE)
)

_CATEGORY_WORDS: list[tuple[re.Pattern[str], Category]] = [
    (
        re.compile(
            r"\b(?:security\s+(?:forces?|personnel|officers?|officials?|guards?|men)|soldiers?|troops?|"
            r"servicem[ae]n|policem[ae]n|police(?:\s+officers?|\s+personnel)?|officers?|constables?|"
            r"gendarmes?|army|military|armed\s+forces|government\s+forces|regime\s+forces|"
            r"pro-government\s+forces|jawans?|sepoys?|personnel|marines?|paratroopers?|commandos?|"
            r"guardsm[ae]n|border\s+guards?|peacekeepers?|fdls|ana|anp|anaf|fardc|jtf|cjtf|"
            r"vigilantes?|home\s+guards?|rangers?|sailors?|airmen|conscripts?|recruits?|cadets?|"
            r"general\s+security(?:\s+(?:members?|personnel|officers?|forces?))?|"
            r"members\s+of\s+the\s+(?:\w+\s+){0,2}(?:security\s+forces|army|police|military)|"
            r"intelligence\s+officers?|national\s+guards?(?:men)?|coast\s+guards?|"
            r"state\s+security|militiamen\s+loyal\s+to\s+the\s+government|prison\s+(?:guards?|wardens?|officers?)|"
            r"customs\s+officers?|wardens?)\b",
            re.I,
        ),
        Category.STATE_FORCES,
    ),
    (
        re.compile(
            r"\b(?:militants?|fighters?|rebels?|insurgents?|gunm[ae]n|attackers?|assailants?|"
            r"terrorists?|jihadists?|bandits?|militiam[ae]n|militias?|extremists?|combatants?|"
            r"separatists?|loyalists?|guerrillas?|bombers?|suicide\s+bombers?|raiders?|"
            r"boko\s+haram|taliban|al-shabaab|shabaab|iswap|isis|daesh|kidnappers?|armed\s+men|"
            r"armed\s+groups?|cultists?|pirates?|herdsmen|naxal(?:ite)?s?|maoists?|cadres?|"
            r"mujahideen|dacoits?|hezbollah|houthis?|ansar\s+allah|is\s+(?:militants|fighters)|"
            r"gunm[ae]n\s+loyal\s+to|tribal\s+(?:fighters|militiam[ae]n|gunm[ae]n)|"
            r"paramilitar(?:y|ies)\s+fighters|rsf\s+fighters|dissidents?|paramilitar(?:y|ies)|"
            r"gang\s+members?|gangsters?|mercenar(?:y|ies)|hitm[ae]n|cartel\s+(?:members?|gunm[ae]n)|"
            r"militia\s+members?|sdf(?:\s+(?:members?|fighters))?)\b",
            re.I,
        ),
        Category.NON_STATE_ARMED,
    ),
    (
        re.compile(
            r"\b(?:civilians?|villagers?|residents?|farmers?|worshipp?ers?|students?|pupils?|"
            r"children|child|kids|babies|infants?|women|woman|girls?|boys?|passengers?|traders?|"
            r"shoppers?|pilgrims?|mourners?|protesters?|demonstrators?|journalists?|teachers?|"
            r"doctors?|nurses?|aid\s+workers?|workers?|labou?rers?|fishermen|herders?|hunters?|"
            r"travell?ers?|commuters?|patients?|refugees?|migrants?|displaced\s+persons|idps|"
            r"neighbou?rs?|family\s+members|relatives|wedding\s+guests|guests|bystanders?|"
            r"motorists?|drivers?|miners?|elders?|chiefs?|clerics?|imams?|priests?|monks?|"
            r"nuns?|voters?|officials?|parishioners?|congregants?|customers?|tourists?|minors?|"
            r"teenagers?|youths?|men|man|shopkeepers?|shop\s+owners?|vendors?|merchants?|"
            r"tailors?|engineers?|lawyers?|businessm[ae]n|businesswom[ae]n|civil\s+servants?|"
            r"health\s+workers?|medics?|paramedics?|rescuers?|rescue\s+workers?|firefighters?|"
            r"volunteers?|academics?|professors?|clergym[ae]n|schoolchildren|schoolgirls?|"
            r"schoolboys?|worshippers?|bakers?|butchers?|mechanics?|cobblers?|porters?|"
            r"housewi(?:fe|ves)|pensioners?|retirees?|displaced\s+people|villagers?|"
            r"taxi\s+drivers?|truck\s+drivers?|fishers?|humanitarian\s+workers?|staff\s+members?|"
            r"employees?|guards?\s+at\s+the|prisoners?|detainees?|inmates?|sellers?|"
            r"fans|spectators?|hawkers?|cooks?|waiters?|cleaners?|carpenters?|masons?|"
            r"electricians?|plumbers?|accountants?|bankers?|judges?|surgeons?|pharmacists?|"
            r"photographers?|reporters?|cameram[ae]n|athletes?|footballers?|singers?|artists?)\b",
            re.I,
        ),
        Category.CIVILIANS,
    ),
]

# Demographic nouns: (pattern, field). Girls and boys are children; a man or woman is an adult.
DEMOGRAPHIC: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"^(?:children|child|kids|minors?|boys?|girls?|infants?|babies|baby|toddlers?|"
            r"schoolchildren|schoolgirls?|schoolboys?|juveniles?|teenagers?|pupils?)$",
            re.I,
        ),
        "children",
    ),
    (re.compile(r"^(?:women|woman|females?|mothers?|wives)$", re.I), "women"),
    (re.compile(r"^(?:men|man|males?)$", re.I), "men"),
]

# A quantity followed by one of these units is not a head count.
_AFTER_DISTRACTOR = re.compile(
    r"""^(?:
        \s*-?\s*(?:year|yr|month|week|day)s?[-\s]+old
      | \s*-?\s*(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|
                 decades?|centur(?:y|ies)|nights?|generations?|times|fold|o'clock)\b
      | \s*-?\s*(?:km|kms|kilomet(?:er|re)s?|miles?|meters?|metres?|m|cm|mm|ft|feet|foot|yards?|
                 inches|inch|hectares?|acres?|sq)\b
      | \s*(?:%|percent\b|per\s*cent\b)
      | \s*-?\s*(?:tons?|tonnes?|kg|kgs|kilograms?|kilos?|grams?|g|lbs?|pounds|litres?|liters?|
                 gallons?|barrels?|bags?|sacks?|cartons?|rounds?|bullets?|calibre|caliber|mm)\b
      | \s*(?:million\s+|billion\s+|thousand\s+|m\s+|bn\s+|k\s+)?(?:dollars?|usd|us\$|naira|n|rupees?|
                 rs|euros?|pounds?|shillings?|francs?|cfa|birr|afghanis?|rials?|riyals?|dinars?|
                 liras?|taka|kyats?|pesos?|yuan|yen|cedis?|leones?)\b
      | \s*(?:a\.?m\.?|p\.?m\.?|hrs|gmt|utc)(?:\W|$)
      | \s*(?:st|nd|rd|th)\b
      | \s*/\s*\d
      | \s*:\s*\d
      | -\s*(?:storey|story|member|strong|man|person|year|month|day|week|hour|minute|point|
                 page|seat|bed)\b
      | \s+(?:of\s+)?(?:january|february|march|april|may|june|july|august|september|october|
                 november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b\.?
    )""",
    re.X | re.I,
)
_BEFORE_DISTRACTOR = re.compile(
    r"""(?:
        [$€£₦¥₹]\s*
      | \b(?:rs\.?|usd|n|ngn|inr|pkr|kes|aged|age|ages|ages\s+of|age\s+of|no\.?|number|page|route|
             highway|flight|article|section|room|resolution|unit|km|kilometre|kilometer|mile|
             sector|phase|block|ward|camp|battalion|brigade|division|regiment|zone|level|grade|
             class|chapter|platoon|house|plot|road|street|avenue|building|gate|bay|pillar)\s+
      | \d\s*/\s*
      | \d\s*:\s*
      | \b(?:top|the\s+top|of\s+the\s+top)\s+
    )$""",
    re.X | re.I,
)
_YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
# "on May 17", "March 3": a month right before a day of the month
_DAY = re.compile(r"0?[1-9]|[12]\d|3[01]")
_MONTH_BEFORE = re.compile(
    r"\b(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+$",
    re.I,
)
# "aged 7, 9 and 12", "aged between 20 and 35": every number of the list is an age
_AGE_LIST = re.compile(
    r"\b(?:aged|ages(?:\s+of)?|age\s+of)\s+(?:between\s+|from\s+)?\d{1,3}"
    r"(?:\s*(?:,|and|to|or|-|–)\s*\d{1,3})*\s*(?:,\s*and|,\s*or|,|and|to|or|-|–)\s*$",
    re.I,
)


def is_distractor(text: str, start: int, end: int, number_text: str) -> bool:
    """True when the quantity at text[start:end] is an age, distance, duration, date, sum..."""
    after = text[end : end + 40]
    before = text[max(0, start - 25) : start]
    if _AFTER_DISTRACTOR.match(after) or _BEFORE_DISTRACTOR.search(before):
        return True
    if _AGE_LIST.search(text[max(0, start - 60) : start]):
        return True
    if (
        _MONTH_BEFORE.search(before)
        and text[start:end].strip() == number_text.strip()
        and (_DAY.fullmatch(number_text.strip()) or _YEAR.match(number_text.strip()))
    ):
        # "on May 17" is a day; "in May at least 174 civilians", "in May 174 people" are counts
        return True
    if (
        re.search(r"[A-Z][a-z]+\s*,\s*$", before)
        and re.match(r"\s*,", after)
        and number_text.isdigit()
    ):
        return True  # "Kabul Sheikh, 27, who ...": an age
    if _YEAR.match(number_text.strip()):
        nxt = re.match(r"\s*([A-Za-z]+)", after)
        # "2000 people" is a count; "in 2020" is a year
        return not (nxt and category_of(nxt.group(1)) is not None)
    return False


def categories_in(words: str) -> set[Category]:
    """Every victim category named in ``words`` ("security personnel and militants": two)."""
    found: set[Category] = set()
    for pattern, category in _CATEGORY_WORDS:
        if pattern.search(words):
            found.add(category)
    return found


def category_of(words: str) -> Category | None:
    """The victim category named in ``words`` (first match wins by position), or None."""
    best: tuple[int, Category] | None = None
    for pattern, category in _CATEGORY_WORDS:
        m = pattern.search(words)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), category)
    return best[1] if best else None


PREFILTER = re.compile(
    r"kill|dead|death|die[ds]?\b|homicide|martyr|injur|wound|hurt|abduct|kidnap|missing|detain|arrest|displac|"
    r"fled|flee|bod(?:y|ies)|corpse|massacre|execut|murder|slain|toll|fatalit|casualt|lives|"
    r"among|includ|victim|causalit|fatal|themselves|behead|lynch|perish|assassin|slaughter|captur|hostage|homeless|"
    r"hospital|drown|unaccounted|disappear|seiz|gunned|maim|remains|of\s+whom|of\s+them|uproot|"
    r"from\s+their\s+homes",
    re.I,
)
