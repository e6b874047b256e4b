"""Alerts: what each subscribed channel is told when the timeline changes.

Called by the ingest pipeline in the transaction that records an article's events (and by
whatever records a move or a cancellation), so the change and its alerts are stored together.
An article's new events become ONE `alert` row per subscription (or one per event with
`per = "event"`), filtered by keywords (with `-` exclusions), `min_confidence` and
`only = "upcoming"`, and only for servers that may see the source; beyond a subscription's
`hourly_cap` they are rolled into one `alert_rollup` row for the hour (nothing is dropped
silently). A later article that only adds a source queues one `alert_update` per earlier alert
message (edited while recent). A moved or cancelled event queues one `event_moved` /
`event_cancelled` line per channel that was alerted about it, and drops that channel's unsent
reminder for it (the reminder planner queues the one for the new date). Rows carry no message:
`bot.outbox.alert_messages` composes them at sending time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dates import month_bounds
from bot.db.models import Article, Event, GuildSettings, Source, Subscription
from bot.filters import matches
from bot.outbox.kinds import CAPPED_KINDS, DeliveryKind
from bot.outbox.store import (
    add_alert_events,
    count_since,
    drop_unsent,
    enqueue,
    enqueue_alert,
    first_alert_id,
    is_queued,
)
from bot.timeline_store import TimelineChange
from bot.timezones import safe_zone


def is_upcoming(day: dt.date, granularity: str, today: dt.date) -> bool:
    """A day from today on; a month event while its month is not over."""
    last = month_bounds(day)[1] if granularity == "month" else day
    return last >= today


def wants(subscription: Subscription, event: Event, today: dt.date) -> bool:
    """The subscription's filters: keywords (with exclusions), confidence floor, upcoming-only."""
    if event.cancelled_at is not None:
        return False
    if subscription.min_confidence is not None and event.confidence < subscription.min_confidence:
        return False
    if subscription.only == "upcoming" and not is_upcoming(event.date, event.granularity, today):
        return False
    return matches(subscription.keywords, f"{event.title}\n{event.summary}")


def visible(source_guild: int | None, subscriber_guild: int | None) -> bool:
    """A source added in a server alerts only that server; config and CLI sources alert all."""
    return source_guild is None or subscriber_guild is None or source_guild == subscriber_guild


def local_today(settings: GuildSettings | None, default_timezone: str, now: dt.datetime) -> dt.date:
    zone = safe_zone(settings.timezone if settings else None, default_timezone)
    return now.astimezone(zone).date()


async def _queue_alert(
    session: AsyncSession,
    subscription: Subscription,
    event_ids: list[int],
    key: str,
    now: dt.datetime,
    article_id: int | None,
) -> int:
    """One alert message, or (over the hourly cap) its events added to the hour's roll-up."""
    cap = subscription.hourly_cap
    since = now - dt.timedelta(hours=1)
    if cap is not None and await count_since(session, subscription.id, CAPPED_KINDS, since) >= cap:
        return await _roll_up(session, subscription, event_ids, now)
    queued = await enqueue_alert(
        session,
        kind=DeliveryKind.ALERT,
        dedupe_key=key,
        subscription=subscription,
        event_ids=event_ids,
        now=now,
        payload={"article_id": article_id},
    )
    return int(queued)


async def _roll_up(
    session: AsyncSession, subscription: Subscription, event_ids: list[int], now: dt.datetime
) -> int:
    """Events beyond the cap wait in one summary, posted when the current hour is over."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    key = f"rollup:{subscription.id}:{hour.isoformat()}"
    if not await is_queued(session, key):
        await enqueue_alert(
            session,
            kind=DeliveryKind.ALERT_ROLLUP,
            dedupe_key=key,
            subscription=subscription,
            event_ids=event_ids,
            now=now,
            due_at=hour + dt.timedelta(hours=1),
        )
        return 1
    if await add_alert_events(session, key, event_ids):
        return 0
    # The hour's summary already went out (a late writer): the next hour gets its own.
    return await _roll_up(session, subscription, event_ids, now + dt.timedelta(hours=1))


async def _alert_new_events(
    session: AsyncSession,
    subscription: Subscription,
    new: list[Event],
    now: dt.datetime,
    article_id: int | None,
) -> int:
    if subscription.per == "event":
        queued = 0
        for event in new:
            key = f"alert:{subscription.id}:{event.id}"
            queued += await _queue_alert(session, subscription, [event.id], key, now, article_id)
        return queued
    key = f"alert:{subscription.id}:article:{article_id or new[0].id}:{now.isoformat()}"
    return await _queue_alert(session, subscription, [e.id for e in new], key, now, article_id)


async def _correct(
    session: AsyncSession,
    subscription: Subscription,
    change: TimelineChange,
    event: Event,
    now: dt.datetime,
) -> int:
    """What a channel told about `event` hears of a new source, a move or a cancellation."""
    first_alert = await first_alert_id(session, subscription.id, event.id)
    if first_alert is None:
        return 0  # never told about it: nothing to correct
    if change.kind == "new_source":  # one edit per earlier message, however many events
        kind = DeliveryKind.ALERT_UPDATE
        key = f"update:{subscription.id}:{first_alert}:{now.isoformat()}"
    else:
        kind = (
            DeliveryKind.EVENT_CANCELLED if change.kind == "cancelled" else DeliveryKind.EVENT_MOVED
        )
        key = f"{kind}:{subscription.id}:{event.id}:{event.revision}"
        await drop_unsent(session, DeliveryKind.REMINDER, subscription.id, event.id)
    previous = event.previous_date.isoformat() if event.previous_date else None
    queued = await enqueue(
        session,
        kind=kind,
        dedupe_key=key,
        channel_id=subscription.channel_id,
        subscription_id=subscription.id,
        event_id=event.id,
        now=now,
        payload={
            "event_ids": [event.id],
            "previous_date": previous,
            "previous_granularity": event.previous_granularity,
        },
    )
    return int(queued)


async def enqueue_alerts(
    session: AsyncSession,
    changes: Sequence[TimelineChange],
    now: dt.datetime,
    *,
    article_id: int | None = None,
    default_timezone: str = "UTC",
) -> int:
    """Queue what `changes` (from one article, or one move) mean for every active subscription."""
    subscriptions = list(
        await session.scalars(
            select(Subscription).where(Subscription.paused.is_(False)).order_by(Subscription.id)
        )
    )
    if not subscriptions:
        return 0
    events = {
        e.id: e
        for e in await session.scalars(
            select(Event).where(Event.id.in_({c.event_id for c in changes}))
        )
    }
    servers = {row.guild_id: row for row in await session.scalars(select(GuildSettings))}
    source_guild = (
        await session.scalar(
            select(Source.guild_id)
            .join(Article, Article.source_id == Source.id)
            .where(Article.id == article_id)
        )
        if article_id is not None
        else None
    )
    created = [
        events[c.event_id] for c in changes if c.kind == "new_event" and c.event_id in events
    ]
    created.sort(key=lambda e: (e.date, e.id))
    queued = 0
    for subscription in subscriptions:
        today = local_today(servers.get(subscription.guild_id or 0), default_timezone, now)
        if visible(source_guild, subscription.guild_id):
            new = [e for e in created if wants(subscription, e, today)]
            if new:
                queued += await _alert_new_events(session, subscription, new, now, article_id)
        for change in changes:
            event = events.get(change.event_id)
            if event is not None and change.kind != "new_event":
                queued += await _correct(session, subscription, change, event, now)
    return queued
