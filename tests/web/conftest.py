"""The web server on 127.0.0.1 over a real database, with a clock and a rate-limit clock the
tests move."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from sqlalchemy import update

from bot.app import App, open_app
from bot.config import DatabaseSettings, Settings, WebSettings
from bot.db.models import Source
from bot.web.links import CalendarLinks
from bot.web.metrics import Metrics
from bot.web.server import Liveness, build_web_app
from tests.support import FakeClock

NOW = dt.datetime(2025, 3, 12, 9, 0, tzinfo=dt.UTC)
PUBLIC_URL = "https://dateline.example"


class SteppedMonotonic:
    """The rate limiter's clock: moves only when a test says so."""

    def __init__(self) -> None:
        self.value = 1000.0

    def __call__(self) -> float:
        return self.value


@dataclass
class Web:
    app: App
    links: CalendarLinks
    client: aiohttp.ClientSession
    base: str
    clock: FakeClock
    monotonic: SteppedMonotonic
    metrics: Metrics

    async def new_link(self, guild_id: int | None, keywords: str | None = None) -> str:
        """The path prefix `/c/{secret}` of a fresh link."""
        return f"/c/{await self.links.create(guild_id, keywords)}"

    async def get(self, path: str, **kwargs: object) -> aiohttp.ClientResponse:
        response = await self.client.get(f"{self.base}{path}", **kwargs)  # type: ignore[arg-type]
        await response.read()
        return response


def web_settings(database_url: str, **web: object) -> Settings:
    return Settings(
        database=DatabaseSettings(url=database_url),
        web=WebSettings(enabled=True, public_url=PUBLIC_URL, **web),  # type: ignore[arg-type]
    )


@asynccontextmanager
async def serving(
    database_url: str, clock: FakeClock, liveness: Liveness | None = None, **web: object
) -> AsyncIterator[Web]:
    """The production web application on a real 127.0.0.1 port."""
    async with open_app(web_settings(database_url, **web), clock=clock) as app:
        monotonic = SteppedMonotonic()
        metrics = Metrics()
        links = CalendarLinks(app.sessions, app.clock)
        application = build_web_app(
            app,
            links,
            metrics,
            liveness or Liveness(scheduler_running=lambda: True, discord_state=lambda: "console"),
            monotonic=monotonic,
        )
        server = TestServer(application, host="127.0.0.1")
        await server.start_server()
        try:
            async with aiohttp.ClientSession() as client:
                yield Web(
                    app=app,
                    links=links,
                    client=client,
                    base=str(server.make_url("")).rstrip("/"),
                    clock=clock,
                    monotonic=monotonic,
                    metrics=metrics,
                )
        finally:
            await server.close()


@pytest.fixture
async def web(database_url: str) -> AsyncIterator[Web]:
    async with serving(database_url, FakeClock(NOW)) as running:
        yield running


async def give_source_to(app: App, source_name: str, guild_id: int) -> None:
    """Make a source (created by `add_event`) one server's own."""
    async with app.sessions.begin() as session:
        await session.execute(
            update(Source).where(Source.name == source_name).values(guild_id=guild_id)
        )
