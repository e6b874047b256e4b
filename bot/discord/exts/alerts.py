"""/subscribe, /unsubscribe, /subscriptions: which channels get alerts (Manage Server)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from bot.db.models import Subscription
from bot.discord.checks import Refusal, manage_server
from bot.discord.messages import message_kwargs
from bot.discord.render import subscription_line, subscription_list
from bot.filters import FilterError, parse_keyword_list
from bot.subscriptions import (
    MAX_HOURLY_CAP,
    MAX_REMIND_HOURS,
    AlertShape,
    Destination,
    SubscriptionError,
)
from bot.templates import PLACEHOLDERS

if TYPE_CHECKING:
    from bot.discord.bot import DatelineBot


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
        webhook_name="post through a channel webhook under this name (needs Manage Webhooks)",
        webhook_avatar="with this avatar (an https:// image link)",
    )
    @manage_server()
    async def subscribe(
        self,
        interaction: discord.Interaction[Any],
        channel: discord.TextChannel | discord.Thread | discord.ForumChannel,
        keywords: str | None = None,
        role: discord.Role | None = None,
        remind_hours: app_commands.Range[int, 1, MAX_REMIND_HOURS] | None = None,
        per: Literal["article", "event"] = "article",
        only: Literal["all", "upcoming"] = "all",
        template: str | None = None,
        min_confidence: app_commands.Range[float, 0.0, 1.0] | None = None,
        hourly_cap: app_commands.Range[int, 1, MAX_HOURLY_CAP] | None = None,
        preview: bool = False,
        webhook_name: str | None = None,
        webhook_avatar: str | None = None,
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
            destination = await self._destination(channel, webhook_name, webhook_avatar)
            result = await self.app.subscriptions.subscribe(
                keywords=keyword_list, destination=destination, **options
            )
        except (FilterError, SubscriptionError) as exc:
            raise Refusal(str(exc)) from None
        verb = "Subscribed" if result.created else "Updated"
        await interaction.response.send_message(
            f"{verb}: {subscription_line(result.subscription)}", ephemeral=True
        )

    async def _destination(
        self,
        channel: discord.TextChannel | discord.Thread | discord.ForumChannel,
        webhook_name: str | None,
        webhook_avatar: str | None,
    ) -> Destination:
        """The channel's kind, and the bot's own webhook (made once, then kept) when asked for."""
        target = (
            "thread"
            if isinstance(channel, discord.Thread)
            else "forum"
            if isinstance(channel, discord.ForumChannel)
            else "channel"
        )
        if webhook_name is None:
            return Destination(target)
        hooked = channel.parent if isinstance(channel, discord.Thread) else channel
        if hooked is None or not hooked.permissions_for(hooked.guild.me).manage_webhooks:
            raise Refusal(
                f"Dateline needs the Manage Webhooks permission in <#{channel.id}> to post under "
                "its own name; grant it, or subscribe without webhook_name."
            )
        existing = await self.app.subscriptions.for_channel(channel.id)
        hook_id: int
        token: str | None
        if existing is not None and existing.webhook_id is not None and existing.webhook_token:
            hook_id, token = existing.webhook_id, existing.webhook_token
        else:
            try:
                hook = await hooked.create_webhook(name="Dateline")
            except discord.Forbidden:
                raise Refusal(
                    f"Discord refused to make a webhook in <#{channel.id}>: "
                    "Dateline needs the Manage Webhooks permission there."
                ) from None
            hook_id, token = hook.id, hook.token
        return Destination(target, hook_id, token, webhook_name, webhook_avatar)

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
        self,
        interaction: discord.Interaction[Any],
        channel: discord.TextChannel | discord.Thread | discord.ForumChannel,
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
