"""Alerts: which subscriptions hear about a new event, or a new source for an event.

Called by the ingest pipeline in the transaction that records the events, so an event and its
alerts are stored together. Alerts carry no message: the worker renders the event's state at
sending time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Event, Subscription
from bot.filters import matches
from bot.outbox.kinds import DeliveryKind
from bot.outbox.store import enqueue
from bot.timeline_store import TimelineChange


async def enqueue_alerts(
    session: AsyncSession, changes: Sequence[TimelineChange], now: dt.datetime
) -> int:
    """One alert per matching subscription for each new event; an update when a source is added."""
    subscriptions = list(
        await session.scalars(select(Subscription).where(Subscription.paused.is_(False)))
    )
    if not subscriptions:
        return 0
    queued = 0
    for change in changes:
        event = await session.get(Event, change.event_id)
        if event is None:
            continue
        text = f"{event.title}\n{event.summary}"
        for subscription in subscriptions:
            if not matches(subscription.keywords, text):
                continue
            key = f"alert:{subscription.id}:{event.id}"
            kind = DeliveryKind.ALERT
            if change.kind == "new_source":
                key = f"{key}:update:{now.isoformat()}"
                kind = DeliveryKind.ALERT_UPDATE
            queued += await enqueue(
                session,
                kind=kind,
                dedupe_key=key,
                channel_id=subscription.channel_id,
                subscription_id=subscription.id,
                event_id=event.id,
                now=now,
            )
    return queued
