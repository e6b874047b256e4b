"""Composition root: builds the engine, HTTP session and services from settings, once."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

import aiohttp
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.db.engine import create_engine, session_factory
from bot.db.migrate import upgrade
from bot.guilds import GuildSettingsService
from bot.ingest.fetch import FetchPolicy
from bot.ingest.netguard import make_session
from bot.ingest.pipeline import IngestOptions, Ingestor, PollReport
from bot.outbox.alert_messages import AlertComposer
from bot.outbox.digests import DigestService
from bot.outbox.events_tab import EventsTab
from bot.outbox.reminders import ReminderPlanner
from bot.sources import SourceService
from bot.subscriptions import SubscriptionService
from bot.timeline import TimelineService


@dataclass
class App:
    settings: Settings
    clock: Clock
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    http: aiohttp.ClientSession
    ingestor: Ingestor
    sources: SourceService
    timeline: TimelineService
    subscriptions: SubscriptionService
    guilds: GuildSettingsService
    # Set when this process queued deliveries; the delivery worker wakes on it at once.
    outbox_wakeup: asyncio.Event
    reminders: ReminderPlanner
    digests: DigestService
    alerts: AlertComposer
    events_tab: EventsTab
    # Other processes share the database (`dateline run --role bot|poller`): outbox claims then
    # last `scheduler.lease_seconds`; alone, a restarted process must not wait for its own.
    shared_database: bool = False


def fetch_policy(settings: Settings) -> FetchPolicy:
    return FetchPolicy(
        timeout_seconds=settings.fetch.timeout_seconds,
        max_bytes=settings.fetch.max_bytes,
        max_redirects=settings.fetch.max_redirects,
        user_agent=settings.fetch.user_agent,
        allow_private_addresses=settings.fetch.allow_private_addresses,
    )


def reminder_lookahead(settings: Settings) -> dt.timedelta:
    """Twice the planning interval, so no reminder is planned after its time by a late run."""
    return dt.timedelta(seconds=2 * settings.scheduler.plan_seconds)


@asynccontextmanager
async def open_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    migrate: bool = True,
    on_changes: Callable[[PollReport], Awaitable[None]] | None = None,
    shared_database: bool = False,
) -> AsyncIterator[App]:
    """Everything a command needs, closed in the right order afterwards."""
    clock = clock or SystemClock()
    outbox_wakeup = asyncio.Event()

    async def changes_stored(report: PollReport) -> None:
        outbox_wakeup.set()
        if on_changes is not None:
            await on_changes(report)

    engine = create_engine(settings.database.url)
    try:
        if migrate:
            await upgrade(engine)
        sessions = session_factory(engine)
        policy = fetch_policy(settings)
        async with make_session(policy) as http:
            ingestor = Ingestor(
                sessions,
                http,
                policy,
                clock,
                IngestOptions(
                    date_order=settings.extract.date_order,
                    max_backoff_hours=settings.scheduler.max_backoff_hours,
                    concurrency=settings.fetch.concurrency,
                    per_host_concurrency=settings.fetch.per_host_concurrency,
                    failure_notice_after=settings.scheduler.failure_notice_after,
                    lease_seconds=settings.scheduler.lease_seconds,
                    extract_workers=settings.extract.workers,
                    default_timezone=settings.discord.timezone,
                ),
                on_changes=changes_stored,
            )
            timeline = TimelineService(sessions)
            yield App(
                settings=settings,
                clock=clock,
                engine=engine,
                sessions=sessions,
                http=http,
                ingestor=ingestor,
                sources=SourceService(sessions, ingestor, clock),
                timeline=timeline,
                subscriptions=SubscriptionService(sessions, clock),
                guilds=GuildSettingsService(sessions, settings.discord.timezone),
                outbox_wakeup=outbox_wakeup,
                reminders=ReminderPlanner(
                    sessions,
                    clock,
                    default_timezone=settings.discord.timezone,
                    lookahead=reminder_lookahead(settings),
                ),
                digests=DigestService(sessions, clock),
                shared_database=shared_database,
                alerts=AlertComposer(
                    sessions, timeline, default_timezone=settings.discord.timezone
                ),
                events_tab=EventsTab(sessions, clock),
            )
    finally:
        await engine.dispose()
