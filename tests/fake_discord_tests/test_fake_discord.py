"""The fake Discord server driven by the real, unmodified discord.py client."""

from __future__ import annotations

import contextlib
import io
import time
from collections.abc import AsyncIterator

import discord
import pytest
from discord.ext import commands

from tests.fake_discord import FakeDiscord, running_bot, wait_for


@contextlib.asynccontextmanager
async def connected(fake: FakeDiscord, bot: commands.Bot) -> AsyncIterator[commands.Bot]:
    """Run the bot against the fake with its commands synced to the test guild."""
    guild = discord.Object(fake.guild.id)
    bot.tree.copy_global_to(guild=guild)
    async with running_bot(bot):
        await bot.tree.sync(guild=guild)
        yield bot


@pytest.fixture
async def ready_bot(fake_discord: FakeDiscord, bot: commands.Bot) -> AsyncIterator[commands.Bot]:
    """The basic bot, connected and synced; closed on teardown."""
    async with connected(fake_discord, bot):
        yield bot


@pytest.fixture
async def ready_ui_bot(
    fake_discord: FakeDiscord, ui_bot: commands.Bot
) -> AsyncIterator[commands.Bot]:
    """The bot with view/modal/edit/nested-group commands, connected and synced."""
    async with connected(fake_discord, ui_bot):
        yield ui_bot


