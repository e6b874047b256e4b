"""Weekly digests: when each channel's digest is due, what it says, and queuing it exactly once.

A schedule is a local weekday and time in an IANA zone. Each ISO week (in local time) has one
due instant, computed with zoneinfo, so 09:00 stays 09:00 on both sides of a DST change. The
week's key (`2025-W44`) is stored in `DigestSchedule.last_period` in the same transaction that
queues the digest under the outbox key `digest:{channel}:{week}`: one digest per channel per
week, whatever restarts happen in between. Rendering is pure (plain embed dicts, no discord).
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.charts import ChartPoint, render_timeline_png
from bot.clock import Clock
from bot.dates import DEFAULT_LANGUAGE, compact_date_text, date_text, month_bounds
from bot.db.models import DigestSchedule, Event, GuildSettings, Subscription
from bot.discord.render import (
    DESCRIPTION_LIMIT,
    EMBED_TOTAL_LIMIT,
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    TITLE_LIMIT,
    fit_message,
    markdown_link,
    neutralise_mentions,
)
from bot.exports import articles_by_event
from bot.filters import inclusions, is_pattern, matches
from bot.outbox.kinds import DeliveryKind
from bot.outbox.store import enqueue
from bot.render import sources_phrase
from bot.timezones import check_timezone, safe_zone
from bot.visibility import Viewer, event_visible

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CHART_FILENAME = "timeline.png"
MAX_EVENTS_PER_SECTION = 200

# Characters kept free for the "… and N more" field and the footer.
_RESERVED = 200


class DigestError(ValueError):
    """A digest setting the user gave is not usable; the message is one line."""


def parse_local_time(text: str) -> dt.time:
    """`9:00`, `09:00` or `21:30` → a time (minutes only; digests need no seconds)."""
    try:
        hours, minutes = text.strip().split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise DigestError(f"time must be HH:MM on a 24-hour clock, got {text!r}") from None


def parse_weekday(text: str | int) -> int:
    """0 = Monday … 6 = Sunday, from a number or a (prefix of a) day name."""
    if isinstance(text, int):
        if 0 <= text <= 6:
            return text
        raise DigestError("weekday must be 0 (Monday) … 6 (Sunday)")
    cleaned = text.strip().lower()
    for index, name in enumerate(WEEKDAYS):
        if len(cleaned) >= 2 and name.lower().startswith(cleaned):
            return index
    raise DigestError(f"unknown weekday {text!r}: use Monday … Sunday")


def period_key(local: dt.datetime | dt.date) -> str:
    year, week, _ = local.isocalendar()
    return f"{year}-W{week:02d}"


def due_in_week(year: int, week: int, weekday: int, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of `weekday` `at` local time in ISO week `year`-W`week`.

    A time skipped by a spring-forward change is read with the offset before it (02:30 → 03:30).
    """
    day = dt.date.fromisocalendar(year, week, weekday + 1)
    return dt.datetime.combine(day, at, tzinfo=zone).astimezone(dt.UTC)


@dataclass(frozen=True, slots=True)
class Due:
    period: str
    at: dt.datetime


def due_now(
    weekday: int, local_time: str, timezone: str, last_period: str | None, now: dt.datetime
) -> Due | None:
    """The period to send now, if this local week's instant has come and it was not sent yet.

    A week the bot was down for entirely is not caught up later: digests are about the present.
    """
    zone = safe_zone(timezone)
    year, week, _ = now.astimezone(zone).isocalendar()
    key = f"{year}-W{week:02d}"
    at = due_in_week(year, week, weekday, parse_local_time(local_time), zone)
    if now >= at and last_period != key:
        return Due(key, at)
    return None


def next_due(
    weekday: int, local_time: str, timezone: str, last_period: str | None, now: dt.datetime
) -> dt.datetime:
    """When the next digest will go out (for confirmations and /digest status)."""
    zone = safe_zone(timezone)
    at_time = parse_local_time(local_time)
    local_now = now.astimezone(zone)
    for weeks_ahead in range(3):
        year, week, _ = (local_now + dt.timedelta(weeks=weeks_ahead)).isocalendar()
        at = due_in_week(year, week, weekday, at_time, zone)
        if f"{year}-W{week:02d}" != last_period and at >= now:
            return at
    raise AssertionError("a weekly instant always exists within three weeks")


