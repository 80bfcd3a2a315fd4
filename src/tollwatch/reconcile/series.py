"""Cumulative claims -> running-toll series -> scopes.

A *series* is one source's running figure for one region, period, outcome and category
("NECM: civilians killed in Borno since 10 June"), ordered by report date; the latest
bulletin supersedes the earlier ones, so 30 -> 52 -> 57 gives 57, never 139. A later figure
lower than an earlier one is flagged and not silently used: the series keeps the earlier
peak as best and high and the lower figure as low until a reviewer settles it.

A *family* is the series of one source, region and period across categories. A figure with
category unknown beside per-category figures of its family ("surpassed 1,000" beside 745,
125 and 148) is the family's total, not extra victims.

A *scope* gathers the families of one outcome whose regions and periods overlap (two
monitors counting the same area): they are alternative counts of the same people, so the
scope takes the largest figure per category instead of adding them (IBC's overlap rule).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from tollwatch.models import Category, Claim, DatePrecision, Outcome
from tollwatch.reconcile.figures import ZERO, Range, claim_range
from tollwatch.reconcile.places import (
    Region,
    named_words,
    region_for,
    regions_overlap,
    same_name_only,
)
from tollwatch.reconcile.results import Flag, ReportInfo, ScopeResult, SeriesMember, SeriesResult

__all__ = [
    "CUMULATIVE_LOOKBACK_DAYS",
    "PERIOD_GAP_DAYS",
    "Family",
    "FamilyFigures",
    "build_scopes",
    "build_series",
    "combine_families",
    "family_figures",
    "running_value",
    "source_key",
    "source_name",
    "stated_start",
]

CUMULATIVE_LOOKBACK_DAYS = 7
"""A running toll that states no start covers incidents from this many days before its first bulletin."""

PERIOD_GAP_DAYS = 60
"""Bulletins of one source and region further apart than this start a new period."""

_START_SLACK_DAYS = 3
"""Stated start dates this close ("since Tuesday" / "since 10 June") are the same period."""

_GENERIC = {
    "officials",
    "sources",
    "residents",
    "witnesses",
    "activists",
    "monitors",
    "monitor",
    "group",
    "observatory",
    "monitoring group",
    "local officials",
    "war monitor",
    "rights group",
    "ministry",
    "health ministry",
    "hospital",
    "doctors",
    "medics",
    "medical sources",
    "police",
    "army",
    "military",
    "statement",
}


def _hash(prefix: str, *parts: object) -> str:
    key = "|".join("" if p is None else str(p) for p in parts)
    return prefix + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


_PARENS = re.compile(r"\s*\([^)]*\)")


def _norm(text: str) -> str:
    """A source name as compared: case, quotes, a leading "the" and "(ACRONYM)" ignored."""
    text = _PARENS.sub("", text.lower().replace("\u2019", "'"))
    text = " ".join(text.split()).strip(" .,;:'\"")
    return text[4:] if text.startswith("the ") else text


_DESCRIPTOR = re.compile(r"\b[\w-]+-based\s+|\b(?:britain|uk|london|us|geneva|new york)\s+based\s+")


@lru_cache(maxsize=65536)
def source_name(text: str) -> str:
    """A speaker's name as compared: case, quotes, a leading "the", "(ACRONYM)" and where it
    is based ("the UK-based Syrian Observatory..." = "syrian observatory...") ignored."""
    return _norm(_DESCRIPTOR.sub("", _norm(text)))


def _generic(attribution: str) -> bool:
    n = source_name(attribution)
    return n in _GENERIC or n.startswith(("a ", "an ", "one ")) or n == ""


# Entity keys that name a kind of speaker, not one body: "the monitor" (org:monitor), local
# officials, witnesses, "security sources", a named person kept by office only.
_GENERIC_ENTITY_HEADS = frozenset(
    [
        "monitor",
        "group",
        "organisation",
        "organization",
        "observatory",
        "watchdog",
        "ngo",
        "agency",
        "charity",
        "network",
        "committee",
        "coalition",
        "centre",
        "center",
        "commission",
        "office",
        "council",
        "ministry",
        "body",
    ]
)
_GENERIC_ENTITY_KEYS = frozenset(
    {"witness", "un", "sources", "officials", "activists", "media", "person:named"}
)


def generic_entity(entity: str) -> bool:
    """A source entity that stands for a kind of speaker ("org:monitor", "witness",
    "officials:local", "role:aid-workers"), so it cannot key a series by itself: a bulletin's
    "the monitor" is the report's own named source or outlet, not a second monitor."""
    if entity in _GENERIC_ENTITY_KEYS or entity.startswith(("role:", "sources:", "officials:")):
        return True
    return entity.startswith("org:") and entity[4:] in _GENERIC_ENTITY_HEADS


