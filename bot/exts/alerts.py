"""/subscribe, /unsubscribe, /subscriptions: which channels get alerts (Manage Server)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.db.models import Subscription
from bot.delivery import message_kwargs
from bot.exts.checks import Refusal, manage_server
from bot.filters import FilterError, parse_keyword_list
from bot.render_discord import subscription_line, subscription_list
from bot.subscriptions import MAX_HOURLY_CAP, MAX_REMIND_HOURS, AlertShape, SubscriptionError
from bot.templates import PLACEHOLDERS

if TYPE_CHECKING:
    from bot.discord_bot import DatelineBot


def _in_guild(interaction: discord.Interaction[Any], channel_id: int) -> bool:
    """Config subscriptions name only a channel; show them in the server that has it."""
    return interaction.guild is not None and interaction.guild.get_channel(channel_id) is not None


class AlertsCog(commands.Cog):
    def __init__(self, bot: DatelineBot) -> None:
        self.app = bot.app

    @app_commands.command(name="subscribe", description="Post alerts of new events to a channel")
    @app_commands.describe(
        channel="where alerts go",
        keywords="only events matching any of these: comma-separated words or /regex/",
        role="a role to ping with each alert",
        remind_hours="also remind this many hours before each event's day",
        per="one message per article (default) or per event",
        only="all new events (default) or upcoming ones only",
        template="message text with " + " ".join(f"{{{p}}}" for p in PLACEHOLDERS),
        min_confidence="leave out events extracted with less confidence (0 to 1)",
        hourly_cap="at most this many alerts an hour; the rest come as one summary",
        preview="show the next alert as it would be posted, without saving anything",
    )
    @manage_server()
    async def subscribe(
        self,
        interaction: discord.Interaction[Any],
        channel: discord.TextChannel,
        keywords: str | None = None,
        role: discord.Role | None = None,
        remind_hours: app_commands.Range[int, 1, MAX_REMIND_HOURS] | None = None,
        per: Literal["article", "event"] = "article",
        only: Literal["all", "upcoming"] = "all",
        template: str | None = None,
        min_confidence: app_commands.Range[float, 0.0, 1.0] | None = None,
        hourly_cap: app_commands.Range[int, 1, MAX_HOURLY_CAP] | None = None,
        preview: bool = False,
    ) -> None:
        if role is not None and role.is_default():
            raise Refusal("Pick a role to ping; @everyone is never pinged.")
        options: dict[str, Any] = {
            "guild_id": interaction.guild_id,
            "channel_id": channel.id,
            "role_id": role.id if role is not None else None,
            "remind_hours": remind_hours,
            "shape": AlertShape(per, only, template, min_confidence, hourly_cap),
        }
        try:
            keyword_list = parse_keyword_list(keywords)
            if preview:
                draft = self.app.subscriptions.draft(keywords=keyword_list, **options)
                await self._preview(interaction, draft)
                return
            result = await self.app.subscriptions.subscribe(keywords=keyword_list, **options)
        except (FilterError, SubscriptionError) as exc:
            raise Refusal(str(exc)) from None
        verb = "Subscribed" if result.created else "Updated"
        await interaction.response.send_message(
            f"{verb}: {subscription_line(result.subscription)}", ephemeral=True
        )

    async def _preview(self, interaction: discord.Interaction[Any], draft: Subscription) -> None:
        """Exactly the message the worker would post for the latest matching article."""
        message = await self.app.alerts.preview(draft, self.app.clock.now())
        if message is None:
            raise Refusal("No article on the timeline matches these settings yet.")
        await interaction.response.send_message(
            **message_kwargs(message),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )

    @app_commands.command(name="unsubscribe", description="Stop alerts in a channel")
    @app_commands.describe(channel="the channel that gets alerts now")
    @manage_server()
    async def unsubscribe(
        self, interaction: discord.Interaction[Any], channel: discord.TextChannel
    ) -> None:
        try:
            await self.app.subscriptions.unsubscribe(channel.id)
        except SubscriptionError as exc:
            raise Refusal(str(exc)) from None
        await interaction.response.send_message(
            f"No more alerts in <#{channel.id}>.", ephemeral=True
        )

    @app_commands.command(name="subscriptions", description="This server's alert channels")
    @manage_server()
    async def subscriptions(self, interaction: discord.Interaction[Any]) -> None:
        rows = [
            row
            for row in await self.app.subscriptions.list(guild_id=interaction.guild_id)
            if not row.from_config or _in_guild(interaction, row.channel_id)
        ]
        await interaction.response.send_message(
            **message_kwargs(subscription_list(rows)), ephemeral=True
        )


async def setup(bot: DatelineBot) -> None:
    await bot.add_cog(AlertsCog(bot))
