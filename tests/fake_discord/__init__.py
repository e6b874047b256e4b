"""A fake Discord (REST v10 + gateway) for end-to-end tests with the real discord.py client.

Typical use (see ``pytest_plugin`` for the fixture)::

    async def test_ping(fake_discord, bot):
        async with running_bot(bot):
            await bot.tree.sync(guild=discord.Object(fake_discord.guild.id))
            interaction = await fake_discord.invoke("ping")
            assert (await interaction.response()).content == "pong"
"""

from .models import (
    Callback,
    FakeGuild,
    FakeInteraction,
    RecordedFile,
    RecordedMessage,
    RecordedRequest,
    wait_for,
)
from .server import FakeDiscord, running_bot

__all__ = [
    "Callback",
    "FakeDiscord",
    "FakeGuild",
    "FakeInteraction",
    "RecordedFile",
    "RecordedMessage",
    "RecordedRequest",
    "running_bot",
    "wait_for",
]
