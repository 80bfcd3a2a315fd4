"""Place labels for the offline map, drawn from the gazetteer itself.

Larger towns first and more of them as one zooms in; admin-1 names at their centres at
regional zooms. ``labels_in`` is pure: the points come from ``Gazetteer.label_points``,
loaded once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

__all__ = [
    "PRECISION_CLASSES",
    "label_points",
    "labels_in",
    "min_population",
    "precision_class",
    "warm_labels",
]

Point = tuple[str, float, float, int, str]

# the smallest town labelled at each zoom (Leaflet zoom levels; ~1 world .. 14 streets)
_THRESHOLDS = ((3, 5_000_000), (4, 1_500_000), (5, 500_000), (6, 150_000), (7, 50_000), (8, 20_000))
_FLOOR = 5_000  # below this no town is labelled, whatever the zoom
ADMIN1_ZOOMS = (4.0, 8.0)  # admin-1 names between these zooms

# how a marker shows its place precision (models.GeoPrecision values)
PRECISION_CLASSES = {
    1: "town",
    2: "town",
    3: "district",
    4: "province",
    5: "province",
    6: "country",
}


def precision_class(precision: int | None) -> str:
    """The marker class for a GeoPrecision value: town, district, province or country."""
    return PRECISION_CLASSES.get(precision or 0, "unknown")


def min_population(zoom: float) -> int:
    for z, pop in _THRESHOLDS:
        if zoom <= z:
            return pop
    return _FLOOR


_LOAD = threading.Lock()


def label_points() -> tuple[Point, ...]:
    """Every labellable point of the configured gazetteer, largest first: read once per
    process, by one thread (concurrent first requests wait for it instead of each reading
    the gazetteer and holding a worker thread)."""
    with _LOAD:
        return _label_points()


@lru_cache(maxsize=1)
def _label_points() -> tuple[Point, ...]:
    from tollwatch.geo.service import load_gazetteer

    points = load_gazetteer().label_points(_FLOOR)
    return tuple(sorted(points, key=lambda p: -p[3]))


def warm_labels() -> threading.Thread:
    """Read the label points in the background (the server starts this at start-up)."""
    thread = threading.Thread(target=label_points, name="tollwatch-map-labels", daemon=True)
    thread.start()
    return thread


def labels_in(
    points: Sequence[Point],
    bbox: tuple[float, float, float, float],
    zoom: float,
    *,
    limit: int = 120,
) -> list[dict[str, Any]]:
    """The labels to draw in ``bbox`` (west, south, east, north) at ``zoom``, largest first."""
    west, south, east, north = bbox
    floor = min_population(zoom)
    wraps = west > east  # a view across the antimeridian

    def inside(lat: float, lon: float) -> bool:
        if not south <= lat <= north:
            return False
        return (lon >= west or lon <= east) if wraps else west <= lon <= east

    out: list[dict[str, Any]] = []
    towns = 0
    for name, lat, lon, population, kind in points:
        if kind == "admin1":
            if not ADMIN1_ZOOMS[0] <= zoom <= ADMIN1_ZOOMS[1]:
                continue
        elif population < floor or towns >= limit:
            continue
        if not inside(lat, lon):
            continue
        if kind != "admin1":
            towns += 1
        out.append({"name": name, "lat": round(lat, 4), "lon": round(lon, 4), "kind": kind})
    return out
