"""The dashboard's HTML pages and static files (``tollwatch.web``), outside ``/api/v1``.

``create_app`` includes ``router``. Pages are rendered on the server from aggregated
queries and the same schemas the JSON API returns, for the same readers (public when
``TOLLWATCH_PUBLIC_READ=true``, else logged-in viewers and up) and with the same text policy
(names withheld, sensitive reports hidden). They are left out of the OpenAPI schema.
Filters are query parameters shared by every page (see ``tollwatch.web.filters``).
"""

from __future__ import annotations

import gzip
import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from math import ceil
from typing import Annotated, Any
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Connection, Engine, select

from tollwatch.api.deps import EngineDep, SettingsDep, TextPolicyDep
from tollwatch.api.errors import status_for
from tollwatch.api.routes.reports import report_detail
from tollwatch.api.security import OptionalPrincipal, PublicNamesDep
from tollwatch.auth.roles import Principal
from tollwatch.config import Settings
from tollwatch.errors import NotAuthenticated, TollwatchError
from tollwatch.models import Outcome
from tollwatch.redact import redaction_spans
from tollwatch.store.tables import reports
from tollwatch.web import dashboard, labels
from tollwatch.web.chart import layout_chart
from tollwatch.web.filters import PageFilters, parse_filters
from tollwatch.web.queries import filter_choices, list_reports
from tollwatch.web.templating import STATIC_DIR, STATIC_PREFIX, make_templates
from tollwatch.web.views import report_view, toll_cards

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
router.mount(STATIC_PREFIX, StaticFiles(directory=STATIC_DIR), name="static")
templates = make_templates()

GZIP_MIN = 2048
FEED_CACHE = 16
PER_PAGE = 50
LATEST = 8
MAP_LIST = 200

Builder = Callable[[PageFilters, Connection], tuple[str, dict[str, Any]]]


def _default_view(settings: Settings) -> str:
    """The reconciled view pages show unless ``?view=`` says: every claim ("all") or verified
    claims only, as the public_tolls setting says."""
    return "verified" if settings.public_tolls == "verified" else "all"


def view_of(f: PageFilters | None, settings: Settings) -> str:
    return f.view if f is not None and f.view else _default_view(settings)


def _check_reader(settings: Settings, who: Principal | None) -> None:
    """Pages follow the API's read rule: public read on, or a logged-in viewer and up."""
    if who is None and not settings.public_read:
        raise NotAuthenticated(
            "log in to see the dashboard (public read is off)",
            hint="log in at /login, or ask an admin for an account",
        )


def _render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    settings: Settings = request.app.state.settings
    response.headers["Content-Security-Policy"] = content_policy(settings.tile_url)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def content_policy(tile_url: str | None) -> str:
    """What pages may load: only this app's own files (the tile server too, when set)."""
    images = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        if parts.scheme in ("http", "https") and parts.netloc:
            host = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url else parts.netloc
            images += f" {parts.scheme}://{host}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src {images}; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
        "form-action 'self'"
    )


def _error_page(
    request: Request,
    exc: TollwatchError,
    filters: PageFilters | None,
    who: Principal | None = None,
) -> HTMLResponse:
    status = status_for(exc)
    titles = {401: "Login required", 403: "Not allowed", 404: "Not found"}
    context = {
        "title": titles.get(status, "Cannot show this page"),
        "message": str(exc),
        "filters": filters,
        "page": "error",
        "who": who,
        "login_next": request.url.path if status == 401 else None,
    }
    return _render(request, "error.html", context, status_code=status)


def _page(
    request: Request, engine: Engine, settings: Settings, who: Principal | None, build: Builder
) -> Response:
    """Check the reader, parse the shared filters, build the page; our errors become an HTML
    page with the right status (the API's handlers would answer in JSON).

    The page's connection is opened here, in the route's worker thread, and closed before
    rendering: a request never holds a connection while it waits for a thread (with a
    connection per waiting request, 20 concurrent readers exhausted the pool)."""
    filters: PageFilters | None = None
    if who is None and not settings.public_read:
        # Like the review pages: a reader who is not logged in is sent to the login page,
        # and comes back here afterwards.
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    try:
        filters = parse_filters(request.query_params)
        with engine.connect() as conn:
            name, context = build(filters, conn)
    except TollwatchError as exc:
        return _error_page(request, exc, filters, who)
    context.setdefault("filters", filters)
    context.setdefault("who", who)
    return _render(request, name, context)


