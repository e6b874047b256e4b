"""/settings timezone: the server's IANA time zone for since/until, reminders and digests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.checks import MANAGE_SERVER, Refusal, require_manage_server
from bot.discord.zones import zone_autocomplete
from bot.guilds import GuildSettingsError

if TYPE_CHECKING:
    from bot.discord.bot import DatelineBot


class SettingsCog(commands.Cog):
    settings = app_commands.Group(
        name="settings",
        description="This server's Dateline settings (Manage Server)",
        guild_only=True,
        default_permissions=MANAGE_SERVER,
    )

    def __init__(self, bot: DatelineBot) -> None:
        self.app = bot.app

    @settings.command(name="timezone", description="The time zone dates and reminders use here")
    @app_commands.describe(name="an IANA time zone such as Europe/Berlin (type to search)")
    @app_commands.autocomplete(name=zone_autocomplete)
    @require_manage_server
    async def timezone(self, interaction: discord.Interaction[Any], name: str) -> None:
        assert interaction.guild_id is not None  # guild_only
        try:
            await self.app.guilds.set_timezone(interaction.guild_id, name.strip())
        except GuildSettingsError as exc:
            raise Refusal(str(exc)) from None
        local = self.app.clock.now().astimezone(ZoneInfo(name.strip()))
        await interaction.response.send_message(
            f"Time zone set to {name.strip()} (it is {local:%A %H:%M} there now). Dates typed in "
            "since/until and reminders use it; new weekly digests default to it.",
            ephemeral=True,
        )


async def setup(bot: DatelineBot) -> None:
    await bot.add_cog(SettingsCog(bot))
