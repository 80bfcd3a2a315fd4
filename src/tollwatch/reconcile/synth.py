"""Synthetic claim streams for benchmarks and property tests (pure, seeded).

The world: a few countries, each with admin-1 regions and places (``synth:`` ids, not a
gazetteer). The stream mixes:

- incidents told by one to five outlets, each with its own number (noise, "at least",
  "about", vague words), some with a vague date (none, a week) or a coarse place (admin-1
  only, or a name that was not geocoded), some with category unknown;
- monitors' running tolls over a region and period: bulletins every one to three days with
  cumulative figures per category (and now and then a total, or a figure lower than the last);
- incidents inside those running tolls (already counted in them) and outside any.

``generate(n, seed)`` returns about ``n`` claims and their reports; the same seed gives the
same stream.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    DateRange,
    GeoPrecision,
    Outcome,
    PlaceRef,
    Qualifier,
    Scope,
)
from tollwatch.reconcile.results import ReportInfo

__all__ = ["claim_from_json", "claim_to_json", "generate", "iter_jsonl", "write_jsonl"]

_COUNTRIES = ("NG", "SY", "SD", "ML", "CD", "YE", "SO", "BF")
_ADMIN1 = 12
_PLACES = 120
_DAYS = 730
_EPOCH = date(2024, 1, 1)
_OUTCOMES = (
    (Outcome.KILLED, 0.62),
    (Outcome.INJURED, 0.2),
    (Outcome.DETAINED, 0.07),
    (Outcome.MISSING, 0.04),
    (Outcome.DISPLACED, 0.07),
)
_SPECIFIC = (Category.CIVILIANS, Category.STATE_FORCES, Category.NON_STATE_ARMED)
VERSION = "synth-1"


class _World:
    def __init__(self, rng: random.Random) -> None:
        self.places: list[PlaceRef] = []
        self.by_admin1: dict[tuple[str, str], list[PlaceRef]] = {}
        self.admin1: dict[tuple[str, str], PlaceRef] = {}
        for ci, cc in enumerate(_COUNTRIES):
            for a in range(1, _ADMIN1 + 1):
                a1 = f"{a:02d}"
                a1_name = f"{cc} Region {a}"
                lat0, lon0 = -10 + ci * 6 + (a % 4) * 1.2, 5 + ci * 5 + (a // 4) * 1.2
                key = (cc, a1)
                self.admin1[key] = PlaceRef(
                    mention=a1_name, place_id=f"synth:{cc}-{a1}", name=a1_name,
                    lat=lat0 + 0.5, lon=lon0 + 0.5, country=cc, admin1=a1,
                    admin1_name=a1_name, precision=GeoPrecision.ADM1,
                )  # fmt: skip
                plist = []
                for p in range(_PLACES):
                    name = f"{cc}-{a1} Town {p}"
                    plist.append(
                        PlaceRef(
                            mention=name,
                            place_id=f"synth:{cc}-{a1}-{p}",
                            name=name,
                            lat=round(lat0 + rng.random(), 4),
                            lon=round(lon0 + rng.random(), 4),
                            country=cc,
                            admin1=a1,
                            admin1_name=a1_name,
                            precision=GeoPrecision.EXACT,
                        )
                    )
                self.by_admin1[key] = plist
                self.places.extend(plist)


class _Stream:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.world = _World(self.rng)
        self.outlets = [f"Synthetic Outlet {i}" for i in range(60)]
        self.monitors = [f"Synthetic Monitor {i}" for i in range(10)]
        self.claims: list[Claim] = []
        self.reports: dict[str, ReportInfo] = {}

    def report(self, published: date, source: str) -> str:
        rid = f"rs{len(self.reports):09d}"
        self.reports[rid] = ReportInfo(rid, published, source)
        return rid

    def add(self, rid: str, span: int, **kw: Any) -> None:
        best = kw.pop("best")
        low = kw.pop("low", best)
        high = kw.pop("high", best)
        c = Claim(
            report_id=rid, low=low, best=best, high=high, start=span, end=span + 20,
            quote=kw.pop("quote"), extractor_version=VERSION, **kw,
        )  # fmt: skip
        self.claims.append(c.with_id())

    def outcome(self) -> Outcome:
        x = self.rng.random()
        for o, p in _OUTCOMES:
            if x < p:
                return o
            x -= p
        return Outcome.KILLED

    def true_count(self, outcome: Outcome) -> int:
        base = self.rng.lognormvariate(1.4, 0.9)
        if outcome == Outcome.DISPLACED:
            base *= 60
        return max(1, min(int(base), 5000))

    def incident(self, place: PlaceRef, day: date) -> dict[Category, int]:
        """One incident told by several outlets; returns its true count per category."""
        rng = self.rng
        outcome = self.outcome()
        cats = [rng.choice(_SPECIFIC)]
        if outcome == Outcome.KILLED and rng.random() < 0.15:
            cats = [Category.STATE_FORCES, Category.NON_STATE_ARMED]
        truth = {c: self.true_count(outcome) for c in cats}
        for _ in range(1 + min(4, int(rng.expovariate(0.8)))):
            rid = self.report(
                day + timedelta(days=rng.choice((0, 0, 1, 1, 2))), rng.choice(self.outlets)
            )
            for span, (cat, t) in enumerate(truth.items()):
                self.incident_claim(rid, span * 50, outcome, cat, t, place, day)
        return truth

    def incident_claim(
        self, rid: str, span: int, outcome: Outcome, cat: Category, t: int,
        place: PlaceRef, day: date,
    ) -> None:  # fmt: skip
        rng = self.rng
        figure = max(1, round(t * rng.uniform(0.7, 1.2)))
        q = rng.random()
        low = high = figure
        if q < 0.5:
            qual = Qualifier.EXACT
        elif q < 0.75:
            qual = Qualifier.AT_LEAST
        elif q < 0.9:
            qual = Qualifier.ABOUT
        elif q < 0.95:
            qual, low, high = Qualifier.RANGE, max(1, figure - 3), figure + 3
        else:
            qual, figure, low, high = Qualifier.VAGUE, 12, 12, 99
        d = rng.random()
        if d < 0.8:
            when = DateRange(day, day, DatePrecision.DAY, "on the day", None)
        elif d < 0.95:
            when = DateRange()
        else:
            monday = day - timedelta(days=day.weekday())
            when = DateRange(monday, monday + timedelta(days=6), DatePrecision.WEEK, "last week")
        p = rng.random()
        if p < 0.85:
            where = place
        elif p < 0.95:
            where = self.world.admin1[(place.country or "", place.admin1 or "")]
        else:
            where = PlaceRef(mention=place.name)
        category = cat if rng.random() < 0.8 else Category.UNKNOWN
        self.add(
            rid, span, outcome=outcome, best=figure, low=low, high=high, qualifier=qual,
            category=category, place=where, date=when, scope=Scope.INCIDENT,
            quote=f"{figure} {category.value} {outcome.value} in {where.mention}",
        )  # fmt: skip

    def episode(self) -> None:
        """A monitor's running toll over one region, and the incidents inside it."""
        rng = self.rng
        key = rng.choice(list(self.world.admin1))
        region = self.world.admin1[key]
        start = _EPOCH + timedelta(days=rng.randrange(_DAYS - 40))
        length = rng.randint(4, 30)
        monitor = rng.choice(self.monitors)
        daily: dict[date, dict[Category, int]] = {}
        outcome = Outcome.KILLED
        for _ in range(rng.randint(2, 8)):
            day = start + timedelta(days=rng.randrange(length))
            truth = self.incident(rng.choice(self.world.by_admin1[key]), day)
            for cat, t in truth.items():
                daily.setdefault(day, {}).setdefault(cat, 0)
                daily[day][cat] += t
        day = start + timedelta(days=rng.randint(1, 3))
        acc = dict.fromkeys(_SPECIFIC, 0)
        last = dict.fromkeys(_SPECIFIC, 0)
        since = DateRange(start, None, DatePrecision.DAY, "since", None)
        while day <= start + timedelta(days=length + 2):
            for d in list(daily):
                if d < day:
                    for cat, t in daily.pop(d).items():
                        acc[cat] += t + rng.randint(0, 3)  # monitors count some unreported deaths
            rid = self.report(day, monitor)
            total = 0
            for span, cat in enumerate(_SPECIFIC):
                figure = acc[cat]
                if figure == 0:
                    continue
                if last[cat] and rng.random() < 0.02:
                    figure = max(1, last[cat] - rng.randint(1, 5))  # a revision downwards
                last[cat] = max(last[cat], figure)
                total += figure
                self.add(
                    rid, span * 60, outcome=outcome, best=figure, qualifier=Qualifier.EXACT,
                    category=cat, place=region, date=since, scope=Scope.CUMULATIVE,
                    attributed_to=monitor, quote=f"{figure} {cat.value} killed since {start}",
                )  # fmt: skip
            if total and rng.random() < 0.3:
                self.add(
                    rid, 500, outcome=outcome, best=total, qualifier=Qualifier.AT_LEAST,
                    category=Category.UNKNOWN, place=region, date=since, scope=Scope.CUMULATIVE,
                    attributed_to=monitor, quote=f"more than {total} killed in all",
                )  # fmt: skip
            day += timedelta(days=rng.randint(1, 3))


