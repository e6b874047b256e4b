"""The one way out: every message Dateline posts is first a row in `deliveries`.

Rows are written in the same transaction as the change that causes them, and a delivery
worker posts them and marks them sent only after Discord accepted them, so nothing is lost
on a crash and nothing is sent twice (`dedupe_key` is unique).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Delivery


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
    exists = await session.scalar(select(Delivery.id).where(Delivery.dedupe_key == dedupe_key))
    if exists is not None:
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
