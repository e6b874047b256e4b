"""/settings timezone | language | events: the server's zone and language for dates, reminders
and digests, and whether upcoming events show in Discord's Events tab."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.checks import MANAGE_SERVER, Refusal, require_manage_server
from bot.discord.zones import zone_autocomplete
from bot.guilds import GuildSettingsError
from bot.outbox.events_tab import MAX_DAYS

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

    @settings.command(name="language", description="The language dates are written in here")
    @app_commands.describe(code="a language code such as en, de, fr or pt-BR")
    @require_manage_server
    async def language(self, interaction: discord.Interaction[Any], code: str) -> None:
        assert interaction.guild_id is not None  # guild_only
        try:
            await self.app.guilds.set_language(interaction.guild_id, code.strip())
        except GuildSettingsError as exc:
            raise Refusal(str(exc)) from None
        await interaction.response.send_message(
            f"Dates are now written in {code.strip()}.", ephemeral=True
        )

    @settings.command(name="events", description="Show upcoming events in the Events tab")
    @app_commands.describe(
        state="on: upcoming day events become Discord events; off: remove them",
        days="how many days ahead (default 14)",
    )
    @require_manage_server
    async def events(
        self,
        interaction: discord.Interaction[Any],
        state: Literal["on", "off"],
        days: app_commands.Range[int, 1, MAX_DAYS] = 14,
    ) -> None:
        assert interaction.guild_id is not None  # guild_only
        if state == "on" and not interaction.app_permissions.manage_events:
            raise Refusal(
                "Dateline needs the Manage Events permission to add events to the Events tab; "
                "grant it and run /settings events on again."
            )
        await self.app.guilds.set_events_tab(interaction.guild_id, days if state == "on" else None)
        if await self.app.events_tab.plan():
            self.app.outbox_wakeup.set()
        await interaction.response.send_message(
            f"Upcoming events of the next {days} days now show in the Events tab."
            if state == "on"
            else "Dateline's events are being removed from the Events tab.",
            ephemeral=True,
        )


async def setup(bot: DatelineBot) -> None:
    await bot.add_cog(SettingsCog(bot))
