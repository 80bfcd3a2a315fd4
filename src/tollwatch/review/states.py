"""The claim review state machine and corrections, as pure functions.

    unreviewed --verify--> verified
    unreviewed --reject--> rejected
    unreviewed --correct-> corrected      (new values recorded; the original claim is kept)
    verified / rejected / corrected --> any other decision (a reviewer changes their mind)
    corrected --correct--> corrected      (a new correction replaces the previous one)
    any reviewed state --reopen--> unreviewed

Every step needs a reviewer and a time; rejecting, correcting and reopening need a reason.
What counts: a rejected claim counts nowhere; a corrected claim counts with its corrected
values; "verified only" tolls count verified and corrected claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from tollwatch.errors import ReviewError
from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    GeoPrecision,
    Outcome,
    Qualifier,
    ReviewState,
    Scope,
)

__all__ = [
    "CORRECTABLE",
    "COUNTED_VERIFIED",
    "apply_correction",
    "check_transition",
    "effective",
    "validate_correction",
]

#: States whose claims count in "verified only" tolls.
COUNTED_VERIFIED = frozenset({ReviewState.VERIFIED, ReviewState.CORRECTED})

_INT_FIELDS = ("low", "best", "high", "children", "women", "men")
_TEXT_FIELDS = ("perpetrator", "attributed_to", "place_mention", "place_id", "place_name")
_PLACE_TEXT = ("country", "admin1", "admin1_name", "admin2")
_ENUMS: dict[str, type[Any]] = {
    "outcome": Outcome,
    "category": Category,
    "qualifier": Qualifier,
    "scope": Scope,
    "date_precision": DatePrecision,
}
#: Fields a correction may set (anything else is refused).
CORRECTABLE = frozenset(
    (
        *_INT_FIELDS,
        *_TEXT_FIELDS,
        *_PLACE_TEXT,
        *_ENUMS,
        "date_start",
        "date_end",
        "lat",
        "lon",
        "geo_precision",
    )
)


def check_transition(current: ReviewState, target: ReviewState, reason: str) -> None:
    """Raise ReviewError when ``current -> target`` is not a review step."""
    if target == current and target != ReviewState.CORRECTED:
        raise ReviewError(
            f"claim is already {current.value}",
            hint="choose another decision, or reopen it first",
        )
    if target == ReviewState.UNREVIEWED and current == ReviewState.UNREVIEWED:
        raise ReviewError("claim is already unreviewed")
    if "\x00" in reason:
        raise ReviewError("the reason contains a NUL character")
    if target != ReviewState.VERIFIED and not reason.strip():
        verb = {"rejected": "rejecting", "corrected": "correcting", "unreviewed": "reopening"}
        raise ReviewError(
            f"{verb[target.value]} a claim needs a reason",
            hint="say what is wrong, e.g. 'the figure is the province total, not this village'",
        )


def _as_int(field: str, value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        else:
            raise ReviewError(f"{field} must be a whole number or null, not {value!r}")
    if value < 0:
        raise ReviewError(f"{field} cannot be negative ({value})")
    return int(value)


def _as_date(field: str, value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ReviewError(f"{field} must be a date like 2025-03-07, not {value!r}") from None


def validate_correction(original: Claim, values: Mapping[str, Any]) -> dict[str, Any]:
    """Check and normalise the new values of a correction (JSON-ready: dates as ISO text).

    Unknown fields, bad enum values, negative numbers and a range whose low > best > high
    (after applying the correction to the original) are refused with a message naming them.
    """
    if not values:
        raise ReviewError("a correction needs at least one new value", hint="e.g. {'best': 31}")
    unknown = sorted(set(values) - CORRECTABLE)
    if unknown:
        raise ReviewError(
            f"cannot correct {', '.join(unknown)}",
            hint=f"correctable fields: {', '.join(sorted(CORRECTABLE))}",
        )
    clean: dict[str, Any] = {}
    for field, value in values.items():
        if field in _INT_FIELDS or field == "geo_precision":
            number = _as_int(field, value)
            if field == "geo_precision" and number is not None:
                try:
                    GeoPrecision(number)
                except ValueError:
                    raise ReviewError(f"geo_precision must be 1..7, not {number}") from None
            clean[field] = number
        elif field in _ENUMS:
            try:
                clean[field] = _ENUMS[field](value).value
            except ValueError:
                allowed = ", ".join(m.value for m in _ENUMS[field])
                raise ReviewError(f"{field} must be one of {allowed}, not {value!r}") from None
        elif field in ("date_start", "date_end"):
            day = _as_date(field, value)
            clean[field] = day.isoformat() if day else None
        elif field in ("lat", "lon"):
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float)
            ):
                raise ReviewError(f"{field} must be a number or null, not {value!r}")
            limit = 90 if field == "lat" else 180
            if value is not None and not -limit <= float(value) <= limit:
                raise ReviewError(f"{field} out of range: {value}")
            clean[field] = None if value is None else float(value)
        else:
            if value is not None and not isinstance(value, str):
                raise ReviewError(f"{field} must be text or null, not {value!r}")
            if isinstance(value, str) and "\x00" in value:
                raise ReviewError(f"{field} contains a NUL character")
            clean[field] = value.strip() or None if isinstance(value, str) else None
    corrected = apply_correction(original, clean)
    numbers = [n for n in (corrected.low, corrected.best, corrected.high) if n is not None]
    if numbers != sorted(numbers):
        raise ReviewError(
            f"corrected range is not ordered: low={corrected.low}, best={corrected.best}, "
            f"high={corrected.high}",
            hint="low <= best <= high (leave a bound null when it is unknown)",
        )
    if corrected.date.start and corrected.date.end and corrected.date.start > corrected.date.end:
        raise ReviewError("corrected date_start is after date_end")
    return clean


def apply_correction(claim: Claim, values: Mapping[str, Any]) -> Claim:
    """The claim with corrected values; its id, report, span and quote stay the original's."""
    changes: dict[str, Any] = {}
    for field in _INT_FIELDS:
        if field in values:
            changes[field] = values[field]
    for field, enum in _ENUMS.items():
        if field in values and field != "date_precision":
            changes[field] = enum(values[field])
    for field in ("perpetrator", "attributed_to"):
        if field in values:
            changes[field] = values[field]
    place: dict[str, Any] = {}
    for field, attr in (
        ("place_mention", "mention"),
        ("place_id", "place_id"),
        ("place_name", "name"),
        ("lat", "lat"),
        ("lon", "lon"),
        ("country", "country"),
        ("admin1", "admin1"),
        ("admin1_name", "admin1_name"),
        ("admin2", "admin2"),
    ):
        if field in values:
            place[attr] = values[field]
    if "geo_precision" in values:
        gp = values["geo_precision"]
        place["precision"] = GeoPrecision(gp) if gp is not None else None
    if place:
        changes["place"] = replace(claim.place, **place)
    when: dict[str, Any] = {}
    if "date_start" in values:
        when["start"] = _as_date("date_start", values["date_start"])
    if "date_end" in values:
        when["end"] = _as_date("date_end", values["date_end"])
    if "date_precision" in values:
        when["precision"] = DatePrecision(values["date_precision"])
    if when:
        changes["date"] = replace(claim.date, **when)
    return replace(claim, **changes) if changes else claim


def effective(
    claims: Iterable[Claim],
    states: Mapping[str, ReviewState],
    corrections: Mapping[str, Mapping[str, Any]],
    *,
    verified_only: bool = False,
) -> list[Claim]:
    """The claims tolls should count: rejected dropped, corrections applied, and with
    ``verified_only`` only verified or corrected claims kept. A claim with no state is
    unreviewed."""
    out: list[Claim] = []
    for claim in claims:
        state = states.get(claim.id, ReviewState.UNREVIEWED)
        if state == ReviewState.REJECTED:
            continue
        if verified_only and state not in COUNTED_VERIFIED:
            continue
        if state == ReviewState.CORRECTED and claim.id in corrections:
            claim = apply_correction(claim, corrections[claim.id])
        out.append(claim)
    return out