def source_key(
    claim: Claim, reports: Mapping[str, ReportInfo], named: Mapping[str, str]
) -> tuple[str, str]:
    """(key, display name) of the source a cumulative claim speaks for.

    The source entity the speaker resolved to ("org:sohr"), else the attributed name with
    descriptors removed; a generic or missing attribution ("a war monitoring group") is read
    as the one named source of the report's cumulative figures, else as the report's outlet.
    Never a raw string: "the UK-based monitor" and "the Britain-based Observatory" are keyed
    by their entity, or by their report's named source.
    """
    att = claim.attributed_to
    if claim.source_entity and not generic_entity(claim.source_entity):
        return "entity:" + claim.source_entity, (att or claim.source_entity).strip()
    if att and not _generic(att) and not claim.source_entity:
        # an attribution that resolved to a kind of speaker ("the cases our researchers have
        # verified": role) is not a name either
        return source_name(att), att.strip()
    if claim.report_id in named:
        key = named[claim.report_id]
        return key, key[len("entity:") :] if key.startswith("entity:") else key
    info = reports.get(claim.report_id)
    if info is not None and info.source:
        return source_name(info.source), info.source
    if att:
        return source_name(att) + "@" + claim.report_id, att.strip()
    return "report:" + claim.report_id, f"report {claim.report_id}"


@dataclass(frozen=True, slots=True)
class Family:
    """The series of one source, region and period (all categories of one outcome)."""

    id: str
    outcome: Outcome
    source: str
    region: Region
    period_start: date | None
    period_end: date | None
    report_ids: frozenset[str]
    series: tuple[SeriesResult, ...]
    # "since the start of the clashes": a count from a start its words do not date, so it
    # reaches back to whatever the other tolls of its ground began with
    open_start: bool = False

    @property
    def total(self) -> Range:
        """The family's overall figure: a stated total, or the sum of its categories if larger."""
        parts = ZERO
        stated = ZERO
        for s in self.series:
            if s.category == Category.UNKNOWN:
                stated = s.value
            else:
                parts = parts + s.value
        return stated.max(parts)


def _published(claim: Claim, reports: Mapping[str, ReportInfo]) -> date | None:
    info = reports.get(claim.report_id)
    if info is not None and info.published is not None:
        return info.published
    return claim.date.end or claim.date.start


def build_series(
    claims: Sequence[Claim],
    reports: Mapping[str, ReportInfo],
    focus: Mapping[str, str | None],
) -> tuple[list[Family], list[Flag]]:
    """Group cumulative claims (each with a stated number) into families of series."""
    named_by_report: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.source_entity and not generic_entity(c.source_entity):
            named_by_report[c.report_id].add("entity:" + c.source_entity)
        elif c.attributed_to and not _generic(c.attributed_to) and not c.source_entity:
            named_by_report[c.report_id].add(source_name(c.attributed_to))
    named = {rid: next(iter(names)) for rid, names in named_by_report.items() if len(names) == 1}

    grouped: dict[tuple[Outcome, str, str], list[Claim]] = defaultdict(list)
    display: dict[tuple[Outcome, str, str], tuple[str, Region]] = {}
    # one name per source (whatever region it speaks for): scopes tell monitors apart by it
    names: dict[str, str] = {}
    notes: dict[str, str] = {}
    keys = {c.id: source_key(c, reports, named) for c in claims}
    keys = _described_sources(claims, keys, named, notes)
    regions = _regions_by_name(claims, focus, notes)
    regions = _regions_of_source(claims, keys, regions, notes)
    for c in claims:
        skey, sname = keys[c.id]
        region = regions[c.id]
        key = (c.outcome, skey, region.key)
        grouped[key].append(c)
        prev = display.get(key)
        rank = (_generic(sname), sname, region.name or "")
        if prev is None or rank < (_generic(prev[0]), prev[0], prev[1].name or ""):
            display[key] = (sname, region)
        best = names.get(skey)
        if best is None or _name_rank(sname) < _name_rank(best):
            names[skey] = sname

    families: list[Family] = []
    flags: list[Flag] = []
    for key in sorted(grouped, key=str):
        members = sorted(grouped[key], key=lambda c: (_published(c, reports) or date.min, c.id))
        region = display[key][1]
        sname = names[key[1]]
        for period in _split_periods(members, reports):
            fam, fam_flags = _family(key, sname, region, period, reports, notes)
            families.append(fam)
            flags.extend(fam_flags)
    return families, flags


