"""Builders for the JSON objects Discord sends, shaped the way discord.py 2.7 parses them.

Kept free of server state so tests can also build payloads (e.g. a message to click on).
"""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime
from typing import Any

import discord

DISCORD_EPOCH_MS = 1420070400000
ALL_PERMISSIONS = discord.Permissions.all().value
ADMINISTRATOR = discord.Permissions(administrator=True).value
#: What a fresh server grants @everyone, close enough to Discord's default.
EVERYONE_PERMISSIONS = discord.Permissions(
    view_channel=True,
    send_messages=True,
    read_message_history=True,
    embed_links=True,
    attach_files=True,
    add_reactions=True,
    use_application_commands=True,
    use_external_emojis=True,
    create_instant_invite=True,
    change_nickname=True,
    connect=True,
    speak=True,
).value

JSON = dict[str, Any]


class Snowflakes:
    """Hands out increasing, realistic snowflakes so ``created_at`` looks sane."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def __call__(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (ms << 22) | (next(self._counter) & 0x3FFFFF)


def iso_now() -> str:
    """Discord's timestamp format (ISO 8601 with offset)."""
    return datetime.now(UTC).isoformat()


def user(user_id: int, username: str, *, bot: bool = False) -> JSON:
    """A user object; bots get the extra keys a ClientUser reads."""
    data: JSON = {
        "id": str(user_id),
        "username": username,
        "global_name": None if bot else username.title(),
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
        "system": False,
        "public_flags": 0,
        "flags": 0,
    }
    if bot:
        data.update(verified=True, mfa_enabled=False, email=None, locale="en-US")
    return data


def role(role_id: int, name: str, permissions: int, *, position: int = 0) -> JSON:
    """A guild role; @everyone shares its id with the guild."""
    return {
        "id": str(role_id),
        "name": name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": str(permissions),
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def overwrite(target_id: int, *, member: bool = False, allow: int = 0, deny: int = 0) -> JSON:
    """A channel permission overwrite (type 0 role, 1 member)."""
    return {
        "id": str(target_id),
        "type": 1 if member else 0,
        "allow": str(allow),
        "deny": str(deny),
    }


def text_channel(
    channel_id: int,
    guild_id: int,
    name: str,
    *,
    position: int = 0,
    overwrites: list[JSON] | None = None,
    parent_id: int | None = None,
) -> JSON:
    """A guild text channel (type 0)."""
    return {
        "id": str(channel_id),
        "type": 0,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "permission_overwrites": list(overwrites or []),
        "nsfw": False,
        "topic": None,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "parent_id": str(parent_id) if parent_id else None,
        "default_auto_archive_duration": 1440,
        "flags": 0,
    }


def member(user_data: JSON, role_ids: list[int], *, joined_at: str | None = None) -> JSON:
    """A guild member with its user embedded, as GUILD_CREATE and interactions carry it."""
    return {
        "user": user_data,
        "nick": None,
        "avatar": None,
        "banner": None,
        "roles": [str(r) for r in role_ids],
        "joined_at": joined_at or iso_now(),
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "pending": False,
        "flags": 0,
        "communication_disabled_until": None,
    }


def attachment(
    attachment_id: int, channel_id: int, filename: str, data: bytes, content_type: str | None
) -> JSON:
    """An attachment object for a file the bot uploaded."""
    url = f"https://cdn.discordapp.com/attachments/{channel_id}/{attachment_id}/{filename}"
    return {
        "id": str(attachment_id),
        "filename": filename,
        "size": len(data),
        "url": url,
        "proxy_url": url,
        "content_type": content_type,
        "ephemeral": False,
    }


def message(
    message_id: int,
    channel_id: int,
    author: JSON,
    *,
    guild_id: int | None = None,
    sent: JSON | None = None,
    attachments: list[JSON] | None = None,
    webhook_id: int | None = None,
    message_type: int = 0,
) -> JSON:
    """A message object built from what the sender posted (``sent`` is the request JSON)."""
    sent = sent or {}
    data: JSON = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "author": author,
        "content": sent.get("content") or "",
        "timestamp": iso_now(),
        "edited_timestamp": None,
        "tts": bool(sent.get("tts", False)),
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": attachments or [],
        "embeds": sent.get("embeds") or [],
        "components": sent.get("components") or [],
        "pinned": False,
        "type": message_type,
        "flags": int(sent.get("flags") or 0),
    }
    if guild_id is not None:
        data["guild_id"] = str(guild_id)
    if webhook_id is not None:
        data["webhook_id"] = str(webhook_id)
    if sent.get("message_reference"):
        data["message_reference"] = sent["message_reference"]
    if sent.get("poll"):
        data["poll"] = sent["poll"]
    if sent.get("nonce") is not None:
        data["nonce"] = sent["nonce"]
    return data