# --- content --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DigestItem:
    event_id: int
    day: dt.date
    granularity: str
    title: str
    sources: tuple[str, ...]
    first_seen_local: dt.date
    link: str | None = None


@dataclass(frozen=True, slots=True)
class DigestContent:
    """A week in one channel: what was learned in it and what comes in the next 7 days."""

    ends_on: dt.date  # the local day the digest is for; it covers the 7 days before
    timezone: str
    new: list[DigestItem] = field(default_factory=list)
    upcoming: list[DigestItem] = field(default_factory=list)
    keywords: tuple[str, ...] = ()
    language: str = DEFAULT_LANGUAGE

    @property
    def empty(self) -> bool:
        return not self.new and not self.upcoming

    @property
    def chart_window(self) -> tuple[dt.date, dt.date]:
        """The 7 days the new events were learned in, then today and the 6 days after it."""
        return self.ends_on - dt.timedelta(days=7), self.ends_on + dt.timedelta(days=6)


def _by_date(items: Sequence[DigestItem]) -> list[DigestItem]:
    return sorted(items, key=lambda item: (item.day, item.event_id))


def _item_line(item: DigestItem, language: str) -> str:
    title = neutralise_mentions(item.title if len(item.title) <= 120 else item.title[:119] + "…")
    when = compact_date_text(item.day, item.granularity, language)
    return (
        f"• **{when}** {markdown_link(title, item.link)} · {sources_phrase(len(item.sources))}"
        f" · #{item.event_id}"
    )


class _EmbedBuilder:
    """Adds fields while they fit Discord's limits; lines that do not fit are counted, not cut."""

    def __init__(self, title: str, description: str) -> None:
        self.embed: dict[str, Any] = {
            "title": title[:TITLE_LIMIT],
            "description": description[:DESCRIPTION_LIMIT],
            "fields": [],
        }
        self.used = len(self.embed["title"]) + len(self.embed["description"])
        self.left_out = 0

    def _room(self, name: str, value: str) -> bool:
        """One field and `_RESERVED` characters stay free for the pointer and the footer."""
        return (
            len(self.embed["fields"]) < FIELD_COUNT_LIMIT - 1
            and self.used + len(name) + len(value) <= EMBED_TOTAL_LIMIT - _RESERVED
        )

    def add_section(self, name: str, lines: Sequence[str]) -> None:
        """A field per section, continued in blank-named fields when longer than one field."""
        name = name[:FIELD_NAME_LIMIT]
        pending: list[str] = []
        for index, line in enumerate(lines):
            if len("\n".join([*pending, line])) > FIELD_VALUE_LIMIT and pending:
                self._field(name, pending)
                name, pending = "\u200b", []
            if not self._room(name, "\n".join([*pending, line])):
                self.left_out += len(lines) - index
                break
            pending.append(line)
        if pending:
            self._field(name, pending)

    def _field(self, name: str, lines: list[str]) -> None:
        value = "\n".join(lines)
        self.embed["fields"].append({"name": name, "value": value, "inline": False})
        self.used += len(name) + len(value)

    def finish(self, pointer: str) -> dict[str, Any]:
        if self.left_out:
            self._field("More", [f"… and {self.left_out} more: {pointer}"])
        return self.embed


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def render_digest(content: DigestContent, *, chart_png: bytes | None = None) -> dict[str, Any]:
    """The outbox message: one embed within Discord's limits, the chart PNG attached.

    Both sections are in date order; the counts in the description, the section names and the
    chart's legend are the same numbers.
    """
    sources = {s for item in content.new for s in item.sources}
    description = (
        f"{_plural(len(content.new), 'new event')} from {sources_phrase(len(sources))} "
        f"this week; {len(content.upcoming)} coming up in the next 7 days."
    )
    if content.keywords:
        description += f"\nFilter: {', '.join(content.keywords)}"
    language = content.language
    heading = date_text(content.ends_on, "day", language)
    builder = _EmbedBuilder(f"Weekly digest for {heading}", description)
    if content.new:
        builder.add_section(
            f"New this week ({len(content.new)})",
            [_item_line(item, language) for item in _by_date(content.new)],
        )
    if content.upcoming:
        builder.add_section(
            f"Coming up in the next 7 days ({len(content.upcoming)})",
            [_item_line(item, language) for item in _by_date(content.upcoming)],
        )
    embed = builder.finish("use /timeline to see them all")
    embed["footer"] = {"text": f"Dates in {content.timezone} · /timeline for everything"}
    files = []
    if chart_png is not None:
        embed["image"] = {"url": f"attachment://{CHART_FILENAME}"}
        files.append(
            {"filename": CHART_FILENAME, "data_b64": base64.b64encode(chart_png).decode("ascii")}
        )
    return {**fit_message({"content": "", "embeds": [embed]}), "files": files}


