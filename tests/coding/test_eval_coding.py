"""`eval coding`: old ACLED type names, the confusion table, and the shared notes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tollwatch.cli import app
from tollwatch.coding import code_event
from tollwatch.evaluation.coding import load_coding_rows, recoded, score_coding, today


@pytest.mark.parametrize(
    ("coded", "allowed"),
    [
        ("Battle-No change of territory", ("Battles",)),
        ("Battle-Government regains territory", ("Battles",)),
        ("Remote violence", ("Explosions/Remote violence",)),
        ("Riots/Protests", ("Riots", "Protests")),
        ("Strategic development", ("Strategic developments",)),
        ("Violence Against Civilians", ("Violence against civilians",)),
        ("Protests", ("Protests",)),
    ],
)
def test_old_type_names_map_onto_todays(coded: str, allowed: tuple[str, ...]) -> None:
    assert today(coded) == allowed


def _note(
    i: int, text: str, etype: str, a1: str | None, a2: str | None, day: str = "2020-05-01"
) -> str:
    gold = {"event_type": etype, "sub_event_type": None, "actor1": a1, "actor2": a2}
    return json.dumps(
        {
            "id": f"n{i}",
            "text_no_coder_notes": text,
            "country": "Nigeria",
            "gold": gold,
            "date": day,
        }
    )


def test_scores_and_confusion_on_written_notes(tmp_path: Path) -> None:
    f = tmp_path / "notes.jsonl"
    f.write_text(
        "\n".join(
            [
                _note(
                    0,
                    "Students staged a protest over fees.",
                    "Riots/Protests",
                    "Protesters (Nigeria)",
                    None,
                ),
                _note(
                    1,
                    "Gunmen killed three farmers.",
                    "Violence against civilians",
                    "Unidentified Armed Group (Nigeria)",
                    "Civilians (Nigeria)",
                ),
                # coded as a battle by the annotator; our rules say otherwise: a miss
                _note(
                    2,
                    "Gunmen killed three farmers at dusk.",
                    "Battle-No change of territory",
                    "Unidentified Armed Group (Nigeria)",
                    "Civilians (Nigeria)",
                    day="2015-03-02",
                ),
            ]
        ),
        encoding="utf-8",
    )
    m = score_coding(load_coding_rows(f))
    assert m["n"] == 3
    assert m["event_type_accuracy"] == round(2 / 3, 4)
    assert m["confusion"]["Battles"] == {"Violence against civilians": 1}
    assert m["confusion"]["Riots/Protests"] == {"Protests": 1}
    assert m["actor1"]["match"] == 1.0
    assert m["actor2"]["match"] == 1.0
    parts = m["by_codebook"]
    assert parts["older (before 2019)"]["n"] == 1
    assert parts["older (before 2019)"]["event_type_accuracy"] == 0.0
    assert parts["current"]["event_type_accuracy"] == 1.0


@pytest.mark.parametrize(
    ("old_type", "text", "allowed"),
    [
        # a suicide bombing at a market: violence against civilians then, an explosion now
        (
            "Violence against civilians",
            "A suicide bomber blew himself up at the cattle market, killing nine traders.",
            True,
        ),
        # a suicide attack on a checkpoint: a battle then, an explosion now
        (
            "Battle-No change of territory",
            "A suicide bomber struck an army checkpoint outside the town, killing two soldiers.",
            True,
        ),
        # mob justice: violence against civilians then, mob violence now
        (
            "Violence against civilians",
            "An angry mob beat a suspected thief to death at the bus stop.",
            True,
        ),
        # the police firing on marchers: violence against civilians then, a protest now
        (
            "Violence against civilians",
            "Police opened fire on protesters marching to the palace, killing three.",
            True,
        ),
        # a shooting of villagers stays what it was: calling it a battle is still a miss
        (
            "Violence against civilians",
            "Soldiers and rebels clashed at the ford; four fighters died.",
            False,
        ),
        # a battle was never a riot
        (
            "Battle-No change of territory",
            "An angry mob beat a suspected thief to death at the bus stop.",
            False,
        ),
    ],
)
def test_older_types_as_acled_recoded_them(old_type: str, text: str, allowed: bool) -> None:
    assert recoded(old_type, code_event(text, country="Nigeria")) is allowed


def test_recoded_accuracy_counts_only_older_rows(tmp_path: Path) -> None:
    bombing = "A suicide bomber blew himself up at the cattle market, killing nine traders."
    f = tmp_path / "notes.jsonl"
    f.write_text(
        "\n".join(
            [
                _note(0, bombing, "Violence against civilians", None, None, day="2015-06-01"),
                _note(1, bombing, "Violence against civilians", None, None, day="2020-06-01"),
            ]
        ),
        encoding="utf-8",
    )
    m = score_coding(load_coding_rows(f))
    assert m["event_type_accuracy"] == 0.0
    assert m["event_type_accuracy_recoded"] == 0.5
    assert m["by_codebook"]["older (before 2019)"]["event_type_accuracy_recoded"] == 1.0
    assert m["by_codebook"]["current"]["event_type_accuracy_recoded"] == 0.0


DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "acled_extraction_dev.jsonl"


@pytest.mark.skipif(not DEV.exists(), reason="shared ACLED notes absent (../shared/eval)")
def test_cli_on_acled_dev_notes() -> None:
    result = CliRunner().invoke(app, ["eval", "coding", str(DEV), "--limit", "400", "--json"])
    assert result.exit_code == 0, result.output
    m = json.loads(result.output)
    assert m["n"] == 400
    assert m["event_type_accuracy"] >= 0.7
