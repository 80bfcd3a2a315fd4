"""Running-toll families, scopes, and the synthetic stream's reconciliation invariants."""

from __future__ import annotations

from datetime import date

import pytest
from reconcile_kit import PLACES

from tollwatch.models import Category
from tollwatch.reconcile import reconcile, tally, tolls_json
from tollwatch.reconcile.figures import Range
from tollwatch.reconcile.places import region_for
from tollwatch.reconcile.series import FamilyFigures, combine_families, running_value

BORNO = region_for(PLACES["Borno"], None)
KONDUGA = region_for(PLACES["Konduga"], None)
CIV = Category.CIVILIANS


def fam(fid: str, source: str, region: object, start: str, end: str, best: int) -> FamilyFigures:
    return FamilyFigures(
        fid, source, region, date.fromisoformat(start), date.fromisoformat(end),  # type: ignore[arg-type]
        {CIV: Range(best, best, best)},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("families", "expected"),
    [
        # one source, two periods that do not overlap: different people, they add up
        ([fam("a", "M", BORNO, "2025-01-01", "2025-01-20", 30), fam("b", "M", BORNO, "2025-03-01", "2025-03-09", 12)], 42),
        # one source, a town inside its region over the same days: the same people
        ([fam("a", "M", BORNO, "2025-01-01", "2025-01-20", 30), fam("b", "M", KONDUGA, "2025-01-05", "2025-01-09", 12)], 30),
        # two sources over the same ground: the larger, never the sum
        ([fam("a", "M", BORNO, "2025-01-01", "2025-01-20", 30), fam("b", "N", BORNO, "2025-01-02", "2025-01-21", 35)], 35),
    ],
)  # fmt: skip
def test_series_combine_families(families: list[FamilyFigures], expected: int) -> None:
    cum, total = combine_families(families)
    assert cum[CIV].best == expected and total.best == expected


@pytest.mark.parametrize(
    ("bulletins", "expected"),
    [([30, 52, 57], (57, 57, 57)), ([52, 40], (40, 52, 52)), ([10], (10, 10, 10)), ([], None)],
)
def test_series_running_value(bulletins: list[int], expected: tuple[int, int, int] | None) -> None:
    value = running_value([Range(b, b, b) for b in bulletins])
    assert (None if value is None else (value.low, value.best, value.high)) == expected


def test_series_synthetic_stream_is_reconciled_consistently() -> None:
    from tollwatch.reconcile.synth import generate

    claims, reports = generate(3000, seed=5)
    rec = reconcile(claims, reports)
    tolls = tolls_json(tally(rec.events, rec.scopes)[0])
    naive = sum(c.best or 0 for c in claims if c.outcome.value == "killed")
    killed = tolls["killed"]["total"]
    assert 0 < killed["best"] < naive  # duplicates and running tolls are not summed
    assert killed["low"] <= killed["best"] <= killed["high"]
    assert len({e.id for e in rec.events}) == len(rec.events)
    # the same stream in reverse order gives the same result
    again = reconcile(list(reversed(claims)), reports)
    assert [e.id for e in again.events] == [e.id for e in rec.events]
    assert tolls_json(tally(again.events, again.scopes)[0]) == tolls
