"""Building blocks for the Discord tests: rows inserted directly, the bot started and stopped."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import discord
from sqlalchemy import select

from bot.app import App
from bot.db.models import AlertEvent, Article, Delivery, Event, EventMention, Source, Subscription
from bot.discord.bot import DatelineBot
from bot.extract import ExtractedEvent
from bot.outbox.alerts import enqueue_alerts
from bot.outbox.kinds import DeliveryKind
from bot.outbox.reminders import forget_reminders
from bot.outbox.store import enqueue
from bot.timeline_store import TimelineChange, record_events
from tests import timeline_support
from tests.fake_discord import running_bot

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
START = dt.datetime(2025, 3, 10, 12, 0, tzinfo=dt.UTC)
MANAGE_SERVER = discord.Permissions(manage_guild=True).value
_numbers = itertools.count(1)


@asynccontextmanager
async def started(app: App) -> AsyncIterator[DatelineBot]:
    bot = DatelineBot(app, guild_ready_timeout=0.1)
    async with running_bot(bot):
        yield bot


async def add_file_source(app: App, path: Path, **fields: Any) -> int:
    """A `file://` source inserted directly (only the CLI may add local files)."""
    async with app.sessions.begin() as session:
        source = Source(url=path.as_uri(), next_poll_at=START, created_at=START, **fields)
        session.add(source)
        await session.flush()
        return source.id


async def ingest_seed(app: App, **fields: Any) -> int:
    """The CNRE seed article: two events, March 11 and March 14, 2025."""
    source_id = await add_file_source(app, FEEDS / "seed_cnre.xml", **fields)
    report = await app.ingestor.poll(source_id)
    assert report.outcome == "ok" and len(report.new_event_ids) == 2, report
    return source_id


async def add_event(
    app: App,
    title: str,
    day: dt.date,
    *,
    summary: str = "",
    granularity: str = "day",
    article_title: str = "Wire story",
    article_url: str | None = "https://news.example/story",
) -> int:
    """One event reported by one article of its own source."""
    return await timeline_support.add_event(
        app,
        day,
        title,
        granularity=granularity,
        first_seen=START,
        sources=(f"Wire {next(_numbers)}",),
        summary=summary,
        article_title=article_title,
        article_url=article_url,
    )


async def add_subscription(app: App, channel_id: int, guild_id: int, **fields: Any) -> int:
    result = await app.subscriptions.subscribe(guild_id=guild_id, channel_id=channel_id, **fields)
    return result.subscription.id


async def deliveries(app: App) -> list[Delivery]:
    async with app.sessions() as session:
        return list(await session.scalars(select(Delivery).order_by(Delivery.id)))


async def subscription(app: App, subscription_id: int) -> Subscription:
    found = await app.subscriptions.get(subscription_id)
    assert found is not None
    return found


async def queue_alert(
    app: App,
    subscription_id: int,
    event_id: int,
    channel_id: int,
    *,
    kind: DeliveryKind = DeliveryKind.ALERT,
) -> None:
    """An alert row as the pipeline writes it, then the worker's wake-up, as ingestion does."""
    now = app.clock.now()
    key = f"alert:{subscription_id}:{event_id}"
    if kind is DeliveryKind.ALERT_UPDATE:
        key += f":update:{now.isoformat()}"
    async with app.sessions.begin() as session:
        assert await enqueue(
            session,
            kind=kind,
            dedupe_key=key,
            channel_id=channel_id,
            subscription_id=subscription_id,
            event_id=event_id,
            now=now,
            payload={"event_ids": [event_id]},
        )
        if kind is DeliveryKind.ALERT:
            delivery_id = await session.scalar(
                select(Delivery.id).where(Delivery.dedupe_key == key)
            )
            session.add(AlertEvent(delivery_id=delivery_id, event_id=event_id))
    app.outbox_wakeup.set()


# The test clock may stand still between two reports: their articles need their own guids.
_UPDATE_NUMBERS = itertools.count(1)


async def report_change(
    app: App, event_id: int, *, moved_to: dt.date | None = None, cancelled: bool = False
) -> list[TimelineChange]:
    """A later article of the event's source says it moved or was called off; the store, the
    reminders and the alerts run in one transaction, as in the ingest pipeline."""
    now = app.clock.now()
    async with app.sessions.begin() as session:
        event = await session.get(Event, event_id)
        assert event is not None
        source_id = await session.scalar(
            select(Article.source_id)
            .join(EventMention, EventMention.article_id == Article.id)
            .where(EventMention.event_id == event_id)
            .limit(1)
        )
        assert source_id is not None
        article = Article(
            source_id=source_id,
            guid=f"update-{event_id}-{next(_UPDATE_NUMBERS)}",
            url=None,
            title=f"Update: {event.title}",
            fetched_at=now,
            text=event.title,
            content_hash=f"update-{event_id}-{now.isoformat()}-{next(_UPDATE_NUMBERS)}",
        )
        session.add(article)
        await session.flush()
        item = ExtractedEvent(
            date=(moved_to or event.date).isoformat(),
            granularity="day",
            title=event.title,
            evidence=event.title,
            start=0,
            end=len(event.title),
            confidence=0.9,
            replaces=event.date.isoformat() if moved_to else None,
            cancelled=cancelled,
        )
        changes = await record_events(session, article, [item], now)
        await forget_reminders(
            session, [c.event_id for c in changes if c.kind in ("moved", "cancelled")]
        )
        await enqueue_alerts(session, changes, now, article_id=article.id)
    app.outbox_wakeup.set()
    return changes
