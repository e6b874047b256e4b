"""Discord's Events tab end to end: opt in with /settings events, then a timeline event becomes a
Guild Scheduled Event, follows its move and goes when it is cancelled; refused without the right."""

from __future__ import annotations

import datetime as dt

import discord

from bot.app import App
from bot.db.models import GuildSettings
from bot.discord.bot import DatelineBot
from tests.discord.helpers import MANAGE_SERVER, add_event, report_change, started
from tests.fake_discord import FakeDiscord
from tests.support import wait_for

MANAGE_EVENTS = discord.Permissions(manage_events=True).value


async def test_events_tab_needs_manage_events(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    refused = await (
        await fake_discord.invoke("settings events", {"state": "on"}, permissions=MANAGE_SERVER)
    ).response()
    assert refused.ephemeral and refused.content == (
        "Dateline needs the Manage Events permission to add events to the Events tab; "
        "grant it and run /settings events on again."
    )
    async with app.sessions() as session:
        assert await session.get(GuildSettings, fake_discord.guild.id) is None


async def test_a_scheduled_event_is_created_moved_and_deleted_with_its_timeline_event(
    fake_discord: FakeDiscord, app: App
) -> None:
    guild = fake_discord.guild
    guild.grant(int(fake_discord.bot_user["id"]), MANAGE_EVENTS)
    await app.guilds.set_timezone(guild.id, "Europe/Berlin")
    investor_day = await add_event(
        app, "Cobalt Mining will hold investor day", dt.date(2025, 3, 20), summary="Investor day."
    )
    await add_event(app, "Too far ahead", dt.date(2025, 5, 1))
    await add_event(app, "A month", dt.date(2025, 3, 1), granularity="month")

    async with started(app) as bot:
        answer = await (
            await fake_discord.invoke(
                "settings events", {"state": "on", "days": 30}, permissions=MANAGE_SERVER
            )
        ).response()
        assert answer.content == "Upcoming events of the next 30 days now show in the Events tab."
        await wait_for(lambda: bool(guild.scheduled_events), what="the scheduled event")
        [created] = guild.scheduled_events.values()
        assert created["name"] == "Cobalt Mining will hold investor day"
        assert created["entity_type"] == 3 and created["privacy_level"] == 2
        assert created["entity_metadata"] == {"location": "https://news.example/story"}
        # all day in Berlin (UTC+1 in March): 20 March 00:00 → 21 March 00:00 local
        assert created["scheduled_start_time"] == "2025-03-19T23:00:00+00:00"
        assert created["scheduled_end_time"] == "2025-03-20T23:00:00+00:00"
        assert f"Dateline event #{investor_day}" in created["description"]

        # The stored change also wakes the bot's own delivery loop, so either may post the row.
        await report_change(app, investor_day, moved_to=dt.date(2025, 3, 27))
        assert await app.events_tab.plan() == 1
        await bot.delivery.deliver_due()
        moved_start = "2025-03-26T23:00:00+00:00"
        await wait_for(
            lambda: (
                [e["scheduled_start_time"] for e in guild.scheduled_events.values()]
                == [moved_start]
            ),
            what="the scheduled event moved",
        )
        await bot.delivery.deliver_due()  # takes the delivery lock: the loop's post is recorded
        [moved] = guild.scheduled_events.values()
        assert moved["id"] == created["id"]
        assert await app.events_tab.plan() == 0  # in step: nothing more to do

        await report_change(app, investor_day, cancelled=True)
        assert await app.events_tab.plan() == 1
        await bot.delivery.deliver_due()
        await wait_for(lambda: guild.scheduled_events == {}, what="the scheduled event deleted")
        deletes = fake_discord.requests_to(
            f"DELETE /guilds/{guild.id}/scheduled-events/{created['id']}"
        )
        assert [r.status for r in deletes] == [204]


async def test_switching_the_events_tab_off_takes_its_events_down(
    fake_discord: FakeDiscord, app: App
) -> None:
    guild = fake_discord.guild
    guild.grant(int(fake_discord.bot_user["id"]), MANAGE_EVENTS)
    await add_event(app, "Nickel auction", dt.date(2025, 3, 12))
    async with started(app) as bot:
        await app.guilds.set_events_tab(guild.id, 7)
        assert await app.events_tab.plan() == 1
        assert await bot.delivery.deliver_due() == 1
        assert len(guild.scheduled_events) == 1
        off = await (
            await fake_discord.invoke(
                "settings events", {"state": "off"}, permissions=MANAGE_SERVER
            )
        ).response()
        assert off.content == "Dateline's events are being removed from the Events tab."
        await wait_for(lambda: not guild.scheduled_events, what="the event to be deleted")
