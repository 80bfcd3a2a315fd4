"""Claim <-> place linking: which place of a report each claim happened at (pure).

``place_claims(text, spots, gazetteer)`` takes a report's text and, for each claim, the span of
its evidence and the place mention extraction chose, and returns one ``PlaceRef`` per claim
whose ``link`` says how the place was chosen (docs/geocoding.md, *Linking*):

1. ``clause`` -- a place named in the claim's own sentence (extraction's mention or a place the
   gazetteer recognises there), the most specific first;
2. ``lede`` -- the report's incident place: the first place of its opening sentences (or the
   place extraction carried over from an earlier sentence);
3. ``attribution`` -- the place inside the attribution of the claim ("medics in Sumy said");
4. ``focus`` -- the place the report names most, else its country.

Datelines ("GENEVA --", "BEIRUT (Reuters)"), speakers' descriptors ("a London-based
monitor", "based in Britain"), places inside an organisation's name ("the Sinjar Resistance
Units") and demonyms ("Kuwaiti") are never the event's place.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tollwatch.geo._text import name_key
from tollwatch.geo.actor_cues import actor_countries
from tollwatch.geo.gazetteer import Gazetteer
from tollwatch.geo.recognise import Toponym
from tollwatch.geo.resolver import (
    GeoContext,
    build_context,
    contains,
    geocode,
    ref_for,
    with_near,
)
from tollwatch.geo.spotting import Role, Spot, spot_places, unplace_word
from tollwatch.models import GeoPrecision, PlaceRef

__all__ = ["ClaimSpot", "is_resolved_place", "place_claims", "resolved_place_spans"]

NEAR_CHARS = 250  # admin names this close to a claim's evidence count as "near" it
LEDE_CHARS = 400  # the opening of a report, where its incident place is named

_RANK = {
    GeoPrecision.EXACT: 0,
    GeoPrecision.NEAR: 0,
    GeoPrecision.ADM2: 1,
    GeoPrecision.ADM1: 2,
    GeoPrecision.REGION: 3,
    GeoPrecision.COUNTRY: 4,
    GeoPrecision.INTERNATIONAL: 5,
}
# a year as a date: "in 2002", "the 2004 siege", "March 8, 2019"; not "killed 1900 people"
_YEAR = re.compile(
    r"(?:\b(?:in|of|during|by|early|late|mid-?|the|an?|his|her|its|their)\s+|"
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?)"
    r"(?P<year>(?:19|20)\d\d)\b(?!\s*(?:people|persons|civilians|dead|deaths|killed|were|have|had))",
    re.I,
)
# "since 2015", "since March 2015", "until 2020": a yardstick for the event, not its date
_SINCE = re.compile(
    r"\b(?i:since|until|till|than\s+in)\s+(?:the\s+)?(?:[A-Z][a-z]+\.?\s+)?(?:\d{1,2},?\s+)?$"
)
OLD_YEARS = 2  # a year this much before the report's latest is another, older event's
NEAR_YEAR_CHARS = 25  # a place this close to such a year is that event's place
_SENTENCE_END = re.compile(r"[.!?](?:[\"”’)\]]*)\s|\n")
# "citizens of Belarus", "nationals of Afghanistan": the victims' nationality, not the place
_NATIONALITY_BEFORE = re.compile(
    r"\b(?:citizens?|nationals?|natives?|passport\s+holders?)\s+of\s+(?:the\s+)?$", re.I
)

# "Juhan, Balochistan", "Azir village in Damboa council area", "Daku village of Askira Uba LGA"
_COMMA_ADMIN = re.compile(r"^\s*(?:,\s*)?(?:(?:in|of)\s+)?(?:the\s+)?$")


@dataclass(frozen=True, slots=True)
class ClaimSpot:
    """Where a claim's evidence is in the report and the place mention extraction chose."""

    start: int
    end: int
    mention: str | None = None
    # a running toll of an area ("480 killed in North Kordofan since July, most around
    # Bara"): its place is the first one its clause names, not the most specific
    cumulative: bool = False