def chart_points(content: DigestContent) -> list[ChartPoint]:
    """New events on the day they were learned, coming ones on their date (a month event: today).

    Coloured by the first keyword each event matches when the channel filters, else by source.
    """
    selecting = inclusions(content.keywords)

    def group(item: DigestItem) -> str:
        if selecting:
            found = next((k for k in selecting if matches([k], item.title)), selecting[0])
            return found.strip("/") if is_pattern(found) else found
        return item.sources[0] if item.sources else "unknown"

    points = [ChartPoint(item.first_seen_local, group(item)) for item in content.new]
    points += [
        ChartPoint(max(item.day, content.ends_on), group(item), coming=True)
        for item in content.upcoming
    ]
    return points


def schedule_viewer(guild_id: int | None) -> Viewer:
    """A digest shows what its channel's server sees (the shared view if it has none)."""
    return Viewer.server(guild_id) if guild_id is not None else Viewer.shared()


async def build_content(
    session: AsyncSession, channel_id: int, timezone: str, end: dt.datetime, viewer: Viewer
) -> DigestContent:
    """The week ending at `end`: events first seen in it, and events dated in the next 7 days."""
    zone = safe_zone(timezone)
    today = end.astimezone(zone).date()
    subscription = await session.scalar(
        select(Subscription).where(Subscription.channel_id == channel_id)
    )
    keywords = tuple(subscription.keywords) if subscription is not None else ()
    guild = (
        await session.get(GuildSettings, subscription.guild_id)
        if subscription is not None and subscription.guild_id is not None
        else None
    )
    new_events = list(
        await session.scalars(
            select(Event)
            .where(Event.first_seen_at >= end - dt.timedelta(days=7), Event.first_seen_at < end)
            .where(event_visible(viewer))
            .order_by(Event.date, Event.id)
        )
    )
    horizon = today + dt.timedelta(days=7)
    upcoming_events = list(
        await session.scalars(
            select(Event)
            .where(
                Event.date >= today.replace(day=1),
                Event.date < horizon,
                Event.cancelled_at.is_(None),
            )
            .where(event_visible(viewer))
            .order_by(Event.date, Event.id)
        )
    )
    upcoming_events = [
        e
        for e in upcoming_events
        if (e.date >= today if e.granularity == "day" else month_bounds(e.date)[1] >= today)
    ]
    wanted = [e for e in new_events if matches(keywords, f"{e.title}\n{e.summary}")][
        :MAX_EVENTS_PER_SECTION
    ]
    coming = [e for e in upcoming_events if matches(keywords, f"{e.title}\n{e.summary}")][
        :MAX_EVENTS_PER_SECTION
    ]
    articles = await articles_by_event(session, sorted({e.id for e in [*wanted, *coming]}), viewer)

    def item(event: Event) -> DigestItem:
        reports = articles.get(event.id, [])
        names = Counter(a.source_name for a in reports)
        return DigestItem(
            event_id=event.id,
            day=event.date,
            granularity=event.granularity,
            title=event.title,
            sources=tuple(name for name, _ in names.most_common()),
            first_seen_local=event.first_seen_at.astimezone(zone).date(),
            link=next((a.url for a in reports if a.url), None),
        )

    return DigestContent(
        ends_on=today,
        timezone=timezone,
        new=[item(e) for e in wanted],
        upcoming=[item(e) for e in coming],
        keywords=keywords,
        language=guild.language if guild is not None else DEFAULT_LANGUAGE,
    )


