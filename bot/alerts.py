"""Alerts: what each subscribed channel is told when the timeline changes, and how it reads.

Deciding (in the ingest transaction): an article's new events become ONE `alert` row per
subscription (or one per event with `per = "event"`), filtered by keywords (with `-` exclusions),
`min_confidence` and `only = "upcoming"`; beyond a subscription's `hourly_cap` they are rolled into
one `alert_rollup` row for the hour (nothing is dropped silently). A later article that only adds
a source queues an `alert_update`, which edits the earlier message while it is recent and is
otherwise let go. A moved or cancelled event queues one `event_moved` / `event_cancelled` line
per channel that was alerted about it, and drops that channel's unsent reminders for it (the
reminder planner queues the one for the new date). `alert_events` records which events each alert
announced, so edits and "moved" lines find their message.

Composing (at delivery, from the current state): the same `compose` serves the worker and
`/subscribe … preview`, so a preview is exactly what will be posted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dates import DEFAULT_LANGUAGE, date_text, short_date_text
from bot.db.models import (
    AlertEvent,
    Article,
    Delivery,
    Event,
    EventMention,
    GuildSettings,
    Source,
    Subscription,
)
from bot.filters import matches
from bot.outbox import enqueue
from bot.reminders import KIND as REMINDER_KIND
from bot.reminders import safe_zone
from bot.render import sources_phrase
from bot.render_discord import (
    ALERT_COLOUR,
    Embed,
    Message,
    alert_embed,
    fit_message,
    markdown_link,
    neutralise_mentions,
)
from bot.templates import render_template
from bot.timeline import EventDetail, EventRow, TimelineService
from bot.timeline_store import TimelineChange, month_bounds

ALERT = "alert"
ALERT_UPDATE = "alert_update"
ALERT_ROLLUP = "alert_rollup"
EVENT_MOVED = "event_moved"
EVENT_CANCELLED = "event_cancelled"
ALERT_KINDS = (ALERT, ALERT_UPDATE, ALERT_ROLLUP, EVENT_MOVED, EVENT_CANCELLED)
# Messages that count towards a subscription's hourly cap.
CAPPED_KINDS = (ALERT, ALERT_ROLLUP)
# An earlier alert is edited for a new source only while readers still see it near the bottom.
RECENT = dt.timedelta(hours=24)
EVENTS_IN_ALERT = 10
EVENTS_IN_ROLLUP = 25
UPCOMING_MARK = "🔜"


# -- which events a subscription wants -----------------------------------------------------------


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


async def _zones(session: AsyncSession, default_timezone: str) -> dict[int, GuildSettings]:
    return {row.guild_id: row for row in await session.scalars(select(GuildSettings))}


def _today(settings: GuildSettings | None, default_timezone: str, now: dt.datetime) -> dt.date:
    zone = safe_zone(settings.timezone if settings else None, default_timezone)
    return now.astimezone(zone).date()


# -- deciding (inside the ingest transaction) -----------------------------------------------------


async def _sent_this_hour(session: AsyncSession, subscription_id: int, now: dt.datetime) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(Delivery)
        .where(
            Delivery.subscription_id == subscription_id,
            Delivery.kind.in_(CAPPED_KINDS),
            Delivery.created_at > now - dt.timedelta(hours=1),
        )
    )
    return int(count or 0)


async def _queue_alert(
    session: AsyncSession,
    subscription: Subscription,
    event_ids: list[int],
    key: str,
    now: dt.datetime,
    article_id: int | None,
) -> int:
    """One alert message, or (over the hourly cap) its events added to the hour's roll-up."""
    if (
        subscription.hourly_cap is not None
        and await _sent_this_hour(session, subscription.id, now) >= subscription.hourly_cap
    ):
        return await _roll_up(session, subscription, event_ids, now)
    queued = await enqueue(
        session,
        kind=ALERT,
        dedupe_key=key,
        channel_id=subscription.channel_id,
        subscription_id=subscription.id,
        event_id=event_ids[0],
        now=now,
        payload={"event_ids": event_ids, "article_id": article_id},
    )
    if queued:
        await _record_alert_events(session, key, event_ids)
    return int(queued)


