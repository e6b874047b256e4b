"""Discord's Events tab: upcoming day events mirrored as Guild Scheduled Events, per server.

Opt-in per server (`/settings events on [days]`, stored as `GuildSettings.events_tab_days`).
The planner compares what a server should show (day events from tomorrow to `days` ahead in the
server's zone, not cancelled, reported by its own or a shared source) with what it shows
(`guild_scheduled_events`, one row per server and event, with the event `revision` Discord last
got) and queues outbox rows of kind
`scheduled_event` with an action: `create`, `modify` (the event moved or changed) or `delete`
(cancelled, past, or out of the window). The delivery worker carries them out and records the
result through `record`/`forget`. The row's `channel_id` holds the server id: a scheduled event
belongs to a server, not a channel.

The Discord body is built from the event's state at delivery (pure `scheduled_event_body`): an
external, server-only event that lasts the whole local day, located at the source link.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db.models import Event, GuildScheduledEvent, GuildSettings
from bot.discord.render import cut, neutralise_mentions
from bot.outbox.kinds import DeliveryKind
from bot.outbox.reminders import event_start, first_links
from bot.outbox.store import enqueue
from bot.timezones import safe_zone
from bot.visibility import Viewer, event_visible

MAX_DAYS = 90
NAME_LIMIT = 100
DESCRIPTION_LIMIT = 1000
LOCATION_LIMIT = 100
EXTERNAL = 3
GUILD_ONLY = 2


def location(link: str | None) -> str:
    """The source link (Discord allows 100 characters: a longer one is cut to its site)."""
    if not link:
        return "Dateline timeline"
    if len(link) <= LOCATION_LIMIT:
        return link
    parts = urlsplit(link)
    return cut(f"{parts.scheme}://{parts.netloc}/", LOCATION_LIMIT)


def scheduled_event_body(
    *, event_id: int, title: str, summary: str, day: dt.date, zone: ZoneInfo, link: str | None
) -> dict[str, Any]:
    """The create/modify body: an external event over the whole local day of `day`."""
    description = neutralise_mentions(summary or title)
    if link:
        description += f"\n{link}"
    description += f"\nDateline event #{event_id}"
    return {
        "name": cut(neutralise_mentions(title), NAME_LIMIT),
        "description": cut(description, DESCRIPTION_LIMIT),
        "scheduled_start_time": event_start(day, zone).isoformat(),
        "scheduled_end_time": event_start(day + dt.timedelta(days=1), zone).isoformat(),
        "entity_type": EXTERNAL,
        "privacy_level": GUILD_ONLY,
        "entity_metadata": {"location": location(link)},
    }


@dataclass(frozen=True, slots=True)
class PlannedAction:
    guild_id: int
    event_id: int
    action: str  # "create", "modify" or "delete"
    revision: int


def plan_actions(
    guild_id: int,
    wanted: dict[int, int],
    shown: dict[int, int],
) -> list[PlannedAction]:
    """`wanted` and `shown` map event id → revision; what to do to make Discord show `wanted`."""
    actions = [
        PlannedAction(guild_id, event_id, "create", revision)
        for event_id, revision in wanted.items()
        if event_id not in shown
    ]
    actions += [
        PlannedAction(guild_id, event_id, "modify", wanted[event_id])
        for event_id, synced in shown.items()
        if event_id in wanted and wanted[event_id] != synced
    ]
    actions += [
        PlannedAction(guild_id, event_id, "delete", synced)
        for event_id, synced in shown.items()
        if event_id not in wanted
    ]
    return actions


class EventsTab:
    """Plans the Events tab of every opted-in server and records what Discord did."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    async def plan(self) -> int:
        """Queue the creates, modifies and deletes that bring each server up to date."""
        now = self._clock.now()
        queued = 0
        async with self._sessions.begin() as session:
            servers = list(
                await session.scalars(
                    select(GuildSettings).where(GuildSettings.events_tab_days.is_not(None))
                )
            )
            for server in servers:
                queued += await self._plan_server(session, server, now)
            shown_elsewhere = await session.scalars(select(GuildScheduledEvent.guild_id).distinct())
            opted_in = {s.guild_id for s in servers}
            for guild_id in set(shown_elsewhere) - opted_in:  # switched off: take them down
                queued += await self._queue(
                    session, plan_actions(guild_id, {}, await self._shown(session, guild_id)), now
                )
        return queued

    async def _shown(self, session: AsyncSession, guild_id: int) -> dict[int, int]:
        rows = await session.execute(
            select(GuildScheduledEvent.event_id, GuildScheduledEvent.synced_revision).where(
                GuildScheduledEvent.guild_id == guild_id
            )
        )
        return dict(rows.all())

    async def _plan_server(
        self, session: AsyncSession, server: GuildSettings, now: dt.datetime
    ) -> int:
        zone = safe_zone(server.timezone)
        today = now.astimezone(zone).date()
        days = server.events_tab_days or 0
        events = await session.scalars(
            select(Event).where(
                Event.granularity == "day",
                Event.date > today,
                Event.date <= today + dt.timedelta(days=days),
                Event.cancelled_at.is_(None),
                event_visible(Viewer.server(server.guild_id)),
            )
        )
        wanted = {e.id: e.revision for e in events}
        actions = plan_actions(server.guild_id, wanted, await self._shown(session, server.guild_id))
        return await self._queue(session, actions, now)

    async def _queue(
        self, session: AsyncSession, actions: list[PlannedAction], now: dt.datetime
    ) -> int:
        queued = 0
        for action in actions:
            queued += await enqueue(
                session,
                kind=DeliveryKind.SCHEDULED_EVENT,
                dedupe_key=(
                    f"{DeliveryKind.SCHEDULED_EVENT}:{action.guild_id}:{action.event_id}:{action.action}:{action.revision}"
                ),
                channel_id=action.guild_id,
                event_id=action.event_id if action.action != "delete" else None,
                now=now,
                payload={
                    "guild_id": action.guild_id,
                    "event_id": action.event_id,
                    "action": action.action,
                    "revision": action.revision,
                },
            )
        return queued

    async def body(self, guild_id: int, event_id: int) -> dict[str, Any] | None:
        """The Discord body for an event as it is now (None once it is gone)."""
        async with self._sessions() as session:
            event = await session.get(Event, event_id)
            if event is None:
                return None
            server = await session.get(GuildSettings, guild_id)
            links = await first_links(session, [event_id], Viewer.server(guild_id))
        return scheduled_event_body(
            event_id=event.id,
            title=event.title,
            summary=event.summary,
            day=event.date,
            zone=safe_zone(server.timezone if server else None),
            link=links.get(event_id),
        )

    async def discord_id(self, guild_id: int, event_id: int) -> int | None:
        async with self._sessions() as session:
            return await session.scalar(
                select(GuildScheduledEvent.discord_event_id).where(
                    GuildScheduledEvent.guild_id == guild_id,
                    GuildScheduledEvent.event_id == event_id,
                )
            )

    async def record(self, guild_id: int, event_id: int, discord_id: int, revision: int) -> None:
        """Discord shows `event_id` as `discord_id`, as of `revision`."""
        async with self._sessions.begin() as session:
            row = await session.scalar(
                select(GuildScheduledEvent).where(
                    GuildScheduledEvent.guild_id == guild_id,
                    GuildScheduledEvent.event_id == event_id,
                )
            )
            if row is None:
                row = GuildScheduledEvent(guild_id=guild_id, event_id=event_id)
                session.add(row)
            row.discord_event_id = discord_id
            row.synced_revision = revision

    async def forget(self, guild_id: int, event_id: int) -> None:
        async with self._sessions.begin() as session:
            await session.execute(
                delete(GuildScheduledEvent).where(
                    GuildScheduledEvent.guild_id == guild_id,
                    GuildScheduledEvent.event_id == event_id,
                )
            )