def _name_rank(name: str) -> tuple[bool, bool, str]:
    """Names of one source in order of preference: a name before a kind of speaker, a body
    before a person kept by office only ("Governor a named person")."""
    return (_generic(name), "a named person" in name, name)


def _note(notes: dict[str, str], claim_id: str, text: str) -> None:
    notes[claim_id] = f"{notes[claim_id]}; {text}" if claim_id in notes else text


def _own_source(claim: Claim, named: Mapping[str, str]) -> bool:
    """The claim's words or report name its source (else it is keyed by the outlet)."""
    if claim.source_entity and not generic_entity(claim.source_entity):
        return True
    att = claim.attributed_to
    return bool(att and not _generic(att) and not claim.source_entity) or claim.report_id in named


# "the watch group", "the Arakan bureau's count", "the Loikaw-based group KCCW"
_DESCRIBED = re.compile(
    r"\b[Tt]he\s+(?:[\w-]+-based\s+)?(?P<mods>(?:[\w'’-]+\s+){0,2})(?P<head>group|bureau|"
    r"watch|monitor|observatory|network|tracker|centre|center|committee|commission|union|"
    r"league|coalition|project)\b(?:['’]s)?(?:\s+(?P<acr>[A-Z]{3,9})\b)?"
)
_ACR = re.compile(r"\b[A-Z]{3,9}\b")


def _name_words(name: str) -> list[str]:
    return [w for w in re.split(r"[^\w]+", _norm(name)) if w]


def _described_sources(
    claims: Sequence[Claim],
    keys: Mapping[str, tuple[str, str]],
    named: Mapping[str, str],
    notes: dict[str, str],
) -> dict[str, tuple[str, str]]:
    """A bulletin that names no source of its own (keyed by its outlet) but describes one
    ("the watch group now counts 64", "the Arakan bureau's count", "the group KCCW") is that
    source's bulletin when exactly one other source of its outcome fits the description: the
    description's words are words of the source's name, or its acronym is the name's
    initials. One monitor under several names is one series."""
    out = dict(keys)
    sources: dict[str, str] = {}
    for c in claims:
        skey, sname = keys[c.id]
        sources.setdefault(skey, sname)
    for c in claims:
        if _own_source(c, named):
            continue
        own = keys[c.id][0]
        fits: set[str] = set()
        said = ""
        for m in _DESCRIBED.finditer(c.quote):
            mods = [w.lower() for w in re.split(r"[^\w]+", m.group("mods")) if w]
            acrs = {m.group("acr")} if m.group("acr") else set()
            acrs |= {a for a in _ACR.findall(c.quote)}
            for skey, sname in sources.items():
                if skey == own:
                    continue
                words = _name_words(sname)
                initials = "".join(w[0] for w in words if w not in ("of", "for", "the", "and"))
                if (mods and set(mods) <= set(words)) or any(a.lower() == initials for a in acrs):
                    fits.add(skey)
                    said = m.group(0)
        if len(fits) == 1:
            skey = next(iter(fits))
            out[c.id] = (skey, sources[skey])
            _note(
                notes, c.id, f"'{said}' is {sources[skey]} (its words or initials): the same source"
            )
    return out


def _regions_by_name(
    claims: Sequence[Claim], focus: Mapping[str, str | None], notes: dict[str, str]
) -> dict[str, Region]:
    """Each claim's region; an area the gazetteer did not resolve for one bulletin ("in
    Karenni state") takes the region the same name was resolved to for another bulletin of
    the same country ("in Karenni (Kayah) state" -> Kayah), when that is one region."""
    regions = {c.id: region_for(c.place, focus.get(c.report_id), c.quote) for c in claims}
    by_name: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    keep: dict[str, Region] = {}
    for c in claims:
        r = regions[c.id]
        if r.level in ("named", "unknown", "country") or not c.place.mention:
            continue
        name = named_words(c.place.mention)
        if name:
            by_name[(r.country, name)].add(r.key)
            keep[r.key] = r
    out = dict(regions)
    for c in claims:
        r = regions[c.id]
        if r.level != "named" or not r.name:
            continue
        found = by_name.get((r.country, r.name), set()) | (
            by_name.get((None, r.name), set()) if r.country is None else set()
        )
        if r.country is None:
            found = {k for (cty, n), ks in by_name.items() if n == r.name for k in ks}
        if len(found) == 1:
            out[c.id] = keep[next(iter(found))]
            _note(
                notes,
                c.id,
                f"'{c.place.mention}' is not in the gazetteer; another bulletin's same name was "
                f"resolved to {out[c.id].describe()}",
            )
    return out


