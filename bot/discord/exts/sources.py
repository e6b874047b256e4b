"""/source add|remove|list|status: managing feeds from Discord (Manage Server)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.checks import MANAGE_SERVER, Refusal, is_server_manager, require_manage_server
from bot.discord.messages import message_kwargs
from bot.discord.render import (
    CHOICE_NAME_LIMIT,
    cut,
    source_added,
    source_list,
    source_status,
)
from bot.sources import SourceError

if TYPE_CHECKING:
    from bot.db.models import Source
    from bot.discord.bot import DatelineBot

MAX_INTERVAL_MINUTES = 10080


class SourcesCog(commands.Cog):
    source = app_commands.Group(
        name="source",
        description="Feeds Dateline reads (Manage Server)",
        guild_only=True,
        default_permissions=MANAGE_SERVER,
    )

    def __init__(self, bot: DatelineBot) -> None:
        self.app = bot.app

    async def _find(self, interaction: discord.Interaction[Any], ref: str) -> Source:
        assert interaction.guild_id is not None  # guild_only
        found = await self.app.sources.find_for_guild(ref.strip(), interaction.guild_id)
        if found is None:
            raise Refusal(f"No source {ref!r} in this server; see /source list.")
        return found

    @source.command(
        name="add", description="Add a feed (or a site that links one) and poll it once"
    )
    @app_commands.describe(
        url="the feed's or the site's http(s) address",
        interval_minutes="minutes between polls (default 30)",
    )
    @require_manage_server
    async def add(
        self,
        interaction: discord.Interaction[Any],
        url: str,
        interval_minutes: app_commands.Range[int, 1, MAX_INTERVAL_MINUTES] = 30,
    ) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)  # a poll takes seconds
        try:
            added = await self.app.sources.add(
                url, interval_minutes=interval_minutes, guild_id=interaction.guild_id
            )
        except SourceError as exc:
            raise Refusal(f"Could not add {url}: {exc}") from None
        await interaction.followup.send(source_added(added.source, added.report), ephemeral=True)

    @source.command(
        name="remove", description="Stop reading a feed; deletes its articles and its own events"
    )
    @app_commands.describe(source="the source (type to search)")
    @require_manage_server
    async def remove(self, interaction: discord.Interaction[Any], source: str) -> None:
        found = await self._find(interaction, source)
        if found.guild_id != interaction.guild_id:
            raise Refusal(
                f"{found.display_name} is shared by this bot's operator; only they can remove it."
            )
        try:
            removed, cost = await self.app.sources.remove(found.id)
        except SourceError as exc:
            raise Refusal(str(exc)) from None
        await interaction.response.send_message(
            f"Removed source #{removed.id} {removed.display_name} and deleted {cost}.",
            ephemeral=True,
        )

    @source.command(name="list", description="Feeds this server reads and their health")
    @require_manage_server
    async def list_sources(self, interaction: discord.Interaction[Any]) -> None:
        sources = await self.app.sources.list(guild_id=interaction.guild_id)
        await interaction.response.send_message(
            **message_kwargs(source_list(sources)), ephemeral=True
        )

    @source.command(name="status", description="One feed's health: last poll, errors, next poll")
    @app_commands.describe(source="the source (type to search)")
    @require_manage_server
    async def status(self, interaction: discord.Interaction[Any], source: str) -> None:
        found = await self._find(interaction, source)
        await interaction.response.send_message(
            **message_kwargs(source_status(found)), ephemeral=True
        )

    @remove.autocomplete("source")
    @status.autocomplete("source")
    async def source_suggestions(
        self, interaction: discord.Interaction[Any], current: str
    ) -> list[app_commands.Choice[str]]:
        try:
            is_server_manager(interaction)
        except app_commands.CheckFailure:
            return []
        typed = current.strip().lower()
        sources = await self.app.sources.list(guild_id=interaction.guild_id)
        return [
            app_commands.Choice(
                name=cut(f"#{s.id} {s.display_name}", CHOICE_NAME_LIMIT), value=str(s.id)
            )
            for s in sources
            if typed in s.display_name.lower() or typed in s.url.lower() or typed == str(s.id)
        ][:25]


async def setup(bot: DatelineBot) -> None:
    await bot.add_cog(SourcesCog(bot))
