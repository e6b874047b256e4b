"""Fixtures for testing the fake server with the real discord.py client."""

from __future__ import annotations

import io

import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.fake_discord.pytest_plugin import fake_discord  # noqa: F401  (pytest_plugins is root-only)


@pytest.fixture
def bot() -> commands.Bot:
    """A plain Bot like production's, with a responding, a deferring and a grouped command."""
    bot = commands.Bot(
        command_prefix="!",
        intents=discord.Intents.default(),
        allowed_mentions=discord.AllowedMentions.none(),
        guild_ready_timeout=0.1,
    )

    @bot.tree.command(description="Answer right away")
    async def ping(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong")

    @bot.tree.command(description="Defer, then follow up")
    async def slow(interaction: discord.Interaction, word: str) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send(f"slow {word}")

    events = app_commands.Group(name="events", description="Timeline events")

    @events.command(name="search", description="Search events")
    @app_commands.describe(query="what to look for")
    async def search(interaction: discord.Interaction, query: str, limit: int = 3) -> None:
        await interaction.response.send_message(f"search {query} {limit}", ephemeral=True)

    @search.autocomplete("query")
    async def search_complete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=f"{current} {n}", value=f"{current}{n}") for n in range(2)]

    @events.command(name="whois", description="Mention a member")
    async def whois(interaction: discord.Interaction, member: discord.Member) -> None:
        perms = interaction.permissions.manage_guild
        await interaction.response.send_message(f"{member.name} manage_guild={perms}")

    bot.tree.add_command(events)
    return bot


class Confirm(discord.ui.View):
    """A one-button view, to exercise component interactions (type 3 -> callback 7)."""

    @discord.ui.button(label="Confirm", custom_id="confirm")
    async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.edit_message(content="confirmed", view=None)


class Feedback(discord.ui.Modal, title="Feedback"):
    """A one-field modal, to exercise modal submits (type 5)."""

    text: discord.ui.TextInput[Feedback] = discord.ui.TextInput(label="Text", custom_id="text")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"thanks: {self.text.value}")


@pytest.fixture
def ui_bot(bot: commands.Bot) -> commands.Bot:
    """The ``bot`` plus commands using views, modals, edits, nested groups and on_message."""

    @bot.tree.command(description="Ask for confirmation")
    async def ask(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("sure?", view=Confirm())

    @bot.tree.command(description="Open a modal")
    async def feedback(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(Feedback())

    @bot.tree.command(description="Defer, then edit the original response")
    async def edit(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        await interaction.edit_original_response(content="edited")
        original = await interaction.original_response()
        await interaction.followup.send(f"original says {original.content}")

    @bot.tree.command(description="Answer with a file, then follow up with another")
    async def chart(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(
            "chart", file=discord.File(io.BytesIO(b"one"), "a.png")
        )
        await interaction.followup.send(file=discord.File(io.BytesIO(b"two"), "b.png"))

    admin = app_commands.Group(name="admin", description="Admin tools")
    feeds = app_commands.Group(name="feeds", description="Feed admin", parent=admin)

    @feeds.command(name="add", description="Add a feed")
    async def add(interaction: discord.Interaction, url: str, channel: discord.TextChannel) -> None:
        await interaction.response.send_message(f"added {url} to #{channel.name}")

    bot.tree.add_command(admin)
    bot.seen_messages = []  # type: ignore[attr-defined]

    @bot.listen()
    async def on_message(message: discord.Message) -> None:
        bot.seen_messages.append(message)  # type: ignore[attr-defined]

    return bot