def _old_years(text: str) -> list[tuple[int, int]]:
    """Spans of dates in years at least ``OLD_YEARS`` before the latest the report names: an
    older event's ("in 2002", "March 8, 2019"), never a yardstick ("since 2015")."""
    found = [
        (m.start("year"), m.end("year"), int(m.group("year")))
        for m in _YEAR.finditer(text)
        if not _SINCE.search(text[max(0, m.start() - 30) : m.start("year")])
    ]
    if not found:
        return []
    latest = max(y for _, _, y in found)
    return [(s, e) for s, e, y in found if y <= latest - OLD_YEARS]


def _rank(ref: PlaceRef) -> int:
    return _RANK.get(ref.precision, 6) if ref.precision is not None else 6


class _Report:
    """One report's recognised places, resolved once each."""

    def __init__(self, text: str, gazetteer: Gazetteer) -> None:
        self.text = text
        self.gaz = gazetteer
        self.spots: list[Spot] = spot_places(text, gazetteer)
        # a name with its kind word ("Beni territory") votes as that kind of unit
        context_names = [
            f"{s.name} {s.kind}" if s.kind == "territory" else (s.mention if s.kind else s.name)
            for s in self.spots
            if s.role not in (Role.ORGANISATION, Role.PERSON)
        ]
        # the armed actors a report names vote for their country like a demonym does
        # ("Boko Haram attacks Kuda": the Kuda in Nigeria, not the one in India)
        context_names += [
            name for cc in actor_countries(text) if (name := gazetteer.country_name(cc))
        ]
        self.toponyms = [Toponym(s.start, s.end, s.name) for s in self.spots]
        self.base: GeoContext = build_context(context_names, gazetteer)
        self.actor_countries = frozenset(actor_countries(text))
        self._cache: dict[tuple[str, int], PlaceRef] = {}
        self.old_years = _old_years(text)
        self._ends = [m.end() for m in _SENTENCE_END.finditer(text)]

    def sentence(self, at: int) -> tuple[int, int]:
        """The span of the sentence (or line) around ``at``."""
        i = bisect_right(self._ends, at)
        start = self._ends[i - 1] if i > 0 else 0
        end = self._ends[i] if i < len(self._ends) else len(self.text)
        return start, end

    def old_sentence(self, at: int) -> bool:
        """Is ``at`` in a sentence dated to an older event ("In 2017, a bomb ... in England")?"""
        start, end = self.sentence(at)
        return any(start <= y < end for y, _ in self.old_years)

    def aside(self, spot: Spot, *, after_only: bool = False) -> bool:
        """A place that is not this report's event place whatever its role: one tied to an
        older year ("a conference in Oslo in 2018", "on March 8, 2019 in Washington") or the
        victims' nationality ("citizens of Belarus"). In a claim's own clause only a year
        after the place counts ("a massacre compared to the one in Moscow in 2002"): "the
        2002 siege in Moscow killed 130" is that older event's own figure and place."""
        if _NATIONALITY_BEFORE.search(self.text[max(0, spot.start - 40) : spot.start]):
            return True
        for y_start, y_end in self.old_years:
            if y_start >= spot.end:
                gap = self.text[spot.end : y_start]
            elif y_end <= spot.start and not after_only:
                gap = self.text[y_end : spot.start]
            else:
                continue
            if len(gap) <= NEAR_YEAR_CHARS and not _SENTENCE_END.search(gap):
                return True
        return False

    def resolve(self, mention: str, start: int, end: int) -> PlaceRef:
        bucket = start // NEAR_CHARS
        key = (mention, bucket)
        if key not in self._cache:
            near = [
                t.text
                for t in self.toponyms
                if t.end >= start - NEAR_CHARS and t.start <= end + NEAR_CHARS
            ]
            ctx = with_near(self.base, near, self.gaz)
            self._cache[key] = geocode(mention, ctx, self.gaz)
        return self._cache[key]

    def resolved(self, spot: Spot) -> PlaceRef | None:
        ref = self.resolve(spot.mention, spot.start, spot.end)
        return ref if ref.place_id else None