def _regions_of_source(
    claims: Sequence[Claim],
    keys: Mapping[str, tuple[str, str]],
    regions: Mapping[str, Region],
    notes: dict[str, str],
) -> dict[str, Region]:
    """A bulletin whose area is not resolved ("killed in the state") is of its source's one
    resolved area for the same outcome and stated start: a monitor's later bulletin need not
    name the area again, and a name the gazetteer misses is not a second area."""
    resolved: dict[tuple[str, Outcome, date | None], set[str]] = defaultdict(set)
    keep: dict[str, Region] = {}
    for c in claims:
        r = regions[c.id]
        if r.level not in ("named", "unknown"):
            resolved[(keys[c.id][0], c.outcome, stated_start(c))].add(r.key)
            keep[r.key] = r
    out = dict(regions)
    for c in claims:
        if regions[c.id].level not in ("named", "unknown"):
            continue
        found = resolved.get((keys[c.id][0], c.outcome, stated_start(c)), set())
        if len(found) == 1:
            out[c.id] = keep[next(iter(found))]
            _note(
                notes,
                c.id,
                "its area is not resolved: the area of its source's other bulletins of the "
                f"same start, {out[c.id].describe()}",
            )
    return out


_START_CUES = re.compile(
    r"\b(since|began|begun|beginning|start|started|starting|outbreak)\b",
    re.IGNORECASE,
)


def stated_start(claim: Claim) -> date | None:
    """The day a running toll counts from, when the claim states one.

    A date is a start when it is open-ended (start without end), or when the claim's words
    mark it as one ("since the attacks began on 10 June"). Otherwise the date says when the
    figure was given ("the monitor said on Saturday"), not since when it counts.
    """
    d = claim.date
    if d.start is None:
        return None
    if d.end is None or d.start < d.end:
        return d.start
    if d.precision is DatePrecision.PERIOD:
        return d.start  # a stated one-day period: "across the country on Saturday"
    text = " ".join(x for x in (d.expression, claim.quote) if x)
    return d.start if _START_CUES.search(text) else None


def stated_end(claim: Claim) -> date | None:
    """The last day a stated period reaches: "in May 2024", "from 11 to 17 November", one
    day ("across the country on Saturday"), or the statement day of "since 10 June". None
    when the claim states no period (a plain day dates the statement)."""
    d = claim.date
    if d.start is None or d.end is None or d.start > d.end:
        return None
    if d.start == d.end and d.precision is not DatePrecision.PERIOD:
        return None  # a day that dates the statement, not a period
    return d.end


def closed_period(claim: Claim) -> tuple[date, date] | None:
    """(first, last day) of a period the claim's words close ("in May", "from 11 to 17
    November", "across the country on Saturday"), None for an open one ("since 10 June")."""
    d = claim.date
    if d.precision is not DatePrecision.PERIOD or d.start is None or d.end is None:
        return None
    if _START_CUES.search(d.expression or ""):
        return None
    return d.start, d.end


def _same_span(a: tuple[date, date], b: tuple[date, date]) -> bool:
    """Two closed periods are one when they share more than half of the longer one."""
    shared = (min(a[1], b[1]) - max(a[0], b[0])).days + 1
    longer = max((a[1] - a[0]).days, (b[1] - b[0]).days) + 1
    return 2 * shared > longer


def _counted_until(claim: Claim, reports: Mapping[str, ReportInfo]) -> date | None:
    """The last day a bulletin speaks for: its stated period's end if that comes before the
    report, else the report's date (a figure "to date" covers incidents up to when it is told).
    """
    pub = _published(claim, reports)
    end = stated_end(claim)
    if end is not None and (pub is None or end < pub):
        return end
    return pub


