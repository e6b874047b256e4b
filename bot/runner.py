"""`dateline run`: the long-running process (scheduler + console alerts, or the Discord bot)."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import signal
import sys
from typing import TextIO

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.app import App, open_app
from bot.clock import Clock
from bot.config import Settings
from bot.ingest.pipeline import PollReport
from bot.render import console_alert
from bot.scheduling import add_planning_jobs

log = logging.getLogger(__name__)


class ConsoleAlerts:
    """Console mode's stand-in for Discord: prints each new event as it is stored."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self.app: App | None = None

    async def __call__(self, report: PollReport) -> None:
        assert self.app is not None
        for event_id in report.new_event_ids:
            detail = await self.app.timeline.get(event_id)
            if detail is not None:
                print(console_alert(detail), file=self._out, flush=True)


def add_polling_job(scheduler: AsyncIOScheduler, app: App) -> None:
    """Every few seconds, poll the sources whose next poll time has come (kept in the database)."""

    async def poll_due() -> None:
        await app.ingestor.poll_due()

    scheduler.add_job(
        poll_due,
        IntervalTrigger(seconds=app.settings.scheduler.check_seconds),
        id="poll-sources",
        next_run_time=dt.datetime.now(dt.UTC),
        coalesce=True,
        max_instances=1,
        misfire_grace_time=app.settings.scheduler.check_seconds,
    )


async def run(
    settings: Settings,
    *,
    clock: Clock | None = None,
    stop: asyncio.Event | None = None,
    out: TextIO = sys.stdout,
) -> None:
    """Run until `stop` is set (or SIGINT/SIGTERM)."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    console = ConsoleAlerts(out)
    async with open_app(settings, clock=clock, on_changes=console) as app:
        console.app = app
        sources = await app.sources.sync_config(settings.sources)
        scheduler = AsyncIOScheduler(timezone=dt.UTC)
        add_polling_job(scheduler, app)
        add_planning_jobs(scheduler, app)
        scheduler.start()
        print(
            f"Dateline is running in console mode (no DATELINE_DISCORD_TOKEN set): "
            f"{len(sources)} configured source(s), database {app.engine.url.render_as_string()}. "
            "New events appear below; press Ctrl+C to stop.",
            file=out,
            flush=True,
        )
        try:
            await stop.wait()
        finally:
            scheduler.shutdown(wait=False)
