"""Finished message dicts (from `bot.discord.render`) as discord.py objects: the one step of
rendering that needs the library, kept apart so the pure renderer never imports it."""

from __future__ import annotations

import base64
import io
from typing import Any

import discord

from bot.discord.render import Message, fit_message


def message_kwargs(message: Message) -> dict[str, Any]:
    """A rendered message dict (within limits) as keyword arguments for discord.py's send/edit."""
    fitted = fit_message(message)
    kwargs: dict[str, Any] = {
        "content": fitted.get("content") or None,
        "embeds": [discord.Embed.from_dict(e) for e in fitted["embeds"]],
    }
    files = [
        discord.File(io.BytesIO(base64.b64decode(f["data_b64"])), filename=f["filename"])
        for f in message.get("files") or []
    ]
    if files:
        kwargs["files"] = files
    return kwargs