def _split_periods(members: list[Claim], reports: Mapping[str, ReportInfo]) -> list[list[Claim]]:
    """Periods of one source and region: stated starts within _START_SLACK_DAYS of each other
    are one period; bulletins more than PERIOD_GAP_DAYS apart start a new one; a bulletin with
    no stated start joins the latest period begun by its report date. Order-independent."""

    def pub(c: Claim) -> date:
        return _published(c, reports) or date.min

    started = sorted(
        ((d, c) for c in members if (d := stated_start(c)) is not None),
        key=lambda dc: (dc[0], pub(dc[1]), dc[1].id),
    )
    clusters: list[list[Claim]] = []
    starts: list[date] = []
    last: date | None = None
    first_closed: tuple[date, date] | None = None
    for d, c in started:
        span = closed_period(c)
        if (
            last is None
            or (d - last).days > _START_SLACK_DAYS
            or (
                span is not None and first_closed is not None and not _same_span(span, first_closed)
            )
        ):
            # a daily or weekly figure of the next day or week is a new count, not an update
            clusters.append([])
            starts.append(d)
            first_closed = None
        clusters[-1].append(c)
        last = d
        first_closed = first_closed or span
    loose: list[Claim] = []
    for c in sorted((c for c in members if stated_start(c) is None), key=lambda c: (pub(c), c.id)):
        home = None
        for i in range(len(starts) - 1, -1, -1):
            if starts[i] <= pub(c):
                home = i
                break
        if home is None:
            loose.append(c)
        else:
            clusters[home].append(c)
    if loose:
        clusters.append(loose)
    periods: list[list[Claim]] = []
    for cluster in clusters:
        cur: list[Claim] = []
        prev: date | None = None
        reached: dict[Category, int] = {}
        for c in sorted(cluster, key=lambda c: (pub(c), c.id)):
            p = pub(c)
            figure = c.best if c.best is not None else (c.low or 0)
            if (
                cur
                and prev is not None
                and p != date.min
                and (p - prev).days > PERIOD_GAP_DAYS
                and figure < reached.get(c.category, 0)
            ):
                # after a long silence a count below what the period reached is a new count;
                # one that only grew is the same running toll told again ("219 so far")
                periods.append(cur)
                cur = []
                reached = {}
            cur.append(c)
            reached[c.category] = max(reached.get(c.category, 0), figure)
            prev = p if p != date.min else prev
        if cur:
            periods.append(cur)
    return periods


def _family(
    key: tuple[Outcome, str, str],
    sname: str,
    region: Region,
    members: list[Claim],
    reports: Mapping[str, ReportInfo],
    notes: Mapping[str, str],
) -> tuple[Family, list[Flag]]:
    outcome, skey, rkey = key
    starts = [d for d in (stated_start(c) for c in members) if d is not None]
    pubs = [p for p in (_published(c, reports) for c in members) if p is not None]
    if starts:
        period_start: date | None = min(starts)
    elif pubs:
        period_start = min(pubs) - timedelta(days=CUMULATIVE_LOOKBACK_DAYS)
    else:
        period_start = None
    ends = [e for e in (_counted_until(c, reports) for c in members) if e is not None]
    period_end = max(ends) if ends else None
    first = min(members, key=lambda c: (_published(c, reports) or date.min, c.id))
    fam_id = _hash("f", outcome.value, skey, rkey, period_start, first.id)
    by_cat: dict[Category, list[Claim]] = defaultdict(list)
    for c in members:
        by_cat[c.category].append(c)
    series: list[SeriesResult] = []
    flags: list[Flag] = []
    has_specific = any(cat != Category.UNKNOWN for cat in by_cat)
    for cat in sorted(by_cat):
        s, f = _series(
            fam_id,
            outcome,
            cat,
            sname,
            region,
            period_start,
            period_end,
            by_cat[cat],
            reports,
            notes,
        )
        if cat == Category.UNKNOWN and has_specific:
            s = _as_total(s)
        series.append(s)
        flags.extend(f)
    fam = Family(
        fam_id,
        outcome,
        sname,
        region,
        period_start,
        period_end,
        frozenset(c.report_id for c in members),
        tuple(series),
        open_start=not starts
        and any(c.date.start is None and c.date.precision is DatePrecision.PERIOD for c in members),
    )
    return fam, flags


def _as_total(s: SeriesResult) -> SeriesResult:
    members = tuple(
        SeriesMember(
            m.claim_id,
            m.report_id,
            m.published,
            m.range,
            m.role,
            m.reason + "; category unknown beside per-category figures of the same series: "
            "the series total, not extra victims",
        )
        for m in s.members
    )
    return SeriesResult(
        s.id, s.family_id, s.outcome, s.category, s.source, s.region, s.period_start,
        s.period_end, members, s.value, s.latest_claim_id,
    )  # fmt: skip


