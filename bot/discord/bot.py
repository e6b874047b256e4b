"""The Discord bot: slash commands only (no privileged intents), mentions off by default.

Cogs in `bot/discord/exts/` reach the services through `bot.app` (an `App`); the delivery worker
runs inside the bot from `setup_hook` until `close()`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import pkgutil
from typing import Any

import discord
import yarl
from discord import app_commands
from discord.ext import commands

import bot.discord.exts
from bot.app import App
from bot.config import ENV_TOKEN, ConfigError, DiscordSettings
from bot.discord.checks import NotServerManager, Refusal
from bot.discord.delivery import DeliveryWorker
from bot.discord.render import CONTENT_LIMIT, cut

log = logging.getLogger(__name__)

UNEXPECTED_ERROR = "Something went wrong on our side; it has been logged. Please try again later."


def point_client_at(settings: DiscordSettings) -> None:
    """Send discord.py's REST calls and gateway connection to a Discord-compatible server.

    discord.py builds every REST URL from `Route.BASE`, and a plain `Bot` connects to
    `DEFAULT_GATEWAY` (resumes go to READY's `resume_gateway_url`).
    """
    if settings.api_base:
        discord.http.Route.BASE = settings.api_base.rstrip("/")
    if settings.gateway_url:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(settings.gateway_url)


def extension_names() -> list[str]:
    """Every cog module in `bot/discord/exts/`, so new cogs load without touching this file.

    Only cogs live there (helpers sit beside `exts/`); a name starting with `_` is skipped.
    """
    return sorted(
        info.name
        for info in pkgutil.iter_modules(bot.discord.exts.__path__, f"{bot.discord.exts.__name__}.")
        if not info.ispkg and not info.name.rpartition(".")[2].startswith("_")
    )


def error_text(error: app_commands.AppCommandError) -> str:
    """One line for the user; tracebacks go to the log only."""
    if isinstance(error, Refusal | NotServerManager):
        text = str(error)
    elif isinstance(error, app_commands.NoPrivateMessage):
        text = "This command only works in a server."
    elif isinstance(error, app_commands.CheckFailure):
        text = "You are not allowed to use this command here."
    elif isinstance(error, app_commands.TransformerError):
        text = f"{error.value!r} is not a valid value for this option."
    elif isinstance(error, app_commands.CommandOnCooldown):
        text = f"Slow down: try again in {error.retry_after:.0f} s."
    else:
        text = UNEXPECTED_ERROR
    first_line = (text.strip().splitlines() or [UNEXPECTED_ERROR])[0]
    return cut(first_line, CONTENT_LIMIT)


class DatelineBot(commands.Bot):
    def __init__(self, app: App, *, guild_ready_timeout: float = 2.0) -> None:
        intents = discord.Intents.none()
        intents.guilds = True  # channels, roles and the system channel; nothing privileged
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            guild_ready_timeout=guild_ready_timeout,
        )
        self.app = app
        self.delivery = DeliveryWorker(app, self)
        self._delivery_task: asyncio.Task[None] | None = None
        self.tree.error(self.on_app_command_error)

    async def login(self, token: str) -> None:
        """A token Discord refuses is a `ConfigError` (one line), with the bot closed."""
        point_client_at(self.app.settings.discord)
        try:
            await super().login(token)
        except discord.LoginFailure as exc:
            await self.close()
            raise ConfigError(f"Discord refused {ENV_TOKEN}: {exc}") from None

    async def setup_hook(self) -> None:
        for name in extension_names():
            await self.load_extension(name)
        await self.sync_commands()
        self._delivery_task = asyncio.create_task(self.delivery.run(), name="dateline-delivery")

    async def sync_commands(self) -> None:
        """To the configured servers (instant, for development), else globally."""
        guild_ids = self.app.settings.discord.guild_ids
        if not guild_ids:
            synced = await self.tree.sync()
            log.info("synced %d slash commands globally", len(synced))
            return
        for guild_id in guild_ids:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d slash commands to server %s", len(synced), guild_id)

    async def close(self) -> None:
        if self._delivery_task is not None:
            self._delivery_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._delivery_task
        await super().close()

    async def on_app_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        if not isinstance(
            error, Refusal | app_commands.CheckFailure | app_commands.TransformerError
        ):
            command = interaction.command.qualified_name if interaction.command else "?"
            log.error("/%s failed", command, exc_info=error)
        text = error_text(error)
        try:
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True)
            else:
                await interaction.response.send_message(text, ephemeral=True)
        except discord.HTTPException as exc:
            log.warning("could not tell the user about an error: %s", exc)
