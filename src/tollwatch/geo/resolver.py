"""Place mention -> ``PlaceRef``: candidates from the gazetteer, disambiguated by context.

``geocode(mention, context, gazetteer)`` is pure over a loaded ``Gazetteer``. Candidates come
from the exact name key (diacritics, articles and case folded; alternate names included)
and, failing that, from the consonant skeleton (romanisation variants), which must also pass a
similarity test. Each candidate is scored on

* its size (log population) and kind (a country name beats a village of the same name),
* a kind hint in the mention ("Latakia province" -> a first-order unit),
* the report's country focus (``GeoContext.countries``),
* admin units mentioned near the claim (``GeoContext.admin1``),
* distance to places that co-occur in the report (``GeoContext.points``),

and the best one wins. A mention with no candidate, or only weak variant candidates, stays
unresolved with its text and, when the report has one clear country, that country -- never a
confident guess.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from tollwatch.geo._store import ADMIN_SUFFIXES
from tollwatch.geo._text import name_key, similarity, skeleton
from tollwatch.geo.gazetteer import Entry, Gazetteer, haversine_km
from tollwatch.geo.precision import NEAR_WORDS, precision_for
from tollwatch.geo.recognise import is_calendar_word
from tollwatch.models import Place, PlaceRef

__all__ = [
    "WEIGHTS",
    "Candidate",
    "GeoContext",
    "Weights",
    "build_context",
    "candidates",
    "contains",
    "geocode",
]

_ADM1_WORDS = {"governorate", "province", "state", "region", "oblast", "prefecture", "wilayah"}
_ADM2_WORDS = {"district", "county", "parish", "municipality", "department"}
# kind words of second-order units the gazetteer does not index names under ("Beni
# territory" in DR Congo)
_ADM2_ONLY = frozenset({"territory"})
# the kind word a unit's own name ends with ("Beni Department"): another kind of unit than a
# mention's "territory" or "district"
_NAME_KINDS = _ADM1_WORDS | _ADM2_WORDS | _ADM2_ONLY | {"department"}
_PLACE_PREFIX = re.compile(r"^(?:the\s+)?(?:city|town|village|hamlet|camp|outskirts)\s+of\s+", re.I)
_ADMIN_PREFIX = re.compile(
    r"^(?:the\s+)?(?:province|governorate|state|county|district)\s+of\s+", re.I
)
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
_PLACE_SUFFIX = re.compile(r"\s+(?:city|town|village)$", re.I)
# a name followed by one of these names a street, square or beach, which is seldom in the
# town it is named after ("Lido beach" in Mogadishu is not Lido in Italy; "Haifa Street" is
# in Baghdad). A market, school or hospital named after a town is mostly in that town.
SITE_WORDS = frozenset(["beach", "square", "street", "road", "avenue", "boulevard", "gate"])


@dataclass(frozen=True, slots=True)
class GeoContext:
    """What the report tells us about where a mention is.

    ``countries``: ISO codes the report is about, strongest first (from all its place mentions).
    ``admin1``: (country, admin1 code) units named near the claim.
    ``admin_names``: admin or region names near the claim, resolved to ``admin1`` on use.
    ``points``: coordinates of places that co-occur in the report and resolved confidently.
    ``regions``: the (country, admin1) units those places lie in.
    ``named_admin1``: admin1 units named anywhere in the report (a weaker hint than ``admin1``).
    """

    countries: tuple[str, ...] = ()
    admin1: tuple[tuple[str, str], ...] = ()
    admin_names: tuple[str, ...] = ()
    points: tuple[tuple[float, float], ...] = ()
    regions: tuple[tuple[str, str], ...] = ()  # admin1 units holding the co-occurring places
    named_admin1: tuple[tuple[str, str], ...] = ()  # admin1 units named anywhere in the report
    # admin1 units where candidates of several distinct mentions lie, with how many mentions
    shared_admin1: tuple[tuple[str, str, int], ...] = ()
    ambiguous: frozenset[str] = frozenset()  # name keys with no clear reading on their own
    # what each mention lent the context (name key, country voted for, point or None), so a
    # mention is never its own evidence: it is resolved with the others' votes and points only
    lent: tuple[tuple[str, str, int, tuple[float, float] | None], ...] = ()
    votes: tuple[tuple[str, int], ...] = ()  # country votes behind ``countries``
    # countries named by their own name (or by an armed actor of theirs), not by a demonym
    named_countries: frozenset[str] = frozenset()
    # (name key, country) of each mention that is a clear place or admin unit
    grounds: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: Entry
    score: float
    variant: bool = False
    reasons: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class _Mention:
    text: str
    key: str
    near: bool
    hint: str | None  # "adm1", "adm2", "place" or None
    alt_key: str | None  # the key without its kind word ("latakia" for "latakia province")
    site: bool = False  # "Lido beach": a site named X, not necessarily the town X


def _parse(mention: str) -> _Mention:
    text = " ".join(mention.split())
    text = _POSSESSIVE.sub("", text)
    near = False
    stripped = NEAR_WORDS.sub("", text)
    if stripped != text:
        near, text = True, stripped.strip()
    hint: str | None = None
    alt: str | None = None
    m = _PLACE_PREFIX.match(text)
    if m:
        text, hint = text[m.end() :], "place"
    m = _ADMIN_PREFIX.match(text)
    if m:
        word = m.group(0).split()[-2].lower()
        text, hint = text[m.end() :], "adm1" if word in _ADM1_WORDS else "adm2"
    key = name_key(text)
    words = key.split()
    if len(words) > 1 and (words[-1] in ADMIN_SUFFIXES or words[-1] in _ADM2_ONLY):
        hint = "adm1" if words[-1] in _ADM1_WORDS else "adm2"
        alt = " ".join(words[:-1])
    elif _PLACE_SUFFIX.search(text):
        hint = hint or "place"
        alt = name_key(_PLACE_SUFFIX.sub("", text))
    elif len(words) > 1 and words[-1] in SITE_WORDS:
        return _Mention(text, key, near, hint, " ".join(words[:-1]), site=True)
    return _Mention(text, key, near, hint, alt)


def _exact(gaz: Gazetteer, m: _Mention) -> tuple[tuple[Entry, ...], bool]:
    found = gaz.lookup(m.key) if m.key else ()
    if m.site and found:
        # "Miami Beach" is a town of its own: the town of the bare name is another place
        return found, True
    if m.alt_key:
        alt = gaz.lookup(m.alt_key)
        if alt:
            seen = {e.gid for e in found}
            found = found + tuple(e for e in alt if e.gid not in seen)
    return found, bool(found)


def _variants(gaz: Gazetteer, m: _Mention, ctx: GeoContext) -> list[tuple[Entry, float]]:
    key = m.alt_key or m.key
    skel = skeleton(key)
    if len(skel) < 2 or len(key) < 4:
        return []
    out: dict[int, tuple[Entry, float]] = {}
    for cand_key, entry in gaz.lookup_skeleton(skel):
        sim = similarity(key, cand_key)
        in_focus = bool(ctx.countries) and entry.country == ctx.countries[0]
        if sim < 0.75:
            continue
        if not in_focus and (sim < 0.9 or len(skel) < 4 or entry.population < 20_000):
            continue
        if entry.gid not in out or out[entry.gid][1] < sim:
            out[entry.gid] = (entry, sim)
    return list(out.values())


def _pop(gaz: Gazetteer, e: Entry) -> int:
    if e.population:
        return e.population
    if e.kind == "country":
        return gaz.country_population(e.country)
    return 0


def _admin1_of(gaz: Gazetteer, ctx: GeoContext) -> set[tuple[str, str]]:
    units = set(ctx.admin1)
    for name in ctx.admin_names:
        for e in gaz.lookup(name_key(name)):
            if e.kind == "adm1" and e.country and e.admin1:
                units.add((e.country, e.admin1))
    return units


@dataclass(frozen=True, slots=True)
class Weights:
    """Scoring weights (tuned on the dev splits of ../shared/eval, see docs/evaluation.md)."""

    population: float = 0.3
    country: float = 3.0
    adm1: float = 1.2
    adm2: float = 0.4
    place: float = 0.8
    site: float = 0.6
    capital: float = 0.5
    hint: float = 4.0
    hint_miss: float = -2.0
    focus: float = 3.5
    focus_other: float = 1.5
    admin_near: float = 2.5
    near_60: float = 2.0
    near_200: float = 1.2
    near_600: float = 0.5
    admin_in_report: float = 0.8
    shared_admin1: float = 0.5
    shared_admin1_cap: int = 3
    alternate: float = -1.0
    variant: float = -1.5
    # a town abroad smaller than this, in a report about other countries, is left unresolved
    abroad_population: int = 5000
    # ... and smaller than this when the report's own country has at least this many votes
    # from its other mentions (a country named once gives 2) and the town's country none
    abroad_population_strong: int = 100_000
    strong_focus_votes: int = 2


WEIGHTS = Weights()


def _score(
    gaz: Gazetteer,
    e: Entry,
    m: _Mention,
    ctx: GeoContext,
    admin1: set[tuple[str, str]],
    sim: float | None,
) -> Candidate | None:
    w = WEIGHTS
    kind = e.kind
    focus = ctx.countries
    if e.context_only and (not focus or e.country not in focus[:2]):
        return None
    reasons: list[str] = []
    score = w.population * math.log10(_pop(gaz, e) + 1)
    score += {
        "country": w.country,
        "adm1": w.adm1,
        "adm2": w.adm2,
        "place": w.place,
        "site": w.site,
    }.get(kind, 0.0)
    if e.fcode in {"PPLC", "PPLA"}:
        score += w.capital
    if e.alt_match and kind in {"place", "site", "adm3", "region"}:
        score += w.alternate
        reasons.append("alternate name")
    if m.hint:
        if kind == m.hint or (m.hint == "place" and kind == "site"):
            score += w.hint
            reasons.append("kind hint")
        else:
            score += w.hint_miss
        said = m.key.split()[-1]
        own = name_key(e.name).split()[-1]
        if said in _NAME_KINDS and own in _NAME_KINDS and own != said and m.alt_key:
            # "Beni territory" is not "Beni Department": a unit of another kind
            score += w.hint_miss
            reasons.append("unit of another kind")
    if focus and e.country:
        if e.country == focus[0]:
            score += w.focus
            reasons.append("country focus")
        elif e.country in focus:
            score += w.focus_other
            reasons.append("country in report")
    if admin1 and e.country and e.admin1 and (e.country, e.admin1) in admin1:
        score += w.admin_near
        reasons.append("admin unit named nearby")
    elif (
        kind not in {"adm1", "country"}
        and e.country
        and e.admin1
        and (e.country, e.admin1) in ctx.named_admin1
    ):
        score += w.admin_in_report
        reasons.append("admin unit named in report")
    if m.key in ctx.ambiguous and kind != "country" and e.country and e.admin1:
        others = _shared(ctx, e.country, e.admin1)
        if others:
            score += w.shared_admin1 * min(others, w.shared_admin1_cap)
            reasons.append(f"{others} other mentions could lie in the same admin1")
    if kind == "adm1" and e.country and e.admin1 and (e.country, e.admin1) in ctx.regions:
        score += w.near_60
        reasons.append("holds co-occurring places")
    if ctx.points and kind not in {"country", "region"}:
        d = min(haversine_km(e.lat, e.lon, lat, lon) for lat, lon in ctx.points)
        if d < 60:
            score += w.near_60
        elif d < 200:
            score += w.near_200
        elif d < 600:
            score += w.near_600
        if d < 600:
            reasons.append(f"{d:.0f} km from co-occurring place")
    if sim is not None:
        score += w.variant - (1.0 - sim) * 6
        reasons.append(f"spelling variant ({sim:.2f})")
    return Candidate(e, score, sim is not None, tuple(reasons))


def _own_keys(m: _Mention) -> tuple[str, ...]:
    """The keys a mention lent the context under: a site's or a village's also under its
    bare name ("Lido beach" is no evidence for the Lido it may be named after, "Solhan
    village" none for the Solhan named in the next sentence: they are one mention)."""
    # not "New York City", "Gaza City": there "City" is part of the name
    if m.alt_key and (m.site or m.key.endswith((" village", " town"))):
        return (m.key, m.alt_key)
    return (m.key,)


def _without_own(ctx: GeoContext, *keys: str | None) -> GeoContext:
    """The context minus the votes and points this mention lent it (leave one out)."""
    own = [x for x in ctx.lent if x[0] in keys]
    if not own:
        return ctx
    votes = Counter(dict(ctx.votes))
    points = list(ctx.points)
    for _k, cc, n, point in own:
        votes[cc] -= n
        if point is not None and point in points:
            points.remove(point)
    countries = tuple(c for c, n in votes.most_common() if n >= 1)[:4]
    return replace(
        ctx, countries=countries, points=tuple(points), lent=(), votes=tuple(votes.most_common())
    )


def _clear_lead(votes: dict[str, int], focus: tuple[str, ...]) -> bool:
    """The report's first country is the only one, or leads the next by a country named
    more than once (3 votes)."""
    if len(focus) < 2:
        return True
    return votes.get(focus[0], 0) - votes.get(focus[1], 0) >= 3


def _shared(ctx: GeoContext, country: str, admin1: str) -> int:
    """How many other mentions of the report have a candidate in this admin1 unit."""
    for cc, code, n in ctx.shared_admin1:
        if cc == country and code == admin1:
            return n - 1
    return 0


def candidates(mention: str, context: GeoContext, gazetteer: Gazetteer) -> list[Candidate]:
    """Scored candidates for a mention, best first (empty when nothing matches)."""
    m = _parse(mention)
    if not m.key or is_calendar_word(m.key):
        # "Thursday's twin bombings" is a day, never Thursday Island
        return []
    context = _without_own(context, *_own_keys(m))
    admin1 = _admin1_of(gazetteer, context)
    exact, _ = _exact(gazetteer, m)
    if len(m.key.replace(" ", "")) <= 4 and not m.text.isupper():
        # a short alternate name abroad is mostly an airport code ("Abi" -> ABI, Abilene)
        # or another language's name of a far city ("Rim" -> Rome): outside the report's
        # countries a short capitalised word is read only as a place's own name
        exact = tuple(
            e
            for e in exact
            if not e.alt_match
            or e.kind == "country"
            or name_key(e.name) == m.key
            or e.country in context.countries
        )
    scored: list[Candidate] = []
    for e in exact:
        c = _score(gazetteer, e, m, context, admin1, None)
        if c:
            scored.append(c)
    if not scored:
        for e, sim in _variants(gazetteer, m, context):
            c = _score(gazetteer, e, m, context, admin1, sim)
            if c:
                scored.append(c)
    if m.hint is None:
        scored = _prefer_seats(scored)
    scored.sort(key=lambda c: (-c.score, -c.entry.population, c.entry.gid))
    return scored


def _prefer_seats(scored: list[Candidate]) -> list[Candidate]:
    """A bare "Latakia" is the city, not the governorate named after it; a bare "Gaza" is the
    city of 410,000, not a province of the same name in another country (a unit named
    without its kind word gives way to a city of comparable size)."""
    seats: dict[tuple[str | None, str | None], int] = {}
    city = 0
    for c in scored:
        e = c.entry
        if e.kind == "place":
            pop = e.population * (10 if e.fcode in {"PPLA", "PPLA2", "PPLC"} else 1)
            seats[(e.country, e.admin1)] = max(seats.get((e.country, e.admin1), 0), pop)
            city = max(city, e.population)
    out = []
    for c in scored:
        seat = seats.get((c.entry.country, c.entry.admin1), 0)
        if c.entry.kind in {"adm1", "adm2"} and seat >= max(1000, 0.1 * c.entry.population):
            c = Candidate(c.entry, c.score - 3.0, c.variant, (*c.reasons, "seat preferred"))
        elif (
            c.entry.kind in {"adm1", "adm2"}
            and city >= 100_000
            and city >= 0.5 * c.entry.population
        ):
            c = Candidate(c.entry, c.score - 3.0, c.variant, (*c.reasons, "city preferred"))
        out.append(c)
    return out


def _unresolved(mention: str, ctx: GeoContext, gaz: Gazetteer) -> PlaceRef:
    country = ctx.countries[0] if len(ctx.countries) >= 1 else None
    admin1 = None
    if country:
        units = [u for u in _admin1_of(gaz, ctx) if u[0] == country]
        if len(units) == 1:
            admin1 = units[0][1]
    return PlaceRef(
        mention=mention,
        country=country,
        admin1=admin1,
        admin1_name=gaz.admin1_name(country, admin1),
    )


def _default(gazetteer: Gazetteer | None) -> Gazetteer:
    """The given gazetteer, or the configured one (loaded once per process)."""
    if gazetteer is not None:
        return gazetteer
    from tollwatch.geo.service import load_gazetteer

    return load_gazetteer()


def geocode(
    mention: str, context: GeoContext | None = None, gazetteer: Gazetteer | None = None
) -> PlaceRef:
    """Resolve one place mention; unresolved mentions keep their text and country context.

    Pure over ``gazetteer``; without one, the configured gazetteer is loaded (once).
    """
    context = context or GeoContext()
    gazetteer = _default(gazetteer)
    ranked = candidates(mention, context, gazetteer)
    if not ranked:
        return _unresolved(mention, context, gazetteer)
    best = ranked[0]
    e = best.entry
    if best.variant and best.score < 0.5:
        return _unresolved(mention, context, gazetteer)
    m = _parse(mention)
    if _weak_abroad(gazetteer, best, m, context, ranked):
        return _unresolved(mention, context, gazetteer)
    city = _world_city(gazetteer, best, ranked)
    if city is not None:
        e = city.entry
    return ref_for(gazetteer, e, mention=mention, near=m.near)


# reasons that tie a candidate to this report beyond its country: a unit named near the
# claim, a place near it (``_local``); or a unit named anywhere, a unit shared with the
# report's other mentions (``_local(best, loose=True)``)
_NEAR_REASONS = ("admin unit named nearby", "co-occurring")
_LOOSE_REASONS = (*_NEAR_REASONS, "admin unit named in report", "could lie in the same admin1")


def _local(best: Candidate, *, loose: bool = False) -> bool:
    wanted = _LOOSE_REASONS if loose else _NEAR_REASONS
    return any(any(r in reason for r in wanted) for reason in best.reasons)


def _grounded(context: GeoContext, country: str, keys: tuple[str, ...]) -> bool:
    """The report places something in ``country`` besides this mention: it names the country
    (or an armed actor of it), or another of its mentions is a clear place or unit there."""
    if country in context.named_countries:
        return True
    return any(cc == country and k not in keys for k, cc in context.grounds)


def _weak_abroad(
    gaz: Gazetteer, best: Candidate, m: _Mention, context: GeoContext, ranked: list[Candidate]
) -> bool:
    """A candidate outside the report's focus that nothing but its name supports."""
    e = best.entry
    if e.kind not in {"place", "site", "adm3"}:
        return False
    # the mention's own vote does not make its candidate's country the report's focus
    others = _without_own(context, *_own_keys(m))
    focus = others.countries
    votes = dict(others.votes)
    pop = _pop(gaz, e)
    other_name = best.variant or e.alt_match
    if (
        m.site
        and (e.country not in focus if focus else pop < WEIGHTS.abroad_population_strong)
        and not _local(best, loose=True)
    ):
        # "the attack on Lido beach": a beach, square or street named X is not the town X
        # (nor a small town called "Lido Beach") unless the report is about that country
        return True
    if not focus:
        # no country at all: another language's or an old name of a town, unlike its own
        # name, is no evidence when a place elsewhere has that very name ("the village of
        # Mushu" is neither Mus in Turkey nor surely the Mushu in China); a spelling of the
        # town's own name still counts ("Banyas" for Baniyas)
        return (
            e.kind != "adm3"
            and other_name
            and pop < 500_000
            and not _local(best, loose=True)
            and similarity(m.alt_key or m.key, name_key(e.name)) < 0.85
            and any(
                not c.entry.alt_match and not c.variant and c.entry.country != e.country
                for c in ranked[1:]
            )
        )
    if e.country in focus:
        return False
    if (not _local(best) and pop < WEIGHTS.abroad_population) or (
        not _local(best, loose=True)
        and _grounded(context, focus[0], _own_keys(m))
        and votes.get(focus[0], 0) >= WEIGHTS.strong_focus_votes
        and (
            _clear_lead(votes, focus)
            # several countries named, none ahead, the namesake's not among them: its
            # country gets no vote and the report's first country more than one naming
            or (votes.get(e.country or "", 0) <= 0 and votes.get(focus[0], 0) > 2)
        )
        and pop < WEIGHTS.abroad_population_strong
    ):
        # a hamlet abroad in a report about somewhere else, or a town abroad that nothing
        # else in the report points to when the report is clearly about one country that it
        # names or places other mentions in ("Solhan" in a story about Burkina Faso is not
        # the Turkish town of that name): the place is unknown to us, its country the report's
        return True
    # "Hamas" is an alternate name of Hamm: abroad, only a big city's other name counts
    return e.kind != "adm3" and other_name and pop < 500_000


def _world_city(gaz: Gazetteer, best: Candidate, ranked: list[Candidate]) -> Candidate | None:
    """A capital or city of a million that lost to a small namesake elsewhere supported only
    by its country ("Moscow" in a report that also names American places is not Moscow,
    Idaho, unless Idaho or a place near it is named too)."""
    e = best.entry
    if (
        e.kind not in {"place", "site", "adm3", "adm2"}
        or _pop(gaz, e) >= 100_000
        or _local(best, loose=True)
    ):
        return None
    for c in ranked[1:]:
        big = c.entry
        if (
            big.kind == "place"
            and not big.alt_match
            and big.country != e.country
            and (big.fcode == "PPLC" or big.population >= 1_000_000)
        ):
            return c
    return None


def ref_for(
    gaz: Gazetteer, e: Entry, *, mention: str | None = None, near: bool = False
) -> PlaceRef:
    """The ``PlaceRef`` for a chosen gazetteer entry."""
    return PlaceRef(
        mention=mention,
        place_id=e.pid,
        name=e.name,
        lat=e.lat,
        lon=e.lon,
        country=e.country,
        admin1=e.admin1,
        admin1_name=gaz.admin1_name(e.country, e.admin1),
        admin2=e.admin2,
        precision=precision_for(e.fclass, e.fcode, near=near, override=e.precision),
    )


def build_context(
    mentions: Iterable[str],
    gazetteer: Gazetteer | None = None,
    *,
    near: Sequence[str] = (),
) -> GeoContext:
    """Context for every mention of one report, from all its place mentions.

    A first pass resolves each distinct mention without context: countries and demonyms vote
    for their country, admin units and clearly dominant places vote for theirs and lend their
    coordinates as anchors. ``near`` are the mentions close to the claim; admin units among
    them become ``admin1``.
    """
    gazetteer = _default(gazetteer)
    votes: Counter[str] = Counter()
    points: list[tuple[float, float]] = []
    regions: set[tuple[str, str]] = set()
    named: set[tuple[str, str]] = set()
    seen: set[str] = set()
    support: Counter[tuple[str, str]] = Counter()
    ambiguous: set[str] = set()
    lent: list[tuple[str, str, int, tuple[float, float] | None]] = []
    named_countries: set[str] = set()
    grounds: list[tuple[str, str]] = []
    empty = GeoContext()
    for mention in mentions:
        key = name_key(mention)
        if not key or key in seen:
            continue
        seen.add(key)
        if _parse(mention).site and not gazetteer.lookup(key):
            # "Dawes Street", "Lido beach": a site says nothing of where the town it may be
            # named after lies
            continue
        ranked = candidates(mention, empty, gazetteer)
        ranked = [c for c in ranked if not c.variant]
        if not ranked:
            continue
        top = ranked[0]
        second = ranked[1].score if len(ranked) > 1 else -math.inf
        clear = top.score - second >= 1.0
        if top.entry.kind != "country":
            units = {
                (c.entry.country, c.entry.admin1)
                for c in ranked
                if c.entry.country and c.entry.admin1 and c.entry.kind != "country"
            }
            support.update(units)
            if not clear and top.entry.kind != "adm1":
                ambiguous.add(_parse(mention).key)
        e = top.entry
        if e.kind == "country" and e.country and not e.alt_match:
            named_countries.add(e.country)
        if e.kind == "country" and e.country:
            # "Georgia": a country and a US state; an ambiguous name splits its vote
            shares = {
                c.entry.country for c in ranked if c.score >= top.score - 2.0 and c.entry.country
            }
            for cc in shares:
                votes[cc] += 2 // len(shares)
        elif e.country and clear:
            votes[e.country] += 1
            if e.kind in {"place", "site", "adm1", "adm2"}:
                grounds.append((_own_keys(_parse(mention))[-1], e.country))
            point = None
            if e.kind == "adm1" and e.admin1:
                named.add((e.country, e.admin1))
            if e.kind in {"place", "site", "adm2", "adm1"}:
                point = (e.lat, e.lon)
                points.append(point)
            if e.kind in {"place", "site"}:
                # a town is not its own evidence (a Paris in Texas must not vote for France);
                # countries and admin units keep theirs: they are rarely other things
                lent.append((_own_keys(_parse(mention))[-1], e.country, 1, point))
            if e.kind in {"place", "site", "adm2"} and e.admin1:
                regions.add((e.country, e.admin1))
    countries = tuple(c for c, n in votes.most_common() if n >= 1)[:4]
    base = GeoContext(
        countries=countries,
        points=tuple(points[:50]),
        regions=tuple(sorted(regions)),
        named_admin1=tuple(sorted(named)),
        shared_admin1=tuple(sorted((cc, code, n) for (cc, code), n in support.items() if n >= 2)),
        ambiguous=frozenset(ambiguous),
        lent=tuple(lent),
        votes=tuple(votes.most_common()),
        named_countries=frozenset(named_countries),
        grounds=tuple(grounds),
    )
    return with_near(base, near, gazetteer)


def with_near(context: GeoContext, near: Sequence[str], gazetteer: Gazetteer) -> GeoContext:
    """``context`` plus the admin units among the mentions ``near`` a claim."""
    if not near:
        return context
    admin1: set[tuple[str, str]] = set(context.admin1)
    for mention in near:
        for c in candidates(mention, context, gazetteer)[:1]:
            if c.entry.kind == "adm1" and c.entry.country and c.entry.admin1:
                admin1.add((c.entry.country, c.entry.admin1))
            for unit in c.entry.members:
                cc, _, code = unit.partition(".")
                admin1.add((cc, code))
    return replace(context, admin1=tuple(sorted(admin1)))


def contains(
    region: PlaceRef | Place | str, place: PlaceRef | Place, gazetteer: Gazetteer | None = None
) -> bool:
    """Is ``place`` inside ``region`` (a country, admin1, admin2 or a curated region)?

    ``region`` may be a resolved ``PlaceRef``/``Place`` or a place id. Containment follows the
    admin hierarchy codes (country -> admin1 -> admin2), not coordinates.
    """
    pid = (
        region
        if isinstance(region, str)
        else (region.place_id if isinstance(region, PlaceRef) else region.id)
    )
    if pid is None:
        return False
    entry = _default(gazetteer).get(pid)
    if entry is None or place.country is None:
        return False
    place_id = place.place_id if isinstance(place, PlaceRef) else place.id
    if place_id == pid:
        return True
    kind = entry.kind
    if entry.members:
        return f"{place.country}.{place.admin1}" in entry.members
    if kind == "country":
        return place.country == entry.country
    if kind == "adm1":
        return place.country == entry.country and place.admin1 == entry.admin1
    if kind == "adm2":
        return (
            place.country == entry.country
            and place.admin1 == entry.admin1
            and place.admin2 == entry.admin2
        )
    return False
