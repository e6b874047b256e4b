"""Reminders before events: `remind_hours` before the event's day starts in the server's zone.

The due-time math and the wording are pure functions. The planner runs every few minutes and
queues, in the outbox, each reminder that falls due within its look-ahead, with `due_at` set to
the exact instant (the delivery worker waits for it). Planning only shortly ahead means a
subscription edited or removed in between is honoured; the outbox key
`reminder:{subscription}:{event}:{date}` makes each reminder happen once per date, across
restarts: a moved event is reminded for its new date (its unsent reminder for the old one is
dropped when the move is recorded) and a cancelled one is not reminded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.dates import DEFAULT_LANGUAGE, date_text, shift_month
from bot.db.models import Article, Event, EventMention, GuildSettings, Source, Subscription
from bot.discord.render import neutralise_mentions
from bot.filters import matches
from bot.outbox.kinds import DeliveryKind
from bot.outbox.store import drop_unsent, enqueue, queued_rows
from bot.timezones import safe_zone
from bot.visibility import Viewer, event_visible, source_visible, subscription_viewer

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


def when_phrase(
    day: dt.date, granularity: str, posted_on: dt.date, language: str = DEFAULT_LANGUAGE
) -> str:
    """How far the event is from the day the reminder is read: "Tomorrow", "On Friday 14 March"."""
    if granularity == "month":
        month = date_text(day, "month", language)
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
    return f"In {days} days ({date_text(day, granularity, language)})"


def reminder_text(
    *,
    title: str,
    day: dt.date,
    granularity: str,
    posted_on: dt.date,
    role_id: int | None,
    event_id: int | None = None,
    link: str | None = None,
    language: str = DEFAULT_LANGUAGE,
) -> str:
    """ "⏰ Tomorrow: Investor day · #12 · <https://…>" (the link in <> so it shows no preview)."""
    ping = f"<@&{role_id}> " if role_id else ""
    text = f"{ping}⏰ {when_phrase(day, granularity, posted_on, language)}: "
    text += neutralise_mentions(title)
    if event_id is not None:
        text += f" · #{event_id}"
    if link and link.startswith(("http://", "https://")):
        text += f" · <{link}>"
    return text


def reminder_key(subscription_id: int, event_id: int, day: dt.date) -> str:
    """One reminder per subscription, event and date: a moved event is reminded of anew."""
    return f"{DeliveryKind.REMINDER}:{subscription_id}:{event_id}:{day.isoformat()}"


async def _reminded(session: AsyncSession, event_ids: list[int]) -> set[str]:
    """The `reminder_key`s already queued or sent for these events, keyed by the event id each
    row holds now: a reminder sent for an event later folded into another counts for that one."""
    return {
        reminder_key(subscription_id, event_id, dt.date.fromisoformat(key.rsplit(":", 1)[1]))
        for subscription_id, event_id, key in await queued_rows(
            session, DeliveryKind.REMINDER, event_ids
        )
        if subscription_id is not None and event_id is not None
    }


async def forget_reminders(session: AsyncSession, event_ids: Iterable[int]) -> int:
    """Drop the queued, unsent reminders of moved or cancelled events (in the transaction that
    moved them); the planner queues a moved event's reminder again for its new date."""
    return await drop_unsent(session, DeliveryKind.REMINDER, event_ids)


async def guild_preferences(
    session: AsyncSession, guild_ids: Iterable[int | None]
) -> dict[int, tuple[str, str]]:
    """Each server's (time zone, language), for the servers that set them."""
    wanted = {g for g in guild_ids if g is not None}
    if not wanted:
        return {}
    rows = await session.execute(
        select(GuildSettings.guild_id, GuildSettings.timezone, GuildSettings.language).where(
            GuildSettings.guild_id.in_(wanted)
        )
    )
    return {guild_id: (zone, language) for guild_id, zone, language in rows.all()}


async def first_links(
    session: AsyncSession, event_ids: list[int], viewer: Viewer
) -> dict[int, str]:
    """The link of the first article the viewer may see that reported each event."""
    rows = await session.execute(
        select(EventMention.event_id, Article.url)
        .join(Article, Article.id == EventMention.article_id)
        .join(Source, Source.id == Article.source_id)
        .where(
            EventMention.event_id.in_(event_ids),
            Article.url.is_not(None),
            source_visible(viewer),
        )
        .order_by(EventMention.id)
    )
    links: dict[int, str] = {}
    for event_id, url in rows.all():
        if url:
            links.setdefault(event_id, url)
    return links


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
            done = await _reminded(session, [e.id for e in events])
            preferences = await guild_preferences(session, (s.guild_id for s in subscriptions))
            visible: dict[Viewer, set[int]] = {}
            links: dict[Viewer, dict[int, str]] = {}
            for subscription in subscriptions:
                assert subscription.remind_hours is not None
                zone_name, language = preferences.get(
                    subscription.guild_id or 0, (self._default_timezone, DEFAULT_LANGUAGE)
                )
                zone = safe_zone(zone_name, self._default_timezone)
                viewer = subscription_viewer(subscription)
                if viewer not in visible:
                    visible[viewer] = set(
                        await session.scalars(
                            select(Event.id).where(
                                Event.id.in_([e.id for e in events]), event_visible(viewer)
                            )
                        )
                    )
                    links[viewer] = await first_links(session, [e.id for e in events], viewer)
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
                        event_id=event.id,
                        link=links[viewer].get(event.id),
                        language=language,
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