def _series(
    fam_id: str,
    outcome: Outcome,
    category: Category,
    sname: str,
    region: Region,
    period_start: date | None,
    period_end: date | None,
    claims: list[Claim],
    reports: Mapping[str, ReportInfo],
    notes: Mapping[str, str],
) -> tuple[SeriesResult, list[Flag]]:
    sid = _hash("s", fam_id, category.value)

    def order(c: Claim) -> tuple[date, int, str]:
        r = claim_range(c)
        return (_published(c, reports) or date.min, r.best if r else 0, c.id)

    ordered = sorted(claims, key=order)
    ranges = {c.id: claim_range(c) or ZERO for c in ordered}
    latest = ordered[-1]
    peak = max(ordered, key=lambda c: (ranges[c.id].best, order(c)))
    flags: list[Flag] = []
    value = running_value([ranges[c.id] for c in ordered]) or ZERO
    if ranges[peak.id].best > ranges[latest.id].best:
        lr, pr = ranges[latest.id], ranges[peak.id]
        flags.append(
            Flag(
                "decrease",
                sid,
                f"{sname}: latest figure {lr.best} ({_published(latest, reports)}) is lower than "
                f"the earlier {pr.best} ({_published(peak, reports)}); the earlier figure is kept "
                "as best until a reviewer confirms the revision",
                (latest.id, peak.id),
            )
        )
    members: list[SeriesMember] = []
    for c in ordered:
        pub = _published(c, reports)
        if c.id == latest.id and value == ranges[c.id]:
            role, why = "latest", "the latest figure of this running toll supersedes earlier ones"
        elif c.id == latest.id:
            role, why = "decrease", "later but lower than an earlier figure: flagged for review"
        elif c.id == peak.id and value.best == ranges[c.id].best:
            role, why = "peak", "earlier, higher figure kept while a later lower one is reviewed"
        else:
            role = "superseded"
            why = f"superseded by the later figure {ranges[latest.id].best} ({_published(latest, reports)})"
        if c.id in notes:
            why += "; " + notes[c.id]
        members.append(SeriesMember(c.id, c.report_id, pub, ranges[c.id], role, why))
    result = SeriesResult(
        sid, fam_id, outcome, category, sname, region, period_start, period_end,
        tuple(members), value, latest.id,
    )  # fmt: skip
    return result, flags


def running_value(ordered: Sequence[Range]) -> Range | None:
    """What a running toll says, given its bulletins in report order (None if there are none).

    The latest figure, unless an earlier one was higher: then the earlier peak stays best and
    high and the later, lower figure becomes low (flagged by ``build_series``).
    """
    if not ordered:
        return None
    latest = ordered[-1]
    peak = max(ordered, key=lambda r: r.best)
    if peak.best > latest.best:
        return Range.of(min(latest.low, peak.low), peak.best, max(peak.high, latest.high))
    return latest


def _periods_overlap(
    a_start: date | None, a_end: date | None, b_start: date | None, b_end: date | None
) -> bool:
    if a_start is None or a_end is None or b_start is None or b_end is None:
        return a_start == b_start and a_end == b_end
    return a_start <= b_end and b_start <= a_end


def _may_overlap(
    a_start: date | None, a_end: date | None, b_start: date | None, b_end: date | None
) -> bool:
    """Periods that overlap, or one of them unknown: nothing tells their people apart."""
    if a_start is None or a_end is None or b_start is None or b_end is None:
        return True
    return a_start <= b_end and b_start <= a_end


def _same_ground(a: Family, b: Family) -> bool:
    if a.outcome != b.outcome or not regions_overlap(a.region, b.region):
        return False
    if a.region.level == "unknown" or b.region.level == "unknown":
        return bool(a.report_ids & b.report_ids)
    return True


def _start(f: Family) -> date | None:
    """Where a family's period begins when scopes are gathered: the earliest day for a count
    "since the start" whose words give no date."""
    return date.min if f.open_start and f.period_end is not None else f.period_start


def _overlap(a: Family, b: Family) -> bool:
    if a.outcome != b.outcome or not regions_overlap(a.region, b.region):
        return False
    if a.region.level == "unknown":
        return bool(a.report_ids & b.report_ids)
    return _periods_overlap(_start(a), a.period_end, _start(b), b.period_end)


@dataclass(frozen=True, slots=True)
class FamilyFigures:
    """What combining the families of a scope needs: source, ground, and figures."""

    id: str
    source: str
    region: Region
    period_start: date | None
    period_end: date | None
    values: dict[Category, Range]  # per category; UNKNOWN = a stated overall total

    @property
    def total(self) -> Range:
        parts = ZERO
        for cat, r in self.values.items():
            if cat != Category.UNKNOWN:
                parts = parts + r
        return self.values.get(Category.UNKNOWN, ZERO).max(parts)


def _components(
    items: Sequence[FamilyFigures], linked: Callable[[int, int], bool]
) -> list[list[int]]:
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if find(i) != find(j) and linked(i, j):
                parent[find(i)] = find(j)
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        comps[find(i)].append(i)
    return list(comps.values())


def _neg(text: str) -> tuple[int, ...]:
    """A key that orders strings in reverse (the smallest id wins a max)."""
    return tuple(-ord(ch) for ch in text)


