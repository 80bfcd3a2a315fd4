"""Read an episode's ``facts.yaml``: what careful analysts found in a set of real articles.

The schema is in docs/evaluation.md ("eval episode"): per article its URL, date, outlet and
every casualty figure it states (number or range, outcome, category, scope, event date or
period, place, speaker, reliability) and every number that is a trap; then the analysts'
conclusions (each source's running-toll series, per-source figures, the reconciled toll).
Only facts, in the team's own words: the article texts live in a git-ignored folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tollwatch.evaluation.extraction import EvalError

__all__ = [
    "Article",
    "Facts",
    "Figure",
    "Series",
    "Trap",
    "load_facts",
]

OUTCOMES = ("killed", "injured", "missing", "detained", "displaced")
CATEGORIES = ("civilians", "state_forces", "non_state_armed", "unknown", "total")


@dataclass(frozen=True, slots=True)
class Figure:
    """One casualty figure an article states."""

    low: int
    high: int  # == low for a single number
    outcome: str
    category: str = "unknown"
    qualifier: str | None = None
    scope: str | None = None  # incident | incident_toll | cumulative
    date: dt.date | None = None  # event date (incident, incident_toll)
    period: tuple[dt.date | None, dt.date | None] | None = None  # cumulative toll's period
    place: str | None = None
    attributed_to: str | None = None  # the speaker as named; None: the outlet's own voice
    source_entity: str | None = None  # the analysts' key for that speaker
    reliability: str = "reported"

    @property
    def is_range(self) -> bool:
        return self.low != self.high


@dataclass(frozen=True, slots=True)
class Trap:
    """A number an extractor could wrongly take as a casualty figure of this episode."""

    low: int
    high: int
    pitfall: int  # 1..10, the classes of issue 10
    note: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    url: str | None
    published: dt.date | None
    outlet: str | None
    kind: str | None
    copy_of: str | None
    figures: tuple[Figure, ...]
    traps: tuple[Trap, ...]


@dataclass(frozen=True, slots=True)
class Series:
    """One source's running toll: its figures in time order and the latest."""

    source_entity: str
    outcome: str
    category: str
    latest: int | None  # a stated range [low, high] gives ``latest`` low, ``latest_high`` high
    subject: str = ""
    latest_high: int | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    episode: str
    title: str
    articles: tuple[Article, ...]
    series: tuple[Series, ...]
    # outcome -> category ("total" included) -> {"low", "best", "high"}
    tolls: dict[str, dict[str, dict[str, int]]]
    per_source: dict[str, Any]
    country: str | None = None  # ISO alpha-2 of the events


def load_facts(path: Path) -> Facts:
    """The facts file at ``path``; a clear error names the file and the article at fault."""
    import yaml

    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalError(f"cannot read {path}: {exc.strerror}", hint="check the path") from exc
    except yaml.YAMLError as exc:
        raise EvalError(f"{path}: not YAML ({exc})") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("articles"), list):
        raise EvalError(f"{path}: no 'articles' list", hint="see docs/evaluation.md for the schema")
    articles: list[Article] = []
    for index, item in enumerate(raw["articles"]):
        where = f"{path}: article {index + 1} ({(item or {}).get('id', '?')})"
        try:
            articles.append(_article(item))
        except (KeyError, TypeError, ValueError) as exc:
            raise EvalError(
                f"{where}: {exc!r}", hint="see docs/evaluation.md for the schema"
            ) from exc
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise EvalError(f"{path}: article ids repeat")
    conclusions = raw.get("conclusions") or {}
    try:
        series = tuple(_series(s) for s in conclusions.get("series") or ())
        tolls = _tolls(conclusions.get("tolls") or {})
    except (KeyError, TypeError, ValueError) as exc:
        raise EvalError(f"{path}: conclusions: {exc!r}") from exc
    return Facts(
        episode=str(raw.get("episode") or path.parent.name),
        title=str(raw.get("title") or ""),
        articles=tuple(articles),
        series=series,
        tolls=tolls,
        per_source=dict(conclusions.get("per_source") or {}),
        country=str(raw["country"]).upper() if raw.get("country") else None,
    )


def _day(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _number(value: Any) -> tuple[int, int]:
    if isinstance(value, list | tuple):
        low, high = (int(v) for v in value)
        if low > high:
            raise ValueError(f"range {value} runs backwards")
        return low, high
    return int(value), int(value)


def _figure(item: dict[str, Any]) -> Figure:
    low, high = _number(item["number"])
    outcome = str(item["outcome"])
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome {outcome!r} is not one of {OUTCOMES}")
    period = item.get("period")
    return Figure(
        low=low,
        high=high,
        outcome=outcome,
        category=str(item.get("category") or "unknown"),
        qualifier=item.get("qualifier"),
        scope=item.get("scope"),
        date=_day(item.get("date")),
        period=(_day(period[0]), _day(period[1])) if period else None,
        place=item.get("place"),
        attributed_to=item.get("attributed_to"),
        source_entity=item.get("source_entity"),
        reliability=str(item.get("reliability") or "reported"),
    )


def _trap(item: dict[str, Any]) -> Trap:
    low, high = _number(item["number"])
    return Trap(low, high, int(item["pitfall"]), str(item.get("note") or ""))


def _article(item: dict[str, Any]) -> Article:
    return Article(
        id=str(item["id"]),
        url=item.get("url"),
        published=_day(item.get("published")),
        outlet=item.get("outlet"),
        kind=item.get("kind"),
        copy_of=item.get("copy_of"),
        figures=tuple(_figure(f) for f in item.get("figures") or ()),
        traps=tuple(_trap(t) for t in item.get("traps") or ()),
    )


def _series(item: dict[str, Any]) -> Series:
    latest = item.get("latest")
    low, high = (None, None) if latest is None else _number(latest)
    return Series(
        source_entity=str(item["source_entity"]),
        outcome=str(item["outcome"]),
        category=str(item.get("category") or "unknown"),
        latest=low,
        subject=str(item.get("subject") or ""),
        latest_high=high,
    )


def _tolls(raw: dict[str, Any]) -> dict[str, dict[str, dict[str, int]]]:
    out: dict[str, dict[str, dict[str, int]]] = {}
    for outcome, cats in raw.items():
        if outcome not in OUTCOMES:
            raise ValueError(f"tolls: outcome {outcome!r} is not one of {OUTCOMES}")
        out[outcome] = {}
        for category, figures in (cats or {}).items():
            if category not in CATEGORIES:
                raise ValueError(
                    f"tolls.{outcome}: category {category!r} is not one of {CATEGORIES}"
                )
            out[outcome][category] = {k: int(figures[k]) for k in ("low", "best", "high")}
    return out
