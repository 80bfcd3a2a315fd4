"""FastAPI dependencies as ``Annotated`` aliases: settings, database, paging, text policy.

Who may call a route is declared with ``tollwatch.api.security`` (``READ``/``ANALYST`` below
are the router-level forms used by this package's routers).

The app factory stores its ``Settings`` and ``Engine`` on ``app.state``; routes reach them
only through these aliases, so tests give the factory their own settings (and database).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy import Connection, Engine

from tollwatch.api.security import Role, get_text_policy, public_read, require_role
from tollwatch.config import Settings
from tollwatch.export.policy import TextPolicy

__all__ = [
    "ANALYST",
    "READ",
    "ConnDep",
    "EngineDep",
    "PageDep",
    "PageParams",
    "SettingsDep",
    "TextPolicyDep",
    "get_conn",
    "get_engine",
    "get_settings",
    "get_text_policy",
]

MAX_LIMIT = 1000


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_engine(request: Request) -> Engine:
    """The app's migrated engine."""
    engine: Engine = request.app.state.engine
    return engine


def get_conn(engine: Annotated[Engine, Depends(get_engine)]) -> Iterator[Connection]:
    """One read connection for the request, closed when the request is done.

    Prefer ``EngineDep`` and ``with engine.connect() as conn:`` inside the route: this
    dependency's clean-up needs a worker thread of its own, so under heavy concurrency
    finished requests can hold connections while waiting for a thread (the API's own routes
    no longer use it)."""
    with engine.connect() as conn:
        yield conn


@dataclass(frozen=True, slots=True)
class PageParams:
    limit: int
    offset: int


def get_page(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")] = 0,
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


#: Router-level access rules: reads are public when TOLLWATCH_PUBLIC_READ=true, else viewer+.
READ = Depends(public_read)
#: Analyst or admin.
ANALYST = Depends(require_role(Role.ANALYST))

SettingsDep = Annotated[Settings, Depends(get_settings)]
EngineDep = Annotated[Engine, Depends(get_engine)]
ConnDep = Annotated[Connection, Depends(get_conn)]
PageDep = Annotated[PageParams, Depends(get_page)]
#: How free text is shown to this caller: originals for analysts and admins, names redacted
#: and sensitive reports' words hidden for everyone else (see ``api.security``).
TextPolicyDep = Annotated[TextPolicy, Depends(get_text_policy)]
