"""Edits update, they never re-alert: events keep their ids when their article changes.

Fake articles served over HTTP on 127.0.0.1 go through the whole chain (fetch → parse →
extract → store → outbox → reminders): an edited article updates its events in place, a changed
date moves the event (same id, old date remembered), a repeated guid is one entry, an
unchanged feed writes nothing. Moves and cancellations announced by `replaces` / `cancelled`
are checked at the store, the one writer of events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import App, open_app
from bot.config import DatabaseSettings, FetchSettings, Settings
from bot.db.models import (
    AlertEvent,
    Article,
    Delivery,
    Event,
    EventMention,
    EventTitleKey,
    GuildScheduledEvent,
    Source,
    Subscription,
)
from bot.extract import ExtractedEvent
from bot.outbox.reminders import forget_reminders
from bot.timeline_store import (
    ArticleEvents,
    TimelineChange,
    _batch_candidates,
    record_batch,
    record_events,
)
from tests.httpserver import CannedServer
from tests.support import FakeClock
from tests.timeline_support import add_article, add_source, count, deliveries

# The day before the meeting: a reminder 24 h ahead is due at once.
NOW = dt.datetime(2025, 5, 19, 10, tzinfo=dt.UTC)
MEETING = "Acme Corp will hold its annual shareholder meeting on {day}, 2025."
MARATHON = "The Berlin Marathon takes place on September 21, 2025{tail}."


def rss(*items: tuple[str, str]) -> bytes:
    """An RSS feed of (guid, text) items."""
    body = "".join(
        f"<item><title>Update {n}</title><guid>{guid}</guid>"
        f"<pubDate>Tue, 01 Apr 2025 09:00:00 GMT</pubDate><description>{text}</description></item>"
        for n, (guid, text) in enumerate(items)
    )
    channel = f"<channel><title>Wire</title>{body}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def article(meeting_day: str, marathon_tail: str = "") -> str:
    return f"{MEETING.format(day=meeting_day)} {MARATHON.format(tail=marathon_tail)}"


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[App]:
    settings = Settings(
        database=DatabaseSettings(url=database_url),
        fetch=FetchSettings(allow_private_addresses=True, timeout_seconds=5.0),
    )
    async with open_app(settings, clock=FakeClock(NOW)) as opened:
        yield opened


async def snapshot(app: App) -> dict[str, Any]:
    """Every row the pipeline writes for articles and events, to prove a poll wrote nothing."""
    async with app.sessions() as session:
        return {
            "articles": [
                (a.id, a.guid, a.content_hash, a.fetched_at)
                for a in await session.scalars(select(Article).order_by(Article.id))
            ],
            "events": [
                (e.id, e.date, e.title, e.summary, e.revision, e.updated_at)
                for e in await session.scalars(select(Event).order_by(Event.id))
            ],
            "mentions": [
                (m.id, m.event_id, m.title, m.evidence)
                for m in await session.scalars(select(EventMention).order_by(EventMention.id))
            ],
            "deliveries": [d.dedupe_key for d in await deliveries(app)],
        }


async def announced_events(app: App) -> set[int]:
    async with app.sessions() as session:
        return set(await session.scalars(select(AlertEvent.event_id)))


async def test_an_edited_article_keeps_its_events_and_never_re_alerts(
    app: App, http_server: CannedServer
) -> None:
    async with app.sessions.begin() as session:
        session.add(Subscription(channel_id=10, remind_hours=24, created_at=NOW))
    http_server.add("/feed.xml", body=rss(("a1", article("May 20"))))
    source = await add_source(
        app, http_server.url("/feed.xml"), at=NOW, full_text=False, alert_backlog=True
    )

    first = await app.ingestor.poll(source)
    assert (first.new_articles, len(first.new_event_ids)) == (1, 2)
    async with app.sessions() as session:
        ids = {e.date.isoformat(): e.id for e in await session.scalars(select(Event))}
    meeting, marathon = ids["2025-05-20"], ids["2025-09-21"]
    assert await app.reminders.plan() == 1  # the meeting is tomorrow
    alerts = sorted(d.dedupe_key for d in await deliveries(app, "alert"))
    assert len(alerts) == 1  # one message for the article, announcing both events
    assert await announced_events(app) == {meeting, marathon}

    before = await snapshot(app)
    unchanged = await app.ingestor.poll(source)
    assert (unchanged.new_articles, unchanged.updated_articles, unchanged.changes) == (0, 0, [])
    assert await snapshot(app) == before  # re-polling an unchanged feed writes nothing

    http_server.add("/feed.xml", body=rss(("a1", article("May 20", ", organisers confirmed"))))
    edited = await app.ingestor.poll(source)
    assert (edited.new_articles, edited.updated_articles, edited.changes) == (0, 1, [])
    async with app.sessions() as session:
        kept = await session.get(Event, marathon)
        assert kept is not None and "organisers confirmed" in kept.summary
        assert kept.revision == 0 and kept.previous_date is None

    http_server.add("/feed.xml", body=rss(("a1", article("June 3", ", organisers confirmed"))))
    moved = await app.ingestor.poll(source)
    assert moved.moved_event_ids == [meeting] and moved.new_event_ids == []
    async with app.sessions() as session:
        event = await session.get(Event, meeting)
        assert event is not None
        assert (event.date, event.previous_date) == (dt.date(2025, 6, 3), dt.date(2025, 5, 20))
        assert (event.previous_granularity, event.revision, event.moved_at) == ("day", 1, NOW)
        assert sorted(e.id for e in await session.scalars(select(Event))) == sorted(ids.values())
    # No alert again; the unsent reminder for May 20 is dropped, none is due for June 3 yet.
    assert sorted(d.dedupe_key for d in await deliveries(app, "alert")) == alerts
    assert await deliveries(app, "reminder") == []
    assert await app.reminders.plan() == 0


async def test_a_repeated_guid_is_one_entry_and_polls_stay_quiet(
    app: App, http_server: CannedServer
) -> None:
    http_server.add(
        "/feed.xml",
        body=rss(("dup", article("May 20")), ("dup", article("July 9", ", rain or shine"))),
    )
    source = await add_source(app, http_server.url("/feed.xml"), at=NOW, full_text=False)
    first = await app.ingestor.poll(source)
    assert (first.entries, first.new_articles, len(first.new_event_ids)) == (2, 1, 2)
    before = await snapshot(app)
    for _ in range(3):
        again = await app.ingestor.poll(source)
        assert (again.new_articles, again.updated_articles, again.changes) == (0, 0, [])
    assert await snapshot(app) == before
    async with app.sessions() as session:
        dates = sorted(e.date.isoformat() for e in await session.scalars(select(Event)))
    assert dates == ["2025-05-20", "2025-09-21"]  # the first of the two, as readers show it


def extracted(
    date: str, title: str, *, replaces: str | None = None, cancelled: bool = False
) -> ExtractedEvent:
    return ExtractedEvent(
        date=date,
        granularity="day",
        title=title,
        evidence=f"{title} ({date}).",
        start=0,
        end=10,
        confidence=0.9,
        replaces=replaces,
        cancelled=cancelled,
    )


async def test_replaces_moves_the_known_event_and_cancelled_never_creates_one(app: App) -> None:
    wire = await add_source(app, "https://wire.example/feed.xml", at=NOW)
    other = await add_source(app, "https://other.example/feed.xml", at=NOW)
    async with app.sessions.begin() as session:
        session.add(Subscription(channel_id=10, remind_hours=24, created_at=NOW))
    first, later, third = (
        await add_article(app, wire, "first", at=NOW),
        await add_article(app, other, "later", at=NOW),
        await add_article(app, other, "third", at=NOW),
    )
    title = "Acme to hold annual shareholder meeting"
    async with app.sessions.begin() as session:
        [created] = await record_events(session, first, [extracted("2025-05-20", title)], NOW)
    assert created.kind == "new_event"
    assert await app.reminders.plan() == 1

    async with app.sessions.begin() as session:
        changes = await record_events(
            session, later, [extracted("2025-06-03", title, replaces="2025-05-20")], NOW
        )
        await _forget(session, changes)
    kinds = [(c.event_id, c.kind) for c in changes]
    assert kinds == [(created.event_id, "moved"), (created.event_id, "new_source")]
    async with app.sessions() as session:
        event = await session.get(Event, created.event_id)
        assert event is not None and (event.date, event.previous_date, event.revision) == (
            dt.date(2025, 6, 3),
            dt.date(2025, 5, 20),
            1,
        )
    assert await deliveries(app, "reminder") == []

    async with app.sessions.begin() as session:
        nothing = await record_events(
            session, third, [extracted("2025-08-01", "Beta Corp gala", cancelled=True)], NOW
        )
        changes = await record_events(
            session, third, [extracted("2025-06-03", title, cancelled=True)], NOW
        )
        await _forget(session, changes)
    assert nothing == [] and [(c.event_id, c.kind) for c in changes] == [
        (created.event_id, "cancelled")
    ]
    async with app.sessions() as session:
        event = await session.get(Event, created.event_id)
        assert event is not None and event.cancelled_at == NOW and event.revision == 2
    assert await count(app, Event) == 1
    # A cancelled event is not reminded of, even when its reminder would be due.
    async with app.sessions.begin() as session:
        event = await session.get(Event, created.event_id)
        assert event is not None
        event.date = dt.date(2025, 5, 20)
    assert await app.reminders.plan() == 0
    assert await count(app, Source) == 2


async def _forget(session: AsyncSession, changes: list[TimelineChange]) -> None:
    """What the pipeline does in the same transaction after storing an article's events."""
    await forget_reminders(session, [c.event_id for c in changes if c.kind != "new_event"])