async def _roll_up(
    session: AsyncSession, subscription: Subscription, event_ids: list[int], now: dt.datetime
) -> int:
    """Events beyond the cap wait in one summary, posted when the current hour is over."""
    hour = now.replace(minute=0, second=0, microsecond=0)
    key = f"rollup:{subscription.id}:{hour.isoformat()}"
    row = await session.scalar(select(Delivery).where(Delivery.dedupe_key == key))
    if row is None:
        await enqueue(
            session,
            kind=ALERT_ROLLUP,
            dedupe_key=key,
            channel_id=subscription.channel_id,
            subscription_id=subscription.id,
            event_id=event_ids[0],
            now=now,
            due_at=hour + dt.timedelta(hours=1),
            payload={"event_ids": event_ids},
        )
        await _record_alert_events(session, key, event_ids)
        return 1
    if row.sent_at is not None:  # a late writer after the summary went out: a summary of its own
        return await _roll_up(session, subscription, event_ids, now + dt.timedelta(hours=1))
    known = list(row.payload.get("event_ids", []))
    added = [e for e in event_ids if e not in known]
    row.payload = {**row.payload, "event_ids": known + added}
    await session.flush()
    await _record_alert_events(session, key, added)
    return 0


async def _record_alert_events(session: AsyncSession, key: str, event_ids: Sequence[int]) -> None:
    delivery_id = await session.scalar(select(Delivery.id).where(Delivery.dedupe_key == key))
    assert delivery_id is not None
    session.add_all(AlertEvent(delivery_id=delivery_id, event_id=e) for e in event_ids)
    await session.flush()


async def _first_alert_id(session: AsyncSession, subscription_id: int, event_id: int) -> int | None:
    """The first alert row of this subscription that announced the event, if any."""
    return await session.scalar(
        select(AlertEvent.delivery_id)
        .join(Delivery, Delivery.id == AlertEvent.delivery_id)
        .where(Delivery.subscription_id == subscription_id, AlertEvent.event_id == event_id)
        .order_by(AlertEvent.delivery_id)
        .limit(1)
    )


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
    guilds = await _zones(session, default_timezone)
    source_guild = (
        await session.scalar(
            select(Source.guild_id)
            .join(Article, Article.source_id == Source.id)
            .where(Article.id == article_id)
        )
        if article_id is not None
        else None
    )
    queued = 0
    for subscription in subscriptions:
        today = _today(guilds.get(subscription.guild_id or 0), default_timezone, now)
        if not visible(source_guild, subscription.guild_id):
            new = []  # another server's source: its events are not this server's news
        else:
            new = [
                events[c.event_id]
                for c in changes
                if c.kind == "new_event"
                and c.event_id in events
                and wants(subscription, events[c.event_id], today)
            ]
        new.sort(key=lambda e: (e.date, e.id))
        if new and subscription.per == "event":
            for event in new:
                key = f"alert:{subscription.id}:{event.id}"
                queued += await _queue_alert(
                    session, subscription, [event.id], key, now, article_id
                )
        elif new:
            key = f"alert:{subscription.id}:article:{article_id or new[0].id}:{now.isoformat()}"
            ids = [e.id for e in new]
            queued += await _queue_alert(session, subscription, ids, key, now, article_id)
        for change in changes:
            changed = events.get(change.event_id)
            if changed is None or change.kind == "new_event":
                continue
            event = changed
            first_alert = await _first_alert_id(session, subscription.id, event.id)
            if first_alert is None:
                continue  # never told about it: nothing to correct
            if change.kind == "new_source":  # one edit per earlier message, however many events
                kind, key = (
                    ALERT_UPDATE,
                    f"update:{subscription.id}:{first_alert}:{now.isoformat()}",
                )
            else:
                kind = EVENT_CANCELLED if change.kind == "cancelled" else EVENT_MOVED
                key = f"{kind}:{subscription.id}:{event.id}:{event.revision}"
                await _drop_unsent_reminders(session, subscription.id, event.id)
            queued += await enqueue(
                session,
                kind=kind,
                dedupe_key=key,
                channel_id=subscription.channel_id,
                subscription_id=subscription.id,
                event_id=event.id,
                now=now,
                payload={
                    "event_ids": [event.id],
                    "previous_date": event.previous_date.isoformat()
                    if event.previous_date
                    else None,
                    "previous_granularity": event.previous_granularity,
                },
            )
    return queued


