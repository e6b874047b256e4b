"""/calendar link (everyone) and /calendar rotate (Manage Server): secret URLs to the server's
timeline as a calendar feed, a web page and a read API, served by `bot/web/`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord.checks import Refusal, require_manage_server
from bot.web.links import CalendarLinks, LinkInputError, link_urls

if TYPE_CHECKING:
    from bot.discord.bot import DatelineBot


class CalendarCog(commands.Cog):
    calendar = app_commands.Group(
        name="calendar",
        description="Subscribe to this server's timeline in a calendar app or on the web",
        guild_only=True,
    )

    def __init__(self, bot: DatelineBot) -> None:
        self.app = bot.app
        self.links = CalendarLinks(bot.app.sessions, bot.app.clock)

    def _answer(self, secret: str, heading: str) -> str:
        urls = link_urls(self.app.settings.web.base_url, secret)
        disabled = (
            ""
            if self.app.settings.web.enabled
            else "\nNote: the web server is off on this bot ([web] enabled = false)."
        )
        return (
            f"{heading}\n"
            f"Calendar apps (subscribe by URL): <{urls.webcal}>\n"
            f"Same feed over https: <{urls.https}>\n"
            f"Web page and API: <{urls.page}>\n"
            "Keep these private: anyone with the link can read this server's timeline. "
            "A server manager can revoke them all with /calendar rotate."
            f"{disabled}"
        )

    @calendar.command(name="link", description="A private calendar/web link to this timeline")
    @app_commands.describe(keywords="only events matching every word (a separate link)")
    async def link(
        self, interaction: discord.Interaction[Any], keywords: str | None = None
    ) -> None:
        try:
            secret = await self.links.create(interaction.guild_id, keywords)
        except LinkInputError as exc:
            raise Refusal(str(exc)) from None
        narrowed = f" (events matching “{' '.join(keywords.split())}”)" if keywords else ""
        await interaction.response.send_message(
            self._answer(secret, f"Your link to this server's timeline{narrowed}:"),
            ephemeral=True,
            suppress_embeds=True,
        )

    @calendar.command(
        name="rotate", description="Revoke every calendar link of this server, make a new one"
    )
    @require_manage_server
    async def rotate(self, interaction: discord.Interaction[Any]) -> None:
        secret = await self.links.rotate(interaction.guild_id)
        await interaction.response.send_message(
            self._answer(
                secret, "Every earlier calendar link of this server stopped working. New:"
            ),
            ephemeral=True,
            suppress_embeds=True,
        )


async def setup(bot: DatelineBot) -> None:
    await bot.add_cog(CalendarCog(bot))