async def render_with_chart(content: DigestContent) -> dict[str, Any]:
    """Draws the chart in a worker thread: matplotlib must not hold up the event loop."""
    png = None
    if not content.empty:
        first_day, last_day = content.chart_window
        png = await asyncio.to_thread(
            render_timeline_png,
            chart_points(content),
            first_day=first_day,
            last_day=last_day,
            today=content.ends_on,
            split_label=("← learned this week", "coming up →"),
            title="New this week by the day they were learned, and the coming week by date",
        )
    return render_digest(content, chart_png=png)


class DigestService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def set(
        self,
        *,
        channel_id: int,
        guild_id: int | None,
        weekday: int,
        local_time: str,
        timezone: str,
        include_empty: bool = False,
    ) -> DigestSchedule:
        """Create or change a channel's schedule; a time already past this week starts next week."""
        check_timezone(timezone, DigestError)
        at = parse_local_time(local_time)
        normalized = f"{at.hour:02d}:{at.minute:02d}"
        now = self._clock.now()
        async with self._sessions.begin() as session:
            schedule = await session.scalar(
                select(DigestSchedule).where(DigestSchedule.channel_id == channel_id)
            )
            if schedule is None:
                schedule = DigestSchedule(channel_id=channel_id, created_at=now)
                session.add(schedule)
            schedule.guild_id = guild_id
            schedule.weekday = weekday
            schedule.local_time = normalized
            schedule.timezone = timezone
            schedule.include_empty = include_empty
            due = due_now(weekday, normalized, timezone, schedule.last_period, now)
            if due is not None:
                schedule.last_period = due.period
            await session.flush()
        return schedule

    async def off(self, channel_id: int) -> bool:
        async with self._sessions.begin() as session:
            schedule = await session.scalar(
                select(DigestSchedule).where(DigestSchedule.channel_id == channel_id)
            )
            if schedule is None:
                return False
            await session.delete(schedule)
            return True

    async def get(self, channel_id: int) -> DigestSchedule | None:
        async with self._sessions() as session:
            return await session.scalar(
                select(DigestSchedule).where(DigestSchedule.channel_id == channel_id)
            )

    def next_run(self, schedule: DigestSchedule) -> dt.datetime:
        return next_due(
            schedule.weekday,
            schedule.local_time,
            schedule.timezone,
            schedule.last_period,
            self._clock.now(),
        )

    async def preview(self, channel_id: int, timezone: str, viewer: Viewer) -> dict[str, Any]:
        """The digest this channel would get if the week ended now (nothing is queued)."""
        async with self._sessions() as session:
            content = await build_content(session, channel_id, timezone, self._clock.now(), viewer)
        return await render_with_chart(content)

    async def plan(self) -> int:
        """Queue every digest whose local time has come this week; returns how many."""
        now = self._clock.now()
        async with self._sessions() as session:
            schedules = list(await session.scalars(select(DigestSchedule)))
        queued = 0
        for schedule in schedules:
            due = due_now(
                schedule.weekday, schedule.local_time, schedule.timezone, schedule.last_period, now
            )
            if due is not None:
                queued += await self._send(schedule.id, due, now)
        return queued

    async def _send(self, schedule_id: int, due: Due, now: dt.datetime) -> int:
        async with self._sessions() as session:
            schedule = await session.get(DigestSchedule, schedule_id)
            if schedule is None:
                return 0
            channel_id, timezone = schedule.channel_id, schedule.timezone
            include_empty = schedule.include_empty
            viewer = schedule_viewer(schedule.guild_id)
            content = await build_content(session, channel_id, timezone, due.at, viewer)
        message = None
        if include_empty or not content.empty:
            message = await render_with_chart(content)
        async with self._sessions.begin() as session:
            schedule = await session.get(DigestSchedule, schedule_id, with_for_update=True)
            if schedule is None or schedule.last_period == due.period:
                return 0  # removed, or another planner got there first
            schedule.last_period = due.period
            if message is None:
                return 0
            return int(
                await enqueue(
                    session,
                    kind=DeliveryKind.DIGEST,
                    dedupe_key=f"{DeliveryKind.DIGEST}:{channel_id}:{due.period}",
                    channel_id=channel_id,
                    now=now,
                    due_at=now,
                    payload={"message": message},
                )
            )
