"""Score the pipeline on one real episode: the articles' texts against the analysts' facts.

``observe_episode`` ingests each article's text (``TEXTS/<id>.txt``) into a fresh SQLite
database and runs the same pipeline as ``tollwatch ingest`` (extract, geocode, reconcile).
``score_episode`` is pure; it compares what was found with ``facts.yaml`` (see
``tollwatch.evaluation.facts``) on three levels:

* **claims**: each listed figure is matched, inside its own article, to one claim with the
  same number (``best``; a range matches ``low``/``high`` or a ``best`` at either end) and,
  first, the same outcome; then each field is compared (see ``FIELDS``). Extracted claims
  matched to no figure are *spurious* when their speaker reports them as fact and they are
  killed/injured counts or carry a trap's number; one that repeats a listed figure of its
  article (headline and body) is *restated*, not spurious.
* **tolls**: per outcome and category, the reconciled low/best/high beside the analysts';
  per source series, its latest figure beside the latest that source's claims give.
* **traps**: each trap number is *fallen into* when a claim reported as fact carries it and
  matches no listed figure of that article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tollwatch.evaluation.facts import Article, Facts, Figure, Series, Trap
from tollwatch.models import Claim, Outcome, Reliability

__all__ = [
    "FIELDS",
    "EpisodeObservation",
    "match_figures",
    "observe_episode",
    "same_place",
    "same_speaker",
    "score_episode",
]

#: The fields of a figure compared with its claim, in the order they are reported.
FIELDS = (
    "number",
    "outcome",
    "category",
    "scope",
    "date",
    "place",
    "attribution",
    "reliability",
)
TEXT_SUFFIXES = (".txt", ".md", ".html")
#: A claim placed this close to the analysts' place has its place right (a city and its suburbs).
NEAR_KM = 50.0
_CASUALTY = (Outcome.KILLED, Outcome.INJURED)


@dataclass(frozen=True, slots=True)
class EpisodeObservation:
    """What the pipeline made of an episode's texts."""

    reports: Mapping[str, str]  # article id -> report id
    claims: Mapping[str, tuple[Claim, ...]]  # report id -> its claims
    tolls: Mapping[str, Any]  # `tolls --json` "tolls"
    missing_texts: tuple[str, ...] = ()  # article ids without a text file
    rejected: tuple[str, ...] = ()  # texts the ingest rejected ("c07.txt: reason")
    # the analysts' place strings resolved by our gazetteer: place -> points of its parts
    place_points: Mapping[str, tuple[tuple[float, float], ...]] = field(default_factory=dict)


# ---------------------------------------------------------------------------- running


def find_text(texts: Path, article_id: str) -> Path | None:
    for suffix in TEXT_SUFFIXES:
        path = texts / f"{article_id}{suffix}"
        if path.is_file():
            return path
    return None


def observe_episode(facts: Facts, texts: Path, workdir: Path) -> EpisodeObservation:
    """Ingest every article's text into a fresh SQLite database under ``workdir``.

    Each text is stored on its own so its report id is known exactly (a text without a
    ``url:`` header still maps to its article); then extract -> geocode -> reconcile run once
    over all of them, as ``tollwatch ingest`` does.
    """
    from tollwatch.ingest import IngestOptions, ingest_paths
    from tollwatch.pipeline import process_reports
    from tollwatch.reconcile.service import query_tolls
    from tollwatch.store import open_engine
    from tollwatch.store.claims import list_claims

    workdir.mkdir(parents=True, exist_ok=True)
    engine = open_engine(f"sqlite:///{workdir / 'episode.db'}")
    try:
        reports: dict[str, str] = {}
        missing: list[str] = []
        rejected: list[str] = []
        for article in facts.articles:
            path = find_text(texts, article.id)
            if path is None:
                missing.append(article.id)
                continue
            result = ingest_paths(engine, [path], IngestOptions())
            rejected += [str(r).replace(str(texts) + "/", "") for r in result.rejected]
            ids = result.processed + result.duplicates
            if ids:
                reports[article.id] = ids[0]
        if reports:
            process_reports(engine, list(dict.fromkeys(reports.values())))
        by_report: dict[str, list[Claim]] = defaultdict(list)
        with engine.connect() as conn:
            for claim in list_claims(conn):
                by_report[claim.report_id].append(claim)
        tolls = query_tolls(engine)["tolls"]
    finally:
        engine.dispose()
    return EpisodeObservation(
        reports=reports,
        claims={rid: tuple(cs) for rid, cs in by_report.items()},
        tolls=tolls,
        missing_texts=tuple(missing),
        rejected=tuple(rejected),
        place_points=resolve_places(facts),
    )