async def test_an_edit_that_gives_the_exact_day_sharpens_the_same_event(app: App) -> None:
    wire = await add_source(app, "https://wire.example/feed.xml", at=NOW)
    story = await add_article(app, wire, "story", at=NOW)
    title = "Acme to hold annual shareholder meeting"
    month = ExtractedEvent(
        date="2025-05",
        granularity="month",
        title=title,
        evidence="In May.",
        start=0,
        end=5,
        confidence=0.8,
    )
    async with app.sessions.begin() as session:
        [created] = await record_events(session, story, [month], NOW)
    async with app.sessions.begin() as session:
        changes = await record_events(session, story, [extracted("2025-05-20", title)], NOW)
    assert changes == []
    async with app.sessions() as session:
        event = await session.get(Event, created.event_id)
        assert event is not None
        assert (event.date, event.granularity, event.revision) == (dt.date(2025, 5, 20), "day", 0)
    assert await count(app, Event) == 1


async def _batch(app: App, source_id: int, guid: str, item: ExtractedEvent) -> TimelineChange:
    """One new article with one report, through the batch writer."""
    story = await add_article(app, source_id, guid, at=NOW)
    async with app.sessions.begin() as session:
        [change] = await record_batch(
            session, [ArticleEvents(story.id, source_id, guid, [item])], NOW
        )
    return change


