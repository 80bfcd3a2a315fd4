"""End-to-end placing of claims on ACLED notes (../shared/eval; never redistributed).

Each note's ``text_no_coder_notes`` is extracted with its date, its claims are placed by
``tollwatch.geo.linking.place_claims`` exactly as ``tollwatch geocode`` places stored claims,
and the claims are compared with ACLED's coded point. Scored notes: those whose coded
``location`` appears in the text (flag ``location_in_text``) and that yield at least one claim.

* ``claims_within_161km``: share of those notes' claims placed within 161 km of ACLED's point
  (an unplaced claim is a miss);
* ``notes_placed``: share of those notes with at least one placed claim;
* ``claims_admin1_match``: share of claims whose admin1 name is ACLED's ``admin1``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tollwatch.evaluation.extraction import EvalError
from tollwatch.extract import extract_many
from tollwatch.geo._text import name_key
from tollwatch.geo.gazetteer import Gazetteer, haversine_km
from tollwatch.geo.linking import ClaimSpot, place_claims
from tollwatch.models import Claim, PlaceRef, Scope

__all__ = ["PlaceRow", "load_place_rows", "place_rows", "score_places"]

ACC_KM = 161.0


@dataclass(frozen=True, slots=True)
class PlaceRow:
    id: str
    text: str
    published: date | None
    location: str
    admin1: str | None
    lat: float
    lon: float
    geo_precision: int | None
    location_in_text: bool


def load_place_rows(path: Path, *, limit: int | None = None) -> list[PlaceRow]:
    """ACLED note rows with their coded location; a broken line is named."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read {path}: {exc.strerror}", hint="check the path") from exc
    rows: list[PlaceRow] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            gold = obj["gold"]
            if gold.get("lat") is None or gold.get("lon") is None:
                continue
            rows.append(
                PlaceRow(
                    id=str(obj["id"]),
                    text=str(obj["text_no_coder_notes"]),
                    published=date.fromisoformat(obj["date"]) if obj.get("date") else None,
                    location=str(gold.get("location") or ""),
                    admin1=gold.get("admin1"),
                    lat=float(gold["lat"]),
                    lon=float(gold["lon"]),
                    geo_precision=gold.get("geo_precision"),
                    location_in_text=bool((obj.get("flags") or {}).get("location_in_text")),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise EvalError(
                f"{path}:{number}: not an ACLED note row ({exc})",
                hint="expected acled_extraction_*.jsonl",
            ) from exc
        if limit is not None and len(rows) >= limit:
            break
    return rows


def place_rows(
    rows: Sequence[PlaceRow], gazetteer: Gazetteer, *, nlp: Any = None
) -> list[tuple[PlaceRow, list[Claim], list[PlaceRef]]]:
    """Extract and place the claims of every row."""
    found = extract_many(((r.text, r.published, r.id) for r in rows), nlp=nlp)
    out: list[tuple[PlaceRow, list[Claim], list[PlaceRef]]] = []
    for row, claims in zip(rows, found, strict=True):
        spots = [
            ClaimSpot(c.start, c.end, c.place.mention, c.scope is Scope.CUMULATIVE) for c in claims
        ]
        out.append((row, claims, place_claims(row.text, spots, gazetteer)))
    return out


def _within(ref: PlaceRef, row: PlaceRow) -> bool:
    if ref.lat is None or ref.lon is None:
        return False
    return haversine_km(ref.lat, ref.lon, row.lat, row.lon) <= ACC_KM


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def score_places(results: Sequence[tuple[PlaceRow, list[Claim], list[PlaceRef]]]) -> dict[str, Any]:
    """The metrics object (see the module docstring)."""
    scored = [(row, refs) for row, claims, refs in results if row.location_in_text and claims]
    n_claims = sum(len(refs) for _row, refs in scored)
    within = sum(_within(ref, row) for row, refs in scored for ref in refs)
    admin1 = sum(
        bool(row.admin1 and ref.admin1_name and name_key(ref.admin1_name) == name_key(row.admin1))
        for row, refs in scored
        for ref in refs
    )
    placed_notes = sum(any(ref.place_id for ref in refs) for _row, refs in scored)
    links: Counter[str] = Counter(ref.link or "unplaced" for _row, refs in scored for ref in refs)
    by_prec: dict[str, Any] = {}
    for prec in sorted({row.geo_precision for row, _refs in scored}, key=lambda p: p or 0):
        sub = [(row, refs) for row, refs in scored if row.geo_precision == prec]
        n = sum(len(refs) for _row, refs in sub)
        by_prec[str(prec)] = {
            "claims": n,
            "claims_within_161km": _ratio(sum(_within(f, r) for r, fs in sub for f in fs), n),
        }
    return {
        "notes": len(results),
        "scored_notes": len(scored),
        "claims": n_claims,
        "claims_within_161km": _ratio(within, n_claims),
        "notes_placed": _ratio(placed_notes, len(scored)),
        "claims_admin1_match": _ratio(admin1, n_claims),
        "links": dict(sorted(links.items())),
        "by_geo_precision": by_prec,
    }