async def test_login_and_ready_populate_the_cache(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
    guild = ready_bot.get_guild(fake_discord.guild.id)
    assert guild is not None and guild.name == "Test Guild"
    assert ready_bot.user is not None and ready_bot.user.id == int(fake_discord.bot_user["id"])
    assert ready_bot.application_id == fake_discord.application_id
    channel = guild.get_channel(fake_discord.channel_id)
    assert isinstance(channel, discord.TextChannel) and channel.name == "general"
    assert guild.owner_id == fake_discord.owner_id
    assert guild.me.guild_permissions.send_messages
    assert [r["op"] for r in fake_discord.gateway.received[:2]] == [1, 2]


async def test_sync_assigns_ids_and_keeps_them(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
    synced = fake_discord.commands_for(fake_discord.guild.id)
    assert {c["name"] for c in synced} == {"ping", "slow", "events"}
    first_ids = {c["name"]: c["id"] for c in synced}
    again = await ready_bot.tree.sync(guild=discord.Object(fake_discord.guild.id))
    assert {c.name: str(c.id) for c in again} == first_ids
    fetched = await ready_bot.tree.fetch_commands(guild=discord.Object(fake_discord.guild.id))
    assert {c.name for c in fetched} == {"ping", "slow", "events"}
    assert await ready_bot.tree.fetch_commands() == []


async def test_ping_is_answered_with_a_message_callback(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
    interaction = await fake_discord.invoke("ping")
    callback = await interaction.response()
    assert callback.type == 4
    assert callback.content == "pong"
    assert callback.data["allowed_mentions"] == {"parse": []}


async def test_deferred_command_follows_up(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
    interaction = await fake_discord.invoke("slow", {"word": "hello"})
    assert (await interaction.response()).type == 5
    followups = await interaction.wait_followups(1)
    assert followups[0].content == "slow hello"
    assert await interaction.final_content() == "slow hello"


async def test_subcommand_options_and_ephemeral(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
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


async def test_autocomplete_returns_choices(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
    interaction = await fake_discord.autocomplete("events search", {"query": "fl"}, focused="query")
    callback = await interaction.response()
    assert callback.type == 8
    assert [c["value"] for c in callback.data["choices"]] == ["fl0", "fl1"]


async def test_channel_send_records_allowed_mentions(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
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


async def test_service_unavailable_is_not_retried(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
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
    assert interaction.seq in fake_discord.gateway.replayed
    [resume] = fake_discord.gateway.ops(6)
    assert fake_discord.gateway.current is not None
    assert resume["d"]["session_id"] == fake_discord.gateway.current.session_id
    assert len(fake_discord.gateway.ops(2)) == 1
    later = await fake_discord.invoke("ping")
    assert (await later.response()).content == "pong"


async def test_multipart_send_records_file_bytes(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
    channel = ready_bot.get_channel(fake_discord.channel_id)
    assert isinstance(channel, discord.TextChannel)
    data = b"\x89PNG fake image bytes"
    message = await channel.send("chart", file=discord.File(io.BytesIO(data), filename="chart.png"))
    [recorded] = fake_discord.messages
    assert recorded.sent["content"] == "chart"
    assert [(f.filename, f.data) for f in recorded.files] == [("chart.png", data)]
    assert message.attachments[0].filename == "chart.png"
    assert message.attachments[0].size == len(data)


async def test_unknown_route_is_a_loud_404(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
    with pytest.raises(discord.NotFound):
        await ready_bot.fetch_invite("abc")
    assert fake_discord.unknown_routes and "/invites/abc" in fake_discord.unknown_routes[0]


async def test_wait_for_times_out_without_sleeping_past_deadline() -> None:
    start = time.monotonic()
    with pytest.raises(TimeoutError):
        await wait_for(lambda: False, timeout=0.05)
    assert time.monotonic() - start < 1


async def test_reconnect_opcode_resumes(fake_discord: FakeDiscord, ready_bot: commands.Bot) -> None:
    await fake_discord.gateway.send_reconnect()
    await wait_for(
        lambda: fake_discord.gateway.ops(6) and fake_discord.gateway.connected, what="resume"
    )
    assert (await (await fake_discord.invoke("ping")).response()).content == "pong"


async def test_second_callback_is_rejected_like_discord(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
    interaction = await fake_discord.invoke("ping")
    await interaction.response()
    channel = ready_bot.get_channel(fake_discord.channel_id)
    assert isinstance(channel, discord.TextChannel)
    route = f"/interactions/{interaction.id}/{interaction.token}/callback"
    with pytest.raises(discord.HTTPException) as info:
        await ready_bot.http.request(
            discord.http.Route("POST", route), json={"type": 4, "data": {"content": "x"}}
        )
    assert info.value.code == 40060


async def test_rate_limited_interaction_callback_is_retried(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
    fake_discord.fail_next(
        "POST /interactions/{interaction_id}/{interaction_token}/callback", 429, retry_after=0.01
    )
    interaction = await fake_discord.invoke("ping")
    assert (await interaction.response()).content == "pong"
    statuses = [
        r.status
        for r in fake_discord.requests_to(
            "POST /interactions/{interaction_id}/{interaction_token}/callback"
        )
    ]
    assert statuses == [429, 200]


async def test_button_click_updates_the_message(
    fake_discord: FakeDiscord, ready_ui_bot: commands.Bot
) -> None:
    ask = await fake_discord.invoke("ask")
    callback = await ask.response()
    assert callback.data["components"][0]["components"][0]["custom_id"] == "confirm"
    assert ask.original is not None
    click = await fake_discord.click(ask.original, "confirm")
    update = await click.response()
    assert (update.type, update.content, update.data["components"]) == (7, "confirmed", [])


async def test_modal_round_trip(fake_discord: FakeDiscord, ready_ui_bot: commands.Bot) -> None:
    opened = await fake_discord.invoke("feedback")
    modal = await opened.response()
    assert modal.type == 9 and modal.data["custom_id"]
    submitted = await fake_discord.submit_modal(modal.data["custom_id"], {"text": "great"})
    assert (await submitted.response()).content == "thanks: great"


async def test_defer_then_edit_original(
    fake_discord: FakeDiscord, ready_ui_bot: commands.Bot
) -> None:
    interaction = await fake_discord.invoke("edit")
    assert await interaction.final_content() == "edited"
    [followup] = await interaction.wait_followups(1)
    assert followup.content == "original says edited"
    assert [(target, body["content"]) for target, body in interaction.edits] == [
        ("@original", "edited")
    ]


async def test_interaction_files_are_recorded(
    fake_discord: FakeDiscord, ready_ui_bot: commands.Bot
) -> None:
    interaction = await fake_discord.invoke("chart")
    callback = await interaction.response()
    assert (callback.type, callback.content) == (4, "chart")
    assert [(f.filename, f.data) for f in callback.files] == [("a.png", b"one")]
    [followup] = await interaction.wait_followups(1)
    assert [(f.filename, f.data) for f in followup.files] == [("b.png", b"two")]
    assert followup.message["attachments"][0]["size"] == 3


async def test_subcommand_group_with_channel_option(
    fake_discord: FakeDiscord, ready_ui_bot: commands.Bot
) -> None:
    interaction = await fake_discord.invoke(
        "admin feeds add", {"url": "https://example.org/rss", "channel": fake_discord.channel_id}
    )
    assert (await interaction.response()).content == "added https://example.org/rss to #general"


async def test_user_messages_and_echo_reach_on_message(
    fake_discord: FakeDiscord, ready_ui_bot: commands.Bot
) -> None:
    fake_discord.echo_messages = True
    await fake_discord.send_user_message("hi bot")
    channel = ready_ui_bot.get_channel(fake_discord.channel_id)
    assert isinstance(channel, discord.TextChannel)
    await channel.send("hi human")
    seen = ready_ui_bot.seen_messages  # type: ignore[attr-defined]
    await wait_for(lambda: len(seen) == 2, what="both messages seen")
    assert ready_ui_bot.user is not None
    assert [m.author.id for m in seen] == [fake_discord.member_id, ready_ui_bot.user.id]
    assert seen[0].guild.id == fake_discord.guild.id
    assert seen[0].content == ""  # no message_content intent, as on Discord
    assert seen[1].content == "hi human"  # the bot's own messages keep their content


async def test_message_content_intent_reveals_content(fake_discord: FakeDiscord) -> None:
    intents = discord.Intents.default()
    intents.message_content = True
    bot = commands.Bot(command_prefix="!", intents=intents, guild_ready_timeout=0.1)

    @bot.command()
    async def hello(ctx: commands.Context[commands.Bot]) -> None:
        await ctx.send(f"hello {ctx.author.name}")

    async with running_bot(bot):
        await fake_discord.send_user_message("!hello")
        [reply] = await fake_discord.wait_for_messages(1)
        assert reply.content == "hello member"


async def test_unsynced_command_is_a_clear_error(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
    with pytest.raises(LookupError, match="not synced"):
        await fake_discord.invoke("nope")
    with pytest.raises(LookupError, match="no option"):
        await fake_discord.invoke("ping", {"extra": 1})


async def test_misc_rest_routes(fake_discord: FakeDiscord, ready_bot: commands.Bot) -> None:
    info = await ready_bot.application_info()
    assert (info.id, info.owner.id) == (fake_discord.application_id, fake_discord.owner_id)
    guild = await ready_bot.fetch_guild(fake_discord.guild.id)
    assert guild.name == "Test Guild"
    member = await guild.fetch_member(fake_discord.member_id)
    assert member.name == "member"
    channel = ready_bot.get_channel(fake_discord.channel_id)
    assert isinstance(channel, discord.TextChannel)
    async with channel.typing():
        message = await channel.send("draft")
    edited = await message.edit(content="final")
    assert edited.content == "final" and edited.edited_at is not None
    assert (await channel.fetch_message(message.id)).content == "final"
    await message.delete()
    with pytest.raises(discord.NotFound):
        await channel.fetch_message(message.id)
    assert fake_discord.unknown_routes == []


async def test_an_enforced_nonce_returns_the_first_message_as_discord_does(
    fake_discord: FakeDiscord, ready_bot: commands.Bot
) -> None:
    channel = ready_bot.get_partial_messageable(fake_discord.channel_id)
    first = await channel.send("once", nonce="row-1")
    again = await channel.send("once", nonce="row-1")
    other = await channel.send("twice", nonce="row-2")
    assert again.id == first.id and other.id != first.id
    assert [m.sent["content"] for m in fake_discord.messages] == ["once", "twice"]
    assert fake_discord.messages[0].sent["enforce_nonce"] is True
    assert fake_discord.nonce_repeats == 1
    # Discord's own description allows 25 characters at most: refused before it is stored.
    with pytest.raises(discord.HTTPException, match="nonce"):
        await channel.send("too long", nonce="n" * 26)
    assert [e.split(":")[0] for e in fake_discord.spec_errors] == [
        "POST /channels/{channel_id}/messages"
    ]
    fake_discord.spec_errors.clear()  # the one refusal this test asked for
