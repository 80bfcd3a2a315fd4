"""Who may call what, and what text they may see: the FastAPI side of accounts and redaction.

Every route declares its caller with one of these ``Annotated`` dependencies (each resolves
to the current ``Principal``: user id, name, role, and whether it came from a session or a
token)::

    from tollwatch.api.security import AdminDep, AnalystDep, PublicRead, ViewerDep

    @router.get("/events")
    def list_events(who: PublicRead) -> ...:      # anyone if TOLLWATCH_PUBLIC_READ=true,
        ...                                       # else viewer+ (who is None when anonymous)

    @router.post("/claims/{claim_id}/review")
    def review(who: AnalystDep) -> ...:           # analyst or admin
        ...

    ViewerDep   viewer, analyst or admin         (reads that never go public)
    AnalystDep  analyst or admin                 (every write but user management, e.g. ingest)
    AdminDep    admin                            (users, tokens of others)

Authentication: ``Authorization: Bearer tw_...`` (API tokens, ``tollwatch user token``) or the
``tollwatch_session`` cookie set by ``POST /api/v1/auth/login``. A state-changing request
(POST/PUT/PATCH/DELETE) authenticated by the cookie must carry the session's CSRF token in
the ``X-CSRF-Token`` header or a ``csrf_token`` form field (synchronizer token; JS gets it from
``GET /api/v1/auth/me`` or the page's ``<meta name="csrf-token">``). Bearer requests need none.

Failures raise ``AuthHTTPException`` (an ``HTTPException``): 401 when nobody is logged in or
the token/session is bad (with ``WWW-Authenticate: Bearer``), 403 when the role is not
enough or the CSRF token is missing/wrong, 429 when logins are rate-limited. ``detail`` is
already the API's one error body, ``{"error": {"code": "TW06x", "status", "message", "hint",
"detail"}}``, which the app's HTTPException handler passes through unchanged.

Database: the dependencies use ``request.app.state.engine`` when the app factory set one,
else ``tollwatch.store.connect(settings.database_url)``; settings are
``request.app.state.settings`` when set, else ``tollwatch.config.get_settings()``.

What text a caller may see — use these for EVERY report text, title or claim quote that
leaves the API, the dashboard or an export::

    visible_text(text, who, report_sensitive=..., public_names=names) -> str | None
    visible_quote(report_text, start, end, who, report_sensitive=..., public_names=names)
    visible_url(url, report_text, who, report_sensitive=..., public_names=names)

Analysts and admins get the original. Everyone else (viewers, anonymous public, exports)
gets names of people replaced by ``[name withheld]``, except names an analyst marked public;
a sensitive report's text (and its quotes and title) is ``None`` for them: hide it, but keep
counting its numbers. ``PublicNamesDep`` gives the current public names for a request;
outside a request use ``tollwatch.redact.public.public_names_cached(engine)``.

The same rules as a ``tollwatch.export.policy.TextPolicy``: ``TextPolicyDep`` (the caller's
policy; wire ``api.deps.get_text_policy`` to ``get_text_policy`` here), ``text_policy(who,
names)``, and ``public_text_policy(engine)`` for exports made outside a request (CLI).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Request, Response
from sqlalchemy import Engine, select

from tollwatch.auth.roles import Principal, Role
from tollwatch.auth.sessions import session_for_cookie
from tollwatch.auth.tokens import same_secret
from tollwatch.auth.users import principal_for_token
from tollwatch.config import Settings, get_settings
from tollwatch.errors import CsrfFailure, NotAuthenticated, PermissionDenied, TollwatchError
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
from tollwatch.store import connect
from tollwatch.store.tables import reports

__all__ = [
    "CSRF_FIELD",
    "CSRF_HEADER",
    "SESSION_COOKIE",
    "AdminDep",
    "AnalystDep",
    "AuthContext",
    "AuthContextDep",
    "AuthHTTPException",
    "EngineDep",
    "OptionalPrincipal",
    "Principal",
    "PublicNamesDep",
    "PublicRead",
    "Role",
    "SettingsDep",
    "TextPolicyDep",
    "ViewerDep",
    "app_settings",
    "error_body",
    "get_auth_context",
    "get_engine",
    "get_text_policy",
    "install_security_routes",
    "public_text_policy",
    "require_role",
    "secure_page",
    "text_policy",
    "visible_quote",
    "visible_text",
    "visible_url",
]

SESSION_COOKIE = "tollwatch_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def app_settings(
    request: Request, fallback: Annotated[Settings, Depends(get_settings)]
) -> Settings:
    """The settings the app was created with (``app.state.settings``), else the environment's
    (``tollwatch.config.get_settings``; override either in tests)."""
    settings = getattr(request.app.state, "settings", None)
    if isinstance(settings, Settings):
        return settings
    return fallback


SettingsDep = Annotated[Settings, Depends(app_settings)]


def error_body(exc: TollwatchError, status: int) -> dict[str, Any]:
    """The API's one error shape (the same as ``tollwatch.api.errors.error_body``)."""
    return {
        "error": {
            "code": exc.code,
            "status": status,
            "message": exc.message,
            "hint": exc.hint,
            "detail": None,
        }
    }


