"""The offline map names its places: gazetteer labels (larger towns first, more as one zooms
in), a name beside each event marker, and each marker's place precision in its outline and
in a key. Unit tests for the label choice; browser tests on the sample corpus and on the
shared example's episode."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tollwatch.config import Settings
from tollwatch.web.labels import labels_in, min_population, precision_class
from web.conftest import LiveServer, _open_page

POINTS = [
    ("Bigcity", 10.0, 10.0, 2_000_000, "town"),
    ("Midtown", 10.5, 10.5, 200_000, "town"),
    ("Smallville", 10.2, 10.1, 8_000, "town"),
    ("Faraway", 50.0, 50.0, 3_000_000, "town"),
    ("North Province", 10.4, 10.3, 900_000, "admin1"),
]


def test_labels_show_more_towns_as_one_zooms_in() -> None:
    box = (9.0, 9.0, 11.0, 11.0)
    assert [p["name"] for p in labels_in(POINTS, box, 3)] == []
    assert [p["name"] for p in labels_in(POINTS, box, 5)] == ["Bigcity", "North Province"]
    assert [p["name"] for p in labels_in(POINTS, box, 10)] == [
        "Bigcity",
        "Midtown",
        "Smallville",
    ]
    assert min_population(2) > min_population(6) > min_population(12)


def test_labels_stay_inside_the_view_and_under_the_limit() -> None:
    assert "Faraway" not in {p["name"] for p in labels_in(POINTS, (9, 9, 11, 11), 12)}
    assert len(labels_in(POINTS, (-180, -90, 180, 90), 12, limit=2)) == 2


@pytest.mark.parametrize(
    ("precision", "expected"),
    [(1, "town"), (2, "town"), (3, "district"), (4, "province"), (6, "country"), (None, "unknown")],
)
def test_marker_precision_classes(precision: int | None, expected: str) -> None:
    assert precision_class(precision) == expected


def test_labels_feed_is_public_gazetteer_data(http: httpx.Client) -> None:
    r = http.get("/map/labels.json", params={"bbox": "11,10,15,14", "zoom": "7"})
    assert r.status_code == 200
    names = {p["name"] for p in r.json()["labels"]}
    assert "Maiduguri" in names  # Borno's capital, the sample corpus's region
    assert http.get("/map/labels.json", params={"bbox": "x", "zoom": "7"}).status_code == 422


def _check_map(pg: Any, expect_any: set[str], shot: Path, *, open_clusters: bool = True) -> None:
    pg.goto("/map")
    pg.wait_for_selector("#map[data-ready]", state="attached")
    pg.wait_for_selector("#map[data-labels]", state="attached", timeout=15_000)
    labels = set(pg.locator(".tw-label span").all_inner_texts())
    assert labels & expect_any, labels
    for _ in range(12 if open_clusters else 0):  # open clusters until single markers show
        if pg.locator(".leaflet-marker-icon.tw-marker").count():
            break
        pg.locator(".leaflet-marker-icon.tw-cluster").first.dispatch_event("click")
        pg.wait_for_timeout(500)
    assert pg.locator(".tw-legend").inner_text().startswith("Place known to")
    markers = pg.locator(".leaflet-marker-icon.tw-marker")
    if open_clusters or markers.count():
        marker = markers.first
        assert "precision-" in (marker.get_attribute("class") or "")
        assert "place known to" in (marker.get_attribute("aria-label") or "")
        # each marker is named by its place (title on hover, accessible name for readers)
        assert " in " in (marker.get_attribute("title") or "")
    pg.screenshot(path=str(shot), full_page=True)


@pytest.mark.browser
def test_browser_map_names_places_on_the_sample(
    browser: Any, live_server: LiveServer, screenshots: Path
) -> None:
    with _open_page(browser, live_server) as pg:
        _check_map(pg, {"Maiduguri", "Borno", "Konduga", "Bama"}, screenshots / "map-labels.png")


@pytest.fixture
def example_server(example_path: Path, tmp_path: Path) -> Iterator[LiveServer]:
    url = f"sqlite:///{tmp_path / 'example.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "tollwatch", "--db", url, "ingest", str(example_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "TOLLWATCH_DATABASE_URL": url},
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    server = LiveServer(Settings(database_url=url, public_read=True))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.browser
def test_browser_map_names_places_of_the_shared_example(
    browser: Any, example_server: LiveServer, screenshots: Path
) -> None:
    with _open_page(browser, example_server) as pg:
        _check_map(
            pg,
            {"Latakia", "Ţarţūs", "Tartus", "Bāniyās", "Baniyas", "Jableh", "Jablah"},
            screenshots / "map-labels-example.png",
            open_clusters=False,  # two of its events share one point: a cluster that stays one
        )
