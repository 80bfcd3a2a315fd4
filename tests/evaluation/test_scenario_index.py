"""tests/scenarios/INDEX.md lists every s- scenario and its counts are the script's, not claimed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_scenario_index_is_complete_and_its_counts_are_fresh() -> None:
    done = subprocess.run(
        [sys.executable, "scripts/scenario_index.py", "--check", "--dir", "tests/scenarios"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "pitfall classes covered: 10 of 10" in done.stdout