STALE_DAYS = PERIOD_GAP_DAYS
"""A monitor whose last figure is this much older than a scope's latest one is not its low."""

_LEVEL_RANK = {"unknown": 0, "place": 1, "named": 2, "admin2": 2, "admin1": 3, "country": 4}


def combine_families(
    fams: Sequence[FamilyFigures], choices: list[str] | None = None
) -> tuple[dict[Category, Range], Range]:
    """A scope's cumulative figure per specific category, and its overall total.

    One source's families over ground and periods that do not overlap count different
    people: they add up. Overlapping ones (a town inside a region) count the same people:
    the larger. Different sources counting the same people (the scope's widest ground) are
    monitors disagreeing: a range, never their sum (IBC's overlap rule; Every Casualty's
    "publish a range"): low = the lowest credible source's figure, high = the highest,
    best = the latest figure of the most complete monitor (the one that documented most).
    A source counting only part of that ground is a sub-count: inside the range, never its
    low. ``choices`` collects one line per choice made, for ``--explain``.
    """
    by_source: dict[str, list[FamilyFigures]] = defaultdict(list)
    for f in sorted(fams, key=lambda f: f.id):
        by_source[f.source].append(f)
    widest = max((_LEVEL_RANK.get(f.region.level, 0) for f in fams), default=0)
    per_source: list[tuple[str, bool, dict[Category, Range], Range]] = []
    until: dict[str, date | None] = {}
    for source, items in sorted(by_source.items()):

        def linked(i: int, j: int, items: list[FamilyFigures] = items) -> bool:
            a, b = items[i], items[j]
            return regions_overlap(a.region, b.region) and _may_overlap(
                a.period_start, a.period_end, b.period_start, b.period_end
            )

        src_cum: dict[Category, Range] = {}
        src_total = ZERO
        for comp in _components(items, linked):
            part: dict[Category, Range] = {}
            part_total = ZERO
            for i in comp:
                for cat, r in items[i].values.items():
                    if cat != Category.UNKNOWN:
                        part[cat] = part.get(cat, ZERO).max(r)
                part_total = part_total.max(items[i].total)
            for cat, r in part.items():
                src_cum[cat] = src_cum.get(cat, ZERO) + r
            src_total = src_total + part_total
        whole = any(_LEVEL_RANK.get(f.region.level, 0) == widest for f in items)
        ends = [f.period_end for f in items]
        until[source] = None if any(e is None for e in ends) else max(e for e in ends if e)
        per_source.append((source, whole, src_cum, src_total))
    # a monitor whose last word came long before the others' counts a shorter period (a
    # snapshot of months ago), not the same people less: it is inside the range, never its low
    known = [e for e in until.values() if e is not None]
    if known:
        latest = max(known)
        per_source = [
            (n, w and (until[n] is None or (latest - until[n]).days <= STALE_DAYS), c, t)  # type: ignore[operator]
            for n, w, c, t in per_source
        ]
    cats = sorted({cat for _, _, cum, _ in per_source for cat in cum})
    cum = {cat: _disagree(cat.value, [(n, w, c.get(cat)) for n, w, c, _ in per_source], choices)
           for cat in cats}  # fmt: skip
    stated = any(Category.UNKNOWN in f.values for f in fams)
    total = _disagree(
        "total", [(n, w, t) for n, w, _, t in per_source if t != ZERO], choices if stated else None
    )
    return cum, total


def _disagree(
    label: str, figures: list[tuple[str, bool, Range | None]], choices: list[str] | None
) -> Range:
    """One figure from several sources' figures for the same people (see combine_families)."""
    stated = [(n, w, r) for n, w, r in figures if r is not None]
    if not stated:
        return ZERO
    if len(stated) == 1:
        return stated[0][2]
    peers = [(n, r) for n, w, r in stated if w] or [(n, r) for n, _, r in stated]
    top = max(stated, key=lambda x: (x[2].best, x[2].high, x[0]))
    low_src = min(peers, key=lambda x: (x[1].low, x[0]))
    high_src = max(stated, key=lambda x: (x[2].high, x[0]))
    value = Range.of(min(low_src[1].low, top[2].low), top[2].best, high_src[2].high)
    if choices is not None and len({r for _, _, r in stated}) > 1:
        said = ", ".join(f"{n} {r.best:,}" for n, _, r in sorted(stated, key=lambda x: x[0]))
        choices.append(
            f"{label}: {said} count the same people: low = the lowest credible figure "
            f"{value.low:,} ({low_src[0]}), high = the highest {value.high:,} ({high_src[0]}), "
            f"best = the latest figure of the most complete monitor {value.best:,} ({top[0]})"
        )
    return value


