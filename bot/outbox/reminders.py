"""Reminders before events: `remind_hours` before the event's day starts in the server's zone.

The due-time math and the wording are pure functions. The planner runs every few minutes and
queues, in the outbox, each reminder that falls due within its look-ahead, with `due_at` set to
the exact instant (the delivery worker waits for it). Planning only shortly ahead means a
subscription edited or removed in between is honoured; the outbox key
`reminder:{subscription}:{event}:{date}` makes each reminder happen once, across restarts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.dates import month_label, shift_month
from bot.db.models import Event, GuildSettings, Subscription
from bot.discord.render import neutralise_mentions
from bot.filters import matches
from bot.outbox.kinds import DeliveryKind
from bot.outbox.store import drop_unsent, enqueue, queued_keys
from bot.timezones import safe_zone
from bot.visibility import Viewer, event_visible, subscription_viewer

DEFAULT_LOOKAHEAD = dt.timedelta(minutes=10)


def event_start(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant the event's day (a month event: the 1st) begins in `zone`."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=zone).astimezone(dt.UTC)


def reminder_due_at(day: dt.date, remind_hours: int, zone: ZoneInfo) -> dt.datetime:
    return event_start(day, zone) - dt.timedelta(hours=remind_hours)


def send_at(
    day: dt.date, remind_hours: int, zone: ZoneInfo, now: dt.datetime
) -> dt.datetime | None:
    """When to post: the due instant, or now if that has passed; None once the event has begun."""
    if event_start(day, zone) <= now:
        return None
    return max(reminder_due_at(day, remind_hours, zone), now)


def when_phrase(day: dt.date, granularity: str, posted_on: dt.date) -> str:
    """How far the event is from the day the reminder is read: "Tomorrow", "On Friday 14 March"."""
    if granularity == "month":
        month = month_label(day)
        if day.replace(day=1) == posted_on.replace(day=1):
            return f"This month ({month})"
        if day.replace(day=1) == shift_month(posted_on, 1):
            return f"Next month ({month})"
        return f"In {month}"
    days = (day - posted_on).days
    if days <= 0:
        return "Today"
    if days == 1:
        return "Tomorrow"
    if days < 7:
        return f"On {day:%A} {day.day} {day:%B}"
    return f"In {days} days ({day.isoformat()})"


def reminder_text(
    *, title: str, day: dt.date, granularity: str, posted_on: dt.date, role_id: int | None
) -> str:
    ping = f"<@&{role_id}> " if role_id else ""
    return f"{ping}⏰ {when_phrase(day, granularity, posted_on)}: {neutralise_mentions(title)}"


def reminder_key(subscription_id: int, event_id: int, day: dt.date) -> str:
    """One reminder per subscription, event and date: a moved event is reminded of anew."""
    return f"{DeliveryKind.REMINDER}:{subscription_id}:{event_id}:{day.isoformat()}"


async def forget_reminders(session: AsyncSession, event_ids: Iterable[int]) -> int:
    """Drop the queued, unsent reminders of moved or cancelled events (in the transaction that
    moved them); the planner queues a moved event's reminder again for its new date."""
    return await drop_unsent(session, DeliveryKind.REMINDER, event_ids)


async def guild_zones(session: AsyncSession, guild_ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {g for g in guild_ids if g is not None}
    if not wanted:
        return {}
    rows = await session.execute(
        select(GuildSettings.guild_id, GuildSettings.timezone).where(
            GuildSettings.guild_id.in_(wanted)
        )
    )
    return dict(rows.all())


class ReminderPlanner:
    """Queues the reminders falling due within `lookahead` (run it more often than that)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        clock: Clock,
        *,
        default_timezone: str = "UTC",
        lookahead: dt.timedelta = DEFAULT_LOOKAHEAD,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._default_timezone = default_timezone
        self._lookahead = lookahead

    async def plan(self) -> int:
        """Returns how many reminders were queued."""
        now = self._clock.now()
        horizon = now + self._lookahead
        queued = 0
        async with self._sessions.begin() as session:
            subscriptions = list(
                await session.scalars(
                    select(Subscription).where(
                        Subscription.remind_hours.is_not(None),
                        Subscription.paused.is_(False),
                        Subscription.retired_at.is_(None),
                    )
                )
            )
            if not subscriptions:
                return 0
            longest = max(s.remind_hours or 0 for s in subscriptions)
            # Dates are local; ±1 day around UTC covers every zone (UTC−12 … UTC+14).
            first_day = (now - dt.timedelta(days=1)).date()
            last_day = (horizon + dt.timedelta(hours=longest, days=1)).date()
            events = list(
                await session.scalars(
                    select(Event)
                    .where(
                        Event.date >= first_day,
                        Event.date <= last_day,
                        Event.cancelled_at.is_(None),
                    )
                    .order_by(Event.date, Event.id)
                )
            )
            if not events:
                return 0
            done = await queued_keys(session, DeliveryKind.REMINDER, (e.id for e in events))
            zones = await guild_zones(session, (s.guild_id for s in subscriptions))
            visible: dict[Viewer, set[int]] = {}
            for subscription in subscriptions:
                assert subscription.remind_hours is not None
                zone = safe_zone(zones.get(subscription.guild_id or 0), self._default_timezone)
                viewer = subscription_viewer(subscription)
                if viewer not in visible:
                    visible[viewer] = set(
                        await session.scalars(
                            select(Event.id).where(
                                Event.id.in_([e.id for e in events]), event_visible(viewer)
                            )
                        )
                    )
                for event in events:
                    key = reminder_key(subscription.id, event.id, event.date)
                    if key in done or event.id not in visible[viewer]:
                        continue
                    at = send_at(event.date, subscription.remind_hours, zone, now)
                    if at is None or at > horizon:
                        continue
                    if not matches(subscription.keywords, f"{event.title}\n{event.summary}"):
                        continue
                    text = reminder_text(
                        title=event.title,
                        day=event.date,
                        granularity=event.granularity,
                        posted_on=at.astimezone(zone).date(),
                        role_id=subscription.role_id,
                    )
                    queued += await enqueue(
                        session,
                        kind=DeliveryKind.REMINDER,
                        dedupe_key=key,
                        channel_id=subscription.channel_id,
                        subscription_id=subscription.id,
                        event_id=event.id,
                        now=now,
                        due_at=at,
                        payload={"message": {"content": text, "embeds": [], "files": []}},
                    )
        return queued
