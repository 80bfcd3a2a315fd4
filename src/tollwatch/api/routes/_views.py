"""Which reconciliation view a caller reads, and text in reconciliation output made public."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Depends, Query

from tollwatch.api.deps import SettingsDep
from tollwatch.export.policy import TextPolicy

__all__ = ["ViewDep", "public_event", "public_tolls"]

View = Literal["all", "verified"]


def get_view(
    settings: SettingsDep,
    view: Annotated[
        View | None,
        Query(
            description="'all' claims (rejected ones never count) or 'verified' claims only; "
            "default: the TOLLWATCH_PUBLIC_TOLLS setting."
        ),
    ] = None,
) -> str:
    if view is not None:
        return view
    return "verified" if settings.public_tolls == "verified" else "all"


ViewDep = Annotated[str, Depends(get_view)]


def public_event(event: dict[str, Any], policy: TextPolicy) -> dict[str, Any]:
    """An event with generated text that may quote a source (a person) made safe to show."""
    if not policy.redacting:
        return event
    out = dict(event)
    if event.get("cover_reason"):
        out["cover_reason"] = policy.text(event["cover_reason"])
    coding = event.get("coding")
    if coding and coding.get("evidence"):
        # the words behind the coding are the report's words: redact them like quotes
        out["coding"] = {
            **coding,
            "evidence": {k: policy.text(v) for k, v in coding["evidence"].items()},
        }
    return out


def public_tolls(result: dict[str, Any], policy: TextPolicy) -> dict[str, Any]:
    """``query_tolls`` output with names of people redacted from its text (numbers unchanged).

    A running toll's ``source`` is who is quoted for it, which may be a person; flag messages
    and cover reasons repeat it. Analysts (no redaction) get the output unchanged.
    """
    if not policy.redacting:
        return result
    out = dict(result)
    out["events"] = [public_event(e, policy) for e in result.get("events", [])]
    out["series"] = [
        {**s, "source": policy.text(s["source"])} if s.get("source") else s
        for s in result.get("series", [])
    ]
    out["flags"] = [
        {**f, "message": policy.text(f["message"])} if f.get("message") else f
        for f in result.get("flags", [])
    ]
    return out
