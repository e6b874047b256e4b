"""FakeDiscord: a local stand-in for Discord's REST API and gateway, for end-to-end bot tests."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import discord
import yarl
from aiohttp import web

from . import payloads
from .gateway import Gateway
from .models import FakeGuild, FakeInteraction, RecordedMessage, RecordedRequest, wait_for
from .payloads import JSON
from .rest import API_PREFIX, Fault, Rest

log = logging.getLogger("fake_discord")

#: Option types whose value is a snowflake that Discord resolves in ``data.resolved``.
USER, CHANNEL, ROLE, MENTIONABLE = 6, 7, 8, 9
SUBCOMMAND, SUBCOMMAND_GROUP = 1, 2
MESSAGE_CONTENT_INTENT = 1 << 15
#: Discord keeps a nonce "for a few minutes"; the fake keeps it five.
NONCE_WINDOW_SECONDS = 300.0


class FakeDiscord:
    """An aiohttp server on 127.0.0.1 that the real discord.py client can log in to.

    It starts with one guild (``guild``) owned by ``owner_id``, a text channel ``channel_id``,
    an ``admin`` role, a plain member ``member_id`` and the bot. Everything the bot sends is
    recorded on ``requests``, ``messages`` and ``interactions``.
    """

    def __init__(self, *, bot_name: str = "Dateline", echo_messages: bool = False) -> None:
        self.new_id = payloads.Snowflakes()
        self.echo_messages = echo_messages
        self.application_id = self.new_id()
        self.bot_user = payloads.user(self.application_id, bot_name, bot=True)
        owner = self.new_id()
        self.owner_user = payloads.user(owner, "owner")
        self.guilds: dict[int, FakeGuild] = {}
        self.guild = self.add_guild("Test Guild", owner_user=self.owner_user)
        self.admin_role_id = self.guild.add_role("admin", payloads.ADMINISTRATOR)
        self.channel_id = self.guild.add_text_channel("general")
        self.owner_id = owner
        self.member_id = self.guild.add_member("member")

        self.requests: list[RecordedRequest] = []
        self.messages: list[RecordedMessage] = []
        self.interactions: dict[int, FakeInteraction] = {}
        self.message_store: dict[int, JSON] = {}
        self.global_commands: list[JSON] = []
        self.guild_commands: dict[int, list[JSON]] = {}
        self.faults: list[Fault] = []
        # Nonce dedupe as Discord does it: (author, nonce) → (first message, monotonic time).
        self._nonces: dict[tuple[int, str], tuple[JSON, float]] = {}
        self.nonce_repeats = 0
        # Called with each message the bot creates (after it is stored, before the answer).
        self.on_message_created: Callable[[JSON], None] | None = None
        self.unknown_routes: list[str] = []
        #: Bodies Discord's OpenAPI description refuses (answered 400 like Discord would).
        self.spec_errors: list[str] = []
        #: Webhooks the bot created, by id (their messages are in ``messages`` too).
        self.webhooks: dict[int, JSON] = {}
        self.gateway = Gateway(self._ready_payloads, self._members_for)
        self._rest = Rest(self)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle ----------------------------------------------------------------------------

    async def start(self) -> None:
        """Listen on an ephemeral port of 127.0.0.1."""
        app = web.Application(middlewares=[self._rest.middleware], client_max_size=64 * 1024**2)
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_routes(self._rest.routes())
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @contextlib.contextmanager
    def patch_client(self) -> Iterator[None]:
        """Point discord.py's REST base and default gateway here; restore them on exit."""
        old_base = discord.http.Route.BASE
        old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
        discord.http.Route.BASE = self.api_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        try:
            yield
        finally:
            discord.http.Route.BASE = old_base
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway

    # -- message nonces -------------------------------------------------------------------------

    def nonce_message(self, author_id: int, nonce: str) -> JSON | None:
        """The message first created with this nonce by this author, if within the window."""
        found = self._nonces.get((author_id, nonce))
        if found is None or time.monotonic() - found[1] > NONCE_WINDOW_SECONDS:
            return None
        return found[0]

    def remember_nonce(self, author_id: int, nonce: str, message: JSON) -> None:
        self._nonces[author_id, nonce] = (message, time.monotonic())

    # -- world building -----------------------------------------------------------------------

    def add_guild(self, name: str, *, owner_user: JSON | None = None) -> FakeGuild:
        """Add a guild the bot is in (before the bot connects); includes @everyone and the bot."""
        owner_user = owner_user or self.owner_user
        guild = FakeGuild(self.new_id(), name, int(owner_user["id"]), self.new_id)
        guild.add_role("@everyone", payloads.EVERYONE_PERMISSIONS)
        guild.add_user(owner_user)
        guild.add_user(self.bot_user)
        self.guilds[guild.id] = guild
        return guild

    def find_channel(self, channel_id: int) -> tuple[FakeGuild, JSON] | None:
        for guild in self.guilds.values():
            if channel_id in guild.channels:
                return guild, guild.channels[channel_id]
        return None

    def bot_member(self, guild: FakeGuild) -> JSON:
        return {k: v for k, v in guild.members[int(self.bot_user["id"])].items() if k != "user"}

    def guild_id_of(self, interaction: FakeInteraction) -> int | None:
        guild_id = interaction.payload.get("guild_id")
        return int(guild_id) if guild_id else None

    def _members_for(self, guild_id: int) -> list[JSON]:
        return list(self.guilds[guild_id].members.values())

    def _ready_payloads(self, session_id: str) -> tuple[JSON, list[JSON]]:
        ready = {
            "v": 10,
            "user": self.bot_user,
            "guilds": [{"id": str(g), "unavailable": True} for g in self.guilds],
            "session_id": session_id,
            "session_type": "normal",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "guild_join_requests": [],
            "user_settings": {},
        }
        bot_id = int(self.bot_user["id"])
        return ready, [g.payload(bot_id) for g in self.guilds.values()]

    # -- recorded traffic ---------------------------------------------------------------------

    def requests_to(self, route: str) -> list[RecordedRequest]:
        """Requests whose ``"METHOD /template"`` or ``"METHOD /concrete/path"`` equals ``route``."""
        return [r for r in self.requests if route in (r.key, f"{r.method} {r.path}")]

    def commands_for(self, guild_id: int | None = None) -> list[JSON]:
        """Commands the bot synced (globally, or to ``guild_id``)."""
        return self.global_commands if guild_id is None else self.guild_commands.get(guild_id, [])

    async def wait_for_messages(
        self, count: int = 1, timeout: float = 5.0
    ) -> list[RecordedMessage]:
        """Wait until the bot has posted at least ``count`` channel messages."""
        await wait_for(
            lambda: len(self.messages) >= count, timeout, what=f"{count} channel message(s)"
        )
        return list(self.messages)

    # -- failure injection --------------------------------------------------------------------

    def fail_next(
        self, route: str, status: int, *, count: int = 1, retry_after: float = 0.05
    ) -> None:
        """Answer the next ``count`` requests to ``route`` with ``status`` (429 gets Retry-After).

        ``route`` is ``"POST /channels/{channel_id}/messages"`` (any channel) or a concrete
        ``"POST /channels/123/messages"``. Faults queue in order: call twice for 429 then 502.
        """
        self.faults.append(Fault(route, status, count, retry_after))

    async def drop_gateway(self, code: int | None = 4000) -> None:
        """Close the bot's gateway socket (``None``: abrupt reset); the client should RESUME."""
        await self.gateway.drop(code)

    # -- simulated users ----------------------------------------------------------------------

    async def dispatch(self, event: str, data: JSON) -> int:
        """Send a raw gateway dispatch; returns its sequence number."""
        return await self.gateway.dispatch(event, data)

    async def send_user_message(
        self, content: str, *, channel_id: int | None = None, user_id: int | None = None
    ) -> JSON:
        """A member posts a message (MESSAGE_CREATE); returns the message as Discord stores it.

        Like Discord, the dispatched copy has its content blanked unless the bot identified
        with the message_content intent or is mentioned, so intent mistakes show up in tests.
        """
        channel_id = channel_id or self.channel_id
        guild, _ = self._channel(channel_id)
        user_id = user_id or self.member_id
        member = guild.members[user_id]
        msg = payloads.message(
            self.new_id(), channel_id, member["user"], guild_id=guild.id, sent={"content": content}
        )
        self.message_store[int(msg["id"])] = msg
        session = self.gateway.current
        has_intent = session is not None and bool(session.intents & MESSAGE_CONTENT_INTENT)
        visible = dict(msg)
        if not has_intent and f"<@{self.bot_user['id']}>" not in content:
            visible["content"] = ""
        member_data = {k: v for k, v in member.items() if k != "user"}
        await self.dispatch("MESSAGE_CREATE", {**visible, "member": member_data})
        return msg

    async def invoke(
        self,
        command: str,
        options: dict[str, Any] | None = None,
        *,
        channel_id: int | None = None,
        user_id: int | None = None,
        permissions: int | str | None = None,
        resolved: JSON | None = None,
        locale: str = "en-US",
    ) -> FakeInteraction:
        """A member runs slash command ``command`` ("name", "group sub" or "group sub leaf").

        ``options`` maps option names to values; option types come from the synced command, and
        users/channels/roles given by id are filled into ``data.resolved``. ``permissions``
        overrides the member's computed channel permissions. Await ``.response()`` on the result.
        """
        return await self._command_interaction(
            2, command, options or {}, None, channel_id, user_id, permissions, resolved, locale
        )

    async def autocomplete(
        self,
        command: str,
        options: dict[str, Any],
        focused: str,
        *,
        channel_id: int | None = None,
        user_id: int | None = None,
    ) -> FakeInteraction:
        """A member types into option ``focused``; the bot's choices arrive as a type 8 callback."""
        return await self._command_interaction(
            4, command, options, focused, channel_id, user_id, None, None, "en-US"
        )

    async def click(
        self,
        message: JSON | RecordedMessage,
        custom_id: str,
        *,
        component_type: int = 2,
        values: list[str] | None = None,
        user_id: int | None = None,
    ) -> FakeInteraction:
        """A member clicks a button (or picks ``values`` in a select) on ``message``."""
        msg = message.message if isinstance(message, RecordedMessage) else message
        data: JSON = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = values
        return await self._interaction(
            3, data, int(msg["channel_id"]), user_id, None, "en-US", message=msg
        )

    async def submit_modal(
        self,
        custom_id: str,
        fields: dict[str, str],
        *,
        channel_id: int | None = None,
        user_id: int | None = None,
    ) -> FakeInteraction:
        """A member submits modal ``custom_id`` with text inputs ``{input_custom_id: value}``."""
        rows = [
            {"type": 1, "components": [{"type": 4, "custom_id": key, "value": value}]}
            for key, value in fields.items()
        ]
        data = {"custom_id": custom_id, "components": rows}
        return await self._interaction(
            5, data, channel_id or self.channel_id, user_id, None, "en-US"
        )

    # -- interaction building -----------------------------------------------------------------

    def _channel(self, channel_id: int) -> tuple[FakeGuild, JSON]:
        found = self.find_channel(channel_id)
        if found is None:
            raise LookupError(f"unknown channel {channel_id}")
        return found

    def _find_command(self, guild_id: int, name: str) -> JSON:
        for candidate in [*self.guild_commands.get(guild_id, []), *self.global_commands]:
            if candidate["name"] == name and candidate.get("type", 1) == 1:
                return candidate
        known = [c["name"] for c in [*self.guild_commands.get(guild_id, []), *self.global_commands]]
        raise LookupError(
            f"/{name} was not synced (synced: {known}); did the bot call tree.sync()?"
        )

    async def _command_interaction(
        self,
        kind: int,
        path: str,
        values: dict[str, Any],
        focused: str | None,
        channel_id: int | None,
        user_id: int | None,
        permissions: int | str | None,
        resolved: JSON | None,
        locale: str,
    ) -> FakeInteraction:
        channel_id = channel_id or self.channel_id
        user_id = user_id or self.member_id
        guild, _ = self._channel(channel_id)
        root, *subs = path.split()
        command = self._find_command(guild.id, root)
        schema: list[JSON] = command.get("options") or []
        top: list[JSON] = []
        level = top
        for sub in subs:
            spec = next(
                (
                    o
                    for o in schema
                    if o["name"] == sub and o["type"] in (SUBCOMMAND, SUBCOMMAND_GROUP)
                ),
                None,
            )
            if spec is None:
                raise LookupError(f"/{root} has no subcommand {sub!r} in {path!r}")
            node: JSON = {"name": sub, "type": spec["type"], "options": []}
            level.append(node)
            level, schema = node["options"], spec.get("options") or []
        resolved_data: JSON = {}
        for name, value in values.items():
            spec = next((o for o in schema if o["name"] == name), None)
            if spec is None:
                raise LookupError(
                    f"/{path} has no option {name!r} (has {[o['name'] for o in schema]})"
                )
            option: JSON = {"name": name, "type": spec["type"], "value": value}
            if spec["type"] in (USER, CHANNEL, ROLE, MENTIONABLE):
                option["value"] = str(value)
                self._resolve(guild, int(value), user_id, resolved_data)
            if name == focused:
                option["focused"] = True
            level.append(option)
        for key, entries in (resolved or {}).items():
            resolved_data.setdefault(key, {}).update(entries)
        data: JSON = {"id": command["id"], "name": root, "type": 1, "options": top}
        if command.get("guild_id"):
            data["guild_id"] = command["guild_id"]
        if resolved_data:
            data["resolved"] = resolved_data
        return await self._interaction(kind, data, channel_id, user_id, permissions, locale)

    def _resolve(self, guild: FakeGuild, target: int, invoker: int, resolved: JSON) -> None:
        """Fill ``resolved`` for a user, channel or role id, as Discord does for such options."""
        if target in guild.members:
            member = guild.members[target]
            resolved.setdefault("users", {})[str(target)] = member["user"]
            resolved.setdefault("members", {})[str(target)] = {
                **{k: v for k, v in member.items() if k != "user"},
                "permissions": str(guild.base_permissions(target)),
            }
        elif target in guild.channels:
            channel = guild.channels[target]
            resolved.setdefault("channels", {})[str(target)] = {
                **channel,
                "permissions": str(guild.channel_permissions(invoker, target)),
            }
        elif target in guild.roles:
            resolved.setdefault("roles", {})[str(target)] = guild.roles[target]
        else:
            raise LookupError(f"{target} is not a member, channel or role of {guild.name}")

    async def _interaction(
        self,
        kind: int,
        data: JSON,
        channel_id: int,
        user_id: int | None,
        permissions: int | str | None,
        locale: str,
        *,
        message: JSON | None = None,
    ) -> FakeInteraction:
        guild, channel = self._channel(channel_id)
        user_id = user_id or self.member_id
        if user_id not in guild.members:
            raise LookupError(f"user {user_id} is not a member of {guild.name}")
        if permissions is None:
            permissions = guild.channel_permissions(user_id, channel_id)
        bot_id = int(self.bot_user["id"])
        interaction_id = self.new_id()
        payload: JSON = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": kind,
            "data": data,
            "guild_id": str(guild.id),
            "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
            "channel_id": str(channel_id),
            "channel": {
                **channel,
                "permissions": str(guild.channel_permissions(user_id, channel_id)),
            },
            "member": {**guild.members[user_id], "permissions": str(permissions)},
            "token": secrets.token_urlsafe(32),
            "version": 1,
            "app_permissions": str(guild.channel_permissions(bot_id, channel_id)),
            "locale": locale,
            "guild_locale": "en-US",
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild.id)},
            "context": 0,
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        if message is not None:
            payload["message"] = message
        interaction = FakeInteraction(interaction_id, payload["token"], payload)
        self.interactions[interaction_id] = interaction
        interaction.seq = await self.dispatch("INTERACTION_CREATE", payload)
        return interaction


@contextlib.asynccontextmanager
async def running_bot(
    bot: discord.Client, token: str = "fake-token", timeout: float = 5.0
) -> AsyncIterator[None]:
    """Run ``bot.start(token)`` in a task until it is ready; close it cleanly on exit.

    If the bot dies during startup, its exception is raised here instead of a bare timeout.
    """
    task = asyncio.create_task(bot.start(token), name="fake-discord-bot")

    def ready_or_dead() -> bool:
        return bot.is_ready() or task.done()

    try:
        await wait_for(ready_or_dead, timeout, what="bot ready")
        if task.done():
            task.result()
            raise RuntimeError("bot.start() returned before the bot was ready")
        yield
    finally:
        await bot.close()
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.wait_for(task, timeout)