def resolve_places(facts: Facts) -> dict[str, tuple[tuple[float, float], ...]]:
    """Each place the analysts name, resolved part by part with our gazetteer (the episode's
    country as context); a part that does not resolve is left out."""
    from tollwatch.geo.resolver import GeoContext, geocode
    from tollwatch.geo.service import load_gazetteer

    gazetteer = load_gazetteer()
    context = GeoContext(countries=(facts.country,)) if facts.country else GeoContext()
    out: dict[str, tuple[tuple[float, float], ...]] = {}
    for place in {f.place for a in facts.articles for f in a.figures if f.place}:
        points = []
        for part in place.split(","):
            ref = geocode(part.strip(), context, gazetteer)
            if ref.lat is not None and ref.lon is not None:
                points.append((ref.lat, ref.lon))
        out[place] = tuple(points)
    return out


# ---------------------------------------------------------------------------- matching


def _number_matches(low: int, high: int, claim: Claim) -> bool:
    if low == high:
        return claim.best == low
    return (claim.low, claim.high) == (low, high) or claim.best in (low, high)


def match_figures(
    figures: Sequence[Figure],
    claims: Sequence[Claim],
    points: Mapping[str, Sequence[tuple[float, float]]] | None = None,
) -> list[Claim | None]:
    """One claim (or None) per figure, each claim used at most once.

    First every figure takes a claim with its number and its outcome (the one agreeing on
    most other fields); then a figure still unmatched takes a claim with its number and
    another outcome (counted as found, outcome wrong).
    """
    matched: list[Claim | None] = [None] * len(figures)
    used: set[int] = set()
    for same_outcome in (True, False):
        for i, fig in enumerate(figures):
            if matched[i] is not None:
                continue
            candidates = [
                (j, c)
                for j, c in enumerate(claims)
                if j not in used
                and _number_matches(fig.low, fig.high, c)
                and (c.outcome.value == fig.outcome) is same_outcome
            ]
            if not candidates:
                continue
            j, claim = max(
                candidates, key=lambda jc: (sum(field_checks(fig, jc[1], points).values()), -jc[0])
            )
            matched[i] = claim
            used.add(j)
    return matched


_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "to",
        "its",
        "their",
        "his",
        "her",
        "s",
        "said",
        "says",
        "say",
        "according",
        "told",
        "spokesman",
        "spokesperson",
        "spokeswoman",
    ]
)


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", text.lower())


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in _words(text) if w not in _STOP)


def _acronym(short: str, long: str) -> bool:
    letters = "".join(w[0] for w in _words(long) if w not in _STOP)
    token = "".join(_words(short))
    return len(token) >= 2 and token == letters


def same_speaker(a: str | None, b: str | None) -> bool:
    """Loosely the same speaker: the content words of one contain the other's, or one is
    the other's acronym ("UN" / "United Nations"); both None (the outlet's own voice) too."""
    if a is None or b is None:
        return a is None and b is None
    ca, cb = _content(a), _content(b)
    if not ca or not cb:
        return False
    return _covers(ca, cb) or _covers(cb, ca) or _acronym(a, b) or _acronym(b, a)


