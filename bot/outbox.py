"""The one way out: every message Dateline posts is first a row in `deliveries`.

Rows are written in the same transaction as the change that causes them, and a delivery
worker posts them and marks them sent only after Discord accepted them, so nothing is lost
on a crash and nothing is sent twice (`dedupe_key` is unique).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Delivery, Event, Source, Subscription
from bot.filters import matches
from bot.timeline_store import TimelineChange
from bot.visibility import Viewer, source_visible


async def enqueue(
    session: AsyncSession,
    *,
    kind: str,
    dedupe_key: str,
    channel_id: int,
    now: dt.datetime,
    due_at: dt.datetime | None = None,
    subscription_id: int | None = None,
    event_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> bool:
    """Queue one message unless a row with the same key exists; returns whether it was queued."""
    if await _exists(session, dedupe_key):
        return False
    session.add(
        Delivery(
            kind=kind,
            dedupe_key=dedupe_key,
            channel_id=channel_id,
            subscription_id=subscription_id,
            event_id=event_id,
            payload=payload or {},
            created_at=now,
            due_at=due_at or now,
        )
    )
    await session.flush()
    return True


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
            kind = "alert"
            if change.kind == "new_source" and await _exists(session, key):
                key = f"{key}:update:{now.isoformat()}"
                kind = "alert_update"
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


def subscription_viewer(subscription: Subscription) -> Viewer:
    """A subscription reads for its channel's server (the shared view when none is known)."""
    if subscription.guild_id is None:
        return Viewer.shared()
    return Viewer.server(subscription.guild_id)


async def _exists(session: AsyncSession, dedupe_key: str) -> bool:
    found = await session.scalar(select(Delivery.id).where(Delivery.dedupe_key == dedupe_key))
    return found is not None