async def _drop_unsent_reminders(
    session: AsyncSession, subscription_id: int, event_id: int
) -> None:
    """A reminder planned for the old date must not go out; the planner plans the new one."""
    await session.execute(
        delete(Delivery).where(
            Delivery.kind == REMINDER_KIND,
            Delivery.subscription_id == subscription_id,
            Delivery.event_id == event_id,
            Delivery.sent_at.is_(None),
        )
    )


# -- rendering (pure) -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArticleHeading:
    title: str
    url: str | None
    source_name: str


@dataclass(frozen=True, slots=True)
class Reader:
    """What a channel's server decides about how alerts read."""

    language: str = DEFAULT_LANGUAGE
    today: dt.date = dt.date.min
    template: str | None = None
    role_id: int | None = None
    guild_id: int | None = None


def event_line(row: EventRow, reader: Reader) -> str:
    mark = f"{UPCOMING_MARK} " if is_upcoming(row.date, row.granularity, reader.today) else ""
    return (
        f"{mark}**{date_text(row.date, row.granularity, reader.language)}** · "
        f"{neutralise_mentions(row.title)} · #{row.id} · {sources_phrase(row.source_count)}"
    )


def _content(reader: Reader, values: dict[str, str]) -> str | None:
    parts = []
    if reader.role_id is not None:
        parts.append(f"<@&{reader.role_id}>")
    if reader.template:
        safe = {k: neutralise_mentions(v) for k, v in values.items()}
        parts.append(render_template(reader.template, safe))
    return " ".join(parts) or None


def article_alert(
    heading: ArticleHeading, details: Sequence[EventDetail], reader: Reader
) -> Message:
    """One article's new events: its headline, source and link, events by date, upcoming first."""
    rows = [d.event for d in details]
    upcoming = sorted(
        (r for r in rows if is_upcoming(r.date, r.granularity, reader.today)),
        key=lambda r: (r.date, r.id),
    )
    past = sorted(
        (r for r in rows if not is_upcoming(r.date, r.granularity, reader.today)),
        key=lambda r: (r.date, r.id),
        reverse=True,
    )
    ordered = [*upcoming, *past]
    lines = [event_line(r, reader) for r in ordered[:EVENTS_IN_ALERT]]
    if len(ordered) > EVENTS_IN_ALERT:
        lines.append(f"… and {len(ordered) - EVENTS_IN_ALERT} more: use /timeline to see them all")
    count = len(ordered)
    embed: Embed = {
        "title": neutralise_mentions(heading.title),
        "description": "\n".join(lines),
        "color": ALERT_COLOUR,
        "author": {"name": neutralise_mentions(heading.source_name)},
        "footer": {
            "text": f"{count} new event{'s' if count != 1 else ''} in this article · "
            f"{len(upcoming)} upcoming · events #{', #'.join(str(r.id) for r in ordered[:5])}"
            + (" …" if count > 5 else "")
        },
    }
    if heading.url and heading.url.startswith(("http://", "https://")):
        embed["url"] = heading.url
    first = ordered[0] if ordered else None
    values = {
        "title": heading.title,
        "date": date_text(first.date, first.granularity, reader.language) if first else "",
        "source": heading.source_name,
        "link": heading.url or "",
        "summary": "; ".join(r.title for r in ordered),
        "count": str(count),
    }
    return fit_message({"content": _content(reader, values), "embeds": [embed]})


def event_alert(detail: EventDetail, reader: Reader, *, updated: bool = False) -> Message:
    """One event (per = event): title, date in words, summary, sources."""
    row = detail.event
    first = detail.articles[0] if detail.articles else None
    values = {
        "title": row.title,
        "date": date_text(row.date, row.granularity, reader.language),
        "source": first.source_name if first else "",
        "link": (first.url or "") if first else "",
        "summary": row.summary,
        "count": str(row.source_count),
    }
    embed = alert_embed(detail, updated=updated, language=reader.language)
    return fit_message({"content": _content(reader, values), "embeds": [embed]})


