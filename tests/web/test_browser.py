"""The dashboard in a real browser (Debian chromium through Playwright) on the sample corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, select

from tollwatch.store.tables import reports

pytestmark = pytest.mark.browser


def _figure(value: str | None) -> int | None:
    return int(value) if value else None


def test_browser_overview_cards_equal_the_tolls_api(
    page: Any, http: httpx.Client, screenshots: Path
) -> None:
    api = http.get("/api/v1/tolls").json()["tolls"]
    page.goto("/")
    page.wait_for_selector(".cards .card")
    shown: dict[str, dict[str, dict[str, int | None]]] = {}
    for card in page.query_selector_all(".cards .card"):
        outcome = card.get_attribute("data-outcome")
        rows = {}
        for row in card.query_selector_all("tbody tr"):
            rows[row.get_attribute("data-category")] = {
                k: _figure(row.get_attribute(f"data-{k}")) for k in ("low", "best", "high")
            }
        shown[outcome] = rows
    expected = {
        outcome: {
            cat: {k: (fig or {}).get(k) for k in ("low", "best", "high")}
            for cat, fig in cats.items()
        }
        for outcome, cats in api.items()
    }
    assert shown == expected
    # docs/sample-corpus.md: killed, best: civilians 63, state forces 12, non-state armed 20,
    # total 95 (never the naive sum of every figure)
    killed = {cat: fig["best"] for cat, fig in shown["killed"].items()}
    assert (killed["civilians"], killed["state_forces"], killed["non_state_armed"]) == (63, 12, 20)
    assert killed["total"] == 95
    # the big number on the killed card is the total's best figure
    big = page.inner_text(".card[data-outcome=killed] .total")
    assert int(big.replace(",", "")) == api["killed"]["total"]["best"]
    assert page.locator("figure.chart svg rect.bar").count() > 0
    assert page.locator("figure.chart svg polyline.step").count() > 0
    page.screenshot(path=str(screenshots / "overview.png"), full_page=True)


def _open_first_marker(page: Any) -> str:
    """Click a marker (zooming into clusters until one shows); return its event id."""
    for _ in range(8):
        marker = page.locator(".leaflet-marker-icon.tw-marker").first
        if marker.count() and marker.is_visible():
            event_id: str = marker.get_attribute("data-event-id")
            marker.click()
            return event_id
        page.locator(".leaflet-marker-icon.tw-cluster").first.click()
        page.wait_for_timeout(400)
    raise AssertionError("no event marker became visible on the map")


def test_browser_map_marker_shows_the_event_evidence(
    page: Any, http: httpx.Client, screenshots: Path
) -> None:
    page.goto("/map")
    page.wait_for_selector("#map[data-ready]", state="attached")
    assert page.get_attribute("#map", "data-ready") not in ("0", "error")
    # the outlines arrive by their own request, independently of the events
    page.wait_for_selector("#map[data-outlines]", state="attached")
    assert page.get_attribute("#map", "data-outlines") == "ready"
    assert page.locator(".leaflet-overlay-pane path").count() > 0  # offline country outlines
    event_id = _open_first_marker(page)
    card = page.locator(f"#event-panel-body .event-card[data-event-id='{event_id}']")
    card.wait_for()
    quotes = [q.strip() for q in card.locator("blockquote.quote").all_inner_texts()]
    assert quotes and all(quotes)
    event = http.get(f"/api/v1/events/{event_id}").json()
    api_quotes = {n["quote"].strip() for n in event["claim_notes"]}
    assert set(quotes) == api_quotes
    page.screenshot(path=str(screenshots / "map-event.png"), full_page=True)


def test_browser_map_markers_work_from_the_keyboard(page: Any) -> None:
    page.goto("/map")
    page.wait_for_selector("#map[data-ready]", state="attached")
    for _ in range(8):
        if page.locator(".leaflet-marker-icon.tw-marker").count():
            break
        page.locator(".leaflet-marker-icon.tw-cluster").first.click()
        page.wait_for_timeout(400)
    marker = page.locator(".leaflet-marker-icon.tw-marker").first
    marker.focus()
    page.keyboard.press("Enter")
    page.locator("#event-panel-body .event-card").wait_for()
    assert page.locator("#event-panel-body blockquote.quote").count() > 0
    # focus moved into the panel; Escape brings it back to the marker
    assert page.evaluate("document.activeElement.closest('#event-panel') !== null")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.classList.contains('tw-marker')")


def test_browser_report_shows_claim_spans_highlighted(
    page: Any, http: httpx.Client, sample_db_url: str, screenshots: Path
) -> None:
    listing = http.get("/api/v1/reports", params={"limit": 100}).json()["items"]
    report_id = max(listing, key=lambda r: r["claim_count"])["id"]
    report = http.get(f"/api/v1/reports/{report_id}").json()
    assert report["claims"]
    engine = create_engine(sample_db_url)
    with engine.connect() as conn:
        stored = conn.execute(select(reports.c.text).where(reports.c.id == report_id)).scalar_one()
    engine.dispose()
    page.goto(f"/reports/{report_id}")
    page.wait_for_selector("mark.claim")
    compared = 0
    for claim in report["claims"]:
        start, end = claim["evidence"]["start"], claim["evidence"]["end"]
        marked = page.locator("mark.claim").evaluate_all(
            "(ms, id) => ms.filter(m => m.dataset.claims.split(' ').includes(id))"
            ".map(m => m.textContent).join('')",
            claim["id"],
        )
        assert marked, f"claim {claim['id']} is not highlighted"
        if "[name withheld]" not in marked:
            assert marked == stored[start:end]
            compared += 1
    assert compared > 0
    page.screenshot(path=str(screenshots / "report.png"), full_page=True)


def test_browser_filters_travel_in_the_url(page: Any) -> None:
    page.goto("/")
    page.select_option("#f-outcome", "injured")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/?outcome=injured")
    assert page.locator("nav a[href='/map?outcome=injured']").count() == 1
    page.click("nav >> text=Map")
    page.wait_for_url("**/map?outcome=injured")
    assert page.input_value("#f-outcome") == "injured"


AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_RULES = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}"


def _violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = page.evaluate(
        f"axe.run(document, {AXE_RULES}).then(r => r.violations.map(v => "
        "({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' '))})))"
    )
    return found


def test_browser_pages_pass_the_accessibility_checks(
    page_bypassing_csp: Any, http: httpx.Client
) -> None:
    """axe-core (WCAG 2.1 A/AA and best practices) finds nothing on any page."""
    page = page_bypassing_csp
    report_id = http.get("/api/v1/reports", params={"limit": 1}).json()["items"][0]["id"]
    event_id = http.get("/map/events.json").json()["events"][0]["id"]
    paths = ["/", "/map", "/reports", f"/reports/{report_id}", f"/events/{event_id}",
             "/tolls/explain", "/?country=XYZ"]  # fmt: skip
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("load")
        assert _violations(page) == [], path
    # the map with an event open in its side panel
    page.goto("/map")
    page.wait_for_selector("#map[data-ready]", state="attached")
    _open_first_marker(page)
    page.locator("#event-panel-body .event-card").wait_for()
    assert _violations(page) == []


def test_browser_pages_fit_a_phone_screen(page: Any, http: httpx.Client) -> None:
    """At 390 px wide nothing scrolls sideways (the layout reflows to one column)."""
    report_id = http.get("/api/v1/reports", params={"limit": 1}).json()["items"][0]["id"]
    event_id = http.get("/map/events.json").json()["events"][0]["id"]
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ["/", "/map", "/reports", f"/reports/{report_id}", f"/events/{event_id}",
                 "/tolls/explain"]:  # fmt: skip
        page.goto(path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