@router.get("/", response_class=HTMLResponse, name="overview")
def overview(
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    who: OptionalPrincipal,
    policy: TextPolicyDep,
) -> Response:
    """Toll cards, the toll-over-time chart and the latest reports."""

    def build(f: PageFilters, conn: Connection) -> tuple[str, dict[str, Any]]:
        chart_outcome = f.outcome or Outcome.KILLED
        view = view_of(f, settings)
        incidents = dashboard.incidents_by_day(conn, f, chart_outcome, view)
        series = dashboard.running_tolls(conn, f, chart_outcome, view)
        latest, _ = list_reports(conn, f, policy, limit=LATEST, with_total=False)
        return "overview.html", {
            "page": "overview",
            "cards": toll_cards(dashboard.tolls(engine, f, view)),
            "chart": layout_chart(incidents, series),
            "chart_outcome": chart_outcome,
            "view": view,
            "latest": latest,
            "choices": filter_choices(conn, view),
        }

    return _page(request, engine, settings, who, build)


@router.get("/map", response_class=HTMLResponse, name="map")
def map_page(
    request: Request, engine: EngineDep, settings: SettingsDep, who: OptionalPrincipal
) -> Response:
    """The event map (drawn by static/map.js) with the same events as an accessible table."""

    def build(f: PageFilters, conn: Connection) -> tuple[str, dict[str, Any]]:
        events, total = dashboard.top_events(conn, f, view_of(f, settings), limit=MAP_LIST)
        return "map.html", {
            "page": "map",
            "events": events,
            "total_events": total,
            "tile_url": settings.tile_url,
            "choices": filter_choices(conn, view_of(f, settings)),
        }

    return _page(request, engine, settings, who, build)


@router.get("/map/events.json", name="map_events")
def map_events(
    request: Request, engine: EngineDep, settings: SettingsDep, who: OptionalPrincipal
) -> Response:
    """Compact marker feed for the map: one small object per located event."""
    try:
        _check_reader(settings, who)
        f = parse_filters(request.query_params)
    except TollwatchError as exc:
        status = status_for(exc)
        body = {
            "error": {
                "code": exc.code,
                "status": status,
                "message": exc.message,
                "hint": exc.hint,
                "detail": None,
            }
        }
        return JSONResponse(body, status_code=status)
    view = view_of(f, settings)
    with engine.connect() as conn:
        key = (
            engine.url.render_as_string(),
            dashboard.reconcile_version(conn, view),
            view,
            f.query(),
        )
        with _FEEDS_LOCK:
            cached = _FEEDS.get(key)
            if cached is not None:
                _FEEDS.move_to_end(key)
        if cached is None:
            cached = _Feed.of({"events": dashboard.map_markers(conn, f, view)})
        with _FEEDS_LOCK:
            _FEEDS[key] = cached
            while len(_FEEDS) > FEED_CACHE:
                _FEEDS.popitem(last=False)
    return cached.response(request)


@router.get("/map/labels.json", name="map_labels")
def map_labels(
    bbox: Annotated[str, Query(pattern=r"^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$")],
    zoom: Annotated[float, Query(ge=0, le=22)],
) -> Response:
    """Place names for the visible part of the map (west,south,east,north at zoom), from the
    gazetteer: public place data, the same for every reader, cached by the browser."""
    west, south, east, north = (float(v) for v in bbox.split(","))
    found = labels.labels_in(labels.label_points(), (west, south, east, north), zoom)
    return Response(
        json.dumps({"labels": found}, separators=(",", ":"), ensure_ascii=False),
        media_type="application/json",
        headers={"Cache-Control": "public, max-age=3600"},
    )


@dataclass(frozen=True, slots=True)
class _Feed:
    """A JSON body, and its gzipped form when it is worth compressing."""

    raw: bytes
    packed: bytes | None

    @classmethod
    def of(cls, data: dict[str, Any]) -> _Feed:
        raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        packed = gzip.compress(raw, compresslevel=5) if len(raw) > GZIP_MIN else None
        return cls(raw, packed)

    def response(self, request: Request) -> Response:
        """Gzipped when the client accepts it (the marker feed of a large database is
        megabytes of repetitive text; over a field connection that matters)."""
        headers = {"Vary": "Accept-Encoding", "Cache-Control": "no-cache"}
        body = self.raw
        if self.packed is not None and "gzip" in request.headers.get("accept-encoding", ""):
            body = self.packed
            headers["Content-Encoding"] = "gzip"
        return Response(body, media_type="application/json", headers=headers)


