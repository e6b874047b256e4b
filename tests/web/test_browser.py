"""The timeline page in a real headless Chromium (Debian's, driven by Playwright): search,
paging and an event's links, on a phone-sized screen, with no script on the page.

`SCREENSHOT_TO=docs/web-timeline.png` also saves the screenshot kept in docs/.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, ViewportSize, async_playwright

from tests.timeline_support import add_event
from tests.web.conftest import Web

CHROMIUM = Path("/usr/bin/chromium")
PHONE: ViewportSize = {"width": 390, "height": 844}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs Debian's chromium (`make test` installs it)"
)

# Made-up events (no third-party text), shaped like what the bot stores.
STORIES = [
    (
        dt.date(2025, 3, 11),
        "Metals council outlines efficiency drive at March meeting",
        "At its March 11 meeting the council set out a plan for people, finance and operations.",
        "Metals Wire",
    ),
    (
        dt.date(2025, 3, 14),
        "Lecture series on digital finance opens",
        "A series of lectures for independent directors begins on March 14.",
        "Metals Wire",
    ),
    (
        dt.date(2025, 3, 19),
        "Central bank holds its rate meeting",
        "The committee meets on March 19 and publishes its decision in the afternoon.",
        "Finance Daily",
    ),
    (
        dt.date(2025, 4, 1),
        "Export quota review",
        "The ministry reviews export quotas in April.",
        "Trade Notes",
    ),
]


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM))
        try:
            yield browser
        finally:
            await browser.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_search_paging_and_links_in_chromium(web: Web, browser: Browser) -> None:
    for day, title, summary, source in STORIES:
        await add_event(web.app, day, title, summary=summary, sources=(source,))
    for number in range(30):
        await add_event(
            web.app, dt.date(2025, 5, 1) + dt.timedelta(days=number), f"Filler {number}"
        )
    link = await web.new_link(None)
    page = await browser.new_page(viewport=PHONE, java_script_enabled=False)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))

    await page.goto(f"{web.base}{link}/")
    assert await page.title() == "Dateline timeline"
    assert await page.locator("main").count() == 1 and await page.locator("header").count() == 1
    # Readable on a phone: nothing wider than the screen.
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    if target := os.environ.get("SCREENSHOT_TO"):
        await page.screenshot(path=target, full_page=False)

    # Search: type into the labelled box, submit with Enter (a plain GET form, no script).
    await page.get_by_label("Search", exact=True).fill("rate meeting")
    await page.get_by_label("Search", exact=True).press("Enter")
    await page.wait_for_url("**q=rate+meeting**")
    assert await page.locator("article h3").all_inner_texts() == [
        "Central bank holds its rate meeting"
    ]
    source_link = page.locator("article").first.get_by_role("link")
    assert await source_link.inner_text() == "Central bank holds its rate meeting (article)"
    href = await source_link.get_attribute("href")
    assert href is not None and href.startswith("https://")
    assert await source_link.get_attribute("rel") == "noopener noreferrer nofollow"
    assert "Finance Daily" in await page.locator("article").first.inner_text()
    assert "Thu 20 Mar 2025" not in await page.content()
    assert await page.locator("article time").first.get_attribute("datetime") == "2025-03-19"

    # Paging: 34 events, 20 a page; Next and Previous are links in a labelled nav.
    await page.goto(f"{web.base}{link}/")
    pager = page.get_by_role("navigation", name="Pages")
    await pager.get_by_role("link", name="Next →").click()
    await page.wait_for_url("**page=2")
    titles = await page.locator("article h3").all_inner_texts()
    assert titles == [f"Filler {n}" for n in range(16, 30)]
    assert "page 2 of 2" in await page.locator("#events").inner_text()
    await pager.get_by_role("link", name="← Previous").click()
    assert (await page.locator("article h3").all_inner_texts())[0] == STORIES[0][1]
    assert errors == []
    await page.close()
