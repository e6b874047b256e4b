"""The fake Discord server driven by the real, unmodified discord.py client."""

from __future__ import annotations

import io
import time

import discord
import pytest
from discord.ext import commands

from tests.fake_discord import FakeDiscord, running_bot, wait_for


async def start_and_sync(fake: FakeDiscord, bot: commands.Bot) -> None:
    """Sync the tree to the test guild, as the bot's setup would."""
    await bot.tree.sync(guild=discord.Object(fake.guild.id))


@pytest.fixture
async def ready_bot(fake_discord: FakeDiscord, bot: commands.Bot):
    """The bot connected to the fake and its commands synced to the guild; closed on teardown."""
    bot.tree.copy_global_to(guild=discord.Object(fake_discord.guild.id))
    async with running_bot(bot):
        await start_and_sync(fake_discord, bot)
        yield bot


async def test_login_and_ready_populate_the_cache(fake_discord: FakeDiscord, ready_bot: commands.Bot) -> None:
    guild = ready_bot.get_guild(fake_discord.guild.id)
    assert guild is not None and guild.name == "Test Guild"
    assert ready_bot.user is not None and ready_bot.user.id == int(fake_discord.bot_user["id"])
    assert ready_bot.application_id == fake_discord.application_id
    channel = guild.get_channel(fake_discord.channel_id)
    assert isinstance(channel, discord.TextChannel) and channel.name == "general"
    assert guild.owner_id == fake_discord.owner_id
    assert guild.me.guild_permissions.send_messages
    assert [r["op"] for r in fake_discord.gateway.received[:2]] == [1, 2]


async def test_sync_assigns_ids_and_keeps_them(fake_discord: FakeDiscord, ready_bot: commands.Bot) -> None:
    synced = fake_discord.commands_for(fake_discord.guild.id)
    assert {c["name"] for c in synced} == {"ping", "slow", "events"}
    first_ids = {c["name"]: c["id"] for c in synced}
    again = await ready_bot.tree.sync(guild=discord.Object(fake_discord.guild.id))
    assert {c.name: str(c.id) for c in again} == first_ids
    fetched = await ready_bot.tree.fetch_commands(guild=discord.Object(fake_discord.guild.id))
    assert {c.name for c in fetched} == {"ping", "slow", "events"}
    assert await ready_bot.tree.fetch_commands() == []


async def test_ping_is_answered_with_a_message_callback(fake_discord: FakeDiscord, ready_bot: commands.Bot) -> None:
    interaction = await fake_discord.invoke("ping")
    callback = await interaction.response()
    assert callback.type == 4
    assert callback.content == "pong"
    assert callback.data["allowed_mentions"] == {"parse": []}


async def test_deferred_command_follows_up(fake_discord: FakeDiscord, ready_bot: commands.Bot) -> None:
    interaction = await fake_discord.invoke("slow", {"word": "hello"})
    assert (await interaction.response()).type == 5
    followups = await interaction.wait_followups(1)
    assert followups[0].content == "slow hello"
    assert await interaction.final_content() == "slow hello"


async def test_subcommand_options_and_ephemeral(fake_discord: FakeDiscord, ready_bot: commands.Bot) -> None:
    interaction = await fake_discord.invoke("events search", {"query": "flood", "limit": 5})
    callback = await interaction.response()
    assert callback.content == "search flood 5"
    assert callback.ephemeral


