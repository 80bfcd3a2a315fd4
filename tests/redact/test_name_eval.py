"""Issue 13, defect 12: how well names are withheld, measured on ``names.jsonl`` — sentences,
titles, attributions and URL slugs written by the team (Latin and Arabic script), with the
people's names in each and the organisations, armed groups and towns that must stay.

Recall: a name counts as withheld when none of its identifying words is left in the output.
Precision: of the words removed, the share that belonged to a person's name. Both are
printed (``pytest -s``); recall must be >= 0.99, precision >= 0.9, and every organisation
and armed group is kept.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tollwatch.redact import REDACTED, redact_in_context, redact_text, redact_url

CASES = Path(__file__).with_name("names.jsonl")
_PARTICLES = {
    "al", "el", "bin", "ibn", "abu", "umm", "um", "ya", "ma", "de", "da", "la", "le",
    "أم", "أبو", "عبد", "بن", "بنت",
}  # fmt: skip


def load_cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line]


def _tokens(text: str, slug: bool) -> list[str]:
    if slug:
        return re.findall(r"[^\W_]+", text.casefold())
    words = re.findall(r"[\w'\u2019-]+", text.replace(REDACTED, " "))
    return [re.sub(r"['\u2019]s$", "", w) for w in words]


def _name_words(name: str, slug: bool) -> list[str]:
    words = re.split(r"[\s-]+", name.casefold()) if slug else name.split()
    return [w for w in words if w.casefold().strip("-") not in _PARTICLES]


def redacted(case: dict[str, Any]) -> str:
    """What the public sees of the case, through the same functions the API uses."""
    kind, text = case["kind"], case["text"]
    if kind == "slug":
        return redact_url(text, case["context"])
    if kind == "title":
        return redact_in_context(text, case["context"])
    if kind == "attribution":
        return redact_in_context(text, case["context"], attribution=True)
    return redact_text(text)


@dataclass
class Score:
    names: int = 0
    withheld: int = 0
    removed: int = 0
    removed_names: int = 0
    kept_missing: list[tuple[str, str]] | None = None
    missed: list[tuple[str, str]] | None = None
    over: list[tuple[str, str]] | None = None

    @property
    def recall(self) -> float:
        return self.withheld / self.names if self.names else 1.0

    @property
    def precision(self) -> float:
        return self.removed_names / self.removed if self.removed else 1.0


def evaluate(cases: list[dict[str, Any]]) -> Score:
    score = Score(kept_missing=[], missed=[], over=[])
    for case in cases:
        slug = case["kind"] == "slug"
        out = redacted(case)
        left = Counter(_tokens(out, slug))
        before = Counter(_tokens(case["text"], slug))
        name_tokens: set[str] = set()
        for name in case["names"]:
            score.names += 1
            words = _name_words(name, slug)
            name_tokens.update(_tokens(name, slug))
            if any(left[w] for w in words):
                score.missed.append((name, out))
            else:
                score.withheld += 1
        removed = before - left
        for token, n in removed.items():
            score.removed += n
            hits = n if token in name_tokens else 0
            score.removed_names += hits
            if hits < n:
                score.over.append((token, out))
        for keep in case["keep"]:
            if keep not in out:
                score.kept_missing.append((keep, out))
    return score


@pytest.fixture(scope="module")
def score() -> Score:
    return evaluate(load_cases())


def test_name_eval_set_is_large_and_varied() -> None:
    cases = load_cases()
    assert len(cases) >= 100
    assert sum(len(c["names"]) for c in cases) >= 100
    kinds = Counter(c["kind"] for c in cases)
    assert {"sentence", "title", "attribution", "slug"} <= set(kinds)
    assert sum(c["script"] == "arabic" for c in cases) >= 15
    assert sum(1 for c in cases if c["keep"] and not c["names"]) >= 15  # distractors only


def test_name_eval_recall_and_precision(score: Score) -> None:
    print(
        f"\nname redaction: recall {score.recall:.3f} ({score.withheld}/{score.names} names), "
        f"precision {score.precision:.3f} ({score.removed_names}/{score.removed} words removed)"
    )
    for name, out in score.missed or []:
        print(f"  missed {name!r}: {out}")
    for token, out in score.over or []:
        print(f"  over-redacted {token!r}: {out}")
    assert score.recall >= 0.99
    assert score.precision >= 0.9


def test_name_eval_keeps_organisations_armed_groups_and_towns(score: Score) -> None:
    assert score.kept_missing == []


HELD_OUT = Path(__file__).with_name("names_heldout.jsonl")


def test_name_eval_held_out() -> None:
    """A second, smaller set written after the rules and never used to change them: an
    honest estimate (measured when it was added: recall 0.950, 19/20; precision 0.930). Two
    later sets, measured once before they were read, were folded into names.jsonl
    (docs/security.md)."""
    cases = [json.loads(line) for line in HELD_OUT.read_text("utf-8").splitlines() if line]
    assert len(cases) >= 25
    held = evaluate(cases)
    print(
        f"\nheld-out: recall {held.recall:.3f} ({held.withheld}/{held.names}), "
        f"precision {held.precision:.3f} ({held.removed_names}/{held.removed})"
    )
    assert held.recall >= 0.9 and held.precision >= 0.9
    assert held.kept_missing == []
