"""Every API route declares who may call it, and refuses everyone else (walks the OpenAPI
schema of the real app); login is rate-limited; cookie sessions need the CSRF token."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.routing import iter_route_contexts
from sqlalchemy import Engine

from api.seed import Seeded
from tollwatch.api.security import SESSION_COOKIE
from tollwatch.auth import LoginLimiter

from .conftest import PASSWORD, TestClient, make_user

LEVELS = {
    "optional_principal": 0,
    "public_read": 1,
    "require_viewer": 2,
    "require_analyst": 3,
    "require_admin": 4,
}
NAMES = {v: k for k, v in LEVELS.items()}
#: Writes a viewer may make: only about their own session or token, never data.
SELF_SERVICE = {
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/logout"),
    ("POST", "/api/v1/auth/tokens"),
    ("POST", "/api/v1/auth/password"),
}
#: Routes anyone may call, logged in or not.
OPEN = {("GET", "/api/v1/health"), ("POST", "/api/v1/auth/login")}


def _declared(route: Any) -> int | None:
    """The strictest access dependency anywhere in the route's dependency tree."""
    found: list[int] = []
    stack = [route.dependant]
    while stack:
        dep = stack.pop()
        name = getattr(dep.call, "__name__", "")
        if name in LEVELS:
            found.append(LEVELS[name])
        stack.extend(dep.dependencies)
    return max(found) if found else None


def _routes(app: Any) -> list[tuple[str, str, int | None]]:
    schema_paths = app.openapi()["paths"]
    out = []
    for route in iter_route_contexts(app.routes):
        if route.path not in schema_paths or not route.methods:
            continue
        for method in sorted(route.methods):
            if method.lower() in schema_paths[route.path]:
                out.append((method, route.path, _declared(route)))
    return out


def _url(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "x1", path)


def test_api_every_route_declares_access(app_for: Callable[..., Any]) -> None:
    routes = _routes(app_for())
    assert len(routes) > 20
    undeclared = [(m, p) for m, p, level in routes if level is None]
    assert undeclared == [], f"routes without an access rule: {undeclared}"
    writes_below_analyst = [
        (m, p)
        for m, p, level in routes
        if m not in {"GET", "HEAD"}
        and (level or 0) < LEVELS["require_analyst"]
        and (m, p) not in SELF_SERVICE
    ]
    assert writes_below_analyst == [], f"writes a viewer could call: {writes_below_analyst}"
    open_routes = {(m, p) for m, p, level in routes if level == 0}
    assert open_routes <= OPEN, f"routes open to anyone: {open_routes - OPEN}"


def test_api_every_route_refuses_who_it_should(
    app_for: Callable[..., Any], clients: dict[str, Any]
) -> None:
    checked = 0
    for method, path, level in _routes(app_for()):
        assert level is not None
        url = _url(path)

        def call(who: str, _m: str = method, _u: str = url) -> int:
            return int(clients[who].request(_m, _u, json={}).status_code)

        where = f"{method} {path} ({NAMES[level]})"
        if level >= LEVELS["public_read"]:
            assert call("anonymous") == 401, where
        if level >= LEVELS["require_viewer"]:
            assert call("public") == 401, where
        else:
            assert call("public") not in (401, 403), where
        if level >= LEVELS["require_analyst"]:
            assert call("viewer") == 403, where
        elif (method, path) not in SELF_SERVICE or method == "GET":
            assert call("viewer") not in (401, 403), where
        if level >= LEVELS["require_admin"]:
            assert call("analyst") == 403, where
        elif level >= LEVELS["require_analyst"]:
            assert call("analyst") not in (401, 403), where
        assert call("admin") not in (401, 403), where
        checked += 1
    assert checked > 20


def test_api_viewer_cannot_change_anything(clients: dict[str, Any], seeded: Seeded) -> None:
    viewer = clients["viewer"]
    cid = seeded.claims["tall_killed"]
    for method, url, body in [
        ("POST", f"/api/v1/claims/{cid}/review", {"decision": "verified"}),
        ("POST", "/api/v1/events/merge", {"claim_groups": [[cid], ["c2"]], "reason": "x"}),
        ("POST", "/api/v1/names/public", {"name": "Samir Haddad", "reason": "x"}),
        ("POST", "/api/v1/users", {"name": "eve", "password": PASSWORD, "role": "admin"}),
    ]:
        assert viewer.request(method, url, json=body).status_code == 403, url
    assert (
        clients["analyst"]
        .post(f"/api/v1/claims/{cid}/review", json={"decision": "verified"})
        .status_code
        == 200
    )


