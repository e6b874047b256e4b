"""The subscribable calendar: valid iCalendar, stable UIDs, lifecycle, conditional GET, revoking."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar
from sqlalchemy import select, update

from bot.db.models import CalendarLink, Event
from tests.timeline_support import add_event
from tests.web.conftest import Web


async def _calendar(web: Web, link: str) -> Calendar:
    response = await web.get(f"{link}/calendar.ics")
    assert response.status == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(await response.read())


async def test_feed_is_valid_icalendar_and_round_trips(web: Web) -> None:
    plenary = await add_event(
        web.app, dt.date(2025, 3, 14), "CNRE holds its plenary", summary="In Baotou, on March 14."
    )
    await add_event(web.app, dt.date(2025, 4, 1), "Quota review", granularity="month")
    link = await web.new_link(None)
    body = await (await web.get(f"{link}/calendar.ics")).read()

    calendar = Calendar.from_ical(body)
    assert calendar.to_ical() == body  # parses and serialises back to the same bytes
    assert str(calendar["VERSION"]) == "2.0" and "PRODID" in calendar
    day, month = calendar.walk("VEVENT")
    instance = await web.links.instance_id()
    assert str(day["UID"]) == f"event-{plenary}@{instance}.dateline"
    assert day.decoded("DTSTART") == dt.date(2025, 3, 14)  # all-day: a DATE, not a DATE-TIME
    assert day.decoded("DTEND") == dt.date(2025, 3, 15)
    assert day["DTSTART"].params["VALUE"] == "DATE"
    assert str(day["SUMMARY"]) == "CNRE holds its plenary"
    assert "In Baotou, on March 14." in str(day["DESCRIPTION"])
    assert str(day["URL"]).startswith("https://")
    assert day.decoded("SEQUENCE") == 0 and str(day["STATUS"]) == "CONFIRMED"
    for required in ("DTSTAMP", "LAST-MODIFIED"):
        assert required in day
    assert (month.decoded("DTSTART"), month.decoded("DTEND")) == (
        dt.date(2025, 4, 1),
        dt.date(2025, 5, 1),
    )


async def test_moved_and_cancelled_events_update_in_place(web: Web) -> None:
    moved = await add_event(web.app, dt.date(2025, 3, 14), "Plenary")
    dropped = await add_event(web.app, dt.date(2025, 3, 20), "Trade fair")
    link = await web.new_link(None)
    first = await _calendar(web, link)
    uids = [str(v["UID"]) for v in first.walk("VEVENT")]

    changed_at = dt.datetime(2025, 3, 13, 8, 30, tzinfo=dt.UTC)
    async with web.app.sessions.begin() as session:
        await session.execute(
            update(Event)
            .where(Event.id == moved)
            .values(
                date=dt.date(2025, 3, 18),
                previous_date=dt.date(2025, 3, 14),
                moved_at=changed_at,
                revision=1,
                updated_at=changed_at,
            )
        )
        await session.execute(
            update(Event)
            .where(Event.id == dropped)
            .values(cancelled_at=changed_at, revision=1, updated_at=changed_at)
        )
    second = await _calendar(web, link)
    by_uid = {str(v["UID"]): v for v in second.walk("VEVENT")}
    assert list(by_uid) == uids  # same UIDs: calendars replace, never duplicate
    plenary, fair = by_uid[uids[0]], by_uid[uids[1]]
    assert plenary.decoded("DTSTART") == dt.date(2025, 3, 18)
    assert plenary.decoded("SEQUENCE") == 1
    assert plenary.decoded("LAST-MODIFIED") == changed_at
    assert str(fair["STATUS"]) == "CANCELLED" and fair.decoded("SEQUENCE") == 1


async def test_conditional_get_answers_304_until_something_changes(web: Web) -> None:
    await add_event(web.app, dt.date(2025, 3, 14), "Plenary")
    link = await web.new_link(None)
    first = await web.get(f"{link}/calendar.ics")
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"')

    again = await web.get(f"{link}/calendar.ics", headers={"If-None-Match": etag})
    assert again.status == 304
    assert again.headers["ETag"] == etag and await again.read() == b""
    listed = await web.get(f"{link}/calendar.ics", headers={"If-None-Match": f'"x", W/{etag}'})
    assert listed.status == 304

    fair = await add_event(web.app, dt.date(2025, 3, 20), "Trade fair")
    added = await web.get(f"{link}/calendar.ics", headers={"If-None-Match": etag})
    assert added.status == 200 and added.headers["ETag"] != etag
    etag = added.headers["ETag"]

    async with web.app.sessions.begin() as session:  # revised in place: title and revision
        await session.execute(
            update(Event).where(Event.id == fair).values(title="Trade fair opens", revision=1)
        )
    revised = await web.get(f"{link}/calendar.ics", headers={"If-None-Match": etag})
    assert revised.status == 200 and b"Trade fair opens" in await revised.read()
    assert revised.headers["ETag"] != etag


async def test_keywords_give_a_distinct_narrower_feed(web: Web) -> None:
    await add_event(web.app, dt.date(2025, 3, 14), "CNRE plenary")
    await add_event(web.app, dt.date(2025, 3, 19), "Fed meeting")
    everything = await web.new_link(None)
    narrowed = await web.new_link(None, "  fed   meeting ")
    assert narrowed != everything
    titles = [str(v["SUMMARY"]) for v in (await _calendar(web, narrowed)).walk("VEVENT")]
    assert titles == ["Fed meeting"]
    assert len((await _calendar(web, everything)).walk("VEVENT")) == 2


async def test_rotate_revokes_every_old_link_of_that_audience_only(web: Web) -> None:
    await add_event(web.app, dt.date(2025, 3, 14), "Plenary")
    old = await web.new_link(7)
    old_keywords = await web.new_link(7, "plenary")
    other_server = await web.new_link(8)
    new_secret = await web.links.rotate(7)

    for revoked in (old, old_keywords):
        response = await web.get(f"{revoked}/calendar.ics")
        assert response.status == 404
        assert await response.json() == {"error": "not found"}
    assert (await web.get(f"/c/{new_secret}/calendar.ics")).status == 200
    assert (await web.get(f"{other_server}/calendar.ics")).status == 200


async def test_secrets_are_128_bit_and_only_their_hash_is_stored(web: Web) -> None:
    secrets = {await web.links.create(None) for _ in range(20)}
    assert len(secrets) == 20 and all(len(s) == 22 for s in secrets)  # 16 bytes, base64url
    async with web.app.sessions() as session:
        stored = list(await session.scalars(select(CalendarLink.secret_hash)))
    assert not secrets & set(stored)
    assert all(len(h) == 64 for h in stored)
