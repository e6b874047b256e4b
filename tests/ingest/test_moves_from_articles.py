"""Moved and cancelled dates carried from article text to the timeline, over HTTP on 127.0.0.1.

An article saying a meeting was pushed back moves the event an earlier article created (same
id, previous date kept) and drops its unsent reminder; a later article calling it off marks the
known event cancelled. A source's own numeric date order reaches the engine.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import select

from bot.app import App, open_app
from bot.config import DatabaseSettings, FetchSettings, Settings, SourceSettings
from bot.db.models import Event, EventTitleKey, Source, Subscription
from tests.httpserver import CannedServer
from tests.support import FakeClock
from tests.timeline_support import add_source, deliveries

# The day before the meeting: a reminder 24 h ahead is due at once.
NOW = dt.datetime(2025, 5, 19, 10, tzinfo=dt.UTC)
PLANNED = "Acme Corp will hold its annual shareholder meeting on May 20, 2025."
PUSHED_BACK = (
    "Acme Corp has pushed its annual shareholder meeting back to June 3 from May 20, "
    "the company said on Friday."
)
CALLED_OFF = (
    "Acme Corp said on Saturday that its annual shareholder meeting, set for June 3, "
    "was called off."
)


def rss(*items: tuple[str, str, str]) -> bytes:
    """An RSS feed of (guid, RFC 822 date, text) items."""
    body = "".join(
        f"<item><title>Acme update {n}</title><guid>{guid}</guid>"
        f"<pubDate>{published}</pubDate><description>{text}</description></item>"
        for n, (guid, published, text) in enumerate(items)
    )
    channel = f"<channel><title>Wire</title>{body}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[App]:
    settings = Settings(
        database=DatabaseSettings(url=database_url),
        fetch=FetchSettings(allow_private_addresses=True, timeout_seconds=5.0),
    )
    async with open_app(settings, clock=FakeClock(NOW)) as opened:
        yield opened


async def test_a_pushed_back_date_moves_the_event_and_a_cancellation_marks_it(
    app: App, http_server: CannedServer
) -> None:
    async with app.sessions.begin() as session:
        session.add(Subscription(channel_id=10, remind_hours=24, created_at=NOW))
    planned = ("plan", "Thu, 15 May 2025 09:00:00 GMT", PLANNED)
    http_server.add("/feed.xml", body=rss(planned))
    source = await add_source(
        app, http_server.url("/feed.xml"), at=NOW, full_text=False, alert_backlog=True
    )
    first = await app.ingestor.poll(source)
    [meeting] = first.new_event_ids
    assert await app.reminders.plan() == 1  # the meeting is tomorrow
    assert len(await deliveries(app, "reminder")) == 1

    moved_article = ("moved", "Sat, 17 May 2025 09:00:00 GMT", PUSHED_BACK)
    http_server.add("/feed.xml", body=rss(planned, moved_article))
    second = await app.ingestor.poll(source)
    assert second.moved_event_ids == [meeting]
    async with app.sessions() as session:
        event = await session.get(Event, meeting)
        assert event is not None
        assert (event.date, event.previous_date) == (dt.date(2025, 6, 3), dt.date(2025, 5, 20))
        dates = sorted(e.date for e in await session.scalars(select(Event)))
        # Its merge keys moved with it: later reports of June 3 find it.
        key_dates = set(
            await session.scalars(
                select(EventTitleKey.date).where(EventTitleKey.event_id == meeting)
            )
        )
    assert key_dates == {dt.date(2025, 6, 3)}
    assert dt.date(2025, 5, 20) not in dates  # the old date is not kept as an event of its own
    # The unsent reminder for May 20 is dropped; June 3 is not due yet.
    assert await deliveries(app, "reminder") == []
    assert await app.reminders.plan() == 0

    cancelled_article = ("off", "Sun, 18 May 2025 09:00:00 GMT", CALLED_OFF)
    http_server.add("/feed.xml", body=rss(planned, moved_article, cancelled_article))
    third = await app.ingestor.poll(source)
    assert third.cancelled_event_ids == [meeting]
    async with app.sessions() as session:
        event = await session.get(Event, meeting)
        assert event is not None and event.cancelled_at == NOW
        assert (event.date, event.previous_date) == (dt.date(2025, 6, 3), dt.date(2025, 5, 20))


@pytest.mark.parametrize(
    ("order", "day"), [("DMY", dt.date(2025, 4, 3)), (None, dt.date(2025, 3, 4))]
)
async def test_a_source_date_order_decides_its_numeric_dates(
    app: App, http_server: CannedServer, order: str | None, day: dt.date
) -> None:
    text = "The council will meet on 03/04/2025 to set the town budget."
    http_server.add("/feed.xml", body=rss(("c1", "Sat, 01 Mar 2025 09:00:00 GMT", text)))
    source = await add_source(
        app, http_server.url("/feed.xml"), at=NOW, full_text=False, date_order=order
    )
    await app.ingestor.poll(source)
    async with app.sessions() as session:
        assert [e.date for e in await session.scalars(select(Event))] == [day]


async def test_the_config_date_order_is_stored_on_the_source(app: App) -> None:
    url = "https://wire.example/feed.xml"
    await app.sources.sync_config([SourceSettings(url=url, date_order="dmy")])
    async with app.sessions() as session:
        assert await session.scalar(select(Source.date_order).where(Source.url == url)) == "DMY"
    await app.sources.sync_config([SourceSettings(url=url)])
    async with app.sessions() as session:
        assert await session.scalar(select(Source.date_order).where(Source.url == url)) is None
