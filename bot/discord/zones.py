"""Time zone autocomplete shared by /settings and /digest (a helper module: no cog here)."""

from __future__ import annotations

from typing import Any
from zoneinfo import available_timezones

import discord
from discord import app_commands

MAX_CHOICES = 25
_ZONES = sorted(available_timezones())


def matching_zones(typed: str, *, limit: int = MAX_CHOICES) -> list[str]:
    """IANA names containing what was typed ("berl" → Europe/Berlin), prefix matches first."""
    text = typed.strip().lower().replace(" ", "_")
    if not text:
        return ["UTC", *(z for z in _ZONES if "/" in z and not z.startswith("Etc/"))][:limit]
    prefix = [
        z for z in _ZONES if z.lower().startswith(text) or z.lower().split("/")[-1].startswith(text)
    ]
    inner = [z for z in _ZONES if text in z.lower() and z not in prefix]
    return (prefix + inner)[:limit]


async def zone_autocomplete(
    _: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=z, value=z) for z in matching_zones(current)]
