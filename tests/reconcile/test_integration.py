"""The real pipeline (ingest -> extract -> geocode -> reconcile) on the sample corpus and on
the shared example. Slow: spaCy and the gazetteer load once per module."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import Engine

from tollwatch.cli._explain import rich_tree
from tollwatch.extract.service import extract_reports
from tollwatch.geo.service import geocode_reports
from tollwatch.ingest import sample_dir, sample_paths
from tollwatch.ingest.service import ingest_paths
from tollwatch.reconcile.service import explain, query_tolls, reconcile_all
from tollwatch.store import open_engine

pytestmark = pytest.mark.slow


def _pipeline(db: Path, paths: list[Path]) -> Engine:
    engine = open_engine(f"sqlite:///{db}")
    ingest_paths(engine, paths)
    extract_reports(engine, None)
    geocode_reports(engine, None)
    reconcile_all(engine)
    return engine


@pytest.fixture(scope="module")
def sample_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    with sample_dir() as folder:
        engine = _pipeline(tmp_path_factory.mktemp("sample") / "t.db", sample_paths(folder))
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def example_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    from conftest import EXAMPLE

    if not EXAMPLE.exists():
        pytest.skip(f"{EXAMPLE} is absent (../shared exists only for the team and CI)")
    engine = _pipeline(tmp_path_factory.mktemp("example") / "t.db", [EXAMPLE])
    yield engine
    engine.dispose()


def _text(tree: object) -> str:
    buf = io.StringIO()
    Console(file=buf, width=400, color_system=None).print(tree)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("category", "best"),
    [
        ("civilians", 63),
        ("state_forces", 12),
        ("non_state_armed", 20),
        ("unknown", 0),
        ("total", 95),
    ],
)
def test_integration_sample_corpus_killed(sample_engine: Engine, category: str, best: int) -> None:
    assert query_tolls(sample_engine)["tolls"]["killed"][category]["best"] == best


def test_integration_sample_incident_a_and_running_toll(sample_engine: Engine) -> None:
    out = query_tolls(sample_engine)
    konduga = [e for e in out["events"] if e["place"] == "Konduga" and e["outcome"] == "killed"]
    assert len(konduga) == 1
    assert (konduga[0]["low"], konduga[0]["high"]) == (18, 21)
    assert konduga[0]["covered_by"]
    civilians = [
        s for s in out["series"] if s["category"] == "civilians" and s["outcome"] == "killed"
    ]
    assert [s["best"] for s in civilians] == [57]
    text = _text(rich_tree(explain(sample_engine)))
    assert "superseded 30" in text and "superseded 52" in text
    for naive in ("139", "361"):  # the running toll summed; every killed figure summed
        assert not re.search(rf"\b{naive}\b", text)


def test_integration_example_killed_and_explain(example_engine: Engine) -> None:
    killed = query_tolls(example_engine)["tolls"]["killed"]
    assert {k: v["best"] for k, v in killed.items()} == {
        "civilians": 745, "state_forces": 125, "non_state_armed": 148, "unknown": 0, "total": 1018,
    }  # fmt: skip
    text = _text(rich_tree(explain(example_engine)))
    covered = [line for line in text.splitlines() if "already counted there, not added" in line]
    assert any("Tuwaym" in line for line in covered)
    assert any("Baniyas" in line or "Bāniyās" in line for line in covered)
    assert not re.search(r"\b1,?074\b", text)
