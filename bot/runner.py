"""`dateline run`: the long-running process (scheduler + console alerts, or the Discord bot)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from typing import TextIO

from bot.app import App, open_app
from bot.clock import Clock
from bot.config import Settings
from bot.discord.bot import DatelineBot
from bot.ingest.pipeline import PollReport
from bot.render import console_alert
from bot.scheduling import Jobs
from bot.visibility import Viewer

log = logging.getLogger(__name__)


class ConsoleAlerts:
    """Console mode's stand-in for Discord: prints each new event as it is stored."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self.app: App | None = None

    async def __call__(self, report: PollReport) -> None:
        assert self.app is not None
        for event_id in report.new_event_ids:
            detail = await self.app.timeline.get(event_id, viewer=Viewer.everything())
            if detail is not None:
                print(console_alert(detail), file=self._out, flush=True)


async def sync_config(app: App, out: TextIO) -> int:
    """Mirror the config file's sources and alerts (only when there is a file: without one the
    database is left alone); returns how many sources are polled."""
    if app.settings.config_file is None:
        print(f"dateline: {app.settings.origin}", file=out, flush=True)
    else:
        synced = await app.sources.sync_config(app.settings.sources)
        await app.subscriptions.sync_config(app.settings.alerts)
        for name in synced.retired:
            print(f"source {name} is no longer in the config: retired (kept)", file=out)
    return len(await app.sources.active_ids())


async def run(
    settings: Settings,
    *,
    clock: Clock | None = None,
    stop: asyncio.Event | None = None,
    out: TextIO = sys.stdout,
) -> None:
    """Run until `stop` is set (or SIGINT/SIGTERM): the Discord bot with a token, else console."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    if settings.discord_token:
        await run_discord(settings, settings.discord_token, clock=clock, stop=stop, out=out)
        return
    console = ConsoleAlerts(out)
    async with open_app(settings, clock=clock, on_changes=console) as app:
        console.app = app
        sources = await sync_config(app, out)
        jobs = Jobs(app)
        jobs.add_polling()
        jobs.add_planning()
        jobs.start()
        print(
            f"Dateline is running in console mode (no DATELINE_DISCORD_TOKEN set): "
            f"{sources} source(s), database {app.engine.url.render_as_string()}. "
            "New events appear below; press Ctrl+C to stop.",
            file=out,
            flush=True,
        )
        try:
            await stop.wait()
        finally:
            await jobs.stop()


async def run_discord(
    settings: Settings, token: str, *, clock: Clock | None, stop: asyncio.Event, out: TextIO
) -> None:
    """The bot and the scheduler in one process; the bot's delivery worker posts the outbox."""
    async with open_app(settings, clock=clock) as app:
        await sync_config(app, out)
        jobs = Jobs(app)
        jobs.add_polling()
        jobs.add_planning()
        bot = DatelineBot(app, guild_ready_timeout=settings.discord.guild_ready_timeout)
        await bot.login(token)  # also loads the cogs, syncs commands, starts the delivery
        bot_task = asyncio.create_task(bot.connect(), name="discord-gateway")
        stop_task = asyncio.create_task(stop.wait(), name="stop")
        jobs.start()
        print(
            f"Dateline is running on Discord, database {app.engine.url.render_as_string()}; "
            "press Ctrl+C to stop.",
            file=out,
            flush=True,
        )
        try:
            await asyncio.wait({bot_task, stop_task}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            await jobs.stop()
            stop_task.cancel()
            await bot.close()
            await bot_task