def _pick(
    report: _Report, spots: Sequence[Spot], *, first: bool = False, clause: bool = False
) -> tuple[Spot, PlaceRef] | None:
    """The best resolved place among ``spots`` of one clause: cued and specific first.

    A place followed by ", <admin unit>" that does not lie in that unit was a same-named
    place elsewhere ("Juhan, Balochistan" with a Juhan abroad): the unit is taken instead.
    """
    found: list[tuple[Spot, PlaceRef]] = []
    # a town abroad next to a unit the clause names ("Masala and Mapini, in Beni territory")
    # was a look-alike: units named in the clause fix its country
    unit_countries = {
        ref.country
        for s in spots
        if (ref := report.resolved(s)) is not None
        and (_rank(ref) in (1, 2) or s.kind not in (None, "village", "town", "city", "camp"))
        and ref.country
    }
    for i, s in enumerate(spots):
        ref = report.resolved(s)
        if ref is None or report.aside(s, after_only=clause):
            continue
        if unit_countries and _rank(ref) == 0 and ref.country not in unit_countries:
            continue
        nxt = spots[i + 1] if i + 1 < len(spots) else None
        if nxt is not None and _COMMA_ADMIN.match(report.text[s.end : nxt.start]):
            unit = report.resolved(nxt)
            if (
                unit is not None
                and _rank(unit) in (1, 2, 4)
                and unit.place_id
                and not contains(unit.place_id, ref, report.gaz)
            ):
                continue
        found.append((s, ref))
    if not found:
        return None
    if first:
        found.sort(key=lambda sr: (not sr[0].cued, sr[0].start))
    else:
        found.sort(key=lambda sr: (not sr[0].cued, _rank(sr[1]), sr[0].start))
    return found[0]


def _lede(report: _Report) -> PlaceRef | None:
    """The report's incident place: the first specific event place of its opening."""
    opening = [
        s
        for s in report.spots
        if s.role is Role.EVENT and s.start < LEDE_CHARS and not report.old_sentence(s.start)
    ]
    picked = _pick(report, opening)
    return picked[1] if picked else None


def _focus(report: _Report, *, below_country: bool = False) -> PlaceRef | None:
    """The place the report names most (below country level), else its main country.

    A name seen once with no cue ("Be first to comment" read as a town) is not a focus."""
    counts: Counter[str] = Counter()
    first: dict[str, Spot] = {}
    cued: Counter[str] = Counter()
    for s in report.spots:
        if s.role is Role.EVENT and not report.aside(s):
            key = name_key(s.name)
            counts[key] += 1
            first.setdefault(key, s)
            cued[key] += s.cued
    best: tuple[int, int, int, PlaceRef] | None = None
    for key, n in counts.items():
        ref = report.resolved(first[key])
        if ref is None or _rank(ref) >= 4 or (n < 2 and not cued[key]):
            continue
        # inside a country the opening names, a place named with a cue ("in the city of
        # Kerman") outranks one named more often without ("Tehran's news agency")
        cand = (cued[key] if below_country else 0, n, -first[key].start, ref)
        if best is None or cand[:3] > best[:3]:
            best = cand
    if best is not None:
        return best[3]
    if below_country:
        return None
    country = report.base.countries[0] if report.base.countries else None
    # a demonym alone ("a Kuwaiti man") does not place a report in that country
    if not any(
        s.role is Role.EVENT and (ref := report.resolved(s)) is not None and ref.country == country
        for s in report.spots
    ):
        return None
    name = report.gaz.country_name(country)
    if name:
        ref = geocode(name, report.base, report.gaz)
        if ref.place_id and ref.country == country:
            return ref
    return None


def _evidence(report: _Report, country: str) -> bool:
    """Does the report place something in ``country``: an event place resolved there, the
    country named, or an armed actor of that country (a demonym alone does not)."""
    if country in report.actor_countries:
        return True
    return any(
        s.role is Role.EVENT and (ref := report.resolved(s)) is not None and ref.country == country
        for s in report.spots
    )


