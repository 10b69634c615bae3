"""The web dashboard used as an analyst uses it: a real ``crisislens serve`` on the sample corpus, driven in Chromium.

Needs Debian's Chromium at /usr/bin/chromium (skipped without it). Screenshots go to a pytest tmp
directory; set CRISISLENS_SCREENSHOTS=DIR to keep them in DIR.
"""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.is_file():
    pytest.skip("Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.model

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]


class Server:
    def __init__(self, base: str) -> None:
        self.base = base

    def api(self, path: str, **params: object) -> dict:
        query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
        with urllib.request.urlopen(f"{self.base}{path}{'?' + query if query else ''}", timeout=10) as response:
            return json.load(response)


@pytest.fixture(scope="module")
def server(live_server: LiveServer) -> Server:
    return Server(live_server.url)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    keep = os.environ.get("CRISISLENS_SCREENSHOTS")
    directory = Path(keep) if keep else tmp_path_factory.mktemp("screenshots")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture()
def page(browser: Browser, server: Server) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=server.base)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def open_overview(page: Page, hash_: str = "#/") -> None:
    page.goto(f"/{hash_}")
    expect(page.get_by_test_id("event-row").first).to_be_visible()


def test_e2e_dashboard_overview_draws_stats_map_timeline_network_and_table(page: Page, server: Server, screenshots: Path):
    stats = server.api("/api/stats")
    points = [p for p in server.api("/api/map")["points"] if p["lat"] is not None]
    weeks = server.api("/api/timeline", by="week")["series"]
    network = server.api("/api/network")

    open_overview(page)

    expect(page.get_by_test_id("stats")).to_contain_text(f"{stats['events']} events from {stats['articles']} articles")
    expect(page.locator("[data-testid=map] circle.point")).to_have_count(len(points))
    expect(page.locator("[data-testid=map] .countries path").first).to_be_attached()
    expect(page.locator("[data-testid=timeline] rect.bar")).to_have_count(len([w for w in weeks if w["period"]]))
    expect(page.locator("[data-testid=timeline] .escalation circle").first).to_be_attached()
    expect(page.get_by_test_id("network-node")).to_have_count(len(network["nodes"]))
    expect(page.get_by_test_id("event-row")).to_have_count(min(50, stats["events"]))
    expect(page.get_by_test_id("events-range")).to_have_text(f"1–{min(50, stats['events'])} of {stats['events']} events")
    page.screenshot(path=screenshots / "overview-1280.png", full_page=True)

    page.set_viewport_size({"width": 1920, "height": 1080})
    page.wait_for_function("""() => {
        const svg = document.querySelector('[data-testid=timeline] svg');
        return Math.abs(svg.width.baseVal.value - svg.getBoundingClientRect().width) < 2;
    }""")  # the timeline is redrawn for the new width, not stretched
    page.screenshot(path=screenshots / "overview-1920.png")


def test_e2e_dashboard_filter_by_actor_shrinks_the_table(page: Page, server: Server, screenshots: Path):
    everything = server.api("/api/events", limit=1)["total"]
    iran = server.api("/api/events", actor="Iran", limit=1)["total"]
    assert 0 < iran < everything

    open_overview(page)
    page.get_by_test_id("filter-actor").fill("Iran")
    page.get_by_test_id("apply-filters").click()

    expect(page).to_have_url(f"{server.base}/#/?actor=Iran")
    expect(page.get_by_test_id("events-range")).to_contain_text(f"of {iran} events")
    rows = page.get_by_test_id("event-row")
    expect(rows).to_have_count(min(50, iran))
    for text in rows.all_inner_texts():
        assert "iran" in text.lower(), text
    expect(page.get_by_test_id("matching")).to_have_text(f"{iran} events match the filters")
    page.screenshot(path=screenshots / "filtered-iran.png", full_page=True)


def test_e2e_dashboard_event_page_highlights_each_reporting_sentence(page: Page, server: Server, screenshots: Path):
    open_overview(page, "#/?sort=-num_articles")
    first = page.get_by_test_id("event-row").first
    event_id = first.get_attribute("data-event")
    event = server.api(f"/api/events/{event_id}")
    assert len(event["reports"]) > 1, "the most reported event should have several reports"

    first.locator("a.event-link").click()

    expect(page.get_by_test_id("event-page")).to_be_visible()
    expect(page.locator("h1")).to_have_text(event["summary"])
    reports = page.get_by_test_id("report")
    expect(reports).to_have_count(len(event["reports"]))
    for card, report in zip(reports.all(), event["reports"]):
        mark = card.get_by_test_id("highlight")
        expect(mark).to_have_text(report["sentence"].strip())
        expect(card.get_by_test_id("toggle-article")).to_be_visible()  # the article text has arrived
        assert_mark_visible_in_its_box(card)
    page.screenshot(path=screenshots / "event.png", full_page=True)

    last = reports.last
    last.get_by_test_id("toggle-article").click()
    expect(last.get_by_test_id("toggle-article")).to_have_text("Show the paragraph only")
    expect(last.get_by_test_id("highlight")).to_have_text(event["reports"][-1]["sentence"].strip())
    assert_mark_visible_in_its_box(last)
    last.screenshot(path=screenshots / "event-whole-article.png")