def _covers(words: frozenset[str], other: frozenset[str]) -> bool:
    """Every word has a match in ``other``: equal, or one a prefix of the other and at least
    four letters long ("region" / "regional", "ministry" / "ministry's")."""
    return all(
        any(
            w == o or (min(len(w), len(o)) >= 4 and (w.startswith(o) or o.startswith(w)))
            for o in other
        )
        for w in words
    )


def _entity_words(key: str) -> str:
    return key.split(":", 1)[-1].replace("-", " ").replace("_", " ")


def _speaker_right(fig: Figure, claim: Claim) -> bool:
    if fig.attributed_to is None:
        return claim.attributed_to is None and claim.source_entity is None
    names = [claim.attributed_to] if claim.attributed_to else []
    if claim.source_entity:
        names.append(_entity_words(claim.source_entity))
    wanted = [fig.attributed_to] + ([_entity_words(fig.source_entity)] if fig.source_entity else [])
    return any(same_speaker(n, w) for n in names for w in wanted)


def same_place(stated: str, claim: Claim, points: Sequence[tuple[float, float]] = ()) -> bool:
    """Any comma-separated part of the analysts' place names the claim's place (its mention,
    resolved name or admin-1 name), one inside the other, ignoring case and accents; or the
    claim's resolved point lies within ``NEAR_KM`` of a point the analysts' place resolves to."""
    p = claim.place
    if p.lat is not None and p.lon is not None:
        from tollwatch.geo.gazetteer import haversine_km

        if any(haversine_km(lat, lon, p.lat, p.lon) <= NEAR_KM for lat, lon in points):
            return True
    found = [" ".join(_words(x)) for x in (p.mention, p.name, p.admin1_name) if x]
    parts = [" ".join(_words(x)) for x in stated.split(",")]
    return any(
        len(part) >= 3 and len(got) >= 3 and (part in got or got in part)
        for part in parts
        for got in found
    )


def _date_right(fig: Figure, claim: Claim) -> bool | None:
    start, end = claim.date.start, claim.date.end or claim.date.start
    if fig.period is not None:
        p_start, p_end = fig.period
        if start is None:
            return False
        if p_start is not None and start != p_start:
            return False
        return p_end is None or claim.date.end is None or abs((claim.date.end - p_end).days) <= 1
    if fig.date is not None:
        if start is None or end is None:
            return False
        return start <= fig.date <= end and (end - start).days <= 1
    return None  # the analysts state no date: not scored


def field_checks(
    fig: Figure, claim: Claim, points: Mapping[str, Sequence[tuple[float, float]]] | None = None
) -> dict[str, bool]:
    """Each field the analysts state, right or wrong for this claim (number assumed found)."""
    checks = {
        "number": True,
        "outcome": claim.outcome.value == fig.outcome,
        "category": claim.category.value == fig.category,
        "attribution": _speaker_right(fig, claim),
        "reliability": claim.reliability.value == fig.reliability,
    }
    if fig.scope is not None:
        checks["scope"] = claim.scope.value == fig.scope
    dated = _date_right(fig, claim)
    if dated is not None:
        checks["date"] = dated
    if fig.place:
        checks["place"] = same_place(fig.place, claim, (points or {}).get(fig.place, ()))
    return checks


def _stated(fig: Figure) -> list[str]:
    out = ["number", "outcome", "category", "attribution", "reliability"]
    if fig.scope is not None:
        out.append("scope")
    if fig.date is not None or fig.period is not None:
        out.append("date")
    if fig.place:
        out.append("place")
    return out


# ---------------------------------------------------------------------------- scoring


def _share(right: int, total: int) -> float | None:
    return round(right / total, 4) if total else None


@dataclass
class _Tally:
    figures: int = 0
    found: int = 0
    all_right: int = 0
    right: Counter[str] = field(default_factory=Counter)
    stated: Counter[str] = field(default_factory=Counter)
    spurious: int = 0
    spurious_trap: int = 0
    spurious_unlisted: int = 0
    restated: int = 0
    traps: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)