def apply_edit(existing: JSON, sent: JSON, attachments: list[JSON] | None) -> JSON:
    """Return ``existing`` updated with the fields an edit request carried."""
    updated = dict(existing)
    for key in ("content", "embeds", "components", "flags"):
        if key in sent:
            updated[key] = sent[key] if sent[key] is not None else ([] if key != "content" else "")
    if "attachments" in sent or attachments:
        kept_ids = {str(a.get("id")) for a in sent.get("attachments") or []}
        kept = [a for a in existing.get("attachments", []) if a["id"] in kept_ids]
        updated["attachments"] = kept + list(attachments or [])
    updated["edited_timestamp"] = iso_now()
    return updated


def forum_channel(channel_id: int, guild_id: int, name: str, *, position: int = 0) -> JSON:
    """A guild forum channel (type 15): every message starts a post (a thread)."""
    return {
        **text_channel(channel_id, guild_id, name, position=position),
        "type": 15,
        "available_tags": [],
        "default_reaction_emoji": None,
        "default_thread_rate_limit_per_user": 0,
        "default_sort_order": None,
        "default_forum_layout": 0,
    }


def thread_channel(
    thread_id: int,
    guild_id: int,
    parent_id: int,
    name: str,
    owner_id: int,
    *,
    message_count: int = 0,
) -> JSON:
    """A public thread (type 11); a forum post is one whose first message has the thread's id."""
    return {
        "id": str(thread_id),
        "type": 11,
        "guild_id": str(guild_id),
        "parent_id": str(parent_id),
        "owner_id": str(owner_id),
        "name": name,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "message_count": message_count,
        "member_count": 1,
        "flags": 0,
        "applied_tags": [],
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": iso_now(),
            "locked": False,
            "create_timestamp": iso_now(),
        },
    }


def webhook(
    webhook_id: int,
    token: str,
    channel_id: int,
    guild_id: int,
    name: str,
    creator: JSON,
    app_id: int,
) -> JSON:
    """An incoming webhook (type 1) made by the bot."""
    return {
        "id": str(webhook_id),
        "type": 1,
        "guild_id": str(guild_id),
        "channel_id": str(channel_id),
        "name": name,
        "avatar": None,
        "token": token,
        "application_id": str(app_id),
        "user": creator,
    }


def scheduled_event(event_id: int, guild_id: int, creator: JSON, sent: JSON) -> JSON:
    """A Guild Scheduled Event as Discord answers a create (status 1 = scheduled)."""
    return {
        "id": str(event_id),
        "guild_id": str(guild_id),
        "channel_id": sent.get("channel_id"),
        "creator_id": creator["id"],
        "creator": creator,
        "name": sent["name"],
        "description": sent.get("description"),
        "scheduled_start_time": sent["scheduled_start_time"],
        "scheduled_end_time": sent.get("scheduled_end_time"),
        "privacy_level": sent.get("privacy_level", 2),
        "status": 1,
        "entity_type": sent["entity_type"],
        "entity_id": None,
        "entity_metadata": sent.get("entity_metadata"),
        "user_count": 0,
        "image": None,
        "recurrence_rule": None,
    }
