"""Each event's coding in ``/api/v1/events``: type, actors, and the words behind them."""

from __future__ import annotations

import json
from typing import Any

import pytest


@pytest.mark.parametrize(
    ("category", "event_type", "actor1", "actor2", "tov"),
    [
        (
            "civilians",
            "Violence against civilians",
            "Unidentified Armed Group (Syria)",
            "Civilians (Syria)",
            3,
        ),
        (
            "state_forces",
            "Battles",
            "Unidentified Armed Group (Syria)",
            "Military Forces of Syria",
            1,
        ),
    ],
)
def test_events_carry_their_coding(
    analyst: Any, category: str, event_type: str, actor1: str, actor2: str, tov: int
) -> None:
    items = analyst.get(
        "/api/v1/events", params={"outcome": "killed", "category": category}
    ).json()["items"]
    coded = [e["coding"] for e in items if e["coding"] and e["coding"]["event_type"]]
    assert coded, items
    c = coded[0]
    assert (c["event_type"], c["actor1"], c["actor2"], c["type_of_violence"]) == (
        event_type,
        actor1,
        actor2,
        tov,
    )
    assert c["evidence"]["event_type"]  # the words that made the type


def test_event_detail_has_the_coding(analyst: Any) -> None:
    first = analyst.get("/api/v1/events", params={"category": "civilians"}).json()["items"][0]
    detail = analyst.get(f"/api/v1/events/{first['id']}").json()
    assert detail["coding"] == first["coding"]


def test_cli_events_json_has_the_coding(api_db: Any) -> None:
    from typer.testing import CliRunner

    from tollwatch.cli import app

    result = CliRunner().invoke(app, ["--db", api_db.url, "events", "--json"])
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    civ = next(e for e in events if e["category"] == "civilians" and e["outcome"] == "killed")
    assert civ["coding"]["event_type"] == "Violence against civilians"
    assert civ["coding"]["interaction"] == 37
    assert civ["coding"]["evidence"]["actor1"] == "Gunmen"
