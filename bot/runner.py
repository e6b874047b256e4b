"""`dateline run`: the long-running process (scheduler + console alerts, or the Discord bot)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from typing import Literal, TextIO

from bot.app import App, open_app
from bot.clock import Clock
from bot.config import ENV_TOKEN, ConfigError, Settings
from bot.discord.bot import make_bot
from bot.ingest.pipeline import PollReport
from bot.render import console_alert
from bot.scheduling import Jobs
from bot.visibility import Viewer
from bot.web.links import link_urls
from bot.web.metrics import Metrics
from bot.web.server import Liveness, WebServer, serve_web

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


Role = Literal["all", "poller", "bot"]
ROLES: tuple[Role, ...] = ("all", "poller", "bot")


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
    role: Role = "all",
    clock: Clock | None = None,
    stop: asyncio.Event | None = None,
    out: TextIO = sys.stdout,
) -> None:
    """Run until `stop` is set (or SIGINT/SIGTERM).

    `all`: one process does everything (the Discord bot with a token, else console alerts).
    Several processes sharing a PostgreSQL database split it: any number of `poller`s (they
    claim due sources with leases) and a `bot` (the gateway, the outbox, reminders, digests).
    """
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    if role == "poller":
        await run_poller(settings, clock=clock, stop=stop, out=out)
        return
    if role == "bot" and not settings.discord_token:
        raise ConfigError(f"--role bot needs {ENV_TOKEN}")
    if settings.discord_token:
        await run_discord(
            settings,
            settings.discord_token,
            clock=clock,
            stop=stop,
            out=out,
            polling=role == "all",
        )
        return
    console = ConsoleAlerts(out)
    async with open_app(settings, clock=clock, on_changes=console) as app:
        console.app = app
        await app.ingestor.warm_up()
        sources = await sync_config(app, out)
        jobs = Jobs(app)
        metrics = Metrics()
        jobs.add_polling(metrics.observe_poll_pass)
        jobs.add_planning()
        liveness = Liveness(scheduler_running=lambda: jobs.running, discord_state=lambda: "console")
        async with serve_web(app, metrics, liveness) as web:
            jobs.start()
            print(
                f"Dateline is running in console mode (no DATELINE_DISCORD_TOKEN set): "
                f"{sources} source(s), "
                f"database {app.engine.url.render_as_string()}.",
                file=out,
                flush=True,
            )
            if web is not None:
                await print_instance_urls(web, out)
            print("New events appear below; press Ctrl+C to stop.", file=out, flush=True)
            try:
                await stop.wait()
            finally:
                await jobs.stop()


async def print_instance_urls(web: WebServer, out: TextIO) -> None:
    """A fresh link to the instance-wide timeline (earlier ones keep working until
    `dateline calendar rotate`): the secret exists in clear only now."""
    urls = link_urls(web.base_url, await web.links.create(None))
    print(
        f"Calendar (subscribe by URL): {urls.https}\n"
        f"Web page of the timeline:    {urls.page}\n"
        f"Health and metrics:          {web.base_url}/healthz  {web.base_url}/metrics",
        file=out,
        flush=True,
    )


async def run_poller(
    settings: Settings, *, clock: Clock | None, stop: asyncio.Event, out: TextIO
) -> None:
    """Only polling: claims due sources (leases in the database), stores what they bring.
    Alerts reach Discord through the outbox, posted by the `bot` process."""
    async with open_app(settings, clock=clock, shared_database=True) as app:
        await app.ingestor.warm_up()  # the config's sources are synced by the bot process
        jobs = Jobs(app)
        jobs.add_polling()  # a poller serves no web pages: metrics come from the bot process
        jobs.start()
        print(
            f"Dateline poller {app.ingestor.owner} is running, "
            f"database {app.engine.url.render_as_string()}.",
            file=out,
            flush=True,
        )
        try:
            await stop.wait()
        finally:
            await jobs.stop()


async def run_discord(
    settings: Settings,
    token: str,
    *,
    clock: Clock | None,
    stop: asyncio.Event,
    out: TextIO,
    polling: bool = True,
) -> None:
    """The bot (its delivery worker posts the outbox) and the planning jobs; the polling too
    unless `poller` processes do it."""
    async with open_app(settings, clock=clock, shared_database=not polling) as app:
        await sync_config(app, out)
        jobs = Jobs(app)
        metrics = Metrics()
        if polling:
            await app.ingestor.warm_up()
            jobs.add_polling(metrics.observe_poll_pass)
        jobs.add_planning()
        bot = make_bot(app)
        await bot.login(token)  # also loads the cogs, syncs commands, starts the delivery
        liveness = Liveness(
            scheduler_running=lambda: jobs.running,
            discord_state=lambda: (
                "connected" if bot.is_ready() and not bot.is_closed() else "disconnected"
            ),
        )
        bot_task = asyncio.create_task(bot.connect(), name="discord-gateway")
        stop_task = asyncio.create_task(stop.wait(), name="stop")
        async with serve_web(app, metrics, liveness) as web:
            jobs.start()
            where = f"; web server on {web.base_url}" if web is not None else ""
            print(
                f"Dateline is running on Discord, database {app.engine.url.render_as_string()}"
                f"{where}; press Ctrl+C to stop.",
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