def generate(n_claims: int, seed: int = 1) -> tuple[list[Claim], dict[str, ReportInfo]]:
    """About ``n_claims`` claims (at least that many) and the reports they come from."""
    s = _Stream(seed)
    while len(s.claims) < n_claims:
        if s.rng.random() < 0.06:
            s.episode()
        else:
            s.incident(
                s.rng.choice(s.world.places), _EPOCH + timedelta(days=s.rng.randrange(_DAYS))
            )
    return s.claims, s.reports


def claim_to_json(c: Claim, info: ReportInfo) -> dict[str, Any]:
    """One claim and its report's date and outlet as a JSON object."""
    p, d = c.place, c.date
    return {
        "id": c.id, "report_id": c.report_id, "published": info.published.isoformat()
        if info.published else None, "source": info.source, "outcome": c.outcome.value,
        "low": c.low, "best": c.best, "high": c.high, "qualifier": c.qualifier.value,
        "category": c.category.value, "scope": c.scope.value, "attributed_to": c.attributed_to,
        "quote": c.quote, "start": c.start, "end": c.end,
        "place": {"mention": p.mention, "place_id": p.place_id, "name": p.name, "lat": p.lat,
                  "lon": p.lon, "country": p.country, "admin1": p.admin1,
                  "admin1_name": p.admin1_name, "admin2": p.admin2,
                  "precision": int(p.precision) if p.precision is not None else None},
        "date": {"start": d.start.isoformat() if d.start else None,
                 "end": d.end.isoformat() if d.end else None, "precision": d.precision.value,
                 "expression": d.expression},
    }  # fmt: skip