def _unit_ref(report: _Report, ref: PlaceRef, at: int) -> PlaceRef | None:
    """The admin unit a claim whose village is unknown can be placed at: the admin1 named near
    it, else the report's admin unit (ADM1/ADM2) in that country named closest to the claim."""
    gaz = report.gaz
    if ref.admin1 and ref.admin1_name:
        for e in gaz.lookup(name_key(ref.admin1_name)):
            if e.kind == "adm1" and e.country == ref.country and e.admin1 == ref.admin1:
                return ref_for(gaz, e, mention=ref.mention)
    units = [
        (abs(s.start - at), s.start, unit)
        for s in report.spots
        if s.role is Role.EVENT
        and (unit := report.resolved(s)) is not None
        and unit.country == ref.country
        and _rank(unit) in (1, 2)
    ]
    if units:
        return replace(min(units, key=lambda u: (u[0], u[1]))[2], mention=ref.mention)
    return None


def _coarse(report: _Report, ref: PlaceRef, at: int) -> PlaceRef:
    """An unresolved claim place in a country the report gives evidence for is placed at the
    admin unit the report names there (link ``unit``), with that coarser precision -- never at
    a same-named village elsewhere. Without such a unit it stays unresolved with its country
    and its own name ("Tuwaym", SY): the name is what ties other reports of that village to
    the same incident, and a country point would say nothing more."""
    if ref.place_id or not ref.country or not _evidence(report, ref.country):
        return ref
    unit = _unit_ref(report, ref, at)
    if unit is not None:
        return replace(unit, link="unit")
    return ref


def _not_a_place(mention: str) -> bool:
    """A weekday, month or function word extraction took for a place ("Saturday's")."""
    key = name_key(mention)
    return not key or unplace_word(key)


def _mention_spot(report: _Report, spot: ClaimSpot) -> Spot | None:
    """Extraction's mention as a spot inside the claim's clause, with the role found there."""
    mention = (spot.mention or "").strip()
    if not mention or _not_a_place(mention):
        return None
    clause = report.text[spot.start : spot.end]
    for m in re.finditer(re.escape(mention), clause):
        start, end = spot.start + m.start(), spot.start + m.end()
        for s in report.spots:
            if s.start < end and start < s.end:
                if s.role is not Role.EVENT:
                    break
                return replace(s, cued=True, own=True)
        else:
            return Spot(start, end, mention, mention, Role.EVENT, True, own=True)
    return None


def _link(report: _Report, spot: ClaimSpot, lede: PlaceRef | None) -> PlaceRef:
    inside = [s for s in report.spots if s.start >= spot.start and s.end <= spot.end]
    events = [s for s in inside if s.role is Role.EVENT]
    own = _mention_spot(report, spot)
    if own is not None and not any(s.start == own.start for s in events):
        events = sorted([*events, own], key=lambda s: s.start)
    elif own is not None:
        events = [own if s.start == own.start else s for s in events]
    picked = _pick(report, events, first=spot.cumulative, clause=True)
    clause = picked[1] if picked else None
    if clause is not None:
        # a clause that names only the country or province of the report's incident place
        # ("killing 160 people in Burkina Faso" in a report about Solhan) is placed there;
        # an area toll keeps its area ("killed in Borno State since June" is state-wide)
        if lede is not None and not spot.cumulative and _within(report, lede, clause):
            return replace(lede, link="lede")
        return replace(clause, link="clause")
    unknown = [s for s in events if s.cued and report.resolved(s) is None]
    if unknown:
        # the clause names a place the gazetteer does not know ("in the village of Tuwaym"):
        # it is placed no finer than its admin unit or country, rather than borrow another town
        ref = report.resolve(unknown[0].mention, unknown[0].start, unknown[0].end)
        return ref if spot.cumulative else _coarse(report, ref, spot.start)
    carried = _carried(report, spot, own, lede)
    if carried is not None:
        return carried
    if lede is not None:
        return replace(lede, link="lede")
    said = _pick(report, [s for s in inside if s.role is Role.ATTRIBUTION])
    if said is not None:
        return replace(said[1], link="attribution")
    focus = _focus(report)
    if focus is not None:
        return replace(focus, mention=focus.mention, link="focus")
    if spot.mention and not _not_a_place(spot.mention):
        ref = report.resolve(spot.mention, spot.start, spot.end)
        return ref if spot.cumulative else _coarse(report, ref, spot.start)
    return PlaceRef()


