"""Alerts: what each subscribed channel is told when the timeline changes.

Called by the ingest pipeline in the transaction that records an article's events (and by
whatever records a move or a cancellation), so the change and its alerts are stored together.
An article's new events become ONE `alert` row per subscription (or one per event with
`per = "event"`), filtered by keywords (with `-` exclusions), `min_confidence` and
`only = "upcoming"`, and only for servers that see the reporting source (`bot.visibility`; an
event a server first hears of through a newly visible source is new there); beyond a subscription's
`hourly_cap` they are rolled into one `alert_rollup` row for the hour (nothing is dropped
silently). A later article that only adds a source queues one `alert_update` per earlier alert
message (edited while recent). A moved or cancelled event queues one `event_moved` /
`event_cancelled` line per channel that was alerted about it (the pipeline drops the unsent
reminders of such events; the planner queues the one for the new date). Rows carry no message:
`bot.outbox.alert_messages` composes them at sending time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.dates import month_bounds
from bot.db.models import Event, GuildSettings, Source, Subscription
from bot.filters import matches
from bot.outbox.kinds import CAPPED_KINDS, DeliveryKind
from bot.outbox.store import (
    add_alert_events,
    count_since,
    enqueue,
    enqueue_alert,
    first_alert_id,
    is_queued,
)
from bot.timeline_store import TimelineChange
from bot.timezones import safe_zone
from bot.visibility import Viewer, source_visible, subscription_viewer


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


async def _sees(
    session: AsyncSession, cache: dict[tuple[Viewer, int], bool], viewer: Viewer, source_id: int
) -> bool:
    if (viewer, source_id) not in cache:
        found = await session.scalar(
            select(Source.id).where(Source.id == source_id, source_visible(viewer))
        )
        cache[viewer, source_id] = found is not None
    return cache[viewer, source_id]


async def enqueue_alerts(
    session: AsyncSession,
    changes: Sequence[TimelineChange],
    now: dt.datetime,
    *,
    article_id: int | None = None,
    default_timezone: str = "UTC",
) -> int:
    """Queue what `changes` (from one article, or one move) mean for every active subscription."""
    return await enqueue_poll_alerts(
        session, [(article_id, changes)], now, default_timezone=default_timezone
    )


async def enqueue_poll_alerts(
    session: AsyncSession,
    changes_by_article: Sequence[tuple[int | None, Sequence[TimelineChange]]],
    now: dt.datetime,
    *,
    default_timezone: str = "UTC",
) -> int:
    """`enqueue_alerts` for each article of a poll, in order: subscriptions, events and server
    settings read once for the poll, not once per article."""
    subscriptions = list(
        await session.scalars(
            select(Subscription)
            .where(Subscription.paused.is_(False), Subscription.retired_at.is_(None))
            .order_by(Subscription.id)
        )
    )
    if not subscriptions:
        return 0
    event_ids = {c.event_id for _, changes in changes_by_article for c in changes}
    events = {
        e.id: e
        for ids in _chunks(sorted(event_ids), _EVENTS_PER_QUERY)
        for e in await session.scalars(select(Event).where(Event.id.in_(ids)))
    }
    servers = {row.guild_id: row for row in await session.scalars(select(GuildSettings))}
    sees: dict[tuple[Viewer, int], bool] = {}
    queued = 0
    for article_id, changes in changes_by_article:
        for subscription in subscriptions:
            viewer = subscription_viewer(subscription)
            today = local_today(servers.get(subscription.guild_id or 0), default_timezone, now)
            new: list[Event] = []
            for change in changes:
                event = events.get(change.event_id)
                if event is None or not await _sees(session, sees, viewer, change.source_id):
                    continue
                told = await first_alert_id(session, subscription.id, event.id) is not None
                if change.kind == "new_event" or (change.kind == "new_source" and not told):
                    if wants(subscription, event, today):
                        new.append(event)  # new to this server, even if known elsewhere
                elif told:
                    queued += await _correct(session, subscription, change, event, now)
            if new:
                new.sort(key=lambda e: (e.date, e.id))
                queued += await _alert_new_events(session, subscription, new, now, article_id)
    return queued


# Ids per statement, well under any driver's parameter limit.
_EVENTS_PER_QUERY = 5000


def _chunks(values: Sequence[int], size: int) -> list[Sequence[int]]:
    return [values[start : start + size] for start in range(0, len(values), size)]