def test_api_login_sets_session_and_needs_csrf(
    app_for: Callable[..., Any], engine: Engine, seeded: Seeded
) -> None:
    make_user(engine, "amira", "analyst")
    with TestClient(app_for()) as browser:
        bad = browser.post("/api/v1/auth/login", json={"name": "amira", "password": "nope nope"})
        assert bad.status_code == 401 and bad.json()["error"]["code"] == "TW061"
        ok = browser.post("/api/v1/auth/login", json={"name": "amira", "password": PASSWORD})
        assert ok.status_code == 200, ok.text
        csrf = ok.json()["csrf_token"]
        assert (
            SESSION_COOKIE in ok.headers["set-cookie"]
            and "httponly" in ok.headers["set-cookie"].lower()
        )
        assert browser.get("/api/v1/auth/me").json()["name"] == "amira"
        url = f"/api/v1/claims/{seeded.claims['tall_killed']}/review"
        refused = browser.post(url, json={"decision": "verified"})
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "TW064"
        wrong = browser.post(
            url, json={"decision": "verified"}, headers={"X-CSRF-Token": "x" + csrf}
        )
        assert wrong.status_code == 403
        done = browser.post(url, json={"decision": "verified"}, headers={"X-CSRF-Token": csrf})
        assert done.status_code == 200 and done.json()["reviewer"] == "amira"
        out = browser.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf})
        assert out.status_code == 204
        assert browser.get("/api/v1/auth/me").status_code == 401


def test_api_login_is_rate_limited(app_for: Callable[..., Any], engine: Engine) -> None:
    make_user(engine, "amira", "analyst")
    app = app_for()
    app.state.login_limiter = LoginLimiter(max_failures=3, window_seconds=900)
    with TestClient(app) as browser:
        for _ in range(3):
            r = browser.post(
                "/api/v1/auth/login", json={"name": "amira", "password": "guess guess"}
            )
            assert r.status_code == 401
        r = browser.post("/api/v1/auth/login", json={"name": "amira", "password": PASSWORD})
        assert r.status_code == 429 and r.json()["error"]["code"] == "TW063"
        other = browser.post("/api/v1/auth/login", json={"name": "nobody", "password": "x"})
        assert other.status_code == 401


def test_api_login_page_and_review_page(
    app_for: Callable[..., Any], engine: Engine, seeded: Seeded
) -> None:
    make_user(engine, "amira", "analyst")
    make_user(engine, "vic", "viewer")
    with TestClient(app_for(), follow_redirects=False) as browser:
        assert browser.get("/review").headers["location"] == "/login?next=/review"
        page = browser.get("/login?next=//evil.example/")
        assert page.status_code == 200 and 'value="/"' in page.text
        failed = browser.post("/login", data={"name": "amira", "password": "wrong wrong"})
        assert failed.status_code == 401 and "wrong user name or password" in failed.text
        done = browser.post(
            "/login", data={"name": "amira", "password": PASSWORD, "next": "/review"}
        )
        assert done.status_code == 303 and done.headers["location"] == "/review"
        review = browser.get("/review")
        assert review.status_code == 200
        assert "Omar Khalil" in review.text  # analysts see the original words
        assert review.text.count('data-claim="') == 4
        csrf = re.search(r'name="csrf-token" content="([^"]+)"', review.text)
        assert csrf is not None
        refused = browser.post("/logout", data={})
        assert refused.status_code == 403
        bye = browser.post("/logout", data={"csrf_token": csrf.group(1)})
        assert bye.status_code == 303
    with TestClient(app_for(), follow_redirects=False) as other:
        other.post("/login", data={"name": "vic", "password": PASSWORD})
        assert other.get("/review").status_code == 403