def _counts(claim: Claim) -> bool:
    return claim.reliability is Reliability.REPORTED


def _score_article(
    article: Article,
    claims: Sequence[Claim],
    tally: _Tally,
    points: Mapping[str, Sequence[tuple[float, float]]],
) -> list[Claim | None]:
    matched = match_figures(article.figures, claims, points)
    for fig, claim in zip(article.figures, matched, strict=True):
        tally.figures += 1
        stated = _stated(fig)
        tally.stated.update(stated)
        if claim is None:
            tally.wrong.append(_figure_row(article, fig, None, stated))
            continue
        tally.found += 1
        checks = field_checks(fig, claim, points)
        tally.right.update(k for k, ok in checks.items() if ok)
        if all(checks.values()):
            tally.all_right += 1
        else:
            tally.wrong.append(
                _figure_row(article, fig, claim, [k for k, ok in checks.items() if not ok])
            )
    used = {id(c) for c in matched if c is not None}
    loose = [c for c in claims if id(c) not in used and _counts(c)]
    for claim in loose:
        # a listed figure told again (headline and body, lede and summary) is not spurious
        if any(
            f.outcome == claim.outcome.value and _number_matches(f.low, f.high, claim)
            for f in article.figures
        ):
            tally.restated += 1
            continue
        on_trap = any(_number_matches(t.low, t.high, claim) for t in article.traps)
        if on_trap or claim.outcome in _CASUALTY:
            tally.spurious += 1
            tally.spurious_trap += on_trap
            tally.spurious_unlisted += not on_trap
    for trap in article.traps:
        fell = any(_number_matches(trap.low, trap.high, c) for c in loose)
        tally.traps.append(_trap_row(article, trap, fell))
    return matched


def _figure_row(
    article: Article, fig: Figure, claim: Claim | None, wrong: list[str]
) -> dict[str, Any]:
    number: Any = fig.low if not fig.is_range else [fig.low, fig.high]
    row: dict[str, Any] = {
        "article": article.id,
        "number": number,
        "outcome": fig.outcome,
        "wrong": wrong if claim is not None else ["not found"],
    }
    if claim is not None:
        row["claim"] = {
            "outcome": claim.outcome.value,
            "category": claim.category.value,
            "scope": claim.scope.value,
            "reliability": claim.reliability.value,
            "date": claim.date.start.isoformat() if claim.date.start else None,
            "date_end": claim.date.end.isoformat() if claim.date.end else None,
            "place": claim.place.mention,
            "attributed_to": claim.attributed_to,
            "source_entity": claim.source_entity,
        }
    return row


def _trap_row(article: Article, trap: Trap, fell: bool) -> dict[str, Any]:
    number: Any = trap.low if trap.low == trap.high else [trap.low, trap.high]
    return {
        "article": article.id,
        "number": number,
        "pitfall": trap.pitfall,
        "note": trap.note,
        "avoided": not fell,
    }


def _published(facts: Facts) -> dict[str, date | None]:
    return {a.id: a.published for a in facts.articles}