def rollup_message(details: Sequence[EventDetail], reader: Reader, cap: int | None) -> Message:
    """The events over the hourly cap, in one message, by date."""
    rows = sorted((d.event for d in details), key=lambda r: (r.date, r.id))
    lines = [event_line(r, reader) for r in rows[:EVENTS_IN_ROLLUP]]
    if len(rows) > EVENTS_IN_ROLLUP:
        lines.append(f"… and {len(rows) - EVENTS_IN_ROLLUP} more: use /timeline to see them all")
    embed: Embed = {
        "title": f"{len(rows)} more new event{'s' if len(rows) != 1 else ''} this hour",
        "description": "\n".join(lines),
        "color": ALERT_COLOUR,
        "footer": {"text": f"over this channel's cap of {cap} alerts an hour, so gathered here"},
    }
    return fit_message({"content": None, "embeds": [embed]})


def change_line(
    row: EventRow,
    reader: Reader,
    *,
    previous: tuple[dt.date, str] | None,
    cancelled: bool,
    first_alert_url: str | None,
) -> Message:
    """ "🔁 Investor day moved from 24 September to 8 October" (or "is cancelled"), one line."""
    title = markdown_link(neutralise_mentions(row.title), first_alert_url)
    if cancelled:
        text = f"❌ {title} (#{row.id}) is cancelled"
        if previous is None:
            text += f"; it was on {short_date_text(row.date, row.granularity, reader.language)}"
    elif previous is not None:
        old = short_date_text(previous[0], previous[1], reader.language)
        new = short_date_text(row.date, row.granularity, reader.language)
        if previous[0].year != row.date.year:
            old = date_text(previous[0], previous[1], reader.language)
            new = date_text(row.date, row.granularity, reader.language)
        text = f"🔁 {title} (#{row.id}) moved from {old} to {new}"
    else:
        text = (
            f"🔁 {title} (#{row.id}) now on {date_text(row.date, row.granularity, reader.language)}"
        )
    return fit_message({"content": text, "embeds": []})


def message_url(guild_id: int | None, channel_id: int, message_id: int) -> str | None:
    return (
        f"https://discord.com/channels/{guild_id}/{channel_id}/{message_id}"
        if guild_id is not None
        else None
    )


# -- composing (at delivery and for previews) -----------------------------------------------------


@dataclass(frozen=True, slots=True)
class Composed:
    """What to do for one row: post `message`, edit `edit_message_id` with it, or nothing.

    `first_alert_id` is the message that first announced the event, for a move or cancellation:
    in a forum the line goes into that post's thread rather than opening a post of its own.
    """

    message: Message | None
    edit_message_id: int | None = None
    first_alert_id: int | None = None


