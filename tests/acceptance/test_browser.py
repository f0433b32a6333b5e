"""The site in a real browser: headless Chromium opens the generated files from disk.

Without Chromium the tests skip on a workstation but fail in CI (``CI=true``), where
``.ci/run`` installs it: a browser test must never pass unseen.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from benchmarks.docs_site import synthetic_event_name, write_synthetic_plan

from evdict.api import load_plan
from evdict.config import load_config
from evdict.docs.richtext import RichText
from evdict.plan.model import Event, Plan
from tests.conftest import REPO
from tests.unit.docs.conftest import EXAMPLE_CONFIG, build

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        message = f"no Chromium at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}: the browser tests cannot run in CI")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page whose dialogs and script errors are recorded: a site must raise neither."""

    def __init__(self, browser: Browser) -> None:
        self.page: Page = browser.new_page(viewport={"width": 1360, "height": 900})
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _dialog(self, dialog: object) -> None:
        self.dialogs.append(getattr(dialog, "message", ""))
        dialog.dismiss()  # type: ignore[attr-defined]

    def open(self, path: Path) -> Page:
        self.page.goto(path.resolve().as_uri())
        return self.page

    def visible_events(self) -> list[str]:
        names: list[str] = self.page.eval_on_selector_all(
            "#events tbody tr:not([hidden]) .event-name", "links => links.map(a => a.textContent)"
        )
        return names


@pytest.fixture
def tab(browser: Browser) -> Iterator[Watched]:
    watched = Watched(browser)
    yield watched
    assert watched.errors == []
    assert watched.dialogs == []
    watched.page.close()


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(load_config(EXAMPLE_CONFIG))


def searched(plan: Plan, query: str, **where: str) -> list[str]:
    """The events the index should show, in its order: every word of ``query`` in the
    name (also with separators as spaces), description, former names or property names,
    and every attribute in ``where`` equal."""

    def haystack(event: Event) -> str:
        words = [event.name, re.sub(r"[_\-.:/$]+", " ", event.name), *event.renamed_from]
        words += [RichText(event.description).text, *event.properties]
        return " ".join(words).lower()

    return sorted(
        (
            event.name
            for event in plan.events.values()
            if all(term in haystack(event) for term in query.lower().split())
            and all(getattr(event, key) == value for key, value in where.items())
        ),
        key=str.casefold,
    )


def test_search_filters_and_sorts_the_index(example_site: Path, plan: Plan, tab: Watched) -> None:
    page = tab.open(example_site / "index.html")
    assert page.is_visible("#search")
    everything = tab.visible_events()
    assert everything == searched(plan, "")
    assert page.inner_text("#result-count") == f"{len(plan.events)} events"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "docs-index.png"))

    page.fill("#search", "checkout")
    checkout = searched(plan, "checkout")
    assert {"checkout_started", "checkout_abandoned"} < set(checkout)
    assert tab.visible_events() == checkout
    assert (
        page.inner_text("#result-count") == f"Showing {len(checkout)} of {len(plan.events)} events"
    )
    page.fill("#search", "billing_tab")  # a property name
    assert tab.visible_events() == searched(plan, "billing_tab") == ["billing_page_visited"]
    page.fill("#search", "Trial Expired")  # words of a name, in any case
    assert tab.visible_events() == searched(plan, "trial expired") == ["trial_expired"]
    page.fill("#search", "no such thing")
    assert tab.visible_events() == []
    assert page.is_visible("#no-results")

    page.fill("#search", "")
    page.click('button.chip[data-filter="category"][data-value="friction"]')
    assert tab.visible_events() == searched(plan, "", category="friction")
    page.select_option("#filter-owner", "team-billing")
    narrowed = searched(plan, "", category="friction", owner="team-billing")
    assert tab.visible_events() == narrowed
    assert 0 < len(narrowed) < len(searched(plan, "", category="friction"))
    page.click("#clear-filters")
    assert tab.visible_events() == everything

    page.click('th[data-sort="name"] button')
    assert tab.visible_events() == everything[::-1]
    page.click('th[data-sort="properties"] button')
    assert page.get_attribute('th[data-sort="properties"]', "aria-sort") == "ascending"
    counts = page.eval_on_selector_all(
        "#events tbody tr td:nth-child(6)", "cells => cells.map(c => Number(c.textContent))"
    )
    assert counts == sorted(counts)


def test_keyboard_reaches_the_search_box(example_site: Path, plan: Plan, tab: Watched) -> None:
    page = tab.open(example_site / "index.html")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search":
            break
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type("credit pack")
    assert tab.visible_events() == searched(plan, "credit pack")
    assert "credit_pack_purchased" in tab.visible_events()
    page.keyboard.press("Escape")
    assert len(tab.visible_events()) == len(plan.events)
    page.focus("h1")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"


def test_event_page_shows_its_properties(example_site: Path, tab: Watched) -> None:
    page = tab.open(example_site / "index.html")
    page.fill("#search", "signup_completed")
    page.click("text=signup_completed")
    assert page.url.endswith("/events/signup_completed.html")
    properties = page.eval_on_selector_all(
        "table.properties tbody th .mono", "cells => cells.map(c => c.textContent)"
    )
    assert properties == [
        "workspace_id",
        "user_id",
        "email_hash",
        "auth_method",
        "plan_tier",
        "utm_source",
        "utm_campaign",
    ]
    assert page.is_visible("text=PII · Hashed")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "docs-event.png"))


def test_text_from_the_plan_never_runs(edge_site: Path, tab: Watched) -> None:
    pages = [
        "index.html",
        "events/xss_event.html",
        "events/order-completed-a7fc025e.html",
        "properties/index.html",
        "properties/script-alert-1-script.html",
        "funnels.html",
        "health.html",
    ]
    for name in pages:
        page = tab.open(edge_site / name)
        assert page.evaluate("window.__xss") is None, name
    page = tab.open(edge_site / "events" / "xss_event.html")
    assert "<script>alert(1)</script>" in page.inner_text("main")
    page = tab.open(edge_site / "index.html")
    page.fill("#search", "<script>")
    assert tab.visible_events() == ["xss_event"]
    page.click('button.chip[data-filter="category"]')
    assert page.evaluate("window.__xss") is None
    # The fixture's dialogs and errors are checked when the tab closes.


def test_a_large_index_stays_searchable(tmp_path: Path, tab: Watched) -> None:
    site = build(write_synthetic_plan(tmp_path / "plan", 2000), tmp_path / "site")
    page = tab.open(site / "index.html")
    assert page.inner_text("#result-count") == "2000 events"
    page.fill("#search", synthetic_event_name(1234))
    assert tab.visible_events() == [synthetic_event_name(1234)]
    assert page.inner_text("#result-count") == "Showing 1 of 2000 events"
    page.fill("#search", "invoice")
    invoices = [
        synthetic_event_name(i) for i in range(2000) if "invoice" in synthetic_event_name(i)
    ]
    assert sorted(tab.visible_events()) == sorted(invoices)
