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

The jobs live in their own modules: ``authn`` (token or session -> ``AuthContext``),
``csrf``, ``roles`` (the role dependencies), ``text`` (what text a caller may see) and
``pages`` (page headers). The routers are mounted by ``tollwatch.api.app.create_app``
(``install_security_routes``), so this package imports no route.
"""

from tollwatch.api.security.authn import (
    SESSION_COOKIE,
    AuthContext,
    AuthContextDep,
    AuthHTTPException,
    EngineDep,
    SettingsDep,
    app_settings,
    error_body,
    get_auth_context,
    get_engine,
)
from tollwatch.api.security.csrf import CSRF_FIELD, CSRF_HEADER
from tollwatch.api.security.pages import secure_page
from tollwatch.api.security.roles import (
    AdminDep,
    AnalystDep,
    OptionalPrincipal,
    PublicRead,
    ViewerDep,
    optional_principal,
    public_read,
    require_role,
)
from tollwatch.api.security.text import (
    PublicNamesDep,
    TextPolicyDep,
    get_text_policy,
    public_text_policy,
    text_policy,
    visible_quote,
    visible_text,
    visible_url,
)
from tollwatch.auth.roles import Principal, Role

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
    "optional_principal",
    "public_read",
    "public_text_policy",
    "require_role",
    "secure_page",
    "text_policy",
    "visible_quote",
    "visible_text",
    "visible_url",
]
