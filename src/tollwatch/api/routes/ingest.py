"""``POST /api/v1/reports``: ingest a report (JSON) or a file of reports (multipart upload).

The route reads the HTTP request and calls the one ingest path, ``tollwatch.ingest.service``
(``ingest_bytes``, as ``tollwatch ingest`` does for stdin): the same readers and validation,
the same idempotent batched store and audit entry, and the same failure records: a bad line
or row costs that line, is answered in ``rejected`` and kept in ``ingest_failures`` for
``tollwatch ingest --retry-failed``; the good ones beside it are stored. Then
``tollwatch.pipeline.process_reports`` (extract -> geocode -> reconcile); if processing
fails, the reports this request stored are removed again, so none is left half-processed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from sqlalchemy import Engine, delete, func, select

from tollwatch.api._convert import report_public
from tollwatch.api.deps import ANALYST, EngineDep, TextPolicyDep
from tollwatch.api.errors import error_body
from tollwatch.api.routes.reports import report_select
from tollwatch.api.schemas import IngestRejection, ReportCreate, ReportsIngested
from tollwatch.api.security import AnalystDep
from tollwatch.errors import IngestError, MalformedRecord, UnreadableInput
from tollwatch.export.policy import TextPolicy
from tollwatch.ingest.dates import parse_date
from tollwatch.ingest.options import FORMATS, IngestOptions
from tollwatch.ingest.readers import format_for
from tollwatch.ingest.records import Rejection
from tollwatch.ingest.service import ingest_bytes
from tollwatch.pipeline import process_reports
from tollwatch.store.engine import transaction
from tollwatch.store.tables import claims, reports

__all__ = ["MAX_UPLOAD", "router"]

# Analysts and admins only: ingest writes to the database.
router = APIRouter(prefix="/reports", tags=["reports"], dependencies=[ANALYST])

MAX_UPLOAD = 20 * 1024 * 1024

_REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": ReportCreate.model_json_schema()},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {
                        "type": "string",
                        "format": "binary",
                        "description": "A .txt, .md, .html, .jsonl or .csv file.",
                    },
                    "format": {"type": "string", "enum": list(FORMATS)},
                    "date": {"type": "string", "description": "Date for undated reports."},
                    "source": {"type": "string", "description": "Source for reports without."},
                    "sensitive": {"type": "boolean"},
                },
            }
        },
    },
}


class Rejected(IngestError):
    """No input of the request could be read as a report."""

    def __init__(self, rejections: Sequence[Rejection]) -> None:
        self.rejections = tuple(rejections)
        first = self.rejections[0]
        more = f" (and {len(self.rejections) - 1} more)" if len(self.rejections) > 1 else ""
        self.code = first.error.code  # the first problem's own code (TW012, TW014...)
        super().__init__(
            f"{first.where}: {first.error.message}{more}",
            hint="nothing was stored; fix the input and send it again",
        )


@dataclass(frozen=True, slots=True)
class _Input:
    raw: bytes
    origin: str
    options: IngestOptions


def _json_input(body: ReportCreate) -> _Input:
    line = body.model_dump(include={"text", "title", "url", "source", "date"}, exclude_none=True)
    line["language"] = body.language
    raw = json.dumps(line, ensure_ascii=False).encode("utf-8")
    # named by its content, as stdin is: two bad bodies never share one failure record
    origin = "api:" + hashlib.sha256(raw).hexdigest()[:12]
    return _Input(raw, origin, IngestOptions(format="jsonl", sensitive=body.sensitive))


async def _upload_input(request: Request) -> _Input:
    async with request.form() as form:
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise UnreadableInput(
                "the upload has no 'file' part", hint="send the report as the 'file' part"
            )
        raw = await upload.read(MAX_UPLOAD + 1)
        name = upload.filename or "upload"
        fields = {k: v for k, v in form.items() if isinstance(v, str) and v}
    if len(raw) > MAX_UPLOAD:
        raise UnreadableInput(
            f"{name} is larger than {MAX_UPLOAD // 2**20} MiB",
            hint="split it, or ingest it with `tollwatch ingest`",
        )
    fmt = fields.get("format") or format_for(name) or "txt"
    day = parse_date(fields["date"]) if "date" in fields else None
    sensitive = fields.get("sensitive", "").lower() in {"1", "true", "on"}
    options = IngestOptions(format=fmt, date=day, source=fields.get("source"), sensitive=sensitive)
    return _Input(raw, f"upload:{name}", options)


def _process(engine: Engine, created: list[str]) -> bool:
    """Run extract -> geocode -> reconcile; on failure remove the new reports again."""
    if not created:
        return False
    try:
        process_reports(engine, created)
    except Exception:
        with transaction(engine) as conn:
            conn.execute(delete(claims).where(claims.c.report_id.in_(created)))
            conn.execute(delete(reports).where(reports.c.id.in_(created)))
        raise
    return True


def _answer(
    engine: Engine, created: list[str], duplicates: list[str], policy: TextPolicy
) -> tuple[list[Any], int]:
    ids = created + duplicates
    with engine.connect() as conn:
        rows = conn.execute(report_select().where(reports.c.id.in_(ids))).mappings().all()
        n = conn.execute(
            select(func.count()).select_from(claims).where(claims.c.report_id.in_(ids))
        ).scalar_one()
    order = {rid: i for i, rid in enumerate(ids)}
    ordered = sorted(rows, key=lambda r: order[r["id"]])
    return [report_public(r, policy) for r in ordered], int(n)


def _rejection(r: Rejection) -> IngestRejection:
    return IngestRejection(where=r.where, code=r.error.code, message=r.error.message)


def ingest(engine: Engine, inp: _Input, actor: str, policy: TextPolicy) -> ReportsIngested:
    """Ingest through ``tollwatch.ingest.service``, then process; the plain function behind
    the route. Raises ``Rejected`` when nothing of the input could be stored."""
    result = ingest_bytes(engine, inp.raw, inp.options, origin=inp.origin, actor=actor)
    created = list(result.stored)
    duplicates = list(dict.fromkeys(result.duplicates))
    if not created and not duplicates:
        if result.rejected:
            raise Rejected(result.rejected)
        raise MalformedRecord(f"{inp.origin}: no report found in the input")
    processed = _process(engine, created)
    listed, n_claims = _answer(engine, created, duplicates, policy)
    return ReportsIngested(
        created=created,
        duplicates=duplicates,
        rejected=[_rejection(r) for r in result.rejected],
        processed=processed,
        claim_count=n_claims,
        reports=listed,
    )


def _rejected(exc: Rejected) -> JSONResponse:
    detail = [_rejection(r).model_dump() for r in exc.rejections]
    body = error_body(422, exc.code, exc.message, hint=exc.hint, detail=detail)
    return JSONResponse(body, status_code=422)


@router.post(
    "",
    response_model=ReportsIngested,
    status_code=201,
    summary="Ingest a report (JSON) or a file of reports (multipart upload)",
    openapi_extra={"requestBody": _REQUEST_BODY},
    responses={
        200: {"model": ReportsIngested, "description": "Already stored: nothing new."},
        413: {"description": "Upload too large."},
        415: {"description": "Neither JSON nor multipart/form-data."},
        422: {"description": "No good record: each bad one named (and kept as a failure)."},
    },
)
async def post_report(
    request: Request, engine: EngineDep, who: AnalystDep, policy: TextPolicyDep
) -> Any:
    """Store the report(s), then extract, geocode and reconcile them like the CLI does.

    ``201`` with the new report ids; ``200`` when every report was already stored (same
    text and url: ingesting twice adds nothing). Bad lines or rows of an upload are listed
    in ``rejected`` and kept as ingest failures; the good ones are stored. ``422`` when no
    record of the request is good.
    """
    content_type = request.headers.get("content-type", "").lower()
    if content_type.startswith("multipart/form-data"):
        inp = await _upload_input(request)
    elif content_type.startswith("application/json"):
        try:
            body = ReportCreate.model_validate_json(await request.body())
        except ValidationError as exc:
            detail = [
                {"loc": ["body", *map(str, e["loc"])], "msg": e["msg"], "type": e["type"]}
                for e in exc.errors()
            ]
            where = "; ".join(f"{'.'.join(d['loc'])}: {d['msg']}" for d in detail[:5])
            err = error_body(422, "TW422", f"invalid report: {where}", detail=detail)
            return JSONResponse(err, status_code=422)
        inp = _json_input(body)
    else:
        err = error_body(
            415,
            "TW415",
            f"unsupported content type {content_type or '(none)'!r}",
            hint="send application/json or multipart/form-data with a 'file' part",
        )
        return JSONResponse(err, status_code=415)
    try:
        result = await run_in_threadpool(ingest, engine, inp, who.name, policy)
    except Rejected as exc:
        return _rejected(exc)
    status = 201 if result.created else 200
    return JSONResponse(result.model_dump(mode="json"), status_code=status)
