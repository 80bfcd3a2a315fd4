"""Geocoding accuracy on externally labelled data (../shared/eval; see docs/evaluation.md).

Two kinds of file are read:

* ``geoparse_*.jsonl`` -- documents with gold toponym spans and coordinates. *Given gold
  toponyms*: every gold toponym with coordinates is resolved in the context of the document's
  other gold toponyms. *End to end*: our own recogniser finds the toponyms, then they are
  resolved; a gold toponym counts as correct when a recognised span overlaps it and resolves
  within 161 km.
* ``ucdp_ged_locations_*.jsonl`` -- a UCDP location string with its country and admin names.

Scores: accuracy within 161 km (an unresolved mention is a miss), median and mean error of the
resolved ones, resolution rate; the baseline is the most populous exact name match, no context.
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tollwatch.errors import MalformedRecord
from tollwatch.geo._text import name_key
from tollwatch.geo.gazetteer import Gazetteer, haversine_km
from tollwatch.geo.recognise import recognise
from tollwatch.geo.resolver import GeoContext, build_context, geocode, with_near

__all__ = ["Tally", "evaluate_file", "evaluate_files"]

ACC_KM = 161.0
NEAR_CHARS = 250


@dataclass
class Tally:
    n: int = 0
    resolved: int = 0
    within: int = 0
    errors: list[float] = field(default_factory=list)

    def add(self, lat: float | None, lon: float | None, gold_lat: float, gold_lon: float) -> None:
        self.n += 1
        if lat is None or lon is None:
            return
        self.resolved += 1
        err = haversine_km(lat, lon, gold_lat, gold_lon)
        self.errors.append(err)
        if err <= ACC_KM:
            self.within += 1

    def summary(self) -> dict[str, float | int | None]:
        return {
            "n": self.n,
            "acc_at_161km": round(self.within / self.n, 4) if self.n else None,
            "median_error_km": round(statistics.median(self.errors), 1) if self.errors else None,
            "mean_error_km": round(statistics.fmean(self.errors), 1) if self.errors else None,
            "resolution_rate": round(self.resolved / self.n, 4) if self.n else None,
        }


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedRecord(f"{path} line {line_no}: not JSON ({exc.msg})") from exc


def _baseline(gaz: Gazetteer, mention: str) -> tuple[float | None, float | None]:
    found = gaz.lookup(name_key(mention))
    if not found:
        return None, None
    best = max(found, key=lambda e: (e.population, -e.gid))
    return best.lat, best.lon


def _geoparse(path: Path, gaz: Gazetteer, end_to_end: bool) -> dict[str, Any]:
    given, base, e2e = Tally(), Tally(), Tally()
    predicted = matched_pred = recognised = 0
    gold_total = 0
    for doc in _records(path):
        gold = [t for t in doc["toponyms"] if t.get("lat") is not None and t.get("span_ok", True)]
        names = [t["name"] for t in doc["toponyms"] if t.get("span_ok", True)]
        ctx = build_context(names, gaz)
        for t in gold:
            near = [
                u["name"] for u in gold if abs(u["start"] - t["start"]) <= NEAR_CHARS and u is not t
            ]
            c = with_near(ctx, near, gaz)
            ref = geocode(t["name"], c, gaz)
            given.add(ref.lat, ref.lon, t["lat"], t["lon"])
            base.add(*_baseline(gaz, t["name"]), t["lat"], t["lon"])
        if not end_to_end:
            continue
        found = recognise(doc["text"], gaz)
        predicted += len(found)
        pctx = build_context([f.text for f in found], gaz)
        refs = [geocode(f.text, pctx, gaz) for f in found]
        gold_total += len(gold)
        used: set[int] = set()
        for t in gold:
            hit = next(
                (i for i, f in enumerate(found) if f.start < t["end"] and t["start"] < f.end), None
            )
            if hit is None:
                e2e.add(None, None, t["lat"], t["lon"])
                continue
            used.add(hit)
            recognised += 1
            e2e.add(refs[hit].lat, refs[hit].lon, t["lat"], t["lon"])
        matched_pred += len(used)
    out: dict[str, Any] = {"given_gold_toponyms": given.summary(), "baseline": base.summary()}
    if end_to_end:
        found_gold = recognised
        out["end_to_end"] = {
            **e2e.summary(),
            "recognition_recall": round(found_gold / gold_total, 4) if gold_total else None,
            "recognition_precision": round(matched_pred / predicted, 4) if predicted else None,
        }
    return out


_PAREN = re.compile(r"\s*\(.*?\)\s*")


def _ucdp(path: Path, gaz: Gazetteer) -> dict[str, Any]:
    given, base = Tally(), Tally()
    by_prec: dict[int, Tally] = {}
    for rec in _records(path):
        q = rec["query"]
        mention = _PAREN.sub(" ", q.get("where_coordinates") or rec["text"]).strip()
        admin = [a for a in (q.get("adm_1"), q.get("adm_2")) if a]
        ctx = (
            build_context([q["country"], *admin], gaz, near=admin)
            if q.get("country")
            else GeoContext()
        )
        ref = geocode(mention, ctx, gaz)
        gold = rec["gold"]
        given.add(ref.lat, ref.lon, gold["lat"], gold["lon"])
        base.add(*_baseline(gaz, mention), gold["lat"], gold["lon"])
        by_prec.setdefault(int(gold["where_prec"]), Tally()).add(
            ref.lat, ref.lon, gold["lat"], gold["lon"]
        )
    return {
        "given_gold_toponyms": given.summary(),
        "baseline": base.summary(),
        "by_where_prec": {str(k): v.summary() for k, v in sorted(by_prec.items())},
    }


def evaluate_file(path: Path, gaz: Gazetteer, *, end_to_end: bool = True) -> dict[str, Any]:
    """Scores for one evaluation file (kind decided by its name)."""
    if path.name.startswith("ucdp_ged_locations"):
        return _ucdp(path, gaz)
    return _geoparse(path, gaz, end_to_end)


def evaluate_files(paths: list[Path], gaz: Gazetteer, *, end_to_end: bool = True) -> dict[str, Any]:
    """One object: per-file scores plus ``acc_at_161km`` micro-averaged over all files."""
    by_file = {p.name: evaluate_file(p, gaz, end_to_end=end_to_end) for p in paths}
    n = sum(r["given_gold_toponyms"]["n"] for r in by_file.values())
    within = sum(
        round((r["given_gold_toponyms"]["acc_at_161km"] or 0) * r["given_gold_toponyms"]["n"])
        for r in by_file.values()
    )
    info = gaz.info()
    return {
        "acc_at_161km": round(within / n, 4) if n else None,
        "n": n,
        "gazetteer": {"path": info["path"], "places": info["places"], "meta": info["meta"]},
        "by_file": by_file,
    }
