"""Fixtures for the Discord layer: a fake Discord, a real database, the real bot between them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import App, open_app
from bot.config import (
    DatabaseSettings,
    DiscordSettings,
    FetchSettings,
    SchedulerSettings,
    Settings,
)
from bot.discord.bot import DatelineBot
from tests.discord.helpers import START, started
from tests.fake_discord import FakeDiscord
from tests.support import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def settings(database_url: str, fake_discord: FakeDiscord) -> Settings:
    """Pointed at the fake Discord; the periodic outbox check is slow so tests wake it."""
    return Settings(
        database=DatabaseSettings(url=database_url),
        discord=DiscordSettings(
            api_base=fake_discord.api_base,
            gateway_url=fake_discord.gateway_url,
            guild_ids=[fake_discord.guild.id],
        ),
        fetch=FetchSettings(allow_private_addresses=True, timeout_seconds=5.0),
        scheduler=SchedulerSettings(delivery_check_seconds=300),
    )


@pytest.fixture
async def app(settings: Settings, clock: FakeClock) -> AsyncIterator[App]:
    async with open_app(settings, clock=clock) as app:
        yield app


@pytest.fixture
async def bot(app: App) -> AsyncIterator[DatelineBot]:
    """The production bot, logged in to the fake Discord, commands synced to its guild."""
    async with started(app) as bot:
        yield bot
