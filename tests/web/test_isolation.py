"""Two servers' links never show each other's events or source links; the instance-wide link
shows only the instance's sources."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from sqlalchemy import select

from bot.db.models import Source, SourceGuild
from tests.timeline_support import add_event
from tests.web.conftest import Web, give_source_to

SERVER_A = 111
SERVER_B = 222


async def _setup(web: Web) -> dict[str, int]:
    ids = {
        "shared": await add_event(web.app, dt.date(2025, 3, 10), "Shared wire story"),
        "a": await add_event(web.app, dt.date(2025, 3, 11), "Alpha only", sources=("Alpha Wire",)),
        "b": await add_event(web.app, dt.date(2025, 3, 12), "Beta only", sources=("Beta Wire",)),
        # Reported by the shared source and by B's own: A sees it, without B's link.
        "both": await add_event(
            web.app,
            dt.date(2025, 3, 13),
            "Reported twice",
            sources=("Metals Wire", "Beta Wire"),
        ),
    }
    await give_source_to(web.app, "Alpha Wire", SERVER_A)
    await give_source_to(web.app, "Beta Wire", SERVER_B)
    return ids


async def test_each_link_shows_only_what_its_server_sees(web: Web) -> None:
    ids = await _setup(web)
    link_a, link_b, instance = (
        await web.new_link(SERVER_A),
        await web.new_link(SERVER_B),
        await web.new_link(None),
    )

    async def titles(link: str) -> list[str]:
        body = await (await web.get(f"{link}/calendar.ics")).read()
        return [str(v["SUMMARY"]) for v in Calendar.from_ical(body).walk("VEVENT")]

    assert await titles(link_a) == ["Shared wire story", "Alpha only", "Reported twice"]
    assert await titles(link_b) == ["Shared wire story", "Beta only", "Reported twice"]
    assert await titles(instance) == ["Shared wire story", "Reported twice"]

    listed = await (await web.get(f"{link_a}/api/events")).json()
    assert [e["id"] for e in listed["events"]] == [ids["shared"], ids["a"], ids["both"]]
    both = next(e for e in listed["events"] if e["id"] == ids["both"])
    assert [a["source"] for a in both["articles"]] == ["Metals Wire"]  # not Beta's link

    page_a = await (await web.get(f"{link_a}/")).text()
    assert "Alpha only" in page_a and "Beta only" not in page_a and "Beta Wire" not in page_a
    ics_a = await (await web.get(f"{link_a}/calendar.ics")).text()
    assert "Beta Wire" not in ics_a

    search = await (await web.get(f"{link_a}/api/events", params={"q": "Beta"})).json()
    assert search["events"] == []  # searching by the other server's source name finds nothing


async def test_another_servers_event_is_the_same_404_as_a_wrong_secret(web: Web) -> None:
    ids = await _setup(web)
    link_a = await web.new_link(SERVER_A)

    mine = await web.get(f"{link_a}/api/events/{ids['a']}")
    assert mine.status == 200 and (await mine.json())["title"] == "Alpha only"

    answers = [
        await web.get(f"{link_a}/api/events/{ids['b']}"),  # another server's event
        await web.get(f"{link_a}/api/events/999999"),  # no such event
        await web.get(f"{link_a}/api/events/abc"),
        await web.get(f"/c/AAAAAAAAAAAAAAAAAAAAAA/api/events/{ids['a']}"),  # wrong secret
        await web.get("/c/short/api/events"),
        await web.get("/c/AAAAAAAAAAAAAAAAAAAAAA/calendar.ics"),
        await web.get("/c/AAAAAAAAAAAAAAAAAAAAAA/"),
    ]
    bodies = {(r.status, await r.read(), r.headers["Content-Type"]) for r in answers}
    assert bodies == {(404, b'{"error": "not found"}', "application/json; charset=utf-8")}


async def test_the_api_takes_the_secret_as_a_bearer_token(web: Web) -> None:
    ids = await _setup(web)
    secret = await web.links.create(SERVER_B)
    auth = {"Authorization": f"Bearer {secret}"}
    listed = await (await web.get("/api/events", headers=auth)).json()
    assert ids["b"] in [e["id"] for e in listed["events"]]
    assert (await web.get(f"/api/events/{ids['a']}", headers=auth)).status == 404
    assert (await web.get("/api/events")).status == 404


async def test_a_config_source_limited_to_one_server_shows_only_there(web: Web) -> None:
    limited = await add_event(
        web.app, dt.date(2025, 3, 15), "Limited wire story", sources=("Limited Wire",)
    )
    async with web.app.sessions.begin() as session:
        source_id = await session.scalar(select(Source.id).where(Source.name == "Limited Wire"))
        session.add(SourceGuild(source_id=source_id, guild_id=SERVER_A))

    async def ids(link: str) -> list[int]:
        body = await (await web.get(f"{link}/api/events")).json()
        return [event["id"] for event in body["events"]]

    assert await ids(await web.new_link(SERVER_A)) == [limited]
    assert await ids(await web.new_link(SERVER_B)) == []
    assert await ids(await web.new_link(None)) == []  # not shared with every server
