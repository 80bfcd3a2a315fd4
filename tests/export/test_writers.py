from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest

from tollwatch.export.to_csv import csv_chunks
from tollwatch.export.to_geojson import geojson_chunks
from tollwatch.export.to_jsonl import jsonl_chunks

COLUMNS = ("id", "best", "quote", "lat", "lon")
RECORDS = [
    {"id": "c1", "best": 12, "quote": 'said "twelve", then left', "lat": 34.5, "lon": 36.2},
    {"id": "c2", "best": None, "quote": '=HYPERLINK("x")', "lat": None, "lon": None},
    {"id": "c3", "best": 0, "quote": "línea\nnueva", "lat": 0.0, "lon": 0.0},
]


def test_csv_round_trips_and_blocks_formulas() -> None:
    text = "".join(csv_chunks(RECORDS, COLUMNS, rows_per_chunk=2))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["id"] for r in rows] == ["c1", "c2", "c3"]
    assert rows[0]["quote"] == 'said "twelve", then left'
    assert rows[1]["best"] == ""  # unknown stays empty, never 0
    assert rows[2]["best"] == "0"
    assert rows[1]["quote"] == '\'=HYPERLINK("x")'
    assert rows[2]["quote"] == "línea\nnueva"


def test_jsonl_one_object_per_line_with_nulls() -> None:
    lines = "".join(jsonl_chunks(RECORDS, COLUMNS, rows_per_chunk=2)).splitlines()
    assert [json.loads(line) for line in lines] == RECORDS


def test_geojson_is_a_feature_collection_and_keeps_unlocated() -> None:
    doc = json.loads("".join(geojson_chunks(RECORDS, COLUMNS, id_key="id", rows_per_chunk=2)))
    assert doc["type"] == "FeatureCollection"
    assert [f["id"] for f in doc["features"]] == ["c1", "c2", "c3"]
    assert doc["features"][0]["geometry"] == {"type": "Point", "coordinates": [36.2, 34.5]}
    assert doc["features"][1]["geometry"] is None
    assert doc["features"][2]["geometry"]["coordinates"] == [0.0, 0.0]
    assert "lat" not in doc["features"][0]["properties"]


def test_geojson_empty_collection_is_valid() -> None:
    assert json.loads("".join(geojson_chunks([], COLUMNS, id_key="id")))["features"] == []


def _endless() -> Iterator[dict[str, Any]]:
    for n in itertools.count():
        yield {"id": f"c{n}", "best": n, "quote": "q", "lat": 1.0, "lon": 2.0}


@pytest.mark.parametrize(
    "chunks",
    [
        lambda r: csv_chunks(r, COLUMNS, rows_per_chunk=100),
        lambda r: jsonl_chunks(r, COLUMNS, rows_per_chunk=100),
        lambda r: geojson_chunks(r, COLUMNS, id_key="id", rows_per_chunk=100),
    ],
)
def test_writers_stream_without_reading_everything(chunks: Any) -> None:
    # An endless input: a writer that collected its input first would never return.
    first = next(chunks(_endless()))
    assert 50 < first.count("c") < 1000
