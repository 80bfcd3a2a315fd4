"""Multi-report counting scenarios: ingest a folder of reports, compare with expected.json.

A scenario is a folder of reports (``.txt``/``.md``/``.html``/``.csv``/``.jsonl``) and an
``expected.json`` stating what a careful analyst concludes after reading all of them (the
format is the one of ``../shared/eval/scenarios/README.md``; docs/evaluation.md repeats it).

``run_scenario`` gives each scenario a fresh SQLite database in a folder of its own, stores
every report the way ``tollwatch ingest`` does and runs the same pipeline (extract, geocode,
reconcile); it then reads the claims as ``tollwatch claims --json`` prints them and the tolls
as ``tollwatch tolls --json`` does. ``check`` is pure: it compares that observation with the
expectation and names the stage at fault for every failure:

* ``ingest``: a report was rejected (and the scenario does not allow it), or the pipeline
  stopped with an error;
* ``extraction``: an expected claim matched no extracted claim;
* ``geocoding``: an expected claim is found but for the fields the geocoder fills
  (``place_name``, ``country``, ``admin1``, ...);
* ``reconciliation``: tolls, event count or a forbidden total are wrong.

A toll failure in a scenario whose ingest, extraction or geocoding already failed is laid at
that earlier stage: the reconciliation was given the wrong claims.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tollwatch.errors import TollwatchError
from tollwatch.evaluation.extraction import EvalError

__all__ = [
    "GEO_FIELDS",
    "OUTCOMES",
    "REPORT_SUFFIXES",
    "STAGES",
    "CaseResult",
    "Failure",
    "Observation",
    "Scenario",
    "check",
    "find_scenarios",
    "load_scenario",
    "migrated_template",
    "observe",
    "run_scenario",
    "run_scenarios",
    "summary",
]

#: The stages a failure can be laid at, in pipeline order.
STAGES = ("ingest", "extraction", "geocoding", "reconciliation")
#: The fields of `claims --json` the geocoder fills (an expected claim found but for these is
#: a geocoding failure).
GEO_FIELDS = frozenset({"place_id", "place_name", "lat", "lon", "admin1", "country", "precision"})
#: The outcomes expected.json may state tolls for.
OUTCOMES = ("killed", "injured", "missing")
#: Report files read from a scenario folder (everything else, e.g. expected.json, is not).
REPORT_SUFFIXES = (".txt", ".md", ".html", ".htm", ".csv", ".jsonl")
_BOUNDS = ("best", "min", "max", "low_range", "high_range")


@dataclass(frozen=True, slots=True)
class Scenario:
    name: str
    path: Path
    reports: tuple[Path, ...]
    expected: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Failure:
    stage: str  # one of STAGES
    field: str  # e.g. "killed.total.best", "events.count", "claims[0]", "report b.txt"
    expected: Any
    got: Any

    def as_dict(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "field": self.field,
            "expected": self.expected,
            "got": self.got,
        }


@dataclass(frozen=True, slots=True)
class CaseResult:
    name: str
    failures: tuple[Failure, ...]
    why: str = ""
    seconds: float = 0.0

    @property
    def passed(self) -> bool:
        return not self.failures

    @property
    def stage(self) -> str | None:
        """The earliest stage at fault (None when the case passed)."""
        stages = {f.stage for f in self.failures}
        return next((s for s in STAGES if s in stages), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "passed": self.passed,
            "stage": self.stage,
            "why": self.why,
            "failures": [f.as_dict() for f in self.failures],
        }


@dataclass(frozen=True, slots=True)
class Observation:
    """What the system said about one scenario, in the shapes its commands print."""

    rejected: tuple[str, ...] = ()  # one line per rejected input ("b.csv:3: reason")
    errors: tuple[str, ...] = ()  # the pipeline stopped with these errors
    claims: tuple[Mapping[str, Any], ...] = ()  # as `tollwatch claims --json`
    tolls: Mapping[str, Any] = field(default_factory=dict)  # `tolls --json` "tolls"
    events: int = 0  # rows of `tolls --json` "events"


# ---------------------------------------------------------------------------- loading


def load_scenario(path: Path) -> Scenario:
    """One scenario folder; a clear error names the file when expected.json is broken."""
    expected_path = path / "expected.json"
    try:
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise EvalError(f"cannot read {expected_path}: {exc.strerror}") from exc
    except ValueError as exc:
        raise EvalError(f"{expected_path}: not JSON ({exc})") from exc
    if not isinstance(expected, dict):
        raise EvalError(f"{expected_path}: expected a JSON object")
    reports = tuple(
        sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.startswith(".")
        )
    )
    if not reports:
        raise EvalError(
            f"{path}: no report files", hint=f"a scenario holds {', '.join(REPORT_SUFFIXES)} files"
        )
    return Scenario(path.name, path, reports, expected)


def find_scenarios(folder: Path, *, match: Sequence[str] = ()) -> list[Scenario]:
    """The scenarios in ``folder`` (or ``folder`` itself when it is one), by name.

    ``match`` keeps only the scenarios whose name contains one of the strings.
    """
    if not folder.is_dir():
        raise EvalError(f"{folder} is not a folder", hint="give a folder of scenario folders")
    if (folder / "expected.json").is_file():
        dirs = [folder]
    else:
        dirs = sorted(p for p in folder.iterdir() if (p / "expected.json").is_file())
    if match:
        dirs = [d for d in dirs if any(m in d.name for m in match)]
    if not dirs:
        raise EvalError(
            f"no scenarios in {folder}", hint="each scenario is a folder with an expected.json"
        )
    return [load_scenario(d) for d in dirs]


# ---------------------------------------------------------------------------- running


def migrated_template(path: Path) -> Path:
    """An empty, migrated SQLite database at ``path``, to copy for each scenario (migrating
    every fresh database costs more than running most scenarios)."""
    from tollwatch.store import open_engine

    path.parent.mkdir(parents=True, exist_ok=True)
    engine = open_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def observe(scenario: Scenario, workdir: Path, *, template: Path | None = None) -> Observation:
    """Ingest the scenario into a fresh SQLite database under ``workdir`` and read it back.

    The same functions as ``tollwatch ingest FILES`` (store, then extract -> geocode ->
    reconcile over the stored and duplicate ids), ``claims --json`` and ``tolls --json``.
    ``template`` is an empty migrated database (``migrated_template``) copied to start from.
    """
    from tollwatch.cli.extract import claim_json  # the one definition of `claims --json`
    from tollwatch.ingest import IngestOptions, ingest_paths
    from tollwatch.pipeline import process_reports
    from tollwatch.reconcile.service import query_tolls
    from tollwatch.store import open_engine
    from tollwatch.store.claims import list_claims

    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "scenario.db"
    if template is not None:
        shutil.copyfile(template, db)
    engine = open_engine(f"sqlite:///{db}")
    try:
        errors: list[str] = []
        try:
            result = ingest_paths(engine, list(scenario.reports), IngestOptions())
        except TollwatchError as exc:
            return Observation(errors=(f"ingest: {exc}",))
        rejected = tuple(_rejection_line(r, scenario.path) for r in result.rejected)
        ids = list(dict.fromkeys(result.processed + result.duplicates))
        if ids:
            try:
                process_reports(engine, ids)
            except TollwatchError as exc:
                errors.append(f"pipeline: {exc}")
        with engine.connect() as conn:
            claims = tuple(claim_json(c) for c in list_claims(conn))
        tolls = query_tolls(engine)
        return Observation(
            rejected=rejected,
            errors=tuple(errors),
            claims=claims,
            tolls=tolls["tolls"],
            events=len(tolls["events"]),
        )
    finally:
        engine.dispose()


def _rejection_line(rejection: Any, root: Path) -> str:
    text = str(rejection)
    return text.replace(str(root) + "/", "")


def run_scenario(scenario: Scenario, workdir: Path, *, template: Path | None = None) -> CaseResult:
    import time

    started = time.perf_counter()
    found = observe(scenario, workdir, template=template)
    return CaseResult(
        scenario.name,
        tuple(check(scenario.expected, found)),
        why=str(scenario.expected.get("why", "")),
        seconds=time.perf_counter() - started,
    )


def run_scenarios(
    scenarios: Iterable[Scenario],
    workdir: Path,
    *,
    progress: Callable[[CaseResult], None] | None = None,
) -> list[CaseResult]:
    """Each scenario in a folder of its own under ``workdir``, in one process (one nlp)."""
    out: list[CaseResult] = []
    template = migrated_template(workdir / "_template" / "empty.db")
    for scenario in scenarios:
        result = run_scenario(scenario, workdir / scenario.name, template=template)
        out.append(result)
        if progress is not None:
            progress(result)
    return out


def summary(results: Sequence[CaseResult]) -> dict[str, Any]:
    """``{"passed": N, "failed": M, "cases": [...]}`` as ``eval scenarios --json`` prints."""
    passed = sum(r.passed for r in results)
    return {
        "passed": passed,
        "failed": len(results) - passed,
        "cases": [r.as_dict() for r in results],
    }


# ---------------------------------------------------------------------------- checking


def check(expected: Mapping[str, Any], found: Observation) -> list[Failure]:
    """Every way ``found`` differs from ``expected``, each with the stage at fault."""
    failures: list[Failure] = []
    if found.errors:
        failures += [Failure("ingest", "pipeline", "no error", e) for e in found.errors]
    if found.rejected and not expected.get("ingest_may_fail", False):
        failures += [Failure("ingest", "rejected", "no rejected input", r) for r in found.rejected]
    for index, want in enumerate(expected.get("claims") or ()):
        if not any(_claim_matches(want, c) for c in found.claims):
            words = {k: v for k, v in want.items() if k not in GEO_FIELDS}
            geocoding = len(words) < len(want) and any(
                _claim_matches(words, c) for c in found.claims
            )
            stage = "geocoding" if geocoding else "extraction"
            failures.append(Failure(stage, f"claims[{index}]", want, _nearest(want, found.claims)))
    upstream = next((s for s in STAGES if any(f.stage == s for f in failures)), None)
    counting = _toll_failures(expected, found)
    failures += [Failure(upstream, f.field, f.expected, f.got) if upstream else f for f in counting]
    return failures


def _toll_failures(expected: Mapping[str, Any], found: Observation) -> list[Failure]:
    out: list[Failure] = []
    for outcome in OUTCOMES:
        for category, want in (expected.get(outcome) or {}).items():
            row = found.tolls.get(outcome) or {}
            got = row.get(category)
            if got is None and category in row:
                # a null toll ("—": no claim speaks for the category) counts nothing: it
                # meets "max": 0
                got = {"low": 0, "best": 0, "high": 0}
            out += _range_failures(f"{outcome}.{category}", want, got)
    events = expected.get("events")
    if isinstance(events, Mapping) and "count" in events and events["count"] != found.events:
        out.append(Failure("reconciliation", "events.count", events["count"], found.events))
    forbid = expected.get("forbid_totals") or ()
    total = (found.tolls.get("killed") or {}).get("total") or {}
    for key in ("best", "high"):
        if total.get(key) in forbid:
            out.append(
                Failure(
                    "reconciliation",
                    f"forbid_totals (killed.total.{key})",
                    f"none of {list(forbid)}",
                    total.get(key),
                )
            )
    return out


def _range_failures(
    name: str, want: Mapping[str, Any], got: Mapping[str, Any] | None
) -> list[Failure]:
    got = got or {}
    checks: list[tuple[str, Any, Any, bool]] = []  # field, expected, got, ok
    if "best" in want:
        checks.append(
            ("best", want["best"], got.get("best"), _within(got.get("best"), want["best"]))
        )
    if "min" in want:
        checks.append(("min", want["min"], got.get("low"), got.get("low") == want["min"]))
    if "max" in want:
        checks.append(("max", want["max"], got.get("high"), got.get("high") == want["max"]))
    if "low_range" in want:
        checks.append(
            (
                "low_range",
                want["low_range"],
                got.get("low"),
                _within(got.get("low"), want["low_range"]),
            )
        )
    if "high_range" in want:
        checks.append(
            (
                "high_range",
                want["high_range"],
                got.get("high"),
                _within(got.get("high"), want["high_range"]),
            )
        )
    return [
        Failure("reconciliation", f"{name}.{key}", exp, value)
        for key, exp, value, ok in checks
        if not ok
    ]


def _within(value: Any, want: Any) -> bool:
    """``want`` is a number (equal) or an inclusive [low, high] range."""
    if value is None:
        return False
    if isinstance(want, list | tuple):
        low, high = want
        return bool(low <= value <= high)
    return bool(value == want)


def _field_matches(key: str, want: Any, got: Any) -> bool:
    if key == "date":
        if want is None or got is None:
            return want is got
        return str(got)[:10] == str(want)[:10]
    return bool(got == want)


def _claim_matches(want: Mapping[str, Any], claim: Mapping[str, Any]) -> bool:
    return all(_field_matches(k, v, claim.get(k)) for k, v in want.items())


def _nearest(
    want: Mapping[str, Any], claims: Sequence[Mapping[str, Any]], limit: int = 3
) -> list[dict[str, Any]]:
    """The claims agreeing with ``want`` on most fields, shown on its fields (and the quote)."""

    def agreement(claim: Mapping[str, Any]) -> int:
        return sum(_field_matches(k, v, claim.get(k)) for k, v in want.items())

    ranked = sorted(claims, key=agreement, reverse=True)[:limit]
    return [
        {**{k: c.get(k) for k in want}, "quote": _short(str(c.get("quote") or ""))}
        for c in ranked
        if agreement(c) > 0
    ]


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