class AlertComposer:
    """Reads the current timeline to build an alert row's message (worker and preview alike)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        timeline: TimelineService,
        *,
        default_timezone: str = "UTC",
    ) -> None:
        self._sessions = sessions
        self._timeline = timeline
        self._default_timezone = default_timezone

    async def reader(self, subscription: Subscription, now: dt.datetime) -> Reader:
        async with self._sessions() as session:
            settings = (
                await session.get(GuildSettings, subscription.guild_id)
                if subscription.guild_id is not None
                else None
            )
        return Reader(
            language=settings.language if settings else DEFAULT_LANGUAGE,
            today=_today(settings, self._default_timezone, now),
            template=subscription.template,
            role_id=subscription.role_id,
            guild_id=subscription.guild_id,
        )

    async def _details(self, event_ids: Sequence[int]) -> list[EventDetail]:
        found = [await self._timeline.get(e) for e in event_ids]
        return [d for d in found if d is not None]

    async def _heading(
        self, article_id: int | None, details: Sequence[EventDetail]
    ) -> ArticleHeading:
        if article_id is not None:
            async with self._sessions() as session:
                found = (
                    await session.execute(
                        select(Article.title, Article.url, Source)
                        .join(Source, Source.id == Article.source_id)
                        .where(Article.id == article_id)
                    )
                ).first()
            if found is not None:
                return ArticleHeading(found[0], found[1], found[2].display_name)
        first = details[0].articles[0] if details and details[0].articles else None
        if first is None:
            return ArticleHeading("New events", None, "Dateline")
        return ArticleHeading(first.title, first.url, first.source_name)

    async def compose(
        self, row: Delivery, subscription: Subscription, now: dt.datetime
    ) -> Composed:
        reader = await self.reader(subscription, now)
        event_ids = list(row.payload.get("event_ids") or ([row.event_id] if row.event_id else []))
        if row.kind == ALERT:
            return Composed(await self.alert_message(row.payload, event_ids, subscription, reader))
        if row.kind == ALERT_ROLLUP:
            details = await self._details(event_ids)
            return Composed(
                rollup_message(details, reader, subscription.hourly_cap) if details else None
            )
        earlier = await self._first_alert(
            row, recent_since=now - RECENT if row.kind == ALERT_UPDATE else None
        )
        if row.kind == ALERT_UPDATE:
            if earlier is None:
                return Composed(None)  # not recent any more: the new source does not alert again
            earlier_row, message_id = earlier
            message = await self.alert_message(
                earlier_row.payload,
                list(earlier_row.payload.get("event_ids") or [earlier_row.event_id]),
                subscription,
                reader,
                updated=True,
            )
            return Composed(message, message_id)
        details = await self._details(event_ids)
        if not details:
            return Composed(None)
        previous_date = row.payload.get("previous_date")
        previous = (
            (dt.date.fromisoformat(previous_date), row.payload.get("previous_granularity") or "day")
            if previous_date
            else None
        )
        url = (
            message_url(reader.guild_id, row.channel_id, earlier[1])
            if earlier is not None
            else None
        )
        return Composed(
            change_line(
                details[0].event,
                reader,
                previous=previous,
                cancelled=row.kind == EVENT_CANCELLED,
                first_alert_url=url,
            ),
            first_alert_id=earlier[1] if earlier is not None else None,
        )

    async def alert_message(
        self,
        payload: dict[str, Any],
        event_ids: Sequence[int],
        subscription: Subscription,
        reader: Reader,
        *,
        updated: bool = False,
    ) -> Message | None:
        details = await self._details(event_ids)
        if not details:
            return None
        if subscription.per == "event" or (payload.get("article_id") is None and len(details) == 1):
            return event_alert(details[0], reader, updated=updated)
        heading = await self._heading(payload.get("article_id"), details)
        return article_alert(heading, details, reader)

    async def _first_alert(
        self, row: Delivery, *, recent_since: dt.datetime | None
    ) -> tuple[Delivery, int] | None:
        """The earliest sent alert of this subscription that announced the row's event."""
        statement = (
            select(Delivery)
            .join(AlertEvent, AlertEvent.delivery_id == Delivery.id)
            .where(
                Delivery.subscription_id == row.subscription_id,
                AlertEvent.event_id == row.event_id,
                Delivery.kind == ALERT,
                Delivery.message_id.is_not(None),
            )
            .order_by(Delivery.id)
            .limit(1)
        )
        if recent_since is not None:
            statement = statement.where(Delivery.sent_at >= recent_since)
        async with self._sessions() as session:
            found = await session.scalar(statement)
        if found is None or found.message_id is None:
            return None
        return found, found.message_id

    async def preview(self, subscription: Subscription, now: dt.datetime) -> Message | None:
        """The alert the latest article with wanted events would give, as it would be posted."""
        reader = await self.reader(subscription, now)
        async with self._sessions() as session:
            articles = list(
                await session.scalars(
                    select(Article.id)
                    .join(Source, Source.id == Article.source_id)
                    .where(or_(Source.guild_id.is_(None), Source.guild_id == subscription.guild_id))
                    .order_by(Article.fetched_at.desc(), Article.id.desc())
                    .limit(50)
                )
            )
            for article_id in articles:
                events = list(
                    await session.scalars(
                        select(Event)
                        .join(EventMention, EventMention.event_id == Event.id)
                        .where(EventMention.article_id == article_id)
                        .order_by(Event.date, Event.id)
                    )
                )
                wanted = [e.id for e in events if wants(subscription, e, reader.today)]
                if wanted:
                    ids = wanted[:1] if subscription.per == "event" else wanted
                    return await self.alert_message(
                        {"event_ids": ids, "article_id": article_id}, ids, subscription, reader
                    )
        return None
