"""State the fake server keeps: guilds, and records of what the bot sent."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from . import payloads
from .payloads import JSON

T = TypeVar("T")
THREAD_TYPES = (10, 11, 12)


async def wait_for(predicate: Callable[[], T | None], timeout: float = 5.0, *, what: str = "") -> T:
    """Poll ``predicate`` every 10 ms until it returns something truthy; return that value.

    Tests use this instead of sleeping, so they finish as soon as the condition holds.
    """
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        if time.monotonic() >= deadline:
            raise TimeoutError(f"condition not met within {timeout}s: {what or predicate!r}")
        await asyncio.sleep(0.01)


@dataclass
class RecordedFile:
    """One uploaded file from a multipart request."""

    field: str
    filename: str
    content_type: str | None
    data: bytes


@dataclass
class RecordedRequest:
    """Every REST call the bot made, including ones answered with an injected failure."""

    method: str
    path: str
    route: str
    query: dict[str, str]
    json: Any
    files: list[RecordedFile]
    status: int = 0

    @property
    def key(self) -> str:
        """``"METHOD /route/{template}"``, the same string ``fail_next`` matches."""
        return f"{self.method} {self.route}"


@dataclass
class RecordedMessage:
    """A message the bot created: ``sent`` is the request body, ``message`` Discord's answer."""

    sent: JSON
    files: list[RecordedFile]
    message: JSON

    @property
    def id(self) -> int:
        return int(self.message["id"])

    @property
    def channel_id(self) -> int:
        return int(self.message["channel_id"])

    @property
    def content(self) -> str:
        return str(self.message.get("content") or "")


@dataclass
class Callback:
    """One ``POST /interactions/{id}/{token}/callback``; ``type`` is 4, 5, 6, 7, 8 or 9."""

    type: int
    data: JSON
    files: list[RecordedFile]

    @property
    def content(self) -> str:
        return str(self.data.get("content") or "")

    @property
    def ephemeral(self) -> bool:
        return bool(int(self.data.get("flags") or 0) & 64)


@dataclass
class FakeInteraction:
    """An interaction the server dispatched, and everything the bot answered to it."""

    id: int
    token: str
    payload: JSON
    #: Gateway sequence number of its INTERACTION_CREATE.
    seq: int = 0
    callbacks: list[Callback] = field(default_factory=list)
    followups: list[RecordedMessage] = field(default_factory=list)
    #: Bodies of ``PATCH .../messages/@original`` (and of edits to followups, with their id).
    edits: list[tuple[str, JSON]] = field(default_factory=list)
    #: The original response message as Discord would show it now (None until a 4/5 callback).
    original: JSON | None = None

    async def response(self, timeout: float = 5.0) -> Callback:
        """Wait for the bot's callback to this interaction."""
        await wait_for(lambda: self.callbacks, timeout, what=f"callback for interaction {self.id}")
        return self.callbacks[0]

    async def wait_followups(self, count: int = 1, timeout: float = 5.0) -> list[RecordedMessage]:
        """Wait until at least ``count`` followup messages were sent."""
        await wait_for(lambda: len(self.followups) >= count, timeout, what=f"{count} followup(s)")
        return list(self.followups)

    async def wait_edits(self, count: int = 1, timeout: float = 5.0) -> list[tuple[str, JSON]]:
        """Wait until at least ``count`` edits (of the original or a followup) were made."""
        await wait_for(lambda: len(self.edits) >= count, timeout, what=f"{count} edit(s)")
        return list(self.edits)

    async def final_content(self, timeout: float = 5.0) -> str:
        """Wait for a visible answer (message callback, edited defer or followup); return its text.

        Covers the usual "respond or defer then followup/edit" patterns with one call.
        """

        def answered() -> str | None:
            if self.original is not None and not int(self.original.get("flags") or 0) & 128:
                return str(self.original.get("content") or "") or None
            if self.followups:
                return self.followups[-1].content
            return None

        return await wait_for(answered, timeout, what=f"an answer to interaction {self.id}")