async def _title_keys(app: App, event_id: int) -> set[tuple[dt.date, str]]:
    async with app.sessions() as session:
        rows = await session.execute(
            select(EventTitleKey.date, EventTitleKey.granularity).where(
                EventTitleKey.event_id == event_id
            )
        )
        return {(day, granularity) for day, granularity in rows}


async def test_two_actors_sharing_only_a_place_stay_two_events(app: App) -> None:
    """Two companies' investor days in one city on one day are two events: the second report
    does not even read the first as a candidate. The same company's, told by another source,
    joins its event."""
    wire = await add_source(app, "https://wire.example/feed.xml", at=NOW)
    other = await add_source(app, "https://other.example/feed.xml", at=NOW)
    first = await _batch(
        app,
        wire,
        "a",
        extracted("2025-05-14", "Norvale Metals will hold an investor day in Rotterdam"),
    )
    rival = extracted("2025-05-14", "Karbridge Energy will hold an investor day in Rotterdam")
    async with app.sessions() as session:
        assert await _batch_candidates(session, [rival]) == []
    second = await _batch(app, other, "b", rival)
    assert second.kind == "new_event" and second.event_id != first.event_id
    again = await _batch(
        app, other, "c", extracted("2025-05-14", "Norvale Metals to host Rotterdam investor day")
    )
    assert (again.event_id, again.kind) == (first.event_id, "new_source")


async def test_a_day_report_finds_its_month_event_and_not_the_days_of_the_first(
    app: App,
) -> None:
    """A report of July 9 reads the July month event sharing its name, not July 1's day events
    (both are filed at the 1st); the month event sharpens and its keys follow its new date."""
    wire = await add_source(app, "https://wire.example/feed.xml", at=NOW)
    in_july = ExtractedEvent(
        date="2025-07",
        granularity="month",
        title="Cobalt Corp will start shipments to Rotterdam",
        evidence="Cobalt Corp will start shipments to Rotterdam in July.",
        start=0,
        end=10,
        confidence=0.8,
    )
    month_event = (await _batch(app, wire, "month", in_july)).event_id
    first_of_july = (
        await _batch(
            app,
            wire,
            "first",
            extracted("2025-07-01", "Rotterdam council approves the harbour budget"),
        )
    ).event_id
    assert await _title_keys(app, month_event) == {(dt.date(2025, 7, 1), "month")}
    assert await _title_keys(app, first_of_july) == {(dt.date(2025, 7, 1), "day")}

    report = extracted("2025-07-09", "Cobalt Corp will begin shipments to Rotterdam")
    async with app.sessions() as session:
        found = await _batch_candidates(session, [report])
    assert [candidate.id for candidate in found] == [month_event]

    other = await add_source(app, "https://other.example/feed.xml", at=NOW)
    change = await _batch(app, other, "day", report)
    assert (change.event_id, change.kind) == (month_event, "new_source")
    assert await _title_keys(app, month_event) == {(dt.date(2025, 7, 9), "day")}
    async with app.sessions() as session:
        sharpened = await session.get(Event, month_event)
        assert sharpened is not None
        assert (sharpened.date, sharpened.granularity) == (dt.date(2025, 7, 9), "day")


