"""Score event coding against ACLED's coded event types and actors (../shared/eval).

Input per note: ``text_no_coder_notes`` and its ``country``. Gold: ``gold.event_type``,
``gold.sub_event_type``, ``gold.actor1``, ``gold.actor2``. The 2014-16 rows use ACLED's
older type names; ``today`` maps them onto today's six types ("Riots/Protests" counts as a
match for either Riots or Protests, "Remote violence" is Explosions/Remote violence, the
three "Battle-..." types are Battles, the older strategic types are Strategic
developments). Actors are compared by ``actor_key`` (regime years and factions dropped);
actor 2 "none" matches when neither side names one. ``event_type_accuracy_recoded`` also
counts an older row right when the prediction is what ACLED's 2019 recoding made of its type
(``recoded``: suicide bombings and bombs among civilians are Explosions/Remote violence today,
mob justice Riots, the police killing demonstrators Protests).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tollwatch.coding import EVENT_TYPES, actor_key, code_event
from tollwatch.coding.core import Coding
from tollwatch.evaluation.extraction import EvalError

__all__ = ["CodingRow", "load_coding_rows", "recoded", "score_coding", "today"]

_OLD: dict[str, tuple[str, ...]] = {
    "battle-no change of territory": ("Battles",),
    "battle-government regains territory": ("Battles",),
    "battle-non-state actor overtakes territory": ("Battles",),
    "remote violence": ("Explosions/Remote violence",),
    "riots/protests": ("Riots", "Protests"),
    "violence against civilians": ("Violence against civilians",),
    "strategic development": ("Strategic developments",),
    "non-violent transfer of territory": ("Strategic developments",),
    "headquarters or base established": ("Strategic developments",),
}
_OLD_SUB = {
    "battle-no change of territory": "Armed clash",
    "battle-government regains territory": "Government regains territory",
    "battle-non-state actor overtakes territory": "Non-state actor overtakes territory",
}


def recoded(event_type: str, predicted: Coding) -> bool:
    """Whether ``predicted`` is what ACLED's 2019 change of typology made of an event coded
    ``event_type`` under the older codebook. The older codebook kept remote violence to weapons
    fired from afar: a suicide bombing was violence against civilians (at a market) or a battle
    (at a checkpoint), a bomb among civilians often violence against civilians, mob justice and
    the police killing demonstrators violence against civilians. Today those are Explosions/Remote
    violence (Suicide bomb; civilians hit), Riots (Mob violence) and Protests (Excessive force
    against protesters). Rows coded under today's typology are not recoded."""
    got, sub = predicted.event_type, predicted.sub_event_type
    if got in today(event_type):
        return True
    old = event_type.strip().lower()
    if old == "violence against civilians":
        return (
            got == "Explosions/Remote violence"
            or (got == "Riots" and sub == "Mob violence")
            or (got == "Protests" and sub == "Excessive force against protesters")
        )
    if old.startswith("battle-"):
        return got == "Explosions/Remote violence" and sub == "Suicide bomb"
    return False


def today(event_type: str) -> tuple[str, ...]:
    """Today's types a coded ``event_type`` (old or new name) allows."""
    for t in EVENT_TYPES:
        if event_type.strip().lower() == t.lower():
            return (t,)
    return _OLD.get(event_type.strip().lower(), (event_type,))


@dataclass(frozen=True, slots=True)
class CodingRow:
    id: str
    text: str
    country: str | None
    event_type: str
    sub_event_type: str | None
    actor1: str | None
    actor2: str | None
    year: int | None = None


#: ACLED's event typology changed in 2019; rows coded before follow the older codebook.
NEW_TYPOLOGY_YEAR = 2019


def load_coding_rows(path: Path, *, limit: int | None = None) -> list[CodingRow]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"cannot read {path}: {exc.strerror}", hint="check the path") from exc
    rows: list[CodingRow] = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
            gold = rec["gold"]
            etype = gold["event_type"]
        except (ValueError, KeyError, TypeError) as exc:
            raise EvalError(
                f"{path}:{number}: not an ACLED note with gold.event_type ({exc})",
                hint="pass acled_extraction_*.jsonl files",
            ) from exc
        if not etype:
            continue
        sub = gold.get("sub_event_type") or _OLD_SUB.get(etype.strip().lower())
        rows.append(
            CodingRow(
                id=str(rec.get("id", number)),
                text=rec.get("text_no_coder_notes") or rec.get("text") or "",
                country=rec.get("country"),
                event_type=etype,
                sub_event_type=sub,
                actor1=gold.get("actor1"),
                actor2=gold.get("actor2"),
                year=_year(rec.get("date")),
            )
        )
        if limit is not None and len(rows) >= limit:
            break
    return rows