@dataclass
class FakeGuild:
    """A guild the bot is in; mutate it before the bot connects (GUILD_CREATE is built from it)."""

    id: int
    name: str
    owner_id: int
    new_id: Callable[[], int]
    roles: dict[int, JSON] = field(default_factory=dict)
    channels: dict[int, JSON] = field(default_factory=dict)
    members: dict[int, JSON] = field(default_factory=dict)
    #: Guild Scheduled Events by id, as Discord stores them now.
    scheduled_events: dict[int, JSON] = field(default_factory=dict)

    @property
    def everyone_role_id(self) -> int:
        return self.id

    def add_role(self, name: str, permissions: int = 0) -> int:
        """Add a role and return its id."""
        role_id = self.id if not self.roles else self.new_id()
        self.roles[role_id] = payloads.role(role_id, name, permissions, position=len(self.roles))
        return role_id

    def add_text_channel(self, name: str, overwrites: list[JSON] | None = None) -> int:
        """Add a text channel and return its id."""
        channel_id = self.new_id()
        self.channels[channel_id] = payloads.text_channel(
            channel_id, self.id, name, position=len(self.channels), overwrites=overwrites
        )
        return channel_id

    def add_forum_channel(self, name: str) -> int:
        """Add a forum channel (posts are threads) and return its id."""
        channel_id = self.new_id()
        self.channels[channel_id] = payloads.forum_channel(
            channel_id, self.id, name, position=len(self.channels)
        )
        return channel_id

    def add_thread(self, parent_id: int, name: str, owner_id: int) -> int:
        """Add a public thread under ``parent_id`` and return its id."""
        thread_id = self.new_id()
        self.channels[thread_id] = payloads.thread_channel(
            thread_id, self.id, parent_id, name, owner_id
        )
        return thread_id

    def grant(self, user_id: int, permissions: int) -> int:
        """Give a member (e.g. the bot) a new role with ``permissions``; returns the role id."""
        role_id = self.add_role(f"grant-{len(self.roles)}", permissions)
        self.members[user_id]["roles"].append(str(role_id))
        return role_id

    def add_member(
        self, username: str, roles: list[int] | None = None, *, bot: bool = False
    ) -> int:
        """Add a member (with a new user) and return the user id."""
        user_id = self.new_id()
        self.add_user(payloads.user(user_id, username, bot=bot), roles)
        return user_id

    def add_user(self, user_data: JSON, roles: list[int] | None = None) -> None:
        """Add an existing user (e.g. the bot) as a member."""
        self.members[int(user_data["id"])] = payloads.member(user_data, list(roles or []))

    def base_permissions(self, user_id: int) -> int:
        """Guild-level permissions: owner and administrators get everything."""
        if user_id == self.owner_id:
            return payloads.ALL_PERMISSIONS
        value = int(self.roles[self.id]["permissions"])
        for role_id in self.members[user_id]["roles"]:
            value |= int(self.roles[int(role_id)]["permissions"])
        return payloads.ALL_PERMISSIONS if value & payloads.ADMINISTRATOR else value

    def channel_permissions(self, user_id: int, channel_id: int) -> int:
        """Permissions in a channel after overwrites, as Discord computes ``member.permissions``."""
        value = self.base_permissions(user_id)
        if value & payloads.ADMINISTRATOR or user_id == self.owner_id:
            return payloads.ALL_PERMISSIONS
        channel = self.channels[channel_id]
        if channel["type"] in THREAD_TYPES:  # threads take their parent's overwrites
            channel = self.channels[int(channel["parent_id"])]
        overwrites = {(o["type"], int(o["id"])): o for o in channel["permission_overwrites"]}
        everyone = overwrites.get((0, self.id))
        if everyone:
            value = (value & ~int(everyone["deny"])) | int(everyone["allow"])
        allow = deny = 0
        for role_id in self.members[user_id]["roles"]:
            ow = overwrites.get((0, int(role_id)))
            if ow:
                allow |= int(ow["allow"])
                deny |= int(ow["deny"])
        value = (value & ~deny) | allow
        own = overwrites.get((1, user_id))
        if own:
            value = (value & ~int(own["deny"])) | int(own["allow"])
        return value

    def payload(self, bot_user_id: int) -> JSON:
        """The GUILD_CREATE body for this guild."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "region": None,
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "features": [],
            "roles": list(self.roles.values()),
            "emojis": [],
            "stickers": [],
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "max_members": 500000,
            "vanity_url_code": None,
            "application_id": None,
            "joined_at": self.members[bot_user_id]["joined_at"],
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "members": list(self.members.values()),
            "channels": [
                {k: v for k, v in c.items() if k != "guild_id"}
                for c in self.channels.values()
                if c["type"] not in THREAD_TYPES
            ],
            "threads": [c for c in self.channels.values() if c["type"] in THREAD_TYPES],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "premium_progress_bar_enabled": False,
        }
