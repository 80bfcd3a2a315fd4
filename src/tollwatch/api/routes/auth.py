"""``/api/v1/auth`` and ``/api/v1/users``: log in and out, who am I, tokens, user admin.
Also the dashboard's ``/login`` and ``/logout`` pages (left out of the OpenAPI schema).

Login is rate-limited per (user name, client IP): ``tollwatch.auth.ratelimit`` (5 failures
per 15 minutes by default; ``app.state.login_limiter`` overrides it).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from tollwatch.api.limits import client_address
from tollwatch.api.security import (
    CSRF_FIELD,
    SESSION_COOKIE,
    AdminDep,
    AuthContextDep,
    AuthHTTPException,
    EngineDep,
    ViewerDep,
    optional_principal,
    secure_page,
)
from tollwatch.auth import (
    LoginLimiter,
    add_user,
    authenticate,
    create_token,
    disable_user,
    end_session,
    list_users,
    revoke_tokens,
    set_password,
    set_role,
    start_session,
)
from tollwatch.auth.roles import Principal, Role
from tollwatch.auth.sessions import SESSION_TTL, NewSession
from tollwatch.config import Settings
from tollwatch.errors import NotAuthenticated, TooManyAttempts, UserError
from tollwatch.web.templating import make_templates

__all__ = ["pages", "router", "users_router"]

router = APIRouter(prefix="/auth", tags=["auth"])
users_router = APIRouter(prefix="/users", tags=["users"])
pages = APIRouter(include_in_schema=False)

_default_limiter = LoginLimiter()
_templates = make_templates()


class LoginRequest(BaseModel):
    name: str = Field(min_length=1, max_length=80)
    password: str = Field(min_length=1, max_length=1000)


class SessionPublic(BaseModel):
    name: str
    role: Role
    via: str
    csrf_token: str | None = Field(
        default=None, description="Send in X-CSRF-Token with every write made with the cookie."
    )
    expires_at: datetime | None = None


class TokenCreate(BaseModel):
    label: str | None = Field(default=None, max_length=200)
    expires_days: int | None = Field(default=None, ge=1, le=3650)


class TokenPublic(BaseModel):
    token: str = Field(description="Shown once: store it safely.")
    label: str | None


class UserPublic(BaseModel):
    name: str
    role: Role
    disabled: bool
    created_at: datetime


class UserCreate(BaseModel):
    name: str = Field(min_length=2, max_length=80)
    password: str = Field(min_length=1, max_length=1000)
    role: Role = Role.VIEWER


class RoleChange(BaseModel):
    role: Role


def _limiter(request: Request) -> LoginLimiter:
    limiter = getattr(request.app.state, "login_limiter", None)
    return limiter if isinstance(limiter, LoginLimiter) else _default_limiter


def _client_ip(request: Request) -> str:
    """The client's address; X-Forwarded-For counts only from TOLLWATCH_TRUSTED_PROXIES."""
    settings = getattr(request.app.state, "settings", None)
    trusted = settings.trusted_proxies if isinstance(settings, Settings) else ""
    return client_address(request, trusted)


def _login(
    request: Request, engine: EngineDep, name: str, password: str
) -> tuple[Principal, NewSession]:
    """Check the rate limit and the password, then start a session (cookie set by caller)."""
    limiter, ip = _limiter(request), _client_ip(request)
    try:
        limiter.begin(name, ip)  # counted at once: concurrent attempts cannot slip through
    except TooManyAttempts as exc:
        raise AuthHTTPException(429, exc) from None
    try:
        with engine.begin() as conn:
            principal = authenticate(conn, name, password)
            session = start_session(conn, principal)
    except NotAuthenticated as exc:
        raise AuthHTTPException(401, exc) from None
    limiter.succeeded(name, ip)
    return principal, session


def _set_cookie(request: Request, response: Response, session: NewSession) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        session.cookie,
        max_age=int(SESSION_TTL.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
    )


@router.post(
    "/login",
    response_model=SessionPublic,
    summary="Log in (sets the session cookie)",
    dependencies=[Depends(optional_principal)],  # anyone may try; a bad token is refused
)
def login(
    body: LoginRequest, request: Request, response: Response, engine: EngineDep
) -> SessionPublic:
    """Start a browser session. Failures: 401 (wrong name or password), 429 (rate limit:
    5 failures per name and IP in 15 minutes)."""
    principal, session = _login(request, engine, body.name, body.password)
    _set_cookie(request, response, session)
    return SessionPublic(
        name=principal.name,
        role=principal.role,
        via="session",
        csrf_token=session.csrf_token,
        expires_at=session.expires_at,
    )


@router.post("/logout", status_code=204, summary="Log out (ends the session)")
def logout(who: ViewerDep, request: Request, engine: EngineDep) -> Response:
    """End this browser session (needs its CSRF token)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        with engine.begin() as conn:
            end_session(conn, cookie)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/me", response_model=SessionPublic, summary="Who is logged in")
def me(who: ViewerDep, ctx: AuthContextDep) -> SessionPublic:
    """The caller's name and role, and for a session its CSRF token."""
    return SessionPublic(name=who.name, role=who.role, via=who.via, csrf_token=ctx.csrf_token)


