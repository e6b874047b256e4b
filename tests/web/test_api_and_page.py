"""The read API's cursor paging and errors, and the page's search, dates, upcoming view and
paging, over real HTTP."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from bot.web.server import encode_cursor
from tests.timeline_support import add_event
from tests.web.conftest import Web


async def _events(web: Web, count: int, start: dt.date = dt.date(2025, 3, 1)) -> list[int]:
    return [
        await add_event(web.app, start + dt.timedelta(days=i // 2), f"Event number {i:02d}")
        for i in range(count)
    ]


async def test_cursor_paging_walks_every_event_once_in_order(web: Web) -> None:
    ids = await _events(web, 25)
    link = await web.new_link(None)
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": "10"} | ({"cursor": cursor} if cursor else {})
        body = await (await web.get(f"{link}/api/events", params=params)).json()
        seen += [event["id"] for event in body["events"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
        if pages == 1:  # an earlier event arriving between pages moves nothing
            await add_event(web.app, dt.date(2025, 1, 1), "Late report of an old event")
    assert pages == 3 and seen == ids


async def test_api_filters_like_timeline(web: Web) -> None:
    await add_event(web.app, dt.date(2025, 2, 27), "Rare earth quota set")
    march = await add_event(web.app, dt.date(2025, 3, 14), "Rare earth plenary", summary="CNRE")
    await add_event(web.app, dt.date(2025, 3, 1), "Fed meeting")
    month = await add_event(web.app, dt.date(2025, 3, 1), "Rare earth quotas", granularity="month")
    link = await web.new_link(None)
    body = await (
        await web.get(
            f"{link}/api/events", params={"q": "rare earth", "since": "March 2025", "until": "2025"}
        )
    ).json()
    assert [e["id"] for e in body["events"]] == [month, march]
    event = body["events"][1]
    assert event["date"] == "2025-03-14" and event["summary"] == "CNRE"
    assert event["articles"][0]["url"].startswith("https://")
    assert event["revision"] == 0 and event["cancelled"] is False

    detail = await (await web.get(f"{link}/api/events/{march}")).json()
    assert detail == event


async def test_api_errors_are_one_line_json_with_the_right_status(web: Web) -> None:
    link = await web.new_link(None)
    cases = {
        "limit=0": "limit must be a whole number from 1 to 100",
        "limit=abc": "limit must be a whole number from 1 to 100",
        "limit=101": "limit must be a whole number from 1 to 100",
        "cursor=%%%": "cursor is not one this API returned",
        "since=someday+soon": "cannot read 'someday soon' as a date",
        "since=2025-04-01&until=2025-03-01": "since (2025-04-01) is after until (2025-03-01)",
        f"q={'x' * 201}": "q is limited to 200 characters",
        # Past what the database's integers hold: still a one-line 400, never a 500.
        "cursor=" + encode_cursor(dt.date(2025, 1, 1), 2**40): "cursor is not one this API",
    }
    for query, message in cases.items():
        response = await web.get(f"{link}/api/events?{query}")
        assert response.status == 400, query
        raw = await response.read()
        assert b"\n" not in raw
        assert message in (await response.json())["error"], query
    for event_id in ("99999999999999999999", "0", "-1", "²"):
        assert (await web.get(f"{link}/api/events/{event_id}")).status == 404
    huge_page = await web.get(f"{link}/", params={"page": "9" * 30})
    assert huge_page.status == 200


def _titles(page: str) -> list[str]:
    return re.findall(r'<h3 id="event-\d+">([^<]*)</h3>', page)


async def test_page_search_dates_upcoming_and_paging(web: Web) -> None:
    await _events(web, 45, start=dt.date(2025, 2, 1))
    await add_event(web.app, dt.date(2025, 3, 20), "Rare earth plenary")
    link = await web.new_link(None)

    first = await (await web.get(f"{link}/")).text()
    assert "46 events, page 1 of 3" in first
    assert _titles(first)[:2] == ["Event number 00", "Event number 01"]
    assert 'href="?page=2" rel="next"' in first and 'rel="prev"' not in first
    last = await (await web.get(f"{link}/", params={"page": "3"})).text()
    assert len(_titles(last)) == 6 and 'href="?page=2" rel="prev"' in last
    assert 'rel="next"' not in last
    second = await (await web.get(f"{link}/", params={"page": "2"})).text()
    assert 'href="./" rel="prev"' in second and 'href="?page=3" rel="next"' in second

    found = await (await web.get(f"{link}/", params={"q": "plenary"})).text()
    assert _titles(found) == ["Rare earth plenary"] and "1 event<" in found

    ranged = await web.get(f"{link}/", params={"since": "2025-02-20", "until": "Feb 2025"})
    assert _titles(await ranged.text()) == [f"Event number {i}" for i in range(38, 45)]

    # The clock says 2025-03-12: the upcoming view starts there, and keeps its view in pages.
    upcoming = await (await web.get(f"{link}/", params={"view": "upcoming"})).text()
    assert _titles(upcoming) == ["Rare earth plenary"]
    assert 'aria-current="page">Upcoming' in upcoming


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_the_openapi_file_describes_what_the_api_answers(web: Web) -> None:
    spec = json.loads((Path(__file__).resolve().parents[2] / "bot/web/openapi.json").read_text())
    served = await web.get("/openapi.json")
    assert served.status == 200 and json.loads(await served.read()) == spec
    assert set(spec["paths"]) == {"/api/events", "/api/events/{event_id}"}
    schemas = spec["components"]["schemas"]

    event_id = await add_event(web.app, dt.date(2025, 3, 14), "Plenary")
    link = await web.new_link(None)
    listed = await (await web.get(f"{link}/api/events", params={"limit": "1"})).json()
    page_schema = spec["paths"]["/api/events"]["get"]["responses"]["200"]["content"]
    assert set(listed) == set(page_schema["application/json"]["schema"]["required"])
    event = await (await web.get(f"{link}/api/events/{event_id}")).json()
    assert set(event) == set(schemas["Event"]["required"]) == set(schemas["Event"]["properties"])
    assert set(event["articles"][0]) == set(schemas["Article"]["required"])
    error = await (await web.get(f"{link}/api/events?limit=0")).json()
    assert set(error) == set(schemas["Error"]["required"])
