"""SubscriptionService and GuildSettingsService on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.app import App
from bot.config import AlertSettings
from bot.filters import FilterError
from bot.guilds import GuildSettingsError
from bot.subscriptions import SubscriptionError

GUILD = 111


async def test_subscribe_creates_then_updates_and_resumes(app: App) -> None:
    first = await app.subscriptions.subscribe(guild_id=GUILD, channel_id=5, keywords=["nickel"])
    assert first.created and first.subscription.keywords == ["nickel"]
    assert await app.subscriptions.pause(first.subscription.id, "403")
    assert not await app.subscriptions.pause(first.subscription.id, "again")  # already paused
    await app.subscriptions.resume(first.subscription.id)
    assert await app.subscriptions.pause(first.subscription.id, "403")

    again = await app.subscriptions.subscribe(
        guild_id=GUILD, channel_id=5, keywords=[" cobalt ", ""], role_id=9, remind_hours=24
    )
    assert not again.created
    [stored] = await app.subscriptions.list()
    assert (stored.keywords, stored.role_id, stored.remind_hours) == (["cobalt"], 9, 24)
    assert not stored.paused and stored.paused_reason is None


async def test_bad_values_are_refused(app: App) -> None:
    with pytest.raises(FilterError):
        await app.subscriptions.subscribe(guild_id=GUILD, channel_id=5, keywords=["/(/"])
    with pytest.raises(SubscriptionError, match="remind_hours"):
        await app.subscriptions.subscribe(guild_id=GUILD, channel_id=5, remind_hours=0)
    with pytest.raises(SubscriptionError, match="no alert subscription"):
        await app.subscriptions.unsubscribe(5)
    assert await app.subscriptions.list() == []


async def test_config_alerts_are_mirrored_and_protected(app: App) -> None:
    await app.subscriptions.subscribe(guild_id=GUILD, channel_id=1)  # made on Discord
    await app.subscriptions.subscribe(guild_id=GUILD, channel_id=2)

    declared = await app.subscriptions.sync_config(
        [
            AlertSettings(channel_id=2, keywords=["rare earth"], role_id=7),
            AlertSettings(channel_id=3, remind_hours=12),
        ]
    )
    assert [(s.channel_id, s.keywords, s.role_id) for s in declared] == [
        (2, ["rare earth"], 7),
        (3, [], None),
    ]
    with pytest.raises(SubscriptionError, match="config file"):
        await app.subscriptions.unsubscribe(3)
    with pytest.raises(SubscriptionError, match="config file"):
        await app.subscriptions.subscribe(guild_id=GUILD, channel_id=2)

    await app.subscriptions.sync_config([AlertSettings(channel_id=3)])
    # Dropped from the file: retired, never deleted; a /subscribe there takes the row over.
    kept = {s.channel_id: s for s in await app.subscriptions.list()}
    assert sorted(kept) == [1, 2, 3] and kept[2].retired_at is not None
    assert kept[2].keywords == ["rare earth"] and kept[3].retired_at is None
    assert [s.channel_id for s in await app.subscriptions.list(guild_id=999)] == [2, 3]
    revived = await app.subscriptions.sync_config(
        [AlertSettings(channel_id=2), AlertSettings(channel_id=3)]
    )
    assert [(s.channel_id, s.retired_at) for s in revived] == [(2, None), (3, None)]


async def test_guild_time_zone_and_notice_channel(app: App) -> None:
    assert await app.guilds.timezone(GUILD) == "UTC"
    assert await app.guilds.timezone(None) == "UTC"
    await app.guilds.set_timezone(GUILD, "Europe/Berlin")
    await app.guilds.set_notice_channel(GUILD, 42)
    assert await app.guilds.timezone(GUILD) == "Europe/Berlin"
    assert await app.guilds.notice_channel(GUILD) == 42
    assert await app.guilds.notice_channel(GUILD + 1) is None
    with pytest.raises(GuildSettingsError, match="IANA"):
        await app.guilds.set_timezone(GUILD, "Mars/Olympus")
