"""An explanation tree as a reader may see it: the words it quotes withheld or with names
of people removed by the reader's ``TextPolicy``. Used by ``/api/v1/tolls/explain`` and the
dashboard's ``/tolls/explain`` page."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, select

from tollwatch.api.routes._views import public_tolls
from tollwatch.export.policy import TextPolicy
from tollwatch.reconcile.explain import ExplainDetail, Explanation, build
from tollwatch.reconcile.service import gather_explain_detail, query_tolls
from tollwatch.store.tables import reports

__all__ = ["REDACTED_QUOTES", "visible_detail", "visible_explanation", "visible_text"]

REDACTED_QUOTES = 150  # quotes a page runs the name finder on (see visible_detail)


def visible_text(policy: TextPolicy, value: str | None) -> str | None:
    """``policy.text(value)``, skipping the name finder for text with no capital letter:
    names of people are only ever found capitalised (tollwatch.redact's rules, and its model
    matches are kept only when they hold a capital), and most generated reasons have none."""
    if value is None or not any(ch.isupper() for ch in value):
        return value
    return policy.text(value)


def visible_detail(
    conn: Connection, detail: ExplainDetail, policy: TextPolicy
) -> tuple[ExplainDetail, int]:
    """The words an explanation quotes, as this reader may see them: claims' quotes from a
    sensitive report withheld, names of people removed (from whole quotes, which gives the
    name finder more context than the tree's short labels).

    Finding names costs a model pass per quote, so for readers who get redacted text only
    the first ``REDACTED_QUOTES`` quotes are shown; the others point to their report page.
    Returns the detail and how many quotes were left out.
    """
    if policy.show_sensitive and not policy.redacting:
        return detail, 0
    report_ids = sorted({c["report_id"] for c in detail.claims.values() if c.get("report_id")})
    sensitive: set[str] = set()
    for start in range(0, len(report_ids), 500):
        chunk = report_ids[start : start + 500]
        q = select(reports.c.id).where(reports.c.id.in_(chunk), reports.c.sensitive.is_(True))
        sensitive.update(conn.execute(q).scalars())
    claims_seen = {}
    left_out = 0
    for n, (cid, c) in enumerate(sorted(detail.claims.items())):
        hidden = c.get("report_id") in sensitive
        if n < REDACTED_QUOTES or not policy.redacting:
            quote = policy.report_text(
                c.get("quote"), sensitive=hidden, report_id=c.get("report_id")
            )
        else:
            quote, left_out = "[words on the report page]", left_out + 1
        claims_seen[cid] = {
            **c,
            "quote": quote if quote is not None else "[words withheld: sensitive report]",
            "title": None,  # not shown by the tree: never sent
            "attributed_to": None,
        }

    def notes(groups: Mapping[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
        return {
            k: [{**n, "reason": visible_text(policy, n.get("reason")) or ""} for n in ns]
            for k, ns in groups.items()
        }

    return ExplainDetail(notes(detail.notes), notes(detail.members), claims_seen), left_out


def visible_explanation(
    conn: Connection,
    engine: Engine,
    *,
    country: str | None,
    region: str | None,
    date_from: date | None,
    date_to: date | None,
    view: str,
    policy: TextPolicy,
    limit: int,
) -> tuple[Explanation, int]:
    """The explanation of ``tollwatch tolls --explain`` for the filters (the same query and
    the same tree), with the words it quotes as the reader may see them; and how many quotes
    were left out (see ``visible_detail``)."""
    result = public_tolls(
        query_tolls(
            engine,
            country=country,
            region=region,
            date_from=date_from,
            date_to=date_to,
            verified_only=view == "verified",
            limit=limit,
        ),
        policy,
    )
    raw = gather_explain_detail(conn, result, redact=False)  # the reader's policy below
    detail, left_out = visible_detail(conn, raw, policy)
    return build(result, detail), left_out