def assert_mark_visible_in_its_box(card) -> None:
    """The highlighted sentence lies inside the visible part of its scrollable article box."""
    box = card.get_by_test_id("article-text")
    expect(box).to_be_visible()
    inside = box.evaluate(
        """box => new Promise(resolve => requestAnimationFrame(() => {
            const outer = box.getBoundingClientRect();
            const mark = box.querySelector('mark').getClientRects()[0];
            resolve(mark.top >= outer.top - 1 && mark.bottom <= outer.bottom + 1);
        }))""")
    assert inside, "the highlighted sentence is scrolled out of its box"


def test_e2e_dashboard_actor_page_opens_from_an_event(page: Page, server: Server, screenshots: Path):
    item = next(e for e in server.api("/api/events", actor="Iran", limit=50)["items"] if e["source_actor"])
    actor = server.api(f"/api/actors/{urllib.parse.quote(item['source_actor']['actor_id'], safe='')}")

    page.goto(f"/#/event/{item['event_id']}")
    expect(page.get_by_test_id("event-page")).to_be_visible()
    page.locator(".facts a[data-actor]").first.click()

    expect(page.get_by_test_id("actor-page")).to_be_visible()
    expect(page.locator("h1")).to_have_text(actor["name"])
    expect(page.locator("[data-testid=actor-events] [data-testid=event-row]").first).to_be_visible()
    counterparts = page.locator("[data-testid=counterparts] a[data-actor]")
    expect(counterparts).to_have_count(len(actor["counterparts"]))
    page.screenshot(path=screenshots / "actor.png", full_page=True)


def test_e2e_dashboard_bookmarked_filters_are_restored(page: Page, server: Server):
    filters = {"actor": "Iran", "since": "2020-01-01", "plover": "ASSAULT"}
    total = server.api("/api/events", limit=1, **filters)["total"]

    open_overview(page, "#/?" + urllib.parse.urlencode(filters))

    expect(page.get_by_test_id("filter-actor")).to_have_value("Iran")
    expect(page.get_by_test_id("filter-since")).to_have_value("2020-01-01")
    expect(page.get_by_test_id("filter-plover")).to_have_value("ASSAULT")
    expect(page.get_by_test_id("events-range")).to_contain_text(f"of {total} events")

    page.get_by_test_id("reset-filters").click()
    expect(page.get_by_test_id("filter-actor")).to_have_value("")
    expect(page).to_have_url(f"{server.base}/#/")


def test_e2e_dashboard_map_zooms_and_lists_a_places_events_timeline_switches_period(page: Page, server: Server):
    busiest = max(server.api("/api/map")["points"], key=lambda p: p["events"])
    months = server.api("/api/timeline", by="month")["series"]
    open_overview(page)

    countries = page.locator("[data-testid=map] g.countries")
    fitted = countries.get_attribute("transform")
    page.get_by_test_id("map-zoom-in").click()
    assert countries.get_attribute("transform") != fitted
    page.get_by_test_id("map-fit").click()
    assert countries.get_attribute("transform") == fitted

    # Keyboard, as a person would when a neighbouring place's circle overlaps this one.
    page.locator(f"[data-testid=map] circle.point[data-place='{busiest['name']}']").focus()
    page.keyboard.press("Enter")
    listing = page.get_by_test_id("point-events")
    expect(listing).to_contain_text(busiest["name"])
    expect(listing.locator("li a")).to_have_count(min(20, busiest["events"]))

    page.get_by_test_id("by-month").click()
    expect(page).to_have_url(f"{server.base}/#/?by=month")
    expect(page.locator("[data-testid=timeline] rect.bar")).to_have_count(len(months))

    page.get_by_test_id("next-page").click()
    expect(page.get_by_test_id("events-range")).to_contain_text("51–")


def test_e2e_dashboard_unknown_event_shows_an_error(page: Page, screenshots: Path):
    page.goto("/#/event/no-such-event")

    expect(page.get_by_test_id("page-error")).to_contain_text("No event with this id")
    expect(page.get_by_test_id("error-banner")).to_be_visible()
    page.screenshot(path=screenshots / "unknown-event.png")
