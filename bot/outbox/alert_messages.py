"""Alert messages: how an alert row reads, composed from the current state when it is sent.

Pure renderers turn events into messages: an article's new events (headline, source and link,
events by date in the server's language, upcoming ones first and marked), one event, the hourly
roll-up, and the one-line "moved" / "cancelled" texts. `AlertComposer` reads what a row needs
(events, the article, the first alert's message) and renders it; the delivery worker and
`/subscribe … preview` both use it, so a preview is exactly what will be posted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dates import DEFAULT_LANGUAGE, date_text, short_date_text
from bot.db.models import Article, Event, EventMention, GuildSettings, Source, Subscription
from bot.discord.render import (
    ALERT_COLOUR,
    Embed,
    Message,
    alert_embed,
    fit_message,
    markdown_link,
    neutralise_mentions,
)
from bot.outbox.alerts import is_upcoming, local_today, wants
from bot.outbox.kinds import DeliveryKind
from bot.outbox.store import DeliveryStore, DueDelivery, SentAlert
from bot.render import sources_phrase
from bot.templates import render_template
from bot.timeline import EventDetail, EventRow, TimelineService
from bot.visibility import Viewer, source_visible, subscription_viewer

# An earlier alert is edited for a new source only while readers still see it near the bottom.
RECENT = dt.timedelta(hours=24)
EVENTS_IN_ALERT = 10
EVENTS_IN_ROLLUP = 25
UPCOMING_MARK = "🔜"


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
    viewer: Viewer = field(default_factory=Viewer.shared)


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
        self._store = DeliveryStore(sessions)
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
            today=local_today(settings, self._default_timezone, now),
            template=subscription.template,
            role_id=subscription.role_id,
            guild_id=subscription.guild_id,
            viewer=subscription_viewer(subscription),
        )

    async def _details(self, event_ids: Sequence[int], reader: Reader) -> list[EventDetail]:
        """The events as the reader's server sees them (only its visible sources' articles)."""
        found = [await self._timeline.get(e, viewer=reader.viewer) for e in event_ids]
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
        self, row: DueDelivery, subscription: Subscription, now: dt.datetime
    ) -> Composed:
        reader = await self.reader(subscription, now)
        event_ids = list(row.payload.get("event_ids") or ([row.event_id] if row.event_id else []))
        if row.kind == DeliveryKind.ALERT:
            return Composed(await self.alert_message(row.payload, event_ids, subscription, reader))
        if row.kind == DeliveryKind.ALERT_ROLLUP:
            details = await self._details(event_ids, reader)
            return Composed(
                rollup_message(details, reader, subscription.hourly_cap) if details else None
            )
        if row.kind == DeliveryKind.ALERT_UPDATE:
            return await self._update(row, subscription, reader, now)
        return await self._change(row, event_ids, reader)

    async def _update(
        self, row: DueDelivery, subscription: Subscription, reader: Reader, now: dt.datetime
    ) -> Composed:
        """The earlier alert again, with today's source counts, to edit in place while recent."""
        earlier = await self._store.first_sent_alert(
            row.subscription_id, row.event_id, sent_since=now - RECENT
        )
        if earlier is None:
            return Composed(None)  # not recent any more: the new source does not alert again
        message = await self.alert_message(
            earlier.payload,
            list(earlier.payload.get("event_ids") or [earlier.event_id]),
            subscription,
            reader,
            updated=True,
        )
        return Composed(message, earlier.message_id)

    async def _change(self, row: DueDelivery, event_ids: Sequence[int], reader: Reader) -> Composed:
        """A move or cancellation line, linked to the first alert about the event."""
        details = await self._details(event_ids, reader)
        if not details:
            return Composed(None)
        earlier: SentAlert | None = await self._store.first_sent_alert(
            row.subscription_id, row.event_id, sent_since=None
        )
        previous_date = row.payload.get("previous_date")
        previous = (
            (dt.date.fromisoformat(previous_date), row.payload.get("previous_granularity") or "day")
            if previous_date
            else None
        )
        first_alert = earlier.message_id if earlier is not None else None
        url = message_url(reader.guild_id, row.channel_id, first_alert) if first_alert else None
        return Composed(
            change_line(
                details[0].event,
                reader,
                previous=previous,
                cancelled=row.kind == DeliveryKind.EVENT_CANCELLED,
                first_alert_url=url,
            ),
            first_alert_id=first_alert,
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
        details = await self._details(event_ids, reader)
        if not details:
            return None
        if subscription.per == "event" or (payload.get("article_id") is None and len(details) == 1):
            return event_alert(details[0], reader, updated=updated)
        heading = await self._heading(payload.get("article_id"), details)
        return article_alert(heading, details, reader)

    async def preview(self, subscription: Subscription, now: dt.datetime) -> Message | None:
        """The alert the latest article with wanted events would give, as it would be posted."""
        reader = await self.reader(subscription, now)
        async with self._sessions() as session:
            articles = list(
                await session.scalars(
                    select(Article.id)
                    .join(Source, Source.id == Article.source_id)
                    .where(source_visible(reader.viewer))
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
