"""/digest set|off|preview: a channel's weekly digest (Manage Server)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.checks import MANAGE_SERVER, Refusal, require_manage_server, server_viewer
from bot.discord.messages import message_kwargs
from bot.discord.zones import zone_autocomplete
from bot.outbox.digests import WEEKDAYS, DigestError

if TYPE_CHECKING:
    from bot.discord.bot import DatelineBot


class DigestCog(commands.Cog):
    digest = app_commands.Group(
        name="digest",
        description="This channel's weekly digest (Manage Server)",
        guild_only=True,
        default_permissions=MANAGE_SERVER,
    )

    def __init__(self, bot: DatelineBot) -> None:
        self.app = bot.app

    @digest.command(name="set", description="Post a weekly digest in this channel")
    @app_commands.describe(
        weekday="the day it is posted",
        time="local time, HH:MM on a 24-hour clock",
        timezone="IANA time zone (default: the server's, see /settings timezone)",
        include_empty="also post weeks without any events (default: skip them)",
    )
    @app_commands.choices(
        weekday=[app_commands.Choice(name=day, value=i) for i, day in enumerate(WEEKDAYS)]
    )
    @app_commands.autocomplete(timezone=zone_autocomplete)
    @require_manage_server
    async def set(
        self,
        interaction: discord.Interaction[Any],
        weekday: app_commands.Choice[int],
        time: str,
        timezone: str | None = None,
        include_empty: bool = False,
    ) -> None:
        assert interaction.channel_id is not None
        zone = (
            timezone.strip() if timezone else await self.app.guilds.timezone(interaction.guild_id)
        )
        try:
            schedule = await self.app.digests.set(
                channel_id=interaction.channel_id,
                guild_id=interaction.guild_id,
                weekday=weekday.value,
                local_time=time,
                timezone=zone,
                include_empty=include_empty,
            )
        except DigestError as exc:
            raise Refusal(str(exc)) from None
        first = self.app.digests.next_run(schedule)
        await interaction.response.send_message(
            f"Weekly digest in <#{interaction.channel_id}>: every {WEEKDAYS[schedule.weekday]} "
            f"at {schedule.local_time} ({schedule.timezone}); the next one "
            f"<t:{int(first.timestamp())}:F>.",
            ephemeral=True,
        )

    @digest.command(name="off", description="Stop this channel's weekly digest")
    @require_manage_server
    async def off(self, interaction: discord.Interaction[Any]) -> None:
        assert interaction.channel_id is not None
        if not await self.app.digests.off(interaction.channel_id):
            raise Refusal("This channel has no weekly digest; start one with /digest set.")
        await interaction.response.send_message(
            f"No more weekly digests in <#{interaction.channel_id}>.", ephemeral=True
        )

    @digest.command(name="preview", description="This channel's digest as if the week ended now")
    @require_manage_server
    async def preview(self, interaction: discord.Interaction[Any]) -> None:
        assert interaction.channel_id is not None
        await interaction.response.defer(ephemeral=True, thinking=True)  # the chart takes a moment
        schedule = await self.app.digests.get(interaction.channel_id)
        zone = (
            schedule.timezone if schedule else await self.app.guilds.timezone(interaction.guild_id)
        )
        message = await self.app.digests.preview(
            interaction.channel_id, zone, server_viewer(interaction)
        )
        await interaction.followup.send(**message_kwargs(message), ephemeral=True)


async def setup(bot: DatelineBot) -> None:
    await bot.add_cog(DigestCog(bot))