def _year(value: Any) -> int | None:
    try:
        return int(str(value)[:4])
    except (TypeError, ValueError):
        return None


def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 4) if d else None


def score_coding(
    rows: Sequence[CodingRow],
    predictions: Iterable[Coding] | None = None,
    *,
    by_codebook: bool = True,
) -> dict[str, Any]:
    """Event-type accuracy, a confusion table (gold today-type x predicted), sub-event
    accuracy where ACLED coded one, and actor 1 / actor 2 match by ``actor_key``; with
    ``by_codebook`` the same numbers for rows coded under ACLED's older typology (before
    2019) and the current one."""
    preds = (
        list(predictions)
        if predictions is not None
        else [code_event(r.text, country=r.country) for r in rows]
    )
    confusion: Counter[tuple[str, str]] = Counter()
    right = recoded_right = sub_n = sub_right = a1_right = a2_right = a1_n = 0
    a1_inter_right = 0
    per_gold: Counter[str] = Counter()
    per_gold_right: Counter[str] = Counter()
    for row, p in zip(rows, preds, strict=True):
        allowed = today(row.event_type)
        gold_label = "Riots/Protests" if len(allowed) > 1 else allowed[0]
        got = p.event_type or "(none)"
        ok = got in allowed
        right += ok
        older = row.year is not None and row.year < NEW_TYPOLOGY_YEAR
        recoded_right += ok or (older and recoded(row.event_type, p))
        per_gold[gold_label] += 1
        per_gold_right[gold_label] += ok
        confusion[(gold_label, got)] += 1
        if row.sub_event_type:
            sub_n += 1
            sub_right += p.sub_event_type == row.sub_event_type
        g1 = actor_key(row.actor1)
        if g1:
            a1_n += 1
            a1_right += actor_key(p.actor1.name if p.actor1 else None) == g1
            a1_inter_right += _class(p.actor1.name if p.actor1 else None) == _class(row.actor1)
        a2_right += actor_key(p.actor2.name if p.actor2 else None) == actor_key(row.actor2)
    n = len(rows)
    out: dict[str, Any] = {
        "n": n,
        "event_type_accuracy": _ratio(right, n),
        "event_type_accuracy_recoded": _ratio(recoded_right, n),
        "per_type": {
            g: {"n": per_gold[g], "accuracy": _ratio(per_gold_right[g], per_gold[g])}
            for g in sorted(per_gold)
        },
        "confusion": {
            g: {t: c for (gg, t), c in sorted(confusion.items()) if gg == g}
            for g in sorted(per_gold)
        },
        "sub_event_type": {"n": sub_n, "accuracy": _ratio(sub_right, sub_n)},
        "actor1": {
            "n": a1_n,
            "match": _ratio(a1_right, a1_n),
            "class_match": _ratio(a1_inter_right, a1_n),
        },
        "actor2": {"n": n, "match": _ratio(a2_right, n)},
    }
    if by_codebook:
        groups: dict[str, list[int]] = {}
        for i, row in enumerate(rows):
            older = row.year is not None and row.year < NEW_TYPOLOGY_YEAR
            groups.setdefault("older (before 2019)" if older else "current", []).append(i)
        out["by_codebook"] = {
            name: _summary(
                score_coding([rows[i] for i in idx], [preds[i] for i in idx], by_codebook=False)
            )
            for name, idx in sorted(groups.items())
        }
    return out


def _summary(m: dict[str, Any]) -> dict[str, Any]:
    return {
        "n": m["n"],
        "event_type_accuracy": m["event_type_accuracy"],
        "event_type_accuracy_recoded": m["event_type_accuracy_recoded"],
        "sub_event_type_accuracy": m["sub_event_type"]["accuracy"],
        "actor1_match": m["actor1"]["match"],
        "actor2_match": m["actor2"]["match"],
    }


def _class(name: str | None) -> str | None:
    """The actor's broad kind for a lenient match: the name up to "(" or "of"."""
    key = actor_key(name)
    if key is None:
        return None
    for prefix in (
        "military forces",
        "police forces",
        "civilians",
        "protesters",
        "rioters",
        "unidentified armed group",
        "unidentified gang",
    ):
        if key.startswith(prefix):
            return prefix
    return key
