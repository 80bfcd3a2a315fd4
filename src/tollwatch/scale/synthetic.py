"""Generated reports for load tests and benchmarks of scale-out runs (never real events).

Every text is assembled from sentences written for this module, with invented places and
figures; the mix (several claims per report, ranges, qualifiers, demographics, attribution,
cumulative tolls, and numbers that are not casualties) resembles a news feed closely enough
to exercise the extractor. ``generate_reports(n, seed)`` is pure and repeatable.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert

from tollwatch.models import Report
from tollwatch.store import transaction
from tollwatch.store.tables import reports

__all__ = ["generate_reports", "store_reports"]

_PLACES = [
    "Qarat Nadir", "Tell Ashur", "Wadi Semra", "Kafr Lunet", "Bir Tawila",
    "Ain Dalwa", "Marj Halim", "Deir Safun", "Jisr Hamra", "Khirbet Zaro",
]  # fmt: skip
_PROVINCES = ["Eastern Province", "Northern Governorate", "the coastal region", "Southern District"]
_SOURCES = [
    "the regional health ministry",
    "a local monitoring group",
    "the civil defence service",
    "hospital officials",
    "a United Nations spokesperson",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WORDS = {
    2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
    9: "nine", 11: "eleven", 12: "twelve", 15: "fifteen", 20: "twenty",
}  # fmt: skip


def _count(rng: random.Random, low: int, high: int) -> str:
    n = rng.randint(low, high)
    if n in _WORDS and rng.random() < 0.4:
        return _WORDS[n]
    return f"{n:,}"


def _incident(rng: random.Random) -> str:
    place = rng.choice(_PLACES)
    day = rng.choice(_WEEKDAYS)
    n = _count(rng, 2, 60)
    forms = [
        f"At least {n} civilians were killed in {place} on {day}, {rng.choice(_SOURCES)} said.",
        f"An air strike on a market in {place} killed {n} people and wounded "
        f"{_count(rng, 3, 90)} others on {day}.",
        f"Gunmen attacked a checkpoint near {place} on {day}, killing {n} soldiers.",
        f"Between {rng.randint(5, 15)} and {rng.randint(16, 40)} fighters died in clashes "
        f"outside {place}, according to {rng.choice(_SOURCES)}.",
        f"Shelling of {place} left {n} dead, among them {_count(rng, 2, 9)} children "
        f"and {_count(rng, 2, 5)} women.",
        f"Police said {n} people were abducted from a bus travelling to {place} on {day}.",
        f"About {rng.randint(2, 9) * 100} families fled {place} after the fighting.",
        f"No casualties were reported after a drone struck an empty depot in {place}.",
    ]
    return rng.choice(forms)


def _context(rng: random.Random) -> str:
    place = rng.choice(_PLACES)
    forms = [
        f"The death toll from the violence in {rng.choice(_PROVINCES)} has risen to "
        f"{rng.randint(100, 2500):,} since the start of the month, {rng.choice(_SOURCES)} reported.",
        f"A {rng.randint(18, 80)}-year-old shopkeeper from {place} described the night of shelling.",
        f"The convoy was stopped {rng.randint(2, 40)} kilometres north of {place}.",
        f"Residents said the road to {place} had been closed for {_count(rng, 2, 9)} weeks.",
        f"The {rng.randint(5, 14)}-year conflict has destroyed {rng.randint(10, 300)} schools "
        f"in {rng.choice(_PROVINCES)}.",
        f"Aid agencies appealed for ${rng.randint(2, 90)} million to reach {place}.",
    ]
    return rng.choice(forms)


def _text(rng: random.Random) -> str:
    parts = [_incident(rng)]
    for _ in range(rng.randint(1, 4)):
        parts.append(_incident(rng) if rng.random() < 0.5 else _context(rng))
    rng.shuffle(parts)
    return " ".join(parts)


def generate_reports(n: int, *, seed: int = 0, start: date = date(2025, 1, 1)) -> list[Report]:
    """``n`` distinct invented reports with publication dates from ``start`` on."""
    rng = random.Random(seed)
    out: list[Report] = []
    for i in range(n):
        text = f"{_text(rng)} (Dispatch {seed}-{i}.)"
        published = start + timedelta(days=rng.randint(0, 364))
        out.append(
            Report.create(
                text,
                url=f"https://example.org/scale/{seed}/{i}",
                title=f"Dispatch {i}",
                published=published,
                origin="synthetic",
            )
        )
    return out


def store_reports(engine: Engine, items: Iterable[Report], *, batch: int = 500) -> int:
    """Insert reports (not yet extracted) for a load test; return how many were stored."""
    now = datetime.now(UTC)
    rows = [
        {
            "id": r.id,
            "content_hash": r.content_hash,
            "url": r.url,
            "title": r.title,
            "text": r.text,
            "published": r.published,
            "date_missing": r.published is None,
            "language": r.language,
            "origin": r.origin,
            "sensitive": r.sensitive,
            "ingested_at": now,
        }
        for r in items
    ]
    for i in range(0, len(rows), batch):
        with transaction(engine) as conn:
            conn.execute(insert(reports), rows[i : i + batch])
    return len(rows)