class AuthHTTPException(HTTPException):
    """An HTTPException whose ``detail`` is already the API's error body; ``.error`` holds the
    tollwatch error."""

    def __init__(self, status_code: int, error: TollwatchError) -> None:
        headers = {"WWW-Authenticate": "Bearer"} if status_code == 401 else None
        super().__init__(
            status_code=status_code, detail=error_body(error, status_code), headers=headers
        )
        self.error = error


def _unauthenticated(message: str = "login required") -> AuthHTTPException:
    return AuthHTTPException(
        401,
        NotAuthenticated(
            message,
            hint="log in (POST /api/v1/auth/login) or send 'Authorization: Bearer <token>' "
            "(tokens from `tollwatch user token NAME`)",
        ),
    )


def get_engine(request: Request, settings: SettingsDep) -> Engine:
    """The app's engine (``app.state.engine``) or the cached one for the settings' URL."""
    engine = getattr(request.app.state, "engine", None)
    if isinstance(engine, Engine):
        return engine
    return connect(settings.database_url)


EngineDep = Annotated[Engine, Depends(get_engine)]


@dataclass(frozen=True, slots=True)
class AuthContext:
    """Who sent the request (None: nobody) and, for a session, its CSRF token."""

    principal: Principal | None
    csrf_token: str | None = None


def get_auth_context(request: Request, engine: EngineDep) -> AuthContext:
    """Read the bearer token or the session cookie (sync: runs in the threadpool)."""
    header = request.headers.get("authorization")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _unauthenticated("the Authorization header must be 'Bearer <token>'")
        with engine.begin() as conn:
            principal = principal_for_token(conn, token.strip())
        if principal is None:
            raise _unauthenticated("unknown, revoked or expired API token")
        return AuthContext(principal)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        with engine.connect() as conn:
            info = session_for_cookie(conn, cookie)
        if info is not None:
            return AuthContext(info.principal, info.csrf_token)
    return AuthContext(None)


AuthContextDep = Annotated[AuthContext, Depends(get_auth_context)]


async def _check_csrf(request: Request, ctx: AuthContext) -> None:
    if request.method.upper() in SAFE_METHODS or ctx.csrf_token is None:
        return
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not sent or not same_secret(sent, ctx.csrf_token):
        raise AuthHTTPException(
            403,
            CsrfFailure(
                f"{request.method} {request.url.path} needs this session's CSRF token",
                hint=f"send it in the {CSRF_HEADER} header or a '{CSRF_FIELD}' form field "
                "(GET /api/v1/auth/me returns it)",
            ),
        )


def require_role(role: Role) -> Any:
    """A dependency that returns the Principal when it has at least ``role``."""

    async def dependency(request: Request, ctx: AuthContextDep) -> Principal:
        if ctx.principal is None:
            raise _unauthenticated()
        if not ctx.principal.allows(role):
            raise AuthHTTPException(
                403,
                PermissionDenied(
                    f"{request.method} {request.url.path} needs the {role.value} role; "
                    f"{ctx.principal.name} is {ctx.principal.role.value}",
                    hint="ask an admin (`tollwatch user role NAME ROLE`)",
                ),
            )
        await _check_csrf(request, ctx)
        return ctx.principal

    dependency.__name__ = f"require_{role.value}"
    return dependency


async def public_read(
    request: Request, ctx: AuthContextDep, settings: SettingsDep
) -> Principal | None:
    """Anyone when public read is on (None for anonymous), else a logged-in viewer or more."""
    if ctx.principal is None:
        if settings.public_read:
            return None
        raise _unauthenticated("login required (TOLLWATCH_PUBLIC_READ is off)")
    await _check_csrf(request, ctx)
    return ctx.principal


async def optional_principal(ctx: AuthContextDep) -> Principal | None:
    """Whoever is logged in, or None; refuses nothing (for login pages and /auth/me)."""
    return ctx.principal


PublicRead = Annotated[Principal | None, Depends(public_read)]
OptionalPrincipal = Annotated[Principal | None, Depends(optional_principal)]
ViewerDep = Annotated[Principal, Depends(require_role(Role.VIEWER))]
AnalystDep = Annotated[Principal, Depends(require_role(Role.ANALYST))]
AdminDep = Annotated[Principal, Depends(require_role(Role.ADMIN))]


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


def install_security_routes(app: Any, prefix: str = "/api/v1") -> None:
    """Mount the auth, user-admin and review routers (JSON under ``prefix``) and the
    ``/login``, ``/logout`` and ``/review`` pages; ``create_app`` calls this once."""
    from fastapi.routing import iter_route_contexts

    from tollwatch.api.routes import auth, review

    paths = {ctx.path for ctx in iter_route_contexts(app.routes)}
    if f"{prefix}/auth/login" in paths:
        return
    app.include_router(auth.router, prefix=prefix)
    app.include_router(auth.users_router, prefix=prefix)
    app.include_router(review.router, prefix=prefix)
    app.include_router(auth.pages)
    app.include_router(review.pages)


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


PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'"
)


_R = TypeVar("_R", bound=Response)


def secure_page(response: _R) -> _R:
    """Headers for the login and review pages: only this app's own scripts, no framing
    (clickjacking), no MIME sniffing, no referrer to other sites."""
    response.headers["Content-Security-Policy"] = PAGE_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response