def family_figures(f: Family) -> FamilyFigures:
    return FamilyFigures(
        f.id,
        f.source,
        f.region,
        f.period_start,
        f.period_end,
        {s.category: s.value for s in f.series},
    )


def build_scopes(families: Sequence[Family]) -> tuple[list[ScopeResult], list[Flag]]:
    """Gather overlapping families into scopes (union-find within outcome and country).

    Families are swept in order of their start, so each is compared only with those whose
    period is still open.
    """
    parent = list(range(len(families)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    buckets: dict[tuple[Outcome, str | None], list[int]] = defaultdict(list)
    for i, fam in enumerate(families):
        buckets[(fam.outcome, fam.region.country)].append(i)
    for idxs in buckets.values():
        dated = sorted(
            (i for i in idxs if _start(families[i]) and families[i].period_end),
            key=lambda i: (_start(families[i]), families[i].id),
        )
        undated = [i for i in idxs if not (_start(families[i]) and families[i].period_end)]
        active: list[int] = []
        for i in dated:
            start = _start(families[i])
            assert start is not None
            active = [j for j in active if (families[j].period_end or date.min) >= start]
            for j in active:
                if find(i) != find(j) and _overlap(families[i], families[j]):
                    parent[find(i)] = find(j)
            active.append(i)
        for x, i in enumerate(undated):
            for j in undated[x + 1 :]:
                if find(i) != find(j) and _overlap(families[i], families[j]):
                    parent[find(i)] = find(j)
        # An undated toll of some ground is one more count of the people the dated tolls of
        # that ground count: it joins one dated scope of its ground (the one of most tolls),
        # so it never adds on top of it, and never links two dated scopes together.
        size: dict[int, int] = defaultdict(int)
        for j in dated:
            size[find(j)] += 1
        first = {r: min(families[j].id for j in dated if find(j) == r) for r in size}
        dated_roots = {j: find(j) for j in dated}
        groups: dict[int, list[int]] = defaultdict(list)
        for i in undated:
            groups[find(i)].append(i)
        for members in groups.values():
            cands = {
                dated_roots[j]
                for j in dated
                for i in members
                if _same_ground(families[i], families[j])
            }
            if cands:
                home = max(cands, key=lambda r: (size[r], _neg(first[r])))
                parent[find(members[0])] = find(home)
    comps: dict[int, list[Family]] = defaultdict(list)
    for i, fam in enumerate(families):
        comps[find(i)].append(fam)

    scopes: list[ScopeResult] = []
    flags: list[Flag] = []
    for fams in comps.values():
        fams.sort(key=lambda f: f.id)
        sid = _hash("k", *(f.id for f in fams))
        choices: list[str] = []
        cum, total = combine_families([family_figures(f) for f in fams], choices)
        starts = [f.period_start for f in fams if f.period_start is not None]
        ends = [f.period_end for f in fams if f.period_end is not None]
        scope = ScopeResult(
            id=sid,
            outcome=fams[0].outcome,
            family_ids=tuple(f.id for f in fams),
            series_ids=tuple(s.id for f in fams for s in f.series),
            regions=tuple(f.region for f in fams),
            period_start=min(starts) if starts else None,
            period_end=max(ends) if ends else None,
            cum=cum,
            # a total only when one was stated (a series of category unknown): otherwise the
            # victims of no stated category are not known to be 0, they are not spoken for
            cum_total=total
            if any(s.category == Category.UNKNOWN for f in fams for s in f.series)
            else None,
        )
        scopes.append(scope)
        if len({f.source for f in fams}) > 1:
            names = ", ".join(sorted({f.source for f in fams}))
            ids = tuple(m.claim_id for f in fams for s in f.series for m in s.members)
            by_name = sorted(
                {
                    f"{a.region.describe()} and {b.region.describe()}"
                    for a in fams
                    for b in fams
                    if a.id < b.id and same_name_only(a.region, b.region)
                }
            )
            why = (
                f" ({'; '.join(by_name)}: a town and the unit named after it, read as the "
                "same ground)"
                if by_name
                else ""
            )
            flags.append(
                Flag(
                    "overlapping_tolls",
                    sid,
                    f"running tolls of {names} cover the same ground{why}: alternative counts "
                    "of the same people, never added",
                    ids,
                )
            )
            for line in choices:
                flags.append(Flag("monitors_disagree", sid, line, ids))
    scopes.sort(key=lambda s: s.id)
    return scopes, flags
