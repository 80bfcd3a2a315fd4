"""What text a caller may see: the ``TextPolicy`` of a request (``TextPolicyDep``) or of an
export made outside one (``public_text_policy``), and ``visible_text`` / ``visible_quote`` /
``visible_url`` for single values. Analysts and admins get originals; everyone else gets
names of people withheld and sensitive reports' words hidden."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Annotated

from fastapi import Depends
from sqlalchemy import Engine, select

from tollwatch.api.security.authn import AuthContextDep, EngineDep
from tollwatch.auth.roles import Principal
from tollwatch.config import get_settings
from tollwatch.export.policy import ORIGINAL, TextPolicy
from tollwatch.redact import (
    DEFAULT_MODEL,
    DbMentionStore,
    MentionStore,
    redact_in_context,
    redact_text,
    redact_url,
    redact_window,
)
from tollwatch.redact.public import public_names_cached
from tollwatch.store.tables import reports

__all__ = [
    "PublicNamesDep",
    "TextPolicyDep",
    "get_public_names",
    "get_text_policy",
    "public_text_policy",
    "text_policy",
    "visible_quote",
    "visible_text",
    "visible_url",
]


def get_public_names(engine: EngineDep) -> frozenset[str]:
    return public_names_cached(engine)


PublicNamesDep = Annotated[frozenset[str], Depends(get_public_names)]


def _model() -> str:
    return get_settings().spacy_model or DEFAULT_MODEL


def text_policy(
    principal: Principal | None, public_names: Iterable[str], engine: Engine | None = None
) -> TextPolicy:
    """The ``TextPolicy`` (tollwatch.export.policy) for this caller: originals for analysts
    and admins; names redacted and sensitive reports hidden for everyone else. With
    ``engine``, names found are remembered in its ``name_cache`` table."""
    if principal is not None and principal.sees_originals:
        return ORIGINAL
    names = frozenset(public_names)
    model = _model()
    store = DbMentionStore(engine) if engine is not None else None
    texts = _ReportTexts(engine) if engine is not None else None

    def redact(value: str) -> str:
        return redact_text(value, names, model=model, store=store)

    def in_report(value: str, report_id: str | None, attribution: bool) -> str:
        if not _may_name(value):
            return value  # no capital letter and no Arabic letter: no name to find
        context = texts.get(report_id) if texts is not None and report_id else None
        return redact_in_context(
            value, context, names, model=model, store=store, attribution=attribution
        )

    return TextPolicy(redact=redact, show_sensitive=False, in_report=in_report)


def _may_name(value: str) -> bool:
    """Names are only ever found capitalised or in Arabic script (``tollwatch.redact``)."""
    return any(ch.isupper() or "\u0600" <= ch <= "\u06ff" for ch in value)


class _ReportTexts:
    """Report texts by id for one policy (one request or one export), a few hundred kept."""

    def __init__(self, engine: Engine, keep: int = 256) -> None:
        self.engine = engine
        self.keep = keep
        self._texts: OrderedDict[str, str | None] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, report_id: str) -> str | None:
        with self._lock:
            if report_id in self._texts:
                self._texts.move_to_end(report_id)
                return self._texts[report_id]
        with self.engine.connect() as conn:
            text = conn.execute(
                select(reports.c.text).where(reports.c.id == report_id)
            ).scalar_one_or_none()
        with self._lock:
            self._texts[report_id] = text
            while len(self._texts) > self.keep:
                self._texts.popitem(last=False)
        return text


def public_text_policy(engine: Engine) -> TextPolicy:
    """What exports and pages for the public use outside a request (e.g. `tollwatch export`)."""
    return text_policy(None, public_names_cached(engine), engine)


def get_text_policy(ctx: AuthContextDep, names: PublicNamesDep, engine: EngineDep) -> TextPolicy:
    """Dependency: the caller's TextPolicy (anonymous callers get the public one)."""
    return text_policy(ctx.principal, names, engine)


TextPolicyDep = Annotated[TextPolicy, Depends(get_text_policy)]


def visible_text(
    text: str | None,
    principal: Principal | None,
    *,
    report_sensitive: bool,
    public_names: Iterable[str] = (),
    store: MentionStore | None = None,
) -> str | None:
    """``text`` as ``principal`` may see it (None = anonymous public, or an export).

    Analysts/admins: the original. Others: None for a sensitive report, else the text with
    people's names replaced by ``[name withheld]`` (names in ``public_names`` kept).
    """
    if text is None:
        return None
    if principal is not None and principal.sees_originals:
        return text
    if report_sensitive:
        return None
    return redact_text(text, frozenset(public_names), model=_model(), store=store)


def visible_quote(
    report_text: str,
    start: int,
    end: int,
    principal: Principal | None,
    *,
    report_sensitive: bool,
    public_names: Iterable[str] = (),
    store: MentionStore | None = None,
) -> str | None:
    """The evidence span ``report_text[start:end]`` as ``principal`` may see it; names are
    found in the whole report (more context than the quote alone), then cut to the span."""
    if principal is not None and principal.sees_originals:
        return report_text[start:end]
    if report_sensitive:
        return None
    return redact_window(
        report_text, start, end, frozenset(public_names), model=_model(), store=store
    )


def visible_url(
    url: str | None,
    report_text: str,
    principal: Principal | None,
    *,
    report_sensitive: bool,
    public_names: Iterable[str] = (),
    store: MentionStore | None = None,
) -> str | None:
    """A report's URL as ``principal`` may see it: slugs often carry a witness's name, so the
    words of private names found in the report are replaced; None for a sensitive report."""
    if url is None or (principal is not None and principal.sees_originals):
        return url
    if report_sensitive:
        return None
    return redact_url(url, report_text, frozenset(public_names), model=_model(), store=store)