@router.post("/tokens", response_model=TokenPublic, status_code=201, summary="New API token")
def new_token(body: TokenCreate, who: ViewerDep, engine: EngineDep) -> TokenPublic:
    """An API token acting as the caller (same role), shown once."""
    with engine.begin() as conn:
        token = create_token(
            conn,
            who.name,
            actor=who.name,
            label=body.label,
            expires_in=timedelta(days=body.expires_days) if body.expires_days else None,
        )
    return TokenPublic(token=token, label=body.label)


class PasswordChange(BaseModel):
    current_password: str = Field(min_length=1, max_length=1000)
    new_password: str = Field(min_length=1, max_length=1000)


class PasswordChanged(BaseModel):
    ended: int = Field(description="Other sessions ended and API tokens revoked.")


@router.post("/password", response_model=PasswordChanged, summary="Change one's own password")
def change_password(
    body: PasswordChange, who: ViewerDep, request: Request, engine: EngineDep
) -> PasswordChanged:
    """Change the caller's password (the current one is asked again). Every other session of
    the caller ends and every API token of theirs is revoked; this session stays."""
    limiter, ip = _limiter(request), _client_ip(request)
    try:
        limiter.begin(who.name, ip)  # guessing the current password is rate-limited too
    except TooManyAttempts as exc:
        raise AuthHTTPException(429, exc) from None
    try:
        with engine.begin() as conn:
            authenticate(conn, who.name, body.current_password)
            keep = request.cookies.get(SESSION_COOKIE) if who.via == "session" else None
            ended = set_password(
                conn, who.name, body.new_password, actor=who.name, keep_session=keep
            )
    except NotAuthenticated as exc:
        raise AuthHTTPException(403, exc) from None
    except UserError as exc:
        limiter.succeeded(who.name, ip)
        raise _user_error(exc) from None
    limiter.succeeded(who.name, ip)
    return PasswordChanged(ended=ended)


def _user_error(exc: UserError) -> AuthHTTPException:
    status = 404 if exc.message.startswith("no user named") else 400
    return AuthHTTPException(status, exc)


@users_router.get("", response_model=list[UserPublic], summary="List users (admin)")
def get_users(who: AdminDep, engine: EngineDep) -> list[UserPublic]:
    with engine.connect() as conn:
        return [
            UserPublic(name=u.name, role=u.role, disabled=u.disabled, created_at=u.created_at)
            for u in list_users(conn)
        ]


@users_router.post("", response_model=UserPublic, status_code=201, summary="Add a user (admin)")
def post_user(body: UserCreate, who: AdminDep, engine: EngineDep) -> UserPublic:
    try:
        with engine.begin() as conn:
            u = add_user(conn, body.name, body.password, body.role, actor=who.name)
    except UserError as exc:
        raise _user_error(exc) from None
    return UserPublic(name=u.name, role=u.role, disabled=u.disabled, created_at=u.created_at)


@users_router.post("/{name}/disable", response_model=UserPublic, summary="Disable a user (admin)")
def post_disable(name: str, who: AdminDep, engine: EngineDep) -> UserPublic:
    """No more logins; the user's sessions end and tokens are revoked at once."""
    if name == who.name:
        raise AuthHTTPException(
            400, UserError("you cannot disable yourself", hint="ask another admin")
        )
    try:
        with engine.begin() as conn:
            u = disable_user(conn, name, actor=who.name)
            revoke_tokens(conn, name, actor=who.name)
    except UserError as exc:
        raise _user_error(exc) from None
    return UserPublic(name=u.name, role=u.role, disabled=u.disabled, created_at=u.created_at)


@users_router.post("/{name}/role", response_model=UserPublic, summary="Change a role (admin)")
def post_role(name: str, body: RoleChange, who: AdminDep, engine: EngineDep) -> UserPublic:
    try:
        with engine.begin() as conn:
            u = set_role(conn, name, body.role, actor=who.name)
    except UserError as exc:
        raise _user_error(exc) from None
    return UserPublic(name=u.name, role=u.role, disabled=u.disabled, created_at=u.created_at)


# --- dashboard pages -------------------------------------------------------------------


def _safe_next(target: str | None) -> str:
    """Only same-site paths: never redirect a login to another host."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@pages.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str | None = None) -> HTMLResponse:
    return secure_page(
        _templates.TemplateResponse(
            request,
            "review_login.html",
            {"next": _safe_next(next), "error": None, "page": "login", "filters": None},
        )
    )


@pages.post("/login", response_class=HTMLResponse, response_model=None)
def login_form(
    request: Request,
    engine: EngineDep,
    name: Annotated[str, Form(max_length=80)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str | None, Form()] = None,
) -> Response:
    try:
        _, session = _login(request, engine, name, password)
    except AuthHTTPException as exc:
        return secure_page(
            _templates.TemplateResponse(
                request,
                "review_login.html",
                {
                    "next": _safe_next(next),
                    "error": exc.error.message + (f" ({exc.error.hint})" if exc.error.hint else ""),
                    "page": "login",
                    "filters": None,
                },
                status_code=exc.status_code,
            )
        )
    response = RedirectResponse(_safe_next(next), status_code=303)
    _set_cookie(request, response, session)
    return response


@pages.post("/logout", response_model=None)
def logout_form(
    who: ViewerDep,
    request: Request,
    engine: EngineDep,
    csrf_token: Annotated[str | None, Form(alias=CSRF_FIELD)] = None,
) -> Response:
    """Form logout (the CSRF token is checked by ViewerDep)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        with engine.begin() as conn:
            end_session(conn, cookie)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