async def test_member_option_is_resolved_and_permissions_flow(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
    plain = await fake_discord.invoke("events whois", {"member": fake_discord.owner_id})
    assert (await plain.response()).content == "owner manage_guild=False"
    admin = await fake_discord.invoke(
        "events whois", {"member": fake_discord.member_id}, user_id=fake_discord.owner_id
    )
    assert (await admin.response()).content == "member manage_guild=True"
    forced = await fake_discord.invoke(
        "events whois",
        {"member": fake_discord.member_id},
        permissions=discord.Permissions(manage_guild=True).value,
    )
    assert (await forced.response()).content == "member manage_guild=True"


async def test_autocomplete_returns_choices(fake_discord: FakeDiscord, ready_bot: commands.Bot) -> None:
    interaction = await fake_discord.autocomplete("events search", {"query": "fl"}, focused="query")
    callback = await interaction.response()
    assert callback.type == 8
    assert [c["value"] for c in callback.data["choices"]] == ["fl0", "fl1"]


async def test_channel_send_records_allowed_mentions(fake_discord: FakeDiscord, ready_bot: commands.Bot) -> None:
    channel = ready_bot.get_channel(fake_discord.channel_id)
    assert isinstance(channel, discord.TextChannel)
    message = await channel.send("hello @everyone")
    [recorded] = fake_discord.messages
    assert recorded.sent["allowed_mentions"] == {"parse": []}
    assert recorded.content == "hello @everyone"
    assert message.id == recorded.id
    fetched = await ready_bot.fetch_channel(fake_discord.channel_id)
    assert fetched.id == fake_discord.channel_id


async def test_rate_limit_then_bad_gateway_still_sends_once(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
    route = "POST /channels/{channel_id}/messages"
    fake_discord.fail_next(route, 429, retry_after=0.01)
    fake_discord.fail_next(route, 502)
    channel = ready_bot.get_channel(fake_discord.channel_id)
    assert isinstance(channel, discord.TextChannel)
    await channel.send("eventually")
    assert [r.status for r in fake_discord.requests_to(route)] == [429, 502, 200]
    assert [m.content for m in fake_discord.messages] == ["eventually"]


async def test_service_unavailable_is_not_retried(fake_discord: FakeDiscord, ready_bot: commands.Bot) -> None:
    fake_discord.fail_next(f"POST /channels/{fake_discord.channel_id}/messages", 503)
    channel = ready_bot.get_channel(fake_discord.channel_id)
    assert isinstance(channel, discord.TextChannel)
    with pytest.raises(discord.DiscordServerError):
        await channel.send("lost")
    assert fake_discord.messages == []


@pytest.mark.parametrize("code", [4000, None], ids=["close-4000", "abrupt-drop"])
async def test_gateway_drop_resumes_and_replays(
    fake_discord: FakeDiscord, ready_bot: commands.Bot, code: int | None
) -> None:
    await fake_discord.drop_gateway(code)
    # Dispatched while the client is away: it must arrive through the RESUME replay.
    interaction = await fake_discord.invoke("ping")
    assert (await interaction.response()).content == "pong"
    [resume] = fake_discord.gateway.ops(6)
    assert resume["d"]["session_id"] == fake_discord.gateway.current.session_id
    assert len(fake_discord.gateway.ops(2)) == 1
    later = await fake_discord.invoke("ping")
    assert (await later.response()).content == "pong"


async def test_multipart_send_records_file_bytes(fake_discord: FakeDiscord, ready_bot: commands.Bot) -> None:
    channel = ready_bot.get_channel(fake_discord.channel_id)
    assert isinstance(channel, discord.TextChannel)
    data = b"\x89PNG fake image bytes"
    message = await channel.send("chart", file=discord.File(io.BytesIO(data), filename="chart.png"))
    [recorded] = fake_discord.messages
    assert recorded.sent["content"] == "chart"
    assert [(f.filename, f.data) for f in recorded.files] == [("chart.png", data)]
    assert message.attachments[0].filename == "chart.png"
    assert message.attachments[0].size == len(data)


async def test_unknown_route_is_a_loud_404(fake_discord: FakeDiscord, ready_bot: commands.Bot) -> None:
    with pytest.raises(discord.NotFound):
        await ready_bot.fetch_invite("abc")
    assert fake_discord.unknown_routes and "/invites/abc" in fake_discord.unknown_routes[0]


async def test_wait_for_times_out_without_sleeping_past_deadline() -> None:
    start = time.monotonic()
    with pytest.raises(TimeoutError):
        await wait_for(lambda: False, timeout=0.05)
    assert time.monotonic() - start < 1
