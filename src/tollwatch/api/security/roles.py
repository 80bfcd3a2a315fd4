"""Role checks: the ``Annotated`` dependencies every route declares its caller with
(``PublicRead``, ``ViewerDep``, ``AnalystDep``, ``AdminDep``, ``OptionalPrincipal``); each
checks the CSRF token of a cookie session's writes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from tollwatch.api.security.authn import (
    AuthContextDep,
    AuthHTTPException,
    SettingsDep,
    unauthenticated,
)
from tollwatch.api.security.csrf import check_csrf
from tollwatch.auth.roles import Principal, Role
from tollwatch.errors import PermissionDenied

__all__ = [
    "AdminDep",
    "AnalystDep",
    "OptionalPrincipal",
    "PublicRead",
    "ViewerDep",
    "optional_principal",
    "public_read",
    "require_role",
]


def require_role(role: Role) -> Any:
    """A dependency that returns the Principal when it has at least ``role``."""

    async def dependency(request: Request, ctx: AuthContextDep) -> Principal:
        if ctx.principal is None:
            raise unauthenticated()
        if not ctx.principal.allows(role):
            raise AuthHTTPException(
                403,
                PermissionDenied(
                    f"{request.method} {request.url.path} needs the {role.value} role; "
                    f"{ctx.principal.name} is {ctx.principal.role.value}",
                    hint="ask an admin (`tollwatch user role NAME ROLE`)",
                ),
            )
        await check_csrf(request, ctx)
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
        raise unauthenticated("login required (TOLLWATCH_PUBLIC_READ is off)")
    await check_csrf(request, ctx)
    return ctx.principal


async def optional_principal(ctx: AuthContextDep) -> Principal | None:
    """Whoever is logged in, or None; refuses nothing (for login pages and /auth/me)."""
    return ctx.principal


PublicRead = Annotated[Principal | None, Depends(public_read)]
OptionalPrincipal = Annotated[Principal | None, Depends(optional_principal)]
ViewerDep = Annotated[Principal, Depends(require_role(Role.VIEWER))]
AnalystDep = Annotated[Principal, Depends(require_role(Role.ANALYST))]
AdminDep = Annotated[Principal, Depends(require_role(Role.ADMIN))]
