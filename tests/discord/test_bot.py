"""The bot as a whole: cogs found and loaded, commands synced, intents, errors, `dateline run`."""

from __future__ import annotations

import asyncio
import importlib
import io
from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot import runner
from bot.app import App, open_app
from bot.config import ConfigError, Settings, load_settings
from bot.discord.bot import UNEXPECTED_ERROR, DatelineBot, error_text, extension_names
from bot.discord.checks import Refusal
from tests.discord.helpers import FEEDS, started
from tests.fake_discord import FakeDiscord, running_bot
from tests.support import FakeClock

OUR_COMMANDS = {
    "timeline",
    "upcoming",
    "event",
    "source",
    "subscribe",
    "unsubscribe",
    "subscriptions",
}


def test_every_module_in_exts_is_a_cog_extension_with_setup() -> None:
    names = extension_names()
    expected = {"timeline", "sources", "alerts", "digest", "export", "settings", "calendar"}
    assert {name.rpartition(".")[2] for name in names} == expected
    for name in names:
        assert callable(importlib.import_module(name).setup), name


async def test_commands_sync_to_the_configured_guild_with_minimal_intents(
    fake_discord: FakeDiscord, bot: DatelineBot
) -> None:
    synced = {c["name"]: c for c in fake_discord.commands_for(fake_discord.guild.id)}
    assert set(synced) >= OUR_COMMANDS
    assert fake_discord.global_commands == []
    source_subcommands = {o["name"] for o in synced["source"]["options"]}
    assert source_subcommands == {"add", "remove", "list", "status"}
    [identify] = fake_discord.gateway.ops(2)
    assert identify["d"]["intents"] == discord.Intents(guilds=True).value
    assert not bot.intents.message_content
    assert bot.allowed_mentions is not None and bot.allowed_mentions.to_dict() == {"parse": []}


async def test_without_guild_ids_commands_sync_globally(
    fake_discord: FakeDiscord, settings: Settings, clock: FakeClock
) -> None:
    everywhere = settings.model_copy(
        update={"discord": settings.discord.model_copy(update={"guild_ids": []})}
    )
    async with open_app(everywhere, clock=clock) as app, started(app):
        assert {c["name"] for c in fake_discord.global_commands} >= OUR_COMMANDS
        assert fake_discord.commands_for(fake_discord.guild.id) == []


async def test_an_unexpected_error_is_one_ephemeral_line(
    fake_discord: FakeDiscord, app: App
) -> None:
    bot = DatelineBot(app, guild_ready_timeout=0.1)

    @bot.tree.command(description="Fails")
    async def boom(interaction: discord.Interaction) -> None:
        raise RuntimeError("secret detail\nTraceback (most recent call last)")

    @bot.tree.command(description="Defers, then fails")
    async def slow_boom(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True)
        raise RuntimeError("secret detail")

    async with running_bot(bot):
        answer = await (await fake_discord.invoke("boom")).response()
        assert answer.ephemeral and answer.content == UNEXPECTED_ERROR
        deferred = await fake_discord.invoke("slow_boom")
        [followup] = await deferred.wait_followups(1)
        assert followup.content == UNEXPECTED_ERROR


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (Refusal("No.\nSecond line"), "No."),
        (app_commands.NoPrivateMessage(), "This command only works in a server."),
        (app_commands.CheckFailure(), "You are not allowed to use this command here."),
        (app_commands.AppCommandError("internal"), UNEXPECTED_ERROR),
    ],
)
def test_error_text_is_one_line(error: app_commands.AppCommandError, text: str) -> None:
    assert error_text(error) == text


async def test_dateline_run_with_a_token_answers_commands_and_posts_alerts(
    fake_discord: FakeDiscord,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "dateline.toml"
    config.write_text(
        f"[discord]\nguild_ids = [{fake_discord.guild.id}]\n"
        f'[[sources]]\nurl = "{(FEEDS / "seed_cnre.xml").as_uri()}"\nname = "Seed"\n'
        "alert_backlog = true\n"
        f"[[alerts]]\nchannel_id = {fake_discord.channel_id}\n"
    )
    for key, value in {
        "DATELINE_DISCORD_TOKEN": "fake-token",
        "DATELINE_DISCORD_API_BASE": fake_discord.api_base,
        "DATELINE_DISCORD_GATEWAY_URL": fake_discord.gateway_url,
        "DATELINE_DATABASE_URL": database_url,
    }.items():
        monkeypatch.setenv(key, value)
    settings = load_settings(config)
    stop = asyncio.Event()
    out = io.StringIO()
    task = asyncio.create_task(runner.run(settings, stop=stop, out=out))
    try:
        alerts = await fake_discord.wait_for_messages(1, timeout=20)  # one article
        assert {m.channel_id for m in alerts} == {fake_discord.channel_id}
        interaction = await fake_discord.invoke("timeline", {"query": "CNRE"})
        answer = await interaction.response()
        assert len(answer.data["embeds"][0]["description"].splitlines()) == 2
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    assert "running on Discord" in out.getvalue()
    assert fake_discord.gateway.ops(2)[0]["d"]["token"] == "fake-token"


async def test_dateline_run_with_a_refused_token_stops_with_one_line(
    fake_discord: FakeDiscord, settings: Settings
) -> None:
    fake_discord.fail_next("GET /users/@me", 401)
    with_token = settings.model_copy(update={"discord_token": "wrong"})
    with pytest.raises(ConfigError, match="Discord refused DATELINE_DISCORD_TOKEN"):
        await asyncio.wait_for(runner.run(with_token, stop=asyncio.Event()), 10)