# Marker feeds by (database, reconciliation version, view, filters): rebuilt only when reconciliation
# rewrites the events, so returning to the map is instant.
_FEEDS: OrderedDict[tuple[str, str, str, str], _Feed] = OrderedDict()
_FEEDS_LOCK = threading.Lock()


@router.get("/events/{event_id}", response_class=HTMLResponse, name="event")
def event_page(
    request: Request,
    event_id: str,
    engine: EngineDep,
    settings: SettingsDep,
    who: OptionalPrincipal,
    policy: TextPolicyDep,
) -> Response:
    """One event with its claims, quotes and sources."""

    def build(f: PageFilters, conn: Connection) -> tuple[str, dict[str, Any]]:
        return "event.html", {
            "page": "event",
            "event": dashboard.event(conn, event_id, view_of(f, settings), policy),
        }

    return _page(request, engine, settings, who, build)


@router.get("/events/{event_id}/card", response_class=HTMLResponse, name="event_card")
def event_card(
    request: Request,
    event_id: str,
    engine: EngineDep,
    settings: SettingsDep,
    who: OptionalPrincipal,
    policy: TextPolicyDep,
) -> Response:
    """The event as an HTML fragment (the map's side panel shows it)."""

    def build(f: PageFilters, conn: Connection) -> tuple[str, dict[str, Any]]:
        return "_event_card.html", {
            "event": dashboard.event(conn, event_id, view_of(f, settings), policy)
        }

    return _page(request, engine, settings, who, build)


@router.get("/reports", response_class=HTMLResponse, name="reports")
def reports_page(
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    who: OptionalPrincipal,
    policy: TextPolicyDep,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> Response:
    """Reports matching the filters and the text search, newest first."""

    def build(f: PageFilters, conn: Connection) -> tuple[str, dict[str, Any]]:
        found, total = list_reports(conn, f, policy, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
        return "reports.html", {
            "page": "reports",
            "reports": found,
            "total": total,
            "page_no": page,
            "pages": max(1, ceil(total / PER_PAGE)),
            "choices": filter_choices(conn, view_of(f, settings)),
        }

    return _page(request, engine, settings, who, build)


@router.get("/reports/{report_id}", response_class=HTMLResponse, name="report")
def report_page(
    request: Request,
    report_id: str,
    engine: EngineDep,
    settings: SettingsDep,
    who: OptionalPrincipal,
    policy: TextPolicyDep,
    public_names: PublicNamesDep,
) -> Response:
    """A report's text with its claims' evidence spans highlighted (names withheld from
    readers who may not see them, cut from the stored text so the offsets still hold)."""

    def build(f: PageFilters, conn: Connection) -> tuple[str, dict[str, Any]]:
        detail = report_detail(conn, report_id, policy)
        original = None
        hidden: list[tuple[int, int]] = []
        if detail.text is not None and detail.text_redacted:
            original = conn.execute(
                select(reports.c.text).where(reports.c.id == report_id)
            ).scalar_one()
            hidden = redaction_spans(original, public_names, model=settings.spacy_model)
        view = report_view(
            detail,
            original_text=original,
            hidden=hidden,
            events_by_claim=dashboard.events_of_claims(
                conn, [c.id for c in detail.claims], view_of(f, settings)
            ),
        )
        return "report.html", {"page": "report", "report": view}

    return _page(request, engine, settings, who, build)


@router.get("/tolls/explain", response_class=HTMLResponse, name="explain")
def explain_page(
    request: Request,
    engine: EngineDep,
    settings: SettingsDep,
    who: OptionalPrincipal,
    policy: TextPolicyDep,
) -> Response:
    """How each toll was made: the same tree as ``tollwatch tolls --explain``."""

    def build(f: PageFilters, conn: Connection) -> tuple[str, dict[str, Any]]:
        tree, left_out = dashboard.explanation(conn, engine, f, view_of(f, settings), policy)
        return "explain.html", {
            "page": "explain",
            "tree": tree,
            "quotes_left_out": left_out,
            "choices": filter_choices(conn, view_of(f, settings)),
        }

    return _page(request, engine, settings, who, build)