def test_api_review_flow_updates_tolls(clients: dict[str, Any], seeded: Seeded) -> None:
    analyst = clients["analyst"]
    queue = analyst.get("/api/v1/review/queue").json()
    assert queue["view"] == "all"
    first = queue["items"][0]
    assert first["id"] == seeded.claims["homs_cumulative"] and first["impact"] == 28
    before = analyst.get("/api/v1/review/tolls").json()
    assert before["all"]["killed"]["total"]["best"] == 60
    r = analyst.post(
        f"/api/v1/claims/{first['id']}/review",
        json={
            "decision": "corrected",
            "reason": "monitor revised it",
            "corrected": {"best": 50, "low": 50, "high": 50},
        },
    )
    assert r.status_code == 200, r.text
    after = analyst.get("/api/v1/review/tolls").json()
    assert after["all"]["killed"]["total"]["best"] == 70
    assert after["verified"]["killed"]["total"]["best"] == 50
    published = clients["public"].get("/api/v1/tolls").json()
    assert published["tolls"]["killed"]["total"]["best"] == 70  # the public toll moved too
    bad = analyst.post(f"/api/v1/claims/{first['id']}/review", json={"decision": "rejected"})
    assert bad.status_code == 422 and "reason" in bad.json()["error"]["message"]
    history = analyst.get(f"/api/v1/claims/{first['id']}/reviews").json()
    assert [h["state"] for h in history] == ["corrected"]
    assert clients["admin"].get("/api/v1/audit/verify").json()["intact"] is True


@pytest.mark.parametrize("who", ["public", "viewer"])
def test_api_no_names_reach_public_or_viewers(
    who: str,
    clients: dict[str, Any],
    seeded: Seeded,
    app_for: Callable[..., Any],
    engine: Engine,
) -> None:
    """Call every GET route (with the seeded ids) and every export format: no names."""
    from api.seed import NAMES
    from tollwatch.reconcile.service import reconcile_all

    reconcile_all(engine)
    client = clients[who]
    events = clients["analyst"].get("/api/v1/events?limit=100").json()["items"]
    assert events
    ids = {
        "report_id": list(seeded.reports.values()),
        "claim_id": list(seeded.claims.values()),
        "event_id": [e["id"] for e in events],
    }
    seen: list[str] = []
    for method, path, level in _routes(app_for()):
        if method != "GET" or (level or 0) > LEVELS["require_viewer"]:
            continue
        params = re.findall(r"\{([^}]+)\}", path)
        if not params:
            seen.append(client.get(path).text)
            continue
        if len(params) == 1 and params[0] in ids:
            for value in ids[params[0]]:
                seen.append(client.get(path.replace("{" + params[0] + "}", value)).text)
    for fmt in ("csv", "geojson", "jsonl", "acled", "ucdp"):
        seen.append(client.get(f"/api/v1/export?format={fmt}").text)
    pages = ["/", "/reports", "/map", "/map/events.json", "/tolls/explain"]
    pages += [f"/reports/{r}" for r in ids["report_id"]]
    pages += [f"/events/{e}" for e in ids["event_id"]]
    for page in pages:
        seen.append(client.get(page).text)
    text = "\n".join(seen)
    assert "[name withheld]" in text
    for name in NAMES:
        for part in name.split():
            assert part not in text, f"{part!r} reached a {who} reader"


def test_api_nul_characters_are_refused_not_crashing(
    clients: dict[str, Any], seeded: Seeded
) -> None:
    analyst = clients["analyst"]
    cid = seeded.claims["tall_killed"]
    for url, body in [
        (f"/api/v1/claims/{cid}/review", {"decision": "rejected", "reason": "bad\x00"}),
        (
            f"/api/v1/claims/{cid}/review",
            {"decision": "corrected", "reason": "x", "corrected": {"perpetrator": "a\x00"}},
        ),
        ("/api/v1/names/public", {"name": "Adel\x00 Qasim", "reason": "spokesman"}),
        ("/api/v1/events/split", {"claim_groups": [[cid], ["c\x00"]], "reason": "x"}),
        ("/api/v1/auth/login", {"name": "amira\x00", "password": "whatever it is"}),
    ]:
        r = analyst.post(url, json=body)
        assert 400 <= r.status_code < 500, (url, r.status_code, r.text)


def test_api_login_and_review_pages_forbid_framing_and_inline_scripts(
    app_for: Callable[..., Any],
) -> None:
    with TestClient(app_for()) as browser:
        page = browser.get("/login")
    policy = page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy and "script-src 'self'" in policy
    assert page.headers["x-content-type-options"] == "nosniff"
