"""The scenario suite: every folder under tests/scenarios/ is one test case.

Each folder is a few reports and an expected.json (the format of
../shared/eval/scenarios/README.md, repeated in docs/evaluation.md), run through the real
pipeline in a fresh SQLite database. Scenarios that fail today are listed in
tests/scenarios/KNOWN_FAILURES.txt (``name stage reason``) and run as strict xfails: they
show in the output, and a fix that makes one pass fails the suite until its line is removed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tollwatch.evaluation.scenarios import (
    STAGES,
    CaseResult,
    load_scenario,
    migrated_template,
    run_scenario,
)

SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
KNOWN_FAILURES = SCENARIOS / "KNOWN_FAILURES.txt"


def _known_failures() -> dict[str, tuple[str, str]]:
    """name -> (stage, reason), from the lines of KNOWN_FAILURES.txt ('#' starts a comment)."""
    known: dict[str, tuple[str, str]] = {}
    if not KNOWN_FAILURES.exists():
        return known
    for line in KNOWN_FAILURES.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, stage, *reason = line.split(None, 2)
        known[name] = (stage, reason[0] if reason else "")
    return known


KNOWN = _known_failures()
FOLDERS = sorted(p for p in SCENARIOS.iterdir() if (p / "expected.json").is_file())


def _case(folder: Path) -> object:
    if folder.name in KNOWN:
        stage, reason = KNOWN[folder.name]
        return pytest.param(
            folder,
            id=folder.name,
            marks=pytest.mark.xfail(strict=True, reason=f"{stage}: {reason}"),
        )
    return pytest.param(folder, id=folder.name)


def _explain(result: CaseResult) -> str:
    lines = [f"{result.name} fails at {result.stage}: {result.why}"]
    lines += [
        f"  {f.stage} {f.field}: expected {f.expected!r}, got {f.got!r}" for f in result.failures
    ]
    return "\n".join(lines)


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated empty database, copied for every scenario."""
    return migrated_template(tmp_path_factory.mktemp("scenario-template") / "empty.db")


@pytest.mark.parametrize("folder", [_case(f) for f in FOLDERS])
def test_scenario(folder: Path, tmp_path: Path, template: Path) -> None:
    result = run_scenario(load_scenario(folder), tmp_path, template=template)
    assert result.passed, _explain(result)


def test_known_failures_name_scenarios_and_stages() -> None:
    names = {f.name for f in FOLDERS}
    for name, (stage, reason) in KNOWN.items():
        assert name in names, f"KNOWN_FAILURES.txt lists {name}, which is not a scenario folder"
        assert stage in STAGES, f"{name}: stage {stage!r} is not one of {STAGES}"
        assert reason, f"{name}: say in one line why it fails"