def claim_from_json(obj: dict[str, Any]) -> tuple[Claim, ReportInfo]:
    """The inverse of ``claim_to_json``."""
    p, d = obj["place"], obj["date"]
    prec = p.get("precision")
    claim = Claim(
        report_id=obj["report_id"], outcome=Outcome(obj["outcome"]), low=obj["low"],
        best=obj["best"], high=obj["high"], qualifier=Qualifier(obj["qualifier"]),
        start=obj["start"], end=obj["end"], quote=obj["quote"],
        category=Category(obj["category"]), scope=Scope(obj["scope"]),
        attributed_to=obj.get("attributed_to"), extractor_version=VERSION, id=obj["id"],
        place=PlaceRef(mention=p.get("mention"), place_id=p.get("place_id"), name=p.get("name"),
                       lat=p.get("lat"), lon=p.get("lon"), country=p.get("country"),
                       admin1=p.get("admin1"), admin1_name=p.get("admin1_name"),
                       admin2=p.get("admin2"),
                       precision=GeoPrecision(prec) if prec is not None else None),
        date=DateRange(date.fromisoformat(d["start"]) if d.get("start") else None,
                       date.fromisoformat(d["end"]) if d.get("end") else None,
                       DatePrecision(d.get("precision") or "unknown"), d.get("expression")),
    )  # fmt: skip
    pub = obj.get("published")
    info = ReportInfo(obj["report_id"], date.fromisoformat(pub) if pub else None, obj.get("source"))
    return claim, info


def write_jsonl(path: Any, n_claims: int, *, seed: int = 1) -> tuple[int, int]:
    """Write a synthetic stream to ``path`` (JSON lines); return (claims, reports) written."""
    claims, reports = generate(n_claims, seed)
    with open(path, "w", encoding="utf-8") as fh:
        for c in claims:
            fh.write(json.dumps(claim_to_json(c, reports[c.report_id]), ensure_ascii=False))
            fh.write("\n")
    return len(claims), len(reports)


def iter_jsonl(path: Any) -> Iterator[tuple[Claim, ReportInfo]]:
    """Read a file written by ``write_jsonl`` back, claim by claim."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield claim_from_json(json.loads(line))
