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
from bot.templates import TemplateError, check_template

MAX_REMIND_HOURS = 24 * 60
MAX_HOURLY_CAP = 100
PER_CHOICES = ("article", "event")
ONLY_CHOICES = ("all", "upcoming")
TARGETS = ("channel", "thread", "forum")


class SubscriptionError(Exception):
    """A subscription change was refused; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class AlertShape:
    """How a channel's alerts read: grouping, which events, text, confidence floor, hourly cap."""

    per: str = "article"
    only: str = "all"
    template: str | None = None
    min_confidence: float | None = None
    hourly_cap: int | None = None

    def checked(self) -> AlertShape:
        """The shape with its template cleaned, or `SubscriptionError` in one line."""
        if self.per not in PER_CHOICES:
            raise SubscriptionError(f"per must be one of {', '.join(PER_CHOICES)}")
        if self.only not in ONLY_CHOICES:
            raise SubscriptionError(f"only must be one of {', '.join(ONLY_CHOICES)}")
        if self.min_confidence is not None and not 0 <= self.min_confidence <= 1:
            raise SubscriptionError("min_confidence must be between 0 and 1")
        if self.hourly_cap is not None and not 1 <= self.hourly_cap <= MAX_HOURLY_CAP:
            raise SubscriptionError(f"hourly_cap must be between 1 and {MAX_HOURLY_CAP}")
        template = None
        if self.template is not None:
            try:
                template = check_template(self.template)
            except TemplateError as exc:
                raise SubscriptionError(str(exc)) from None
        return AlertShape(self.per, self.only, template, self.min_confidence, self.hourly_cap)

    def apply(self, subscription: Subscription) -> None:
        subscription.per = self.per
        subscription.only = self.only
        subscription.template = self.template
        subscription.min_confidence = self.min_confidence
        subscription.hourly_cap = self.hourly_cap


@dataclass(frozen=True, slots=True)
class Destination:
    """Where alerts are posted: a channel, a thread or a forum; through a webhook or not."""

    target: str = "channel"  # "channel", "thread" or "forum"
    webhook_id: int | None = None
    webhook_token: str | None = None
    webhook_name: str | None = None
    webhook_avatar_url: str | None = None

    def checked(self) -> Destination:
        if self.target not in TARGETS:
            raise SubscriptionError(f"alerts go to one of: {', '.join(TARGETS)}")
        if self.webhook_avatar_url and not self.webhook_avatar_url.startswith("https://"):
            raise SubscriptionError("the webhook avatar must be an https:// image link")
        if self.webhook_name is not None and not 1 <= len(self.webhook_name.strip()) <= 80:
            raise SubscriptionError("the webhook name must be 1 to 80 characters")
        return self

    def apply(self, subscription: Subscription) -> None:
        subscription.target = self.target
        subscription.webhook_id = self.webhook_id
        subscription.webhook_token = self.webhook_token
        subscription.webhook_name = self.webhook_name.strip() if self.webhook_name else None
        subscription.webhook_avatar_url = self.webhook_avatar_url


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
        shape: AlertShape | None = None,
        destination: Destination | None = None,
    ) -> SubscribeResult:
        """Create the channel's subscription or replace its settings; also resumes a paused one."""
        where = (destination or Destination()).checked()
        draft = self.draft(
            guild_id=guild_id,
            channel_id=channel_id,
            keywords=keywords,
            role_id=role_id,
            remind_hours=remind_hours,
            shape=shape,
        )
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
            subscription.keywords = draft.keywords
            subscription.role_id = role_id
            subscription.remind_hours = remind_hours
            (shape or AlertShape()).checked().apply(subscription)
            where.apply(subscription)
            subscription.paused = False
            subscription.paused_reason = None
            await session.flush()
        return SubscribeResult(subscription, created)

    def draft(
        self,
        *,
        guild_id: int | None,
        channel_id: int,
        keywords: Sequence[str] = (),
        role_id: int | None = None,
        remind_hours: int | None = None,
        shape: AlertShape | None = None,
    ) -> Subscription:
        """A checked, unsaved subscription: what `/subscribe … preview` renders with."""
        cleaned = validate_keywords(keywords)
        if remind_hours is not None and not 1 <= remind_hours <= MAX_REMIND_HOURS:
            raise SubscriptionError(f"remind_hours must be between 1 and {MAX_REMIND_HOURS}")
        draft = Subscription(
            guild_id=guild_id,
            channel_id=channel_id,
            keywords=cleaned,
            role_id=role_id,
            remind_hours=remind_hours,
            created_at=self._clock.now(),
        )
        (shape or AlertShape()).checked().apply(draft)
        return draft

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

    async def for_channel(self, channel_id: int) -> Subscription | None:
        async with self._sessions() as session:
            return await session.scalar(
                select(Subscription).where(Subscription.channel_id == channel_id)
            )

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
                AlertShape(
                    alert.per, alert.only, alert.template, alert.min_confidence, alert.hourly_cap
                ).checked().apply(row)
        async with self._sessions() as session:
            return list(
                await session.scalars(
                    select(Subscription)
                    .where(Subscription.from_config.is_(True), Subscription.retired_at.is_(None))
                    .order_by(Subscription.id)
                )
            )
