"""What every cog shares: refusing a command in one line, and the Manage Server check.

`default_permissions` only hides a command from members by default; server admins can change
that, so the bot checks `interaction.permissions` itself before doing anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import discord
from discord import app_commands

from bot.visibility import Viewer

T = TypeVar("T")


class Refusal(app_commands.AppCommandError):
    """A command the bot will not carry out; the message is shown to the user, ephemeral."""


class NotServerManager(app_commands.CheckFailure):
    """The member lacks Manage Server (or the command was used outside a server)."""


def server_viewer(interaction: discord.Interaction[Any]) -> Viewer:
    """The server a command reads for; in a DM there is none, so the command is refused."""
    if interaction.guild_id is None:
        raise Refusal("This command works in a server, not in direct messages.")
    return Viewer.server(interaction.guild_id)


def is_server_manager(interaction: discord.Interaction[Any]) -> bool:
    """Raises `NotServerManager` with the reason, so the error handler can say it."""
    if interaction.guild_id is None:
        raise NotServerManager("This command only works in a server.")
    if not interaction.permissions.manage_guild:
        raise NotServerManager("You need the Manage Server permission to use this command.")
    return True


def manage_server() -> Callable[[T], T]:
    """For a top-level command: the permission hint for Discord plus the bot's own check."""

    def decorator(func: T) -> T:
        func = app_commands.default_permissions(manage_guild=True)(func)
        func = app_commands.guild_only()(func)
        return app_commands.check(is_server_manager)(func)

    return decorator


# For subcommands (a group carries the hint: `default_permissions=MANAGE_SERVER`).
require_manage_server = app_commands.check(is_server_manager)
MANAGE_SERVER = discord.Permissions(manage_guild=True)
