"""benchmarks/reconcile.py runs end to end at a tiny size (its timings are not asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "reconcile.py"


def test_benchmark_smoke_runs() -> None:
    args = ["--claims", "400", "--queries", "5", "--slice", "200", "--no-pg"]
    done = subprocess.run(
        [sys.executable, str(BENCH), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "query_tolls over 5 random filters" in done.stdout
    assert "naive O(n^2) clustering" in done.stdout


def test_benchmark_flat_mode_smoke_runs() -> None:
    """--flat prints, per database, each size's p50/p95 and the largest/smallest p95 ratio."""
    args = ["--flat", "150,300", "--queries", "5", "--repeat", "1", "--no-pg"]
    done = subprocess.run(
        [sys.executable, str(BENCH), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "[sqlite] query_tolls, 5 filters" in done.stdout
    assert "[sqlite] events listing, 5 filters" in done.stdout
    assert "p95 300/150" in done.stdout
