"""Alert subscriptions: which channels get new events, filtered how, pinging whom.

Cogs and the delivery worker change subscriptions only through this service; `[[alerts]]` tables
in the config file are mirrored into the same table (`from_config`), so both kinds alert alike.
"""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.config import AlertSettings
from bot.db.models import Subscription
from bot.filters import validate_keywords

MAX_REMIND_HOURS = 24 * 60


class SubscriptionError(Exception):
    """A subscription change was refused; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class SubscribeResult:
    subscription: Subscription
    created: bool


class SubscriptionService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def subscribe(
        self,
        *,
        guild_id: int | None,
        channel_id: int,
        keywords: Sequence[str] = (),
        role_id: int | None = None,
        remind_hours: int | None = None,
    ) -> SubscribeResult:
        """Create the channel's subscription or replace its settings; also resumes a paused one."""
        cleaned = validate_keywords(keywords)
        if remind_hours is not None and not 1 <= remind_hours <= MAX_REMIND_HOURS:
            raise SubscriptionError(f"remind_hours must be between 1 and {MAX_REMIND_HOURS}")
        async with self._sessions.begin() as session:
            subscription = await session.scalar(
                select(Subscription).where(Subscription.channel_id == channel_id)
            )
            created = subscription is None
            if subscription is None:
                subscription = Subscription(channel_id=channel_id, created_at=self._clock.now())
                session.add(subscription)
            elif subscription.from_config and subscription.retired_at is None:
                raise SubscriptionError(
                    f"<#{channel_id}> is subscribed in the config file; change it there"
                )
            subscription.from_config = False  # a retired config row is taken over
            subscription.retired_at = None
            subscription.guild_id = guild_id
            subscription.keywords = cleaned
            subscription.role_id = role_id
            subscription.remind_hours = remind_hours
            subscription.paused = False
            subscription.paused_reason = None
            await session.flush()
        return SubscribeResult(subscription, created)

    async def unsubscribe(self, channel_id: int) -> Subscription:
        async with self._sessions.begin() as session:
            subscription = await session.scalar(
                select(Subscription).where(Subscription.channel_id == channel_id)
            )
            if subscription is None:
                raise SubscriptionError(f"<#{channel_id}> has no alert subscription")
            if subscription.from_config:
                raise SubscriptionError(
                    f"<#{channel_id}> is subscribed in the config file; remove it there"
                )
            await session.delete(subscription)
        return subscription

    async def get(self, subscription_id: int) -> Subscription | None:
        async with self._sessions() as session:
            return await session.get(Subscription, subscription_id)

    async def list(self, *, guild_id: int | None = None) -> list[Subscription]:
        """All subscriptions, or a server's own plus the config-declared ones."""
        statement = select(Subscription).order_by(Subscription.id)
        if guild_id is not None:
            statement = statement.where(
                or_(Subscription.guild_id == guild_id, Subscription.from_config.is_(True))
            )
        async with self._sessions() as session:
            return list(await session.scalars(statement))

    async def pause(self, subscription_id: int, reason: str) -> bool:
        """Stop alerting a channel (its pending rows wait); False if it was already paused."""
        async with self._sessions.begin() as session:
            subscription = await session.get(Subscription, subscription_id)
            if subscription is None or subscription.paused:
                return False
            subscription.paused = True
            subscription.paused_reason = reason
            return True

    async def resume(self, subscription_id: int) -> None:
        async with self._sessions.begin() as session:
            subscription = await session.get(Subscription, subscription_id)
            if subscription is not None:
                subscription.paused = False
                subscription.paused_reason = None

    async def sync_config(self, alerts: Sequence[AlertSettings]) -> builtins.list[Subscription]:
        """Mirror the config's `[[alerts]]`; Discord-made subscriptions stay as they are.

        A table dropped from the file is retired (posts nothing, kept, its queued rows wait),
        and revived when it comes back. A config table for a channel already subscribed from
        Discord takes that row over. Returns the active config subscriptions.
        """
        wanted = {a.channel_id: a for a in alerts}
        now = self._clock.now()
        async with self._sessions.begin() as session:
            rows = {s.channel_id: s for s in await session.scalars(select(Subscription))}
            for channel_id, row in rows.items():
                if row.from_config and channel_id not in wanted and row.retired_at is None:
                    row.retired_at = now
            for channel_id, alert in wanted.items():
                row = rows.get(channel_id) or Subscription(channel_id=channel_id, created_at=now)
                session.add(row)
                row.from_config = True
                row.retired_at = None
                row.guild_id = alert.guild_id or row.guild_id
                row.keywords = validate_keywords(alert.keywords)
                row.role_id = alert.role_id
                row.remind_hours = alert.remind_hours
        async with self._sessions() as session:
            return list(
                await session.scalars(
                    select(Subscription)
                    .where(Subscription.from_config.is_(True), Subscription.retired_at.is_(None))
                    .order_by(Subscription.id)
                )
            )
