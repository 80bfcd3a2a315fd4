"""``reconcile(claims, reports)``: claims in, events, running tolls and flags out. Pure.

Order-independent and idempotent: claims are deduplicated by id and by content (a report
stored twice under two URLs counts once), and every step works on sorted input, so any ingest order, or the same report twice, gives the same result and the
same ids (event ids hash the event's outcome, category, place and dates).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from tollwatch.models import Category, Claim, GeoPrecision, Reliability, Scope, normalise_text
from tollwatch.reconcile.cluster import (
    EARLIEST_DAY,
    LATEST_DAY,
    Regroup,
    cluster_incidents,
    placeable_in_time,
    sum_parts,
)
from tollwatch.reconcile.contain import contain
from tollwatch.reconcile.figures import claim_range
from tollwatch.reconcile.partition import partition_claims, partition_of, rekey
from tollwatch.reconcile.results import ClaimNote, EventResult, Flag, Reconciliation, ReportInfo
from tollwatch.reconcile.series import Family, build_scopes, build_series, source_name
from tollwatch.reconcile.stories import stories
from tollwatch.reconcile.tally import tally
from tollwatch.reconcile.ties import claim_names, names_in, party_names, place_words

__all__ = ["focus_countries", "partition_of", "reconcile", "reconcile_partition"]


def focus_countries(claims: Sequence[Claim]) -> dict[str, str | None]:
    """Each report's country focus: the country with most distinct places among its claims.

    Places named more precisely than a country count first (a country named only as where a
    source is based, "a monitor based in the UK", does not outweigh the villages a report is
    about); a report that names nothing finer falls back to the countries it names.
    """
    fine: dict[str, dict[str, set[str]]] = {}
    coarse: dict[str, dict[str, set[str]]] = {}
    focus: dict[str, str | None] = {}
    country_only = GeoPrecision.COUNTRY
    for c in claims:
        focus[c.report_id] = None
        p = c.place
        if not p.country:
            continue
        key = p.place_id or (p.mention or "").lower() or c.id
        fine_place = p.place_id is None or p.precision is None or p.precision < country_only
        target = fine if fine_place else coarse
        target.setdefault(c.report_id, {}).setdefault(p.country, set()).add(key)
    for rid in focus:
        counts = fine.get(rid) or coarse.get(rid)
        if counts:
            focus[rid] = min(counts.items(), key=lambda kv: (-len(kv[1]), kv[0]))[0]
    if any(f is None for f in focus.values()):
        _inherit_focus(claims, focus)
    return focus


def _inherit_focus(claims: Sequence[Claim], focus: dict[str, str | None]) -> None:
    """A report that names no resolved place takes the country of the places its words name
    ("the toll from Sunday's shelling of the El Fasher market" -> where El Fasher was
    resolved in other reports), when they name places of exactly one country."""
    words: dict[str, set[str]] = {}
    seen: set[tuple[str, str | None, str | None]] = set()
    for c in claims:
        p = c.place
        if p.place_id is None or not p.country or p.precision == GeoPrecision.COUNTRY:
            continue
        key = (p.place_id, p.name, p.mention)
        if key in seen:
            continue
        seen.add(key)
        for w in place_words(c):
            words.setdefault(w, set()).add(p.country)
    found: dict[str, set[str]] = {}
    names: dict[str, frozenset[str]] = {}
    for c in claims:
        if focus.get(c.report_id) is None:
            n = names_in(c.quote) | (names_in(c.subject) if c.subject else frozenset())
            names[c.id] = n
            hits = found.setdefault(c.report_id, set())
            for w in n:
                hits.update(words.get(w, ()))
    # still without a country: the names the words of reports with a focus use near their
    # places ("an army post near Djibo")
    open_reports = {rid for rid, countries in found.items() if len(countries) != 1}
    wanted = {
        w
        for c in claims
        if c.report_id in open_reports and c.id in names
        for w in names[c.id]
        if len(w) >= 4 or w in _acronyms(c.quote)  # "ELN", "RSF": short, but a name
    }
    if wanted:
        pattern = re.compile(
            r"\b(" + "|".join(re.escape(n) for n in sorted(wanted)) + r")\b", re.IGNORECASE
        )
        quoted: dict[str, set[str]] = {}
        for c in claims:
            country = focus.get(c.report_id)
            if country is None or c.quote.count(" ") < 7:  # sentences, not fragments
                continue
            for m in pattern.finditer(c.quote):
                quoted.setdefault(m.group(1).lower(), set()).add(country)
        for c in claims:
            if c.report_id in open_reports and c.id in names:
                for w in names[c.id]:
                    found[c.report_id].update(quoted.get(w, ()))
    for rid, countries in found.items():
        if len(countries) == 1:
            focus[rid] = next(iter(countries))


_ACRONYM = re.compile(r"\b[A-Z]{3,}\b")


def _acronyms(text: str) -> frozenset[str]:
    return frozenset(m.group(0).lower() for m in _ACRONYM.finditer(text))


def _signature(c: Claim, infos: Mapping[str, ReportInfo]) -> tuple[object, ...]:
    """What makes two claims the same statement: the same words and numbers about the same
    place and dates, published the same day (a report ingested twice under two URLs, or a
    wire copy). Spans are left out: a copy with another header shifts them."""
    info = infos.get(c.report_id)
    p, d = c.place, c.date
    return (
        info.published if info else None,
        normalise_text(c.quote).lower(),
        c.outcome, c.category, c.scope, c.low, c.best, c.high, c.qualifier,
        p.place_id, (p.mention or "").lower(), d.start, d.end, c.attributed_to,
    )  # fmt: skip


def _dedupe(
    claims: Sequence[Claim], infos: Mapping[str, ReportInfo]
) -> tuple[list[Claim], list[ClaimNote]]:
    by_id: dict[str, Claim] = {}
    for c in claims:
        if not c.id:
            c = c.with_id()
        prev = by_id.get(c.id)
        if prev is None or repr(c) < repr(prev):
            by_id[c.id] = c
    kept: dict[tuple[object, ...], Claim] = {}
    notes: list[ClaimNote] = []
    # the copy from the first report (by id) is kept, so a duplicated report loses all its
    # claims to one original rather than some to each
    for c in sorted(by_id.values(), key=lambda c: (c.report_id, c.id)):
        sig = _signature(c, infos)
        first = kept.get(sig)
        if first is None:
            kept[sig] = c
            continue
        notes.append(
            ClaimNote(
                c.id,
                "duplicate",
                f"same words, numbers, place and dates as claim {first.id} of report "
                f"{first.report_id}, published the same day: a copy, counted once",
                c.report_id,
            )
        )
    return sorted(kept.values(), key=lambda c: c.id), notes


_LEFT_OUT = {
    Reliability.PROJECTION: 'a projection ("could exceed", "feared"), not a count',
    Reliability.UNVERIFIED: 'unverified ("unconfirmed reports of"), not a count',
    Reliability.RETRACTED: "retracted by a correction",
    Reliability.BACKGROUND: "background: a war-wide or historical figure about another period",
}


def _apply_corrections(
    claims: list[Claim], infos: Mapping[str, ReportInfo]
) -> tuple[list[Claim], dict[str, str]]:
    """Claims that never set a toll or its bounds, with the reason; and corrections applied.

    Projections, unverified, retracted and background figures are left out (listed beside
    the toll). A retraction ("an earlier version of this story said 40") also withdraws that
    figure from the same outlet's earlier reports, and the correcting report's own figures
    for the outcome become revisions that supersede it.
    """
    marked = {
        c.id: _LEFT_OUT[c.reliability] for c in claims if c.reliability != Reliability.REPORTED
    }
    retractions = [c for c in claims if c.reliability == Reliability.RETRACTED and c.best]
    if not retractions:
        return claims, marked
    revised: dict[str, Claim] = {}
    for r in retractions:
        info = infos.get(r.report_id)
        outlet = source_name(info.source) if info and info.source else None
        when = info.published if info else None
        for c in claims:
            if c.id in marked or c.outcome != r.outcome or c.scope == Scope.CUMULATIVE:
                continue
            if c.report_id == r.report_id:
                if not c.revision:
                    revised[c.id] = replace(c, revision=True, revises=c.revises or r.best)
                continue
            other = infos.get(c.report_id)
            if (
                outlet
                and other is not None
                and other.source
                and source_name(other.source) == outlet
                and c.best == r.best
                and (when is None or other.published is None or other.published <= when)
            ):
                marked[c.id] = (
                    f"withdrawn: the outlet's correction in report {r.report_id} retracts "
                    f"this figure ({r.best})"
                )
    return [revised.get(c.id, c) for c in claims], marked


def _drop_copies(
    claims: list[Claim], story: Mapping[str, str], infos: Mapping[str, ReportInfo]
) -> tuple[list[Claim], list[tuple[str, ClaimNote]]]:
    """Copies are one source: a claim of a report that retells another report's story, with
    the figure the story's first report gives for the same outcome and category, counts once.

    Returns the claims that count, and (the first report's claim id, note) per copy.
    """
    members: dict[str, list[str]] = {}
    for rid, sid in story.items():
        members.setdefault(sid, []).append(rid)
    if all(len(m) < 2 for m in members.values()):
        return claims, []
    first: dict[str, str] = {}
    for rids in members.values():
        if len(rids) < 2:
            continue
        head = min(rids, key=lambda r: (infos[r].published or date.max, r))
        for r in rids:
            first[r] = head
    by_report: dict[str, list[Claim]] = {}
    for c in claims:
        by_report.setdefault(c.report_id, []).append(c)
    kept: list[Claim] = []
    copies: list[tuple[str, ClaimNote]] = []
    for c in claims:
        lead = first.get(c.report_id)
        if lead is None or lead == c.report_id:
            kept.append(c)
            continue
        original = next(
            (
                o
                for o in sorted(by_report.get(lead, []), key=lambda o: o.id)
                if o.outcome == c.outcome
                and o.best == c.best
                and (o.category == c.category or Category.UNKNOWN in (o.category, c.category))
            ),
            None,
        )
        if original is None:
            kept.append(c)
            continue
        why = (
            f"report {c.report_id} retells the story of report {lead} (a copy or a citation): "
            f"its {c.best} corroborates that report's figure and is counted once"
        )
        copies.append((original.id, ClaimNote(c.id, "copy", why, c.report_id)))
    return kept, copies


def _corroborate(
    events: list[EventResult], copies: list[tuple[str, ClaimNote]]
) -> tuple[list[EventResult], list[ClaimNote]]:
    """List each copy beside the event its story's figure counts in."""
    if not copies:
        return events, []
    home = {cid: ev.id for ev in events for cid in ev.event.claim_ids}
    extra: dict[str, list[ClaimNote]] = {}
    apart: list[ClaimNote] = []
    for original, note in copies:
        eid = home.get(original)
        if eid is None:
            apart.append(note)
        else:
            extra.setdefault(eid, []).append(note)
    out = [
        replace(e, notes=tuple(sorted(e.notes + tuple(extra[e.id]), key=lambda n: n.claim_id)))
        if e.id in extra
        else e
        for e in events
    ]
    return out, apart


def _beside(
    events: list[EventResult], left: list[Claim], why: Mapping[str, str]
) -> tuple[list[EventResult], list[ClaimNote]]:
    """List each left-out claim beside an event of its report and outcome, else apart."""
    home: dict[tuple[str, str], EventResult] = {}
    for ev in sorted(events, key=lambda e: e.id):
        for rid in ev.report_ids:
            home.setdefault((rid, ev.event.outcome.value), ev)
    extra: dict[str, list[ClaimNote]] = {}
    apart: list[ClaimNote] = []
    for c in sorted(left, key=lambda c: c.id):
        role = "withdrawn" if c.reliability == Reliability.REPORTED else c.reliability.value
        note = ClaimNote(c.id, role, f"left out: {why[c.id]}; never sets a toll", c.report_id)
        found = home.get((c.report_id, c.outcome.value))
        if found is None:
            apart.append(note)
        else:
            extra.setdefault(found.id, []).append(note)
    out = [
        replace(e, notes=tuple(sorted(e.notes + tuple(extra[e.id]), key=lambda n: n.claim_id)))
        if e.id in extra
        else e
        for e in events
    ]
    return out, apart


def _with_sums(family: Family, sums: Mapping[str, str]) -> Family:
    """The family with each summed bulletin's reason saying how its parts were added."""
    series = tuple(
        replace(
            s,
            members=tuple(
                replace(m, reason=f"{m.reason}; {sums[m.claim_id]}") if m.claim_id in sums else m
                for m in s.members
            ),
        )
        for s in family.series
    )
    return replace(family, series=series)


def reconcile(
    claims: Sequence[Claim],
    reports: Mapping[str, ReportInfo],
    *,
    regroup: Regroup | None = None,
    focus: Mapping[str, str | None] | None = None,
) -> Reconciliation:
    """Reconcile claims into events, running-toll series and scopes (docs/reconciliation.md).

    ``reports`` gives each report's publication date and outlet; a claim whose report is
    missing from it is reconciled with no date and no outlet. Claims that state no number
    are returned in ``excluded`` and count nowhere. ``regroup`` applies reviewers' merges and
    splits to the incident groups (e.g. ``review.overrides.apply_overrides``). ``focus``
    gives the reports' country focus (default: ``focus_countries(claims)``).

    The claims are reconciled partition by partition (``reconcile.partition``: the country
    they are about), exactly as the stored ``reconcile_all`` does, so both give the same
    events, series, scopes and tolls.
    """
    claims = [c if c.id else c.with_id() for c in claims]
    if focus is None:
        focus = focus_countries(claims)
    parts = partition_claims(claims, reports, focus)
    if len(parts) == 1:
        (part,) = parts
        return reconcile_partition(claims, reports, regroup=regroup, focus=focus, part=part)
    recs = [
        reconcile_partition(parts[p], reports, regroup=regroup, focus=focus, part=p)
        for p in sorted(parts)
    ]
    return merge(recs)


def merge(recs: Sequence[Reconciliation]) -> Reconciliation:
    """The reconciliations of disjoint partitions as one, in ``reconcile``'s order."""
    flags = [f for r in recs for f in r.flags]
    flags.sort(key=lambda f: (f.kind, f.subject_id, f.message))
    return Reconciliation(
        events=tuple(sorted((e for r in recs for e in r.events), key=lambda e: e.id)),
        series=tuple(sorted((s for r in recs for s in r.series), key=lambda s: s.id)),
        scopes=tuple(sorted((s for r in recs for s in r.scopes), key=lambda s: s.id)),
        flags=tuple(flags),
        excluded=tuple(n for r in recs for n in r.excluded),
    )


def reconcile_partition(
    claims: Sequence[Claim],
    reports: Mapping[str, ReportInfo],
    *,
    regroup: Regroup | None = None,
    focus: Mapping[str, str | None] | None = None,
    part: str = "",
) -> Reconciliation:
    """Reconcile the claims of one partition (``partition.partition_claims``) by themselves.

    ``part`` is the partition's key: events of no country outside partition "" carry it in
    their ids (``partition.rekey``).
    """
    infos = dict(reports)
    for c in claims:
        if c.report_id not in infos:
            infos[c.report_id] = ReportInfo(c.report_id)
    unique, excluded = _dedupe(claims, infos)
    unique, marked = _apply_corrections(unique, infos)
    story = stories(unique, infos)
    unique, copies = _drop_copies(unique, story, infos)
    incidents: list[Claim] = []
    cumulative: list[Claim] = []
    undatable: list[Flag] = []
    for c in unique:
        if c.id in marked:
            continue
        if not placeable_in_time(c, infos[c.report_id].published):
            why = (
                f"its date or its report's date is outside {EARLIEST_DAY}..{LATEST_DAY}: "
                "cannot be placed in time; counted nowhere until the date is corrected"
            )
            excluded.append(ClaimNote(c.id, "undatable", why, c.report_id))
            undatable.append(Flag("undatable", c.id, why, (c.id,)))
        elif claim_range(c) is None:
            excluded.append(
                ClaimNote(c.id, "excluded", "states no number; counted nowhere", c.report_id)
            )
        elif c.scope == Scope.CUMULATIVE:
            cumulative.append(c)
        else:
            incidents.append(c)
    if focus is None:
        focus = focus_countries(unique)
    events, flags = cluster_incidents(incidents, infos, focus, regroup, story)
    # parts of one breakdown naming the same category are one bulletin: their sum
    cumulative, summed, sums = sum_parts(cumulative)
    excluded.extend(summed)
    families, series_flags = build_series(cumulative, infos, focus)
    if sums:
        families = [_with_sums(f, sums) for f in families]
    scopes, scope_flags = build_scopes(families)
    names: dict[str, frozenset[str]] = {}
    parties: dict[str, frozenset[str]] = {}
    if any(f.region.level == "named" for f in families):
        by_id = {c.id: c for c in incidents}
        for ev in events:
            acc: frozenset[str] = frozenset()
            for cid in ev.event.claim_ids:
                acc = acc | claim_names(by_id[cid])
            names[ev.id] = acc
            parties[ev.id] = party_names([by_id[cid] for cid in ev.event.claim_ids])
        cum_by_id = {c.id: c for c in cumulative}
        for fam in families:
            if fam.region.level == "named":
                members = [cum_by_id[m.claim_id] for s in fam.series for m in s.members]
                parties[fam.id] = party_names(members) - fam.region.words
    events = contain(events, families, scopes, infos, names, parties)
    events, left_out = _beside(events, [c for c in unique if c.id in marked], marked)
    excluded.extend(left_out)
    events, apart = _corroborate(events, copies)
    excluded.extend(apart)
    _, tally_flags = tally(events, scopes)
    all_flags = undatable + flags + series_flags + scope_flags + tally_flags
    all_flags.sort(key=lambda f: (f.kind, f.subject_id, f.message))
    rec = Reconciliation(
        events=tuple(sorted(events, key=lambda e: e.id)),
        series=tuple(sorted((s for f in families for s in f.series), key=lambda s: s.id)),
        scopes=tuple(scopes),
        flags=tuple(all_flags),
        excluded=tuple(excluded),
    )
    return rekey(rec, part)
