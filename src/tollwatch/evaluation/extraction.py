"""Score casualty extraction on labelled JSONL files (../shared/eval; never redistributed).

Two formats are read:

* ACLED event notes (``acled_extraction_*.jsonl``): input ``text_no_coder_notes``, gold
  ``gold.fatalities``, subsets by ``flags`` (e.g. ``recoverable``).
* Victim-count files (``victim-counts/msa_*.jsonl``): input ``text``, gold
  ``gold.killed`` and ``gold.injured``; rows whose gold is null are left out of that count.

The prediction for a text is the combined total of its claims (``report_total``); no
claim means 0, as in the published metric.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tollwatch.errors import TollwatchError
from tollwatch.extract import extract_many
from tollwatch.extract.combine import report_total
from tollwatch.models import Outcome

__all__ = ["EvalError", "EvalRow", "Score", "load_rows", "score_rows"]


class EvalError(TollwatchError):
    code = "TW021"


@dataclass(frozen=True, slots=True)
class EvalRow:
    id: str
    text: str
    killed: int | None
    injured: int | None
    flags: frozenset[str]
    dataset: str  # "acled" | "msa" | other


@dataclass(frozen=True, slots=True)
class Prediction:
    row: EvalRow
    killed: int
    injured: int
    any_killed_claim: bool


def load_rows(path: Path, *, limit: int | None = None) -> list[EvalRow]:
    """Rows of one eval file; a clear error names the file and line when one is broken."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read {path}: {exc.strerror}", hint="check the path") from exc
    rows: list[EvalRow] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            rows.append(_row(obj))
        except (ValueError, KeyError, TypeError) as exc:
            raise EvalError(
                f"{path}:{number}: not an eval row ({exc})",
                hint="expected ACLED extraction or victim-count JSONL",
            ) from exc
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _row(obj: dict[str, Any]) -> EvalRow:
    gold = obj["gold"]
    if "text_no_coder_notes" in obj:
        flags = frozenset(k for k, v in (obj.get("flags") or {}).items() if v is True)
        return EvalRow(
            obj["id"], obj["text_no_coder_notes"], int(gold["fatalities"]), None, flags, "acled"
        )
    return EvalRow(
        obj["id"],
        obj["text"],
        None if gold.get("killed") is None else int(gold["killed"]),
        None if gold.get("injured") is None else int(gold["injured"]),
        frozenset(),
        str(obj.get("dataset", "other")).lower(),
    )


def predict(rows: Sequence[EvalRow], *, nlp: Any = None) -> list[Prediction]:
    results = extract_many(((r.text, None, r.id) for r in rows), nlp=nlp)
    out: list[Prediction] = []
    for row, claims in zip(rows, results, strict=True):
        killed = report_total(claims, Outcome.KILLED)
        injured = report_total(claims, Outcome.INJURED)
        out.append(Prediction(row, killed or 0, injured or 0, killed is not None and killed > 0))
    return out


@dataclass(frozen=True, slots=True)
class Score:
    n: int
    exact_match: float | None
    mae: float | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "exact_match": None if self.exact_match is None else round(self.exact_match, 4),
            "mae": None if self.mae is None else round(self.mae, 3),
        }


def _score(pairs: Iterable[tuple[int, int]]) -> Score:
    items = list(pairs)
    if not items:
        return Score(0, None, None)
    hits = sum(p == g for p, g in items)
    return Score(len(items), hits / len(items), sum(abs(p - g) for p, g in items) / len(items))


def score_rows(predictions: Sequence[Prediction], flags: Sequence[str] = ()) -> dict[str, Any]:
    """One metrics object: killed over all rows, per flag subset, no-deaths accuracy, injured."""
    killed = [(p.killed, p.row.killed) for p in predictions if p.row.killed is not None]
    result: dict[str, Any] = _score(killed).as_dict()
    zero = [p for p in predictions if p.row.killed == 0]
    result["no_deaths"] = {
        "n": len(zero),
        "accuracy": round(sum(not p.any_killed_claim for p in zero) / len(zero), 4)
        if zero
        else None,
    }
    injured = [(p.injured, p.row.injured) for p in predictions if p.row.injured is not None]
    if injured:
        result["injured"] = _score(injured).as_dict()
    subsets: dict[str, Any] = {}
    for flag in flags:
        chosen = [p for p in predictions if flag in p.row.flags]
        sub = _score((p.killed, p.row.killed) for p in chosen if p.row.killed is not None).as_dict()
        z = [p for p in chosen if p.row.killed == 0]
        sub["no_deaths"] = {
            "n": len(z),
            "accuracy": round(sum(not p.any_killed_claim for p in z) / len(z), 4) if z else None,
        }
        subsets[flag] = sub
    datasets = sorted({p.row.dataset for p in predictions})
    if len(datasets) > 1:
        for name in datasets:
            chosen = [p for p in predictions if p.row.dataset == name]
            subsets[name] = _score(
                (p.killed, p.row.killed) for p in chosen if p.row.killed is not None
            ).as_dict()
    if subsets:
        result["subsets"] = subsets
    return result
