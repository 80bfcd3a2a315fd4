"""Every dashboard page rendered by the real app on SQLite and PostgreSQL.

The database is seeded through the project's own store and reconciliation functions with a
small invented episode (our own sentences): two outlets telling one market attack, and a
monitor's running toll from a report marked sensitive. A resident is named in one report.
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime

import httpx
import pytest
from sqlalchemy import Engine, insert

from tollwatch.api.app import create_app
from tollwatch.auth.users import add_user, create_token
from tollwatch.config import Settings
from tollwatch.models import (
    Category,
    Claim,
    DatePrecision,
    DateRange,
    GeoPrecision,
    Outcome,
    PlaceRef,
    Qualifier,
    Report,
    Scope,
)
from tollwatch.reconcile.service import reconcile_all
from tollwatch.store import transaction
from tollwatch.store.claims import claim_to_row
from tollwatch.store.reports import save_reports
from tollwatch.store.tables import claims

WITNESS = "Musa Kolo"
INGESTED = datetime(2025, 6, 15, 8, 0, tzinfo=UTC)
KONDUGA = PlaceRef(
    mention="Konduga",
    place_id="geonames:2334008",
    name="Konduga",
    lat=11.6533,
    lon=13.4179,
    country="NG",
    admin1="05",
    admin1_name="Borno",
    precision=GeoPrecision.EXACT,
)
BORNO = PlaceRef(
    mention="Borno State",
    place_id="geonames:2346794",
    name="Borno",
    lat=11.5,
    lon=13.0,
    country="NG",
    admin1="05",
    admin1_name="Borno",
    precision=GeoPrecision.ADM1,
)
TUESDAY = DateRange(date(2025, 6, 10), date(2025, 6, 10), DatePrecision.DAY, "on Tuesday")

TEXTS = {
    "courier": "Gunmen attacked the cattle market in Konduga on Tuesday. "
    f"At least 18 people were killed, said {WITNESS}, a trader who survived.",
    "wire": "Sahel Wire counted 21 people killed in Tuesday's market attack in Konduga.",
    "monitor": "The monitor said 52 civilians have been killed in Borno State since 10 June.",
}


def _claim(report: Report, phrase: str, **kw: object) -> Claim:
    start = report.text.index(phrase)
    base = Claim(
        report_id=report.id,
        outcome=Outcome.KILLED,
        low=None,
        best=None,
        high=None,
        qualifier=Qualifier.EXACT,
        start=start,
        end=start + len(phrase),
        quote=phrase,
        extractor_version="test",
    )
    fields = {f: getattr(base, f) for f in base.__slots__}  # type: ignore[attr-defined]
    fields.update(kw)
    return Claim(**fields).with_id()  # type: ignore[arg-type]


def seed(engine: Engine) -> dict[str, str]:
    courier = Report.create(
        TEXTS["courier"], title="Market attack in Konduga", source="Lake Chad Courier",
        published=date(2025, 6, 11), ingested_at=INGESTED,
    )  # fmt: skip
    wire = Report.create(
        TEXTS["wire"],
        title="Konduga toll",
        source="Sahel Wire",
        published=date(2025, 6, 11),
        ingested_at=INGESTED,
    )
    monitor = Report.create(
        TEXTS["monitor"], title="Monitor bulletin", source="Northeast Casualty Monitor",
        published=date(2025, 6, 12), sensitive=True, ingested_at=INGESTED,
    )  # fmt: skip
    found = [
        _claim(courier, "At least 18 people were killed", low=18, best=18,
               qualifier=Qualifier.AT_LEAST, quantity_text="At least 18", place=KONDUGA,
               date=TUESDAY),
        _claim(wire, "21 people killed", low=21, best=21, high=21, quantity_text="21",
               place=KONDUGA, date=TUESDAY),
        _claim(monitor, "52 civilians have been killed in Borno State since 10 June",
               low=52, best=52, high=52, quantity_text="52", category=Category.CIVILIANS,
               scope=Scope.CUMULATIVE, place=BORNO, attributed_to="the monitor",
               date=DateRange(date(2025, 6, 10), date(2025, 6, 12), DatePrecision.UNKNOWN)),
    ]  # fmt: skip
    with transaction(engine) as conn:
        save_reports(conn, [courier, wire, monitor])
        conn.execute(insert(claims), [claim_to_row(c) for c in found])
    reconcile_all(engine)
    return {"courier": courier.id, "wire": wire.id, "monitor": monitor.id}


def fetch(app: object, *paths: str) -> list[httpx.Response]:
    async def run() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return [await client.get(p) for p in paths]

    # A thread of its own: Playwright's sync API may hold an event loop in this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run()).result()


@pytest.fixture
def seeded(engine: Engine) -> tuple[object, dict[str, str]]:
    ids = seed(engine)
    app = create_app(Settings(database_url="sqlite://", public_read=True), engine=engine)
    return app, ids


def test_pages_render_every_page(seeded: tuple[object, dict[str, str]]) -> None:
    app, ids = seeded
    feed = fetch(app, "/map/events.json")[0].json()["events"]
    assert feed and all(e["lat"] is not None for e in feed)
    event_id = feed[0]["id"]
    pages = ["/", "/map", f"/events/{event_id}", "/reports", f"/reports/{ids['courier']}",
             "/tolls/explain", f"/events/{event_id}/card"]  # fmt: skip
    for path, r in zip(pages, fetch(app, *pages), strict=True):
        assert r.status_code == 200, (path, r.text[:500])
        assert r.headers["content-type"].startswith("text/html")
    home, _, event, _, report, explain, card = fetch(app, *pages)
    assert 'data-outcome="killed"' in home.text
    assert "<svg" in home.text
    assert "18 people were killed" in event.text
    assert "<main" not in card.text  # a fragment for the map panel
    assert '<mark class="claim"' in report.text
    assert "running toll" in explain.text


def _cards(html: str) -> dict[tuple[str, str], tuple[int, int, int] | None]:
    out: dict[tuple[str, str], tuple[int, int, int] | None] = {}
    for outcome, body in re.findall(r'data-outcome="(\w+)"(.*?)</article>', html, re.S):
        for cat, lo, be, hi in re.findall(
            r'data-category="(\w+)" data-low="(\d*)" data-best="(\d*)" data-high="(\d*)"', body
        ):
            # no claim for the category: the card shows "—", the API null
            out[(outcome, cat)] = (int(lo), int(be), int(hi)) if be else None
    return out


def test_pages_toll_cards_equal_the_tolls_api(seeded: tuple[object, dict[str, str]]) -> None:
    app, _ = seeded
    home, api = fetch(app, "/", "/api/v1/tolls")
    expected = {
        (o, c): (r["low"], r["best"], r["high"]) if r else None
        for o, cats in api.json()["tolls"].items()
        for c, r in cats.items()
    }
    assert _cards(home.text) == expected
    # the monitor's 52 covers the market attack (about 18-21): not added on top of it
    assert expected[("killed", "total")][1] == 52


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("/?country=Nigeria", 400, "country"),
        ("/map?from=2025-06-12&to=2025-06-01", 400, "after"),
        ("/reports?outcome=dead", 400, "killed"),
        ("/reports/r00000000000000000000", 404, "no report"),
        ("/events/e00000000000000000000", 404, "no event"),
    ],
)
def test_pages_bad_requests_get_a_page_saying_why(
    seeded: tuple[object, dict[str, str]], query: str, status: int, words: str
) -> None:
    app, _ = seeded
    (r,) = fetch(app, query)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html")
    assert words in r.text
    assert 'role="alert"' in r.text


def test_pages_filters_narrow_what_is_shown(seeded: tuple[object, dict[str, str]]) -> None:
    app, _ = seeded
    injured, killed, elsewhere = fetch(
        app,
        "/map/events.json?outcome=injured",
        "/map/events.json?outcome=killed&country=ng",
        "/map/events.json?country=SY",
    )
    assert injured.json()["events"] == []
    assert killed.json()["events"] and {e["outcome"] for e in killed.json()["events"]} == {"killed"}
    assert elsewhere.json()["events"] == []
    (home,) = fetch(app, "/?outcome=killed&category=civilians")
    assert set(_cards(home.text)) == {("killed", "civilians")}
    (found,) = fetch(app, "/reports?q=cattle+market")
    assert "Market attack in Konduga" in found.text
    assert "Konduga toll" not in found.text


def test_pages_withhold_names_and_sensitive_words_from_the_public(
    seeded: tuple[object, dict[str, str]],
) -> None:
    app, ids = seeded
    feed = fetch(app, "/map/events.json")[0].json()["events"]
    paths = ["/", "/map", "/reports", "/tolls/explain", *(f"/reports/{i}" for i in ids.values())]
    paths += [f"/events/{e['id']}" for e in feed]
    for path, r in zip(paths, fetch(app, *paths), strict=True):
        assert r.status_code == 200, path
        assert "Kolo" not in r.text, path
        assert "since 10 June" not in r.text, path  # words of the sensitive report
    (report,) = fetch(app, f"/reports/{ids['courier']}")
    assert "[name withheld]" in report.text
    assert "At least 18 people were killed</mark>" in report.text
    (monitor,) = fetch(app, f"/reports/{ids['monitor']}")
    assert "marked sensitive" in monitor.text
    assert "<mark" not in monitor.text


def test_pages_need_a_login_unless_public_read(engine: Engine) -> None:
    app = create_app(Settings(database_url="sqlite://", public_read=False), engine=engine)
    home, report, feed, css = fetch(
        app, "/", "/reports?q=market", "/map/events.json", "/static/tollwatch.css"
    )
    assert home.status_code == 303
    assert home.headers["location"] == "/login?next=%2F"
    assert report.headers["location"] == "/login?next=%2Freports%3Fq%3Dmarket"
    assert feed.status_code == 401
    assert feed.json()["error"]["code"] == "TW061"
    assert css.status_code == 200  # static files hold no data


def test_pages_every_claim_has_an_anchor_in_the_text(engine: Engine) -> None:
    """Two claims from one sentence (the same span): both "show in text" links land."""
    text = "Seven soldiers and 15 militants were killed in the ambush near Gwoza."
    report = Report.create(text, title="Ambush", published=date(2025, 6, 13), ingested_at=INGESTED)
    phrase = "Seven soldiers and 15 militants were killed"
    two = [
        _claim(report, phrase, low=7, best=7, high=7, category=Category.STATE_FORCES),
        _claim(report, phrase, low=15, best=15, high=15, category=Category.NON_STATE_ARMED),
    ]
    with transaction(engine) as conn:
        save_reports(conn, [report])
        conn.execute(insert(claims), [claim_to_row(c) for c in two])
    app = create_app(Settings(database_url="sqlite://", public_read=True), engine=engine)
    (page,) = fetch(app, f"/reports/{report.id}")
    assert page.status_code == 200
    for c in two:
        assert f'href="#span-{c.id}"' in page.text
        assert f'id="span-{c.id}"' in page.text
    assert page.text.count('<mark class="claim overlap"') == 1


def test_pages_explanation_follows_the_outcome_filter(
    seeded: tuple[object, dict[str, str]],
) -> None:
    app, _ = seeded
    everything, killed, injured = fetch(
        app, "/tolls/explain", "/tolls/explain?outcome=killed", "/tolls/explain?outcome=injured"
    )
    assert "killed: total" in everything.text
    assert "killed: total" in killed.text
    assert "killed: total" not in injured.text


def test_pages_count_verified_claims_only_when_asked(
    seeded: tuple[object, dict[str, str]],
) -> None:
    """Nothing is verified in the seed: the verified view counts nothing, and says so."""
    app, _ = seeded
    home, api, bad = fetch(app, "/?view=verified", "/api/v1/tolls?view=verified", "/?view=some")
    expected = {
        (o, c): (r["low"], r["best"], r["high"]) if r else None
        for o, cats in api.json()["tolls"].items()
        for c, r in cats.items()
    }
    assert _cards(home.text) == expected
    assert 'data-view="verified"' in home.text
    assert 'href="/map?view=verified"' in home.text  # the choice travels with the links
    assert bad.status_code == 400


def test_pages_marker_feed_follows_a_new_reconciliation(
    seeded: tuple[object, dict[str, str]], engine: Engine
) -> None:
    app, _ = seeded
    before = fetch(app, "/map/events.json")[0].json()["events"]
    assert fetch(app, "/map/events.json")[0].json()["events"] == before  # served again
    text = "Two farmers were killed near Gwoza on Wednesday, residents said."
    report = Report.create(text, title="Gwoza", published=date(2025, 6, 12), ingested_at=INGESTED)
    gwoza = PlaceRef(
        mention="Gwoza", place_id="geonames:2339630", name="Gwoza", lat=11.0862, lon=13.6909,
        country="NG", admin1="05", admin1_name="Borno", precision=GeoPrecision.EXACT,
    )  # fmt: skip
    day = DateRange(date(2025, 6, 11), date(2025, 6, 11), DatePrecision.DAY, "on Wednesday")
    new = _claim(report, "Two farmers were killed", low=2, best=2, high=2,
                 category=Category.CIVILIANS, place=gwoza, date=day)  # fmt: skip
    with transaction(engine) as conn:
        save_reports(conn, [report])
        conn.execute(insert(claims), [claim_to_row(new)])
    reconcile_all(engine)
    after = fetch(app, "/map/events.json")[0].json()["events"]
    assert len(after) == len(before) + 1
    assert "Gwoza" in {e["place"] for e in after}


def _reader(app: object, token: str, *paths: str) -> list[httpx.Response]:
    async def run() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        headers = {"Authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(
            transport=transport, base_url="http://test", headers=headers
        ) as client:
            return [await client.get(p) for p in paths]

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, run()).result()


@pytest.mark.parametrize(("role", "sees_names"), [("viewer", False), ("analyst", True)])
def test_pages_analysts_see_the_original_words_viewers_do_not(
    engine: Engine, role: str, sees_names: bool
) -> None:
    ids = seed(engine)
    with transaction(engine) as conn:
        add_user(conn, "reader", "a long enough password", role, actor="test")
        token = create_token(conn, "reader", actor="test")
    app = create_app(Settings(database_url="sqlite://", public_read=False), engine=engine)
    courier, monitor, home = _reader(
        app, token, f"/reports/{ids['courier']}", f"/reports/{ids['monitor']}", "/"
    )
    assert courier.status_code == monitor.status_code == home.status_code == 200
    assert ("Kolo" in courier.text) is sees_names
    assert ("since 10 June" in monitor.text) is sees_names  # the sensitive report's words
    assert f"reader ({role})" in home.text
    assert ('href="/review"' in home.text) is sees_names