def _within(report: _Report, lede: PlaceRef | None, area: PlaceRef) -> bool:
    """Is the report's incident place a finer place inside ``area`` (its country, province
    or region)?"""
    return (
        lede is not None
        and _rank(area) >= 2
        and _rank(lede) < _rank(area)
        and contains(area, lede, report.gaz)
    )


def _carried(
    report: _Report, spot: ClaimSpot, own: Spot | None, lede: PlaceRef | None
) -> PlaceRef | None:
    """The place extraction carried over from an earlier sentence of the paragraph ("An
    airstrike hit a market in Saraqib. Nine people were killed."), when it is one.

    It is not when its last mention before the claim is no event place (a dateline, a
    speaker's, a nationality), belongs to an older event ("In 2017, ... in England"), or is
    a country named in passing ("killed in a US drone strike") while the report has an
    incident place; a country or province holding that incident place gives way to it.
    """
    if not spot.mention or own is not None:
        return None
    key = name_key(spot.mention)
    before = [s for s in report.spots if s.start < spot.start and name_key(s.name) == key]
    last = before[-1] if before else None
    if last is None and _in_spots(report, spot.mention, Role.EVENT, False):
        return None
    if last is not None and (
        last.role is not Role.EVENT or report.aside(last) or report.old_sentence(last.start)
    ):
        return None
    ref = report.resolve(spot.mention, spot.start, spot.end)
    if not ref.place_id:
        return None
    if lede is not None and (
        _within(report, lede, ref) or (_rank(ref) >= 4 and last is not None and not last.cued)
    ):
        return replace(lede, link="lede")
    return replace(ref, link="lede")


def _in_spots(report: _Report, mention: str, role: Role, want: bool) -> bool:
    """Whether ``mention`` is one of the report's spots whose role is (not) ``role``."""
    key = name_key(mention)
    return any(name_key(s.name) == key and (s.role is role) == want for s in report.spots)


def place_claims(text: str, spots: Sequence[ClaimSpot], gazetteer: Gazetteer) -> list[PlaceRef]:
    """One ``PlaceRef`` per claim spot, each with the ``link`` that placed it.

    A claim that no rule places keeps its mention (and the report's country) unresolved.
    """
    if not spots:
        return []
    report = _Report(text, gazetteer)
    lede = _lede(report)
    if lede is not None and _rank(lede) >= 2:
        # an opening that names only the country ("Two blasts in Iran killed 73"): the
        # incident place is the place inside it that the report names most (Kerman)
        focus = _focus(report, below_country=True)
        if focus is not None and _within(report, focus, lede):
            lede = focus
    return [_link(report, spot, lede) for spot in spots]


def resolved_place_spans(text: str, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Spans of ``text`` that are places resolved in the gazetteer, in the report's own context.

    Datelines, attributions and descriptors count (they are places, just not the event's);
    demonyms and names inside an organisation's name do not. Redaction asks this so that a
    resolved place is never withheld as a person's name.
    """
    report = _Report(text, gazetteer)
    keep = {Role.EVENT, Role.DATELINE, Role.ATTRIBUTION, Role.DESCRIPTOR}
    return [
        (s.start, s.start + len(s.name))
        for s in report.spots
        if s.role in keep and report.resolved(s) is not None
    ]


def is_resolved_place(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Is ``text[start:end]`` (or a span overlapping it) a resolved place of this report?"""
    return any(s < end and start < e for s, e in resolved_place_spans(text, gazetteer))
