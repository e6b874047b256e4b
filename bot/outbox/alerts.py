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

from bot.db.models import Event, Source, Subscription
from bot.filters import matches
from bot.outbox.kinds import DeliveryKind
from bot.outbox.store import enqueue, is_queued
from bot.timeline_store import TimelineChange
from bot.visibility import Viewer, source_visible, subscription_viewer


async def enqueue_alerts(
    session: AsyncSession, changes: Sequence[TimelineChange], now: dt.datetime
) -> int:
    """One alert per matching subscription for each new event; an update when a source is added.

    A subscription hears of a change only when the reporting source is one its server sees
    (`bot.visibility`); an event first reported to a server by a newly added source is a new
    alert there. Moves and cancellations are not alerted here (they are `TimelineChange`s
    for the alert side to render).
    """
    subscriptions = list(
        await session.scalars(
            select(Subscription).where(
                Subscription.paused.is_(False), Subscription.retired_at.is_(None)
            )
        )
    )
    if not subscriptions:
        return 0
    sees: dict[tuple[Viewer, int], bool] = {}
    queued = 0
    for change in changes:
        if change.kind not in ("new_event", "new_source"):
            continue
        event = await session.get(Event, change.event_id)
        if event is None:
            continue
        text = f"{event.title}\n{event.summary}"
        for subscription in subscriptions:
            viewer = subscription_viewer(subscription)
            if (viewer, change.source_id) not in sees:
                sees[viewer, change.source_id] = (
                    await session.scalar(
                        select(Source.id).where(
                            Source.id == change.source_id, source_visible(viewer)
                        )
                    )
                    is not None
                )
            if not sees[viewer, change.source_id] or not matches(subscription.keywords, text):
                continue
            key = alert_key(subscription.id, event.id)
            kind = DeliveryKind.ALERT
            if change.kind == "new_source" and await is_queued(session, key):
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


def alert_key(subscription_id: int, event_id: int) -> str:
    return f"alert:{subscription_id}:{event_id}"