# Three reports of one day by one company: the first two read too differently to be one event
# on their own; the third tells both and reads like each, so it shows all three to be one.
REFINERY = "Norvale Metals opens its Ostrava copper refinery"
CHAIRMAN = "Norvale Metals shareholders elect a new chairman"
BOTH = "Norvale Metals opens Ostrava copper refinery as shareholders elect a new chairman"


async def _events_on(app: App, day: dt.date) -> set[frozenset[str]]:
    """The day's events, each as the set of its reports' titles."""
    async with app.sessions() as session:
        rows = await session.execute(
            select(EventMention.event_id, EventMention.title)
            .join(Event, Event.id == EventMention.event_id)
            .where(Event.date == day)
        )
        titles: dict[int, set[str]] = {}
        for event_id, title in rows:
            titles.setdefault(event_id, set()).add(title)
    return {frozenset(group) for group in titles.values()}


async def test_a_report_that_joins_two_events_folds_them_whatever_the_order(app: App) -> None:
    """Every order of the three reports (each its own poll) gives one event of three reports:
    a bridging report folds the two events it matches into one."""
    orders = [
        (REFINERY, CHAIRMAN, BOTH),
        (BOTH, REFINERY, CHAIRMAN),
        (CHAIRMAN, BOTH, REFINERY),
        (BOTH, CHAIRMAN, REFINERY),
    ]
    for run, order in enumerate(orders):
        day = dt.date(2025, 6, 2) + dt.timedelta(days=run)
        for n, title in enumerate(order):
            source = await add_source(app, f"https://wire{run}-{n}.example/feed.xml", at=NOW)
            await _batch(app, source, f"{run}-{n}", extracted(day.isoformat(), title))
        assert await _events_on(app, day) == {frozenset({REFINERY, CHAIRMAN, BOTH})}
    async with app.sessions() as session:
        keys = await session.execute(select(EventTitleKey.event_id).distinct())
        assert {event_id for (event_id,) in keys} == set(
            await session.scalars(select(Event.id))
        )  # no key row of a folded event is left


async def test_a_folded_event_hands_its_alerts_and_sent_reminders_to_the_survivor(
    app: App,
) -> None:
    """The folded event's alert now names the survivor, its sent reminder counts for it (no
    second reminder: the survivor's unsent one is dropped), and its Discord scheduled event is
    kept for the survivor."""
    async with app.sessions.begin() as session:
        session.add(Subscription(channel_id=10, remind_hours=24, created_at=NOW))
    day = "2025-05-20"  # tomorrow: reminders are due at once
    first = await _batch(
        app, await add_source(app, "https://a.example/f", at=NOW), "a", extracted(day, REFINERY)
    )
    second = await _batch(
        app, await add_source(app, "https://b.example/f", at=NOW), "b", extracted(day, CHAIRMAN)
    )
    assert first.event_id != second.event_id
    async with app.sessions.begin() as session:
        alert = Delivery(
            kind="alert",
            dedupe_key="alert:b",
            channel_id=10,
            event_id=second.event_id,
            created_at=NOW,
            due_at=NOW,
            sent_at=NOW,
        )
        session.add(alert)
        await session.flush()
        session.add(AlertEvent(delivery_id=alert.id, event_id=second.event_id))
        session.add(  # shown in a server's Events tab
            GuildScheduledEvent(
                guild_id=5, event_id=second.event_id, discord_event_id=77, synced_revision=0
            )
        )
    assert await app.reminders.plan() == 2
    async with app.sessions.begin() as session:  # the second event's reminder went out
        sent = await session.scalar(
            select(Delivery).where(
                Delivery.kind == "reminder", Delivery.event_id == second.event_id
            )
        )
        assert sent is not None
        sent.sent_at = NOW

    bridge = await _batch(
        app, await add_source(app, "https://c.example/f", at=NOW), "c", extracted(day, BOTH)
    )
    assert (bridge.event_id, bridge.kind) == (first.event_id, "new_source")
    assert await count(app, Event) == 1
    async with app.sessions() as session:
        assert set(await session.scalars(select(AlertEvent.event_id))) == {first.event_id}
        mirror = await session.scalar(select(GuildScheduledEvent))
        assert mirror is not None  # the next sync rewrites it with the survivor
        assert (mirror.event_id, mirror.discord_event_id, mirror.synced_revision) == (
            first.event_id,
            77,
            -1,
        )
    reminders = await deliveries(app, "reminder")
    assert [(r.event_id, r.sent_at is not None) for r in reminders] == [(first.event_id, True)]
    assert await app.reminders.plan() == 0  # already reminded of this event
