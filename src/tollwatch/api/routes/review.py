"""Analyst review over HTTP: the queue, claim decisions, corrections, event merges and
splits, public names, and (admins) the audit log. Every route here needs analyst or admin.

    GET  /review/queue                       unreviewed claims, most toll-changing first
    GET  /review/tolls                       tolls from all claims and from verified ones
    POST /claims/{claim_id}/review           verify | reject | correct | reopen
    GET  /claims/{claim_id}/reviews          the claim's review history
    POST /events/merge, /events/split        manual event decisions (claim-id groups)
    GET  /review/overrides                   merges and splits; POST .../{id}/revoke
    GET  /names/public, POST /names/public, POST /names/public/remove
    POST /reports/{report_id}/sensitive      hide a report's words from the public
    GET  /audit, GET /audit/verify           (admin)
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Path, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field
from sqlalchemy import Engine, select, update

from tollwatch.api.security import (
    AdminDep,
    AnalystDep,
    AuthContextDep,
    AuthHTTPException,
    EngineDep,
    SettingsDep,
    error_body,
    secure_page,
)
from tollwatch.audit import iter_entries, record, verify
from tollwatch.auth.roles import Role
from tollwatch.errors import ClaimNotFound, ReportNotFound, ReviewError, TollwatchError, UserError
from tollwatch.models import Category, Outcome, ReviewState, Scope
from tollwatch.redact.public import list_public_names, mark_public, unmark_public
from tollwatch.review import (
    list_overrides,
    merge_claims,
    review_claim,
    review_history,
    revoke_override,
    split_claims,
)
from tollwatch.review.capped import capped_reports
from tollwatch.review.queue import review_queue
from tollwatch.review.tolls import refresh, tolls_by_view
from tollwatch.store.tables.core import reports
from tollwatch.web.templating import make_templates

__all__ = ["pages", "router"]

router = APIRouter(tags=["review"])


def _reconcile(engine: Engine) -> None:
    """Bring the stored events and tolls up to date after a review write, before answering,
    so the next toll read shows the decision (incremental: only what changed is redone)."""
    refresh(engine)


def _http(exc: TollwatchError) -> HTTPException:
    status = 404 if isinstance(exc, ClaimNotFound) else 409 if "already" in exc.message else 422
    return HTTPException(status_code=status, detail=error_body(exc, status))


class QueueClaim(BaseModel):
    id: str
    report_id: str
    outcome: Outcome
    category: Category
    low: int | None
    best: int | None
    high: int | None
    scope: Scope
    quote: str = Field(description="Original words (analysts see names).")
    place: str | None
    country: str | None
    date_start: date | None
    date_end: date | None
    review_state: ReviewState
    impact: int | None = Field(
        description="Change of the outcome's total best toll; null = not measured."
    )
    detail: int | None
    magnitude: int


class CappedReportPublic(BaseModel):
    report_id: str
    title: str | None
    found: int = Field(description="Claims the extractor found in the report's text.")
    kept: int = Field(description="Claims stored: the first in the text; the rest are not.")
    at: datetime


class QueuePublic(BaseModel):
    view: Literal["all", "verified"]
    items: list[QueueClaim]
    capped: list[CappedReportPublic] = Field(
        default_factory=list,
        description="Reports with more claims than extraction keeps per report: read them, "
        "their tolls may miss the figures after the cut.",
    )


@router.get("/review/queue", response_model=QueuePublic, summary="Review queue by impact")
def get_queue(
    who: AnalystDep,
    engine: EngineDep,
    settings: SettingsDep,
    view: Annotated[Literal["all", "verified"] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> QueuePublic:
    """Unreviewed claims; those whose review would change the published toll most first
    (``view`` defaults to the public tolls setting)."""
    chosen = view or ("verified" if settings.public_tolls == "verified" else "all")
    with engine.connect() as conn:
        items = review_queue(conn, verified_only=chosen == "verified", limit=limit)
        capped = capped_reports(conn)
    return QueuePublic(
        view=chosen,
        capped=[
            CappedReportPublic(
                report_id=c.report_id, title=c.title, found=c.found, kept=c.kept, at=c.at
            )
            for c in capped
        ],
        items=[
            QueueClaim(
                id=it.claim.id,
                report_id=it.claim.report_id,
                outcome=it.claim.outcome,
                category=it.claim.category,
                low=it.claim.low,
                best=it.claim.best,
                high=it.claim.high,
                scope=it.claim.scope,
                quote=it.claim.quote,
                place=it.claim.place.name or it.claim.place.mention,
                country=it.claim.place.country,
                date_start=it.claim.date.start,
                date_end=it.claim.date.end,
                review_state=it.state,
                impact=it.impact,
                detail=it.detail,
                magnitude=it.magnitude,
            )
            for it in items
        ],
    )


TollsView = dict[str, dict[str, dict[str, dict[str, int]]]]


@router.get("/review/tolls", summary="Tolls from all claims and from verified claims")
def get_tolls(who: AnalystDep, engine: EngineDep, settings: SettingsDep) -> dict[str, Any]:
    """Both views side by side, and which one the public sees by default."""
    refresh(engine)
    return {"public_default": settings.public_tolls, **tolls_by_view(engine)}


class ReviewCreate(BaseModel):
    decision: Literal["verified", "rejected", "corrected", "unreviewed"] = Field(
        description="'unreviewed' reopens a reviewed claim."
    )
    reason: str = Field(default="", max_length=4000)
    corrected: dict[str, Any] | None = Field(
        default=None, description="New values, only with 'corrected', e.g. {'best': 31}."
    )


class ReviewPublic(BaseModel):
    claim_id: str
    state: ReviewState
    previous_state: ReviewState
    reviewer: str
    at: datetime
    reason: str
    corrected: dict[str, Any] | None


@router.post("/claims/{claim_id}/review", response_model=ReviewPublic, summary="Review one claim")
def post_review(
    claim_id: Annotated[str, Path(max_length=64)],
    body: ReviewCreate,
    who: AnalystDep,
    engine: EngineDep,
) -> ReviewPublic:
    """Verify, reject or correct a claim (or reopen it); reviewer and time are recorded, and
    a reason is required except to verify. A correction keeps the original claim."""
    try:
        with engine.begin() as conn:
            rec = review_claim(
                conn,
                claim_id,
                body.decision,
                reviewer=who.name,
                reason=body.reason,
                corrected=body.corrected,
            )
    except (ReviewError, ClaimNotFound) as exc:
        raise _http(exc) from None
    _reconcile(engine)
    return ReviewPublic(**{f: getattr(rec, f) for f in ReviewPublic.model_fields})


@router.get(
    "/claims/{claim_id}/reviews", response_model=list[ReviewPublic], summary="Review history"
)
def get_reviews(claim_id: str, who: AnalystDep, engine: EngineDep) -> list[ReviewPublic]:
    with engine.connect() as conn:
        records = review_history(conn, claim_id)
    return [ReviewPublic(**{f: getattr(r, f) for f in ReviewPublic.model_fields}) for r in records]


class OverrideCreate(BaseModel):
    claim_groups: list[list[Annotated[str, Field(max_length=64)]]] = Field(
        min_length=2, max_length=50, description="Groups of claim ids, e.g. [['c1'], ['c2']]."
    )
    reason: str = Field(min_length=1, max_length=4000)


class OverridePublic(BaseModel):
    id: int
    kind: Literal["merge", "split"]
    claim_groups: list[list[str]]
    reviewer: str
    at: datetime
    reason: str
    revoked_at: datetime | None = None
    revoked_by: str | None = None


def _override_public(ov: Any) -> OverridePublic:
    return OverridePublic(
        id=ov.id,
        kind=ov.kind,
        claim_groups=[list(g) for g in ov.groups],
        reviewer=ov.reviewer,
        at=ov.at,
        reason=ov.reason,
        revoked_at=ov.revoked_at,
        revoked_by=ov.revoked_by,
    )


@router.post(
    "/events/merge", response_model=OverridePublic, status_code=201, summary="Merge events"
)
def post_merge(body: OverrideCreate, who: AnalystDep, engine: EngineDep) -> OverridePublic:
    """The events holding these claim groups are one event (reconciliation honours it)."""
    try:
        with engine.begin() as conn:
            ov = merge_claims(conn, body.claim_groups, reviewer=who.name, reason=body.reason)
    except ReviewError as exc:
        raise _http(exc) from None
    _reconcile(engine)
    return _override_public(ov)


@router.post(
    "/events/split", response_model=OverridePublic, status_code=201, summary="Split an event"
)
def post_split(body: OverrideCreate, who: AnalystDep, engine: EngineDep) -> OverridePublic:
    """These claim groups are separate events (reconciliation honours it)."""
    try:
        with engine.begin() as conn:
            ov = split_claims(conn, body.claim_groups, reviewer=who.name, reason=body.reason)
    except ReviewError as exc:
        raise _http(exc) from None
    _reconcile(engine)
    return _override_public(ov)


@router.get("/review/overrides", response_model=list[OverridePublic], summary="Merges and splits")
def get_overrides(who: AnalystDep, engine: EngineDep) -> list[OverridePublic]:
    with engine.connect() as conn:
        return [_override_public(ov) for ov in list_overrides(conn)]


class Reason(BaseModel):
    reason: str = Field(min_length=1, max_length=4000)


@router.post(
    "/review/overrides/{override_id}/revoke",
    response_model=OverridePublic,
    summary="Revoke a merge or split",
)
def post_revoke(
    override_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: Reason,
    who: AnalystDep,
    engine: EngineDep,
) -> OverridePublic:
    try:
        with engine.begin() as conn:
            ov = revoke_override(conn, override_id, reviewer=who.name, reason=body.reason)
    except ReviewError as exc:
        raise _http(exc) from None
    _reconcile(engine)
    return _override_public(ov)


class PublicNameCreate(BaseModel):
    name: str = Field(min_length=2, max_length=300)
    reason: str = Field(min_length=1, max_length=4000)


class PublicNamePublic(BaseModel):
    name: str
    added_by: str
    added_at: datetime
    reason: str


@router.get("/names/public", response_model=list[PublicNamePublic], summary="Public names")
def get_public_names(who: AnalystDep, engine: EngineDep) -> list[PublicNamePublic]:
    """Names shown unredacted to everyone (e.g. official spokespeople)."""
    with engine.connect() as conn:
        return [
            PublicNamePublic(name=n.name, added_by=n.added_by, added_at=n.added_at, reason=n.reason)
            for n in list_public_names(conn)
        ]


@router.post(
    "/names/public",
    response_model=PublicNamePublic,
    status_code=201,
    summary="Mark a name public",
)
def post_public_name(
    body: PublicNameCreate, who: AnalystDep, engine: EngineDep
) -> PublicNamePublic:
    try:
        with engine.begin() as conn:
            n = mark_public(conn, body.name, actor=who.name, reason=body.reason)
    except UserError as exc:
        status = 409 if "already" in exc.message else 422
        raise AuthHTTPException(status, exc) from None
    return PublicNamePublic(name=n.name, added_by=n.added_by, added_at=n.added_at, reason=n.reason)


@router.post("/names/public/remove", status_code=204, summary="Make a name private again")
def post_public_name_remove(body: PublicNameCreate, who: AnalystDep, engine: EngineDep) -> None:
    try:
        with engine.begin() as conn:
            unmark_public(conn, body.name, actor=who.name, reason=body.reason)
    except UserError as exc:
        raise AuthHTTPException(404, exc) from None


class AuditEntryPublic(BaseModel):
    seq: int
    at: datetime
    actor: str
    action: str
    target: str
    before: Any
    after: Any
    prev_hash: str
    hash: str


@router.get("/audit", response_model=list[AuditEntryPublic], summary="Audit log (admin)")
def get_audit(
    who: AdminDep,
    engine: EngineDep,
    target: Annotated[str | None, Query(max_length=200)] = None,
    action: Annotated[str | None, Query(max_length=60)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[AuditEntryPublic]:
    """Newest entries first: who did what, before and after."""
    with engine.connect() as conn:
        entries = list(
            iter_entries(conn, target=target, action=action, limit=limit, newest_first=True)
        )
    return [
        AuditEntryPublic(
            seq=e.seq,
            at=e.at,
            actor=e.actor,
            action=e.action,
            target=e.target,
            before=json.loads(e.before) if e.before else None,
            after=json.loads(e.after) if e.after else None,
            prev_hash=e.prev_hash,
            hash=e.hash,
        )
        for e in entries
    ]


class AuditVerifyPublic(BaseModel):
    intact: bool
    entries: int
    head: str
    problems: list[str]


@router.get("/audit/verify", response_model=AuditVerifyPublic, summary="Check the audit chain")
def get_audit_verify(who: AdminDep, engine: EngineDep) -> AuditVerifyPublic:
    with engine.connect() as conn:
        count, head, problems = verify(conn)
    return AuditVerifyPublic(
        intact=not problems,
        entries=count,
        head=head,
        problems=[f"entry {p.seq}: {p.problem}" for p in problems[:100]],
    )


# --- the dashboard's review page ---------------------------------------------------------

pages = APIRouter(include_in_schema=False)
_templates = make_templates()


@pages.get("/review", response_class=HTMLResponse, response_model=None)
def review_page(
    request: Request,
    ctx: AuthContextDep,
    engine: EngineDep,
    settings: SettingsDep,
    view: Annotated[Literal["all", "verified"] | None, Query()] = None,
) -> Response:
    """The keyboard-driven review queue (analysts and admins; others are sent to log in)."""
    who = ctx.principal
    if who is None:
        return RedirectResponse("/login?next=/review", status_code=303)
    if not who.allows(Role.ANALYST):
        return secure_page(
            _templates.TemplateResponse(
                request,
                "review_denied.html",
                {"who": who, "page": "review", "filters": None},
                status_code=403,
            )
        )
    chosen = view or ("verified" if settings.public_tolls == "verified" else "all")
    refresh(engine)
    with engine.connect() as conn:
        items = review_queue(conn, verified_only=chosen == "verified", limit=100)
        capped = capped_reports(conn)
    views = tolls_by_view(engine)
    return secure_page(
        _templates.TemplateResponse(
            request,
            "review.html",
            {
                "who": who,
                "csrf_token": ctx.csrf_token or "",
                "items": items,
                "capped": capped,
                "view": chosen,
                "tolls": views,
                "public_default": settings.public_tolls,
                "page": "review",
                "filters": None,
            },
        )
    )


class SensitiveChange(BaseModel):
    sensitive: bool
    reason: str = Field(min_length=1, max_length=4000)


class SensitivePublic(BaseModel):
    report_id: str
    sensitive: bool


@router.post(
    "/reports/{report_id}/sensitive",
    response_model=SensitivePublic,
    summary="Mark a report sensitive (or not)",
)
def post_sensitive(
    report_id: Annotated[str, Path(max_length=64)],
    body: SensitiveChange,
    who: AnalystDep,
    engine: EngineDep,
) -> SensitivePublic:
    """A sensitive report's words are never shown to the public or viewers; its numbers
    still count."""
    with engine.begin() as conn:
        before = conn.execute(
            select(reports.c.sensitive).where(reports.c.id == report_id)
        ).scalar_one_or_none()
        if before is None:
            raise HTTPException(
                404,
                detail=error_body(ReportNotFound(f"no report {report_id!r}"), 404),
            )
        conn.execute(
            update(reports).where(reports.c.id == report_id).values(sensitive=body.sensitive)
        )
        record(
            conn,
            who.name,
            "report.sensitive",
            f"report:{report_id}",
            {"sensitive": bool(before)},
            {"sensitive": body.sensitive, "reason": body.reason},
        )
    return SensitivePublic(report_id=report_id, sensitive=body.sensitive)