def _series_row(
    series: Series,
    facts: Facts,
    found: EpisodeObservation,
    matched: Mapping[str, list[Claim | None]],
) -> dict[str, Any]:
    names = {series.source_entity}
    entities: set[str] = set()
    for article in facts.articles:
        for fig, claim in zip(article.figures, matched.get(article.id, ()), strict=False):
            if fig.source_entity != series.source_entity:
                continue
            if fig.attributed_to:
                names.add(fig.attributed_to)
            if claim is not None and claim.source_entity:
                entities.add(claim.source_entity)
    published = _published(facts)
    picks: list[tuple[date, int]] = []
    for article_id, report_id in found.reports.items():
        for claim in found.claims.get(report_id, ()):
            if claim.outcome.value != series.outcome or claim.best is None or not _counts(claim):
                continue
            if series.category != "unknown" and claim.category.value != series.category:
                continue
            speaker = claim.source_entity in entities or any(
                same_speaker(claim.attributed_to, n)
                or same_speaker(claim.attributed_to, _entity_words(n))
                for n in names
                if claim.attributed_to
            )
            if speaker:
                picks.append((published.get(article_id) or date.min, claim.best))
    latest = max(picks)[1] if picks else None
    return {
        "source_entity": series.source_entity,
        "subject": series.subject,
        "outcome": series.outcome,
        "category": series.category,
        "latest": series.latest
        if series.latest_high in (None, series.latest)
        else [series.latest, series.latest_high],
        "found_latest": latest,
        "found_max": max((b for _, b in picks), default=None),
        "claims": len(picks),
        "right": latest is not None
        and series.latest is not None
        and series.latest <= latest <= (series.latest_high or series.latest),
    }


def _toll_rows(facts: Facts, found: EpisodeObservation) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for outcome, cats in facts.tolls.items():
        for category, want in cats.items():
            got = dict((found.tolls.get(outcome) or {}).get(category) or {})
            best = got.get("best")
            rows.append(
                {
                    "outcome": outcome,
                    "category": category,
                    "analysts": want,
                    "tollwatch": {k: got.get(k) for k in ("low", "best", "high")},
                    "best_in_range": best is not None and want["low"] <= best <= want["high"],
                    "best_error": None if best is None else best - want["best"],
                }
            )
    return rows


def score_episode(facts: Facts, found: EpisodeObservation) -> dict[str, Any]:
    """The episode's scores as one JSON-ready document (see the module docstring)."""
    tally = _Tally()
    matched: dict[str, list[Claim | None]] = {}
    scored = [a for a in facts.articles if a.id in found.reports]
    for article in scored:
        claims = found.claims.get(found.reports[article.id], ())
        matched[article.id] = _score_article(article, claims, tally, found.place_points)
    by_pitfall: dict[str, dict[str, int]] = {}
    for row in tally.traps:
        slot = by_pitfall.setdefault(str(row["pitfall"]), {"traps": 0, "avoided": 0})
        slot["traps"] += 1
        slot["avoided"] += row["avoided"]
    n_articles = len(scored)
    extracted = sum(len(found.claims.get(found.reports[a.id], ())) for a in scored)
    from tollwatch.extract import EXTRACTOR_VERSION
    from tollwatch.geo.service import GEOCODER_VERSION

    return {
        "episode": facts.episode,
        "versions": {"extractor": EXTRACTOR_VERSION, "geocoder": GEOCODER_VERSION},
        "articles": {
            "listed": len(facts.articles),
            "scored": n_articles,
            "missing_texts": list(found.missing_texts),
            "rejected": list(found.rejected),
        },
        "claims": {
            "figures": tally.figures,
            "found": tally.found,
            "all_fields_right": _share(tally.all_right, tally.figures),
            "fields": {
                name: {
                    "right": tally.right[name],
                    "stated": tally.stated[name],
                    "accuracy": _share(tally.right[name], tally.stated[name]),
                }
                for name in FIELDS
            },
            "extracted": extracted,
            "spurious": {
                "claims": tally.spurious,
                "per_100_articles": round(100 * tally.spurious / n_articles, 1)
                if n_articles
                else None,
                "trap_numbers": tally.spurious_trap,
                "unlisted_casualties": tally.spurious_unlisted,
                "restated_figures": tally.restated,
            },
            "wrong": tally.wrong,
        },
        "tolls": _toll_rows(facts, found),
        "sources": [_series_row(s, facts, found, matched) for s in facts.series],
        "traps": {
            "traps": len(tally.traps),
            "avoided": sum(r["avoided"] for r in tally.traps),
            "by_pitfall": dict(sorted(by_pitfall.items(), key=lambda kv: int(kv[0]))),
            "fallen": [r for r in tally.traps if not r["avoided"]],
        },
    }
