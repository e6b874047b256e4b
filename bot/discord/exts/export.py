"""/export: the matching timeline as an .ics, .csv or .json file, open to everyone."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.checks import Refusal, server_viewer
from bot.exports import FORMATS, MAX_EXPORT_EVENTS, ExportFormat, load_details, render_export
from bot.query_dates import DateInputError
from bot.timeline import TimelineQuery

if TYPE_CHECKING:
    from bot.discord.bot import DatelineBot


class ExportCog(commands.Cog):
    def __init__(self, bot: DatelineBot) -> None:
        self.app = bot.app

    @app_commands.command(name="export", description="Download the timeline as a file")
    @app_commands.describe(
        format="ics (calendar apps), csv (spreadsheets) or json; default ics",
        query="words in the title or summary, or a source's name",
        since="first date: 2025-03-01, March 2025, last month",
        until="last date, same forms as since",
    )
    @app_commands.choices(format=[app_commands.Choice(name=f, value=f) for f in FORMATS])
    async def export(
        self,
        interaction: discord.Interaction[Any],
        format: app_commands.Choice[str] | None = None,  # the option users see
        query: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> None:
        fmt: ExportFormat = format.value if format else "ics"  # type: ignore[assignment]
        viewer = server_viewer(interaction)
        today = await self.app.guilds.today(interaction.guild_id, self.app.clock.now())
        try:
            search = TimelineQuery.typed(query, since, until, today)
        except DateInputError as exc:
            raise Refusal(str(exc)) from None
        await interaction.response.defer(ephemeral=True, thinking=True)
        details = await load_details(self.app.sessions, search, viewer=viewer)
        if not details:
            await interaction.followup.send("No events match.", ephemeral=True)
            return
        data = render_export(details, fmt)
        capped = f" (the first {MAX_EXPORT_EVENTS})" if len(details) >= MAX_EXPORT_EVENTS else ""
        count = f"{len(details)} event{'s' if len(details) != 1 else ''}{capped}."
        await interaction.followup.send(
            count,
            file=discord.File(io.BytesIO(data), filename=f"dateline-timeline.{fmt}"),
            ephemeral=True,
        )


async def setup(bot: DatelineBot) -> None:
    await bot.add_cog(ExportCog(bot))
