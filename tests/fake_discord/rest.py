"""REST API v10 routes the bot uses, plus recording and failure injection (a middleware).

discord.py parses a body as JSON only when Content-Type is exactly ``application/json``
(aiohttp appends a charset to ``json_response`` and ``text=`` bodies), so every answer goes
through :func:`reply`, which sends bytes.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord
from aiohttp import BodyPartReader, web

from . import payloads, spec
from .models import (
    Callback,
    FakeGuild,
    FakeInteraction,
    RecordedFile,
    RecordedMessage,
    RecordedRequest,
)
from .payloads import JSON

if TYPE_CHECKING:
    from .server import FakeDiscord

log = logging.getLogger("fake_discord.rest")

API_PREFIX = "/api/v10"
FORUM = 15
MANAGE_WEBHOOKS = discord.Permissions(manage_webhooks=True).value
MANAGE_EVENTS = discord.Permissions(manage_events=True).value
EPHEMERAL, LOADING = 64, 128
NONCE_MAX_LENGTH = 25
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
RECORD = web.RequestKey("record", RecordedRequest)


def reply(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """A JSON response with the exact Content-Type discord.py checks for."""
    return web.Response(
        status=status,
        body=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def error(status: int, message: str, code: int = 0) -> web.Response:
    """A Discord-style error body."""
    return reply({"message": message, "code": code}, status)


def no_content() -> web.Response:
    return web.Response(status=204)


@dataclass
class Fault:
    """An injected failure for the next ``remaining`` requests matching ``route``."""

    route: str
    status: int
    remaining: int
    retry_after: float

    def matches(self, request: RecordedRequest) -> bool:
        return self.route in (request.key, f"{request.method} {request.path}")

    def response(self) -> web.Response:
        if self.status == 429:
            # discord.py only retries a 429 that carries a Via header (else it assumes Cloudflare).
            return reply(
                {
                    "message": "You are being rate limited.",
                    "retry_after": self.retry_after,
                    "global": False,
                },
                429,
                {
                    "Via": "1.1 google",
                    "Retry-After": str(self.retry_after),
                    "X-RateLimit-Limit": "5",
                    "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset-After": str(self.retry_after),
                    "X-RateLimit-Scope": "user",
                },
            )
        return error(self.status, f"injected {self.status}")


async def read_body(request: web.Request) -> tuple[Any, list[RecordedFile]]:
    """The JSON body, or for multipart the parsed ``payload_json`` plus the uploaded files."""
    if request.content_type == "multipart/form-data":
        body: Any = None
        files: list[RecordedFile] = []
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader):
                raise web.HTTPBadRequest(text="nested multipart is not supported")
            data = await part.read()
            if part.name == "payload_json":
                body = json.loads(data)
            else:
                content_type = part.headers.get("Content-Type")
                files.append(
                    RecordedFile(part.name or "", part.filename or "", content_type, bytes(data))
                )
        return body, files
    raw = await request.read()
    return (json.loads(raw) if raw else None), []


class Rest:
    """Route handlers; state lives on the owning :class:`FakeDiscord`."""

    def __init__(self, server: FakeDiscord) -> None:
        self.s = server

    def routes(self) -> list[web.RouteDef]:
        p = API_PREFIX
        webhook_msg = p + "/webhooks/{application_id}/{interaction_token}/messages/{message_id}"
        scheduled = p + "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}"
        return [
            web.get(p + "/users/@me", self.get_me),
            web.get(p + "/oauth2/applications/@me", self.get_application),
            web.get(p + "/applications/{application_id}/commands", self.get_commands),
            web.put(p + "/applications/{application_id}/commands", self.put_commands),
            web.get(
                p + "/applications/{application_id}/guilds/{guild_id}/commands", self.get_commands
            ),
            web.put(
                p + "/applications/{application_id}/guilds/{guild_id}/commands", self.put_commands
            ),
            web.get(p + "/channels/{channel_id}", self.get_channel),
            web.post(p + "/channels/{channel_id}/messages", self.create_message),
            web.get(p + "/channels/{channel_id}/messages/{message_id}", self.get_message),
            web.patch(p + "/channels/{channel_id}/messages/{message_id}", self.edit_message),
            web.delete(p + "/channels/{channel_id}/messages/{message_id}", self.delete_message),
            web.post(p + "/channels/{channel_id}/typing", self.typing),
            web.get(p + "/channels/{channel_id}/webhooks", self.get_channel_webhooks),
            web.post(p + "/channels/{channel_id}/webhooks", self.create_webhook),
            web.post(p + "/channels/{channel_id}/threads", self.create_thread),
            web.get(p + "/guilds/{guild_id}/scheduled-events", self.list_scheduled_events),
            web.post(p + "/guilds/{guild_id}/scheduled-events", self.create_scheduled_event),
            web.get(scheduled, self.get_scheduled_event),
            web.patch(scheduled, self.modify_scheduled_event),
            web.delete(scheduled, self.delete_scheduled_event),
            web.get(p + "/guilds/{guild_id}", self.get_guild),
            web.get(p + "/guilds/{guild_id}/channels", self.get_guild_channels),
            web.get(p + "/guilds/{guild_id}/members/{user_id}", self.get_member),
            web.post(
                p + "/interactions/{interaction_id}/{interaction_token}/callback", self.callback
            ),
            web.post(p + "/webhooks/{application_id}/{interaction_token}", self.followup),
            web.get(webhook_msg, self.get_webhook_message),
            web.patch(webhook_msg, self.edit_webhook_message),
            web.delete(webhook_msg, self.delete_webhook_message),
            web.route("*", "/{tail:.*}", self.unknown),
        ]

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Record every REST call and answer with an injected failure when one is queued."""
        if request.path == "/gateway":
            return await handler(request)
        body, files = await read_body(request)
        resource = request.match_info.route.resource
        template = resource.canonical if resource is not None else request.path
        record = RecordedRequest(
            method=request.method,
            path=request.path.removeprefix(API_PREFIX),
            route=template.removeprefix(API_PREFIX),
            query=dict(request.query),
            json=body,
            files=files,
        )
        request[RECORD] = record
        self.s.requests.append(record)
        fault = next((f for f in self.s.faults if f.matches(record)), None)
        refusals = self._spec_errors(record)
        if refusals:
            self.s.spec_errors += [f"{record.key}: {problem}" for problem in refusals]
            errors = {"_errors": [{"code": "SPEC", "message": problem} for problem in refusals]}
            response: web.StreamResponse = reply(
                {"message": "Invalid Form Body", "code": 50035, "errors": {"body": errors}}, 400
            )
        elif fault is not None:
            fault.remaining -= 1
            if fault.remaining <= 0:
                self.s.faults.remove(fault)
            response = fault.response()
        else:
            response = await handler(request)
        record.status = response.status
        return response

    # -- helpers -------------------------------------------------------------------------------

    @staticmethod
    def _spec_errors(record: RecordedRequest) -> list[str]:
        """What Discord's OpenAPI description says is wrong with the body (see `spec.py`)."""
        checker = spec.validator()
        if checker is None or record.method not in ("POST", "PATCH", "PUT"):
            return []
        return checker.errors(record.method, record.route, record.json)

    @staticmethod
    def body(request: web.Request) -> tuple[Any, list[RecordedFile]]:
        record = request[RECORD]
        return (record.json or {}), record.files

    def attachments(self, channel_id: int, files: list[RecordedFile]) -> list[JSON]:
        return [
            payloads.attachment(self.s.new_id(), channel_id, f.filename, f.data, f.content_type)
            for f in files
        ]

    def interaction_by_token(self, request: web.Request) -> FakeInteraction | None:
        token = request.match_info["interaction_token"]
        return next((i for i in self.s.interactions.values() if i.token == token), None)

    # -- users, application, commands --------------------------------------------------------

    async def get_me(self, request: web.Request) -> web.Response:
        return reply(self.s.bot_user)

    async def get_application(self, request: web.Request) -> web.Response:
        return reply(
            {
                "id": str(self.s.application_id),
                "name": self.s.bot_user["username"],
                "icon": None,
                "description": "",
                "rpc_origins": [],
                "bot_public": True,
                "bot_require_code_grant": False,
                "bot": self.s.bot_user,
                "owner": self.s.owner_user,
                "team": None,
                "verify_key": "0" * 64,
                "flags": 0,
                "summary": "",
            }
        )

    def _command_list(self, request: web.Request) -> list[JSON]:
        guild_id = request.match_info.get("guild_id")
        if guild_id is None:
            return self.s.global_commands
        return self.s.guild_commands.setdefault(int(guild_id), [])

    async def get_commands(self, request: web.Request) -> web.Response:
        return reply(self._command_list(request))

    async def put_commands(self, request: web.Request) -> web.Response:
        sent, _ = self.body(request)
        guild_id = request.match_info.get("guild_id")
        existing = {(c["name"], c.get("type", 1)): c["id"] for c in self._command_list(request)}
        stored = []
        for command in sent or []:
            kind = command.get("type", 1)
            stored.append(
                {
                    "type": kind,
                    "description": "",
                    "options": [],
                    "default_member_permissions": None,
                    "dm_permission": True,
                    "nsfw": False,
                    **command,
                    "id": existing.get((command["name"], kind)) or str(self.s.new_id()),
                    "application_id": str(self.s.application_id),
                    "version": str(self.s.new_id()),
                    **({"guild_id": guild_id} if guild_id is not None else {}),
                }
            )
        if guild_id is None:
            self.s.global_commands = stored
        else:
            self.s.guild_commands[int(guild_id)] = stored
        return reply(stored)

    # -- channels and messages ----------------------------------------------------------------

    async def get_channel(self, request: web.Request) -> web.Response:
        found = self.s.find_channel(int(request.match_info["channel_id"]))
        return reply(found[1]) if found else error(404, "Unknown Channel", 10003)

    async def create_message(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel_id"])
        found = self.s.find_channel(channel_id)
        if found is None:
            return error(404, "Unknown Channel", 10003)
        sent, files = self.body(request)
        nonce = sent.get("nonce")
        if nonce is not None and len(str(nonce)) > NONCE_MAX_LENGTH:
            return error(400, "Invalid Form Body (nonce: must be 25 or fewer in length)", 50035)
        if nonce is not None and sent.get("enforce_nonce"):
            # Discord: the same nonce from the same author within a few minutes returns the
            # message created the first time instead of creating another.
            first = self.s.nonce_message(int(self.s.bot_user["id"]), str(nonce))
            if first is not None:
                self.s.nonce_repeats += 1
                return reply(first)
        if not (
            sent.get("content")
            or sent.get("embeds")
            or files
            or sent.get("components")
            or sent.get("poll")
        ):
            return error(400, "Cannot send an empty message", 50006)
        msg = payloads.message(
            self.s.new_id(),
            channel_id,
            self.s.bot_user,
            guild_id=found[0].id,
            sent=sent,
            attachments=self.attachments(channel_id, files),
        )
        self.s.message_store[int(msg["id"])] = msg
        self.s.messages.append(RecordedMessage(sent, files, msg))
        if nonce is not None and sent.get("enforce_nonce"):
            self.s.remember_nonce(int(self.s.bot_user["id"]), str(nonce), msg)
        if self.s.on_message_created is not None:
            self.s.on_message_created(msg)
        if self.s.echo_messages:
            await self.s.gateway.dispatch(
                "MESSAGE_CREATE", {**msg, "member": self.s.bot_member(found[0])}
            )
        return reply(msg)

    async def get_message(self, request: web.Request) -> web.Response:
        msg = self.s.message_store.get(int(request.match_info["message_id"]))
        return reply(msg) if msg else error(404, "Unknown Message", 10008)

    async def edit_message(self, request: web.Request) -> web.Response:
        message_id = int(request.match_info["message_id"])
        msg = self.s.message_store.get(message_id)
        if msg is None:
            return error(404, "Unknown Message", 10008)
        sent, files = self.body(request)
        updated = payloads.apply_edit(msg, sent, self.attachments(int(msg["channel_id"]), files))
        self.s.message_store[message_id] = updated
        return reply(updated)

    async def delete_message(self, request: web.Request) -> web.Response:
        if self.s.message_store.pop(int(request.match_info["message_id"]), None) is None:
            return error(404, "Unknown Message", 10008)
        return no_content()

    async def typing(self, request: web.Request) -> web.Response:
        return no_content()

    # -- guilds -------------------------------------------------------------------------------

    async def get_guild(self, request: web.Request) -> web.Response:
        guild = self.s.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            return error(404, "Unknown Guild", 10004)
        body = guild.payload(int(self.s.bot_user["id"]))
        for key in (
            "members",
            "channels",
            "threads",
            "presences",
            "voice_states",
            "joined_at",
            "large",
        ):
            body.pop(key)
        return reply(body)

    async def get_guild_channels(self, request: web.Request) -> web.Response:
        guild = self.s.guilds.get(int(request.match_info["guild_id"]))
        return reply(list(guild.channels.values())) if guild else error(404, "Unknown Guild", 10004)

    async def get_member(self, request: web.Request) -> web.Response:
        guild = self.s.guilds.get(int(request.match_info["guild_id"]))
        if guild is None:
            return error(404, "Unknown Guild", 10004)
        member = guild.members.get(int(request.match_info["user_id"]))
        return reply(member) if member else error(404, "Unknown Member", 10007)

    # -- interactions -------------------------------------------------------------------------

    async def callback(self, request: web.Request) -> web.Response:
        interaction = self.s.interactions.get(int(request.match_info["interaction_id"]))
        if interaction is None or interaction.token != request.match_info["interaction_token"]:
            return error(404, "Unknown interaction", 10062)
        if interaction.callbacks:
            return error(400, "Interaction has already been acknowledged.", 40060)
        sent, files = self.body(request)
        kind, data = int(sent["type"]), sent.get("data") or {}
        interaction.callbacks.append(Callback(kind, data, files))
        channel_id = int(interaction.payload["channel_id"])
        flags = int(data.get("flags") or 0)
        info: JSON = {
            "id": str(interaction.id),
            "type": interaction.payload["type"],
            "response_message_loading": kind == 5,
            "response_message_ephemeral": bool(flags & EPHEMERAL),
        }
        resource: JSON = {"type": kind}
        if kind in (4, 5):
            shown = dict(data, flags=flags | LOADING) if kind == 5 else data
            msg = payloads.message(
                self.s.new_id(),
                channel_id,
                self.s.bot_user,
                guild_id=self.s.guild_id_of(interaction),
                sent=shown,
                attachments=self.attachments(channel_id, files),
                webhook_id=self.s.application_id,
                message_type=20,
            )
            interaction.original = msg
            self.s.message_store[int(msg["id"])] = msg
            resource["message"] = msg
            info["response_message_id"] = msg["id"]
        elif kind in (6, 7) and "message" in interaction.payload:
            target = interaction.payload["message"]
            if kind == 7:
                target = payloads.apply_edit(target, data, self.attachments(channel_id, files))
                self.s.message_store[int(target["id"])] = target
                resource["message"] = target
            info["response_message_id"] = target["id"]
        return reply({"interaction": info, "resource": resource})

    async def followup(self, request: web.Request) -> web.Response:
        if int(request.match_info["application_id"]) in self.s.webhooks:
            return await self.execute_webhook(request)
        interaction = self.interaction_by_token(request)
        if interaction is None or not interaction.callbacks:
            return error(404, "Unknown Webhook", 10015)
        sent, files = self.body(request)
        channel_id = int(interaction.payload["channel_id"])
        msg = payloads.message(
            self.s.new_id(),
            channel_id,
            self.s.bot_user,
            guild_id=self.s.guild_id_of(interaction),
            sent=sent,
            attachments=self.attachments(channel_id, files),
            webhook_id=self.s.application_id,
        )
        self.s.message_store[int(msg["id"])] = msg
        interaction.followups.append(RecordedMessage(sent, files, msg))
        return reply(msg)

    def _webhook_target(self, request: web.Request) -> tuple[FakeInteraction, JSON] | web.Response:
        interaction = self.interaction_by_token(request)
        if interaction is None:
            return error(404, "Unknown Webhook", 10015)
        message_id = request.match_info["message_id"]
        if message_id == "@original":
            msg = interaction.original
        else:
            msg = self.s.message_store.get(int(message_id))
        return (interaction, msg) if msg is not None else error(404, "Unknown Message", 10008)

    async def get_webhook_message(self, request: web.Request) -> web.Response:
        target = self._webhook_target(request)
        return target if isinstance(target, web.Response) else reply(target[1])

    async def edit_webhook_message(self, request: web.Request) -> web.Response:
        if int(request.match_info["application_id"]) in self.s.webhooks:
            return await self.edit_message_of_webhook(request)
        target = self._webhook_target(request)
        if isinstance(target, web.Response):
            return target
        interaction, msg = target
        sent, files = self.body(request)
        updated = payloads.apply_edit(msg, sent, self.attachments(int(msg["channel_id"]), files))
        updated["flags"] = int(updated.get("flags") or 0) & ~LOADING
        self.s.message_store[int(updated["id"])] = updated
        if request.match_info["message_id"] == "@original":
            interaction.original = updated
        else:
            for followup in interaction.followups:
                if followup.id == int(updated["id"]):
                    followup.message = updated
        interaction.edits.append((request.match_info["message_id"], sent))
        return reply(updated)

    async def delete_webhook_message(self, request: web.Request) -> web.Response:
        target = self._webhook_target(request)
        if isinstance(target, web.Response):
            return target
        interaction, msg = target
        self.s.message_store.pop(int(msg["id"]), None)
        if request.match_info["message_id"] == "@original":
            interaction.original = None
        return no_content()

    # -- webhooks, threads and forum posts ------------------------------------------------------

    async def get_channel_webhooks(self, request: web.Request) -> web.Response:
        channel_id = request.match_info["channel_id"]
        return reply([w for w in self.s.webhooks.values() if w["channel_id"] == channel_id])

    async def create_webhook(self, request: web.Request) -> web.Response:
        channel_id = int(request.match_info["channel_id"])
        found = self.s.find_channel(channel_id)
        if found is None:
            return error(404, "Unknown Channel", 10003)
        guild, _ = found
        if not guild.channel_permissions(int(self.s.bot_user["id"]), channel_id) & MANAGE_WEBHOOKS:
            return error(403, "Missing Permissions", 50013)
        sent, _ = self.body(request)
        hook_id = self.s.new_id()
        hook = payloads.webhook(
            hook_id,
            secrets.token_urlsafe(24),
            channel_id,
            guild.id,
            sent["name"],
            self.s.bot_user,
            self.s.application_id,
        )
        self.s.webhooks[hook_id] = hook
        return reply(hook)

    def _start_thread(self, guild: FakeGuild, parent_id: int, name: str, owner: int) -> JSON:
        thread_id = guild.new_id()
        thread = payloads.thread_channel(thread_id, guild.id, parent_id, name[:100], owner)
        guild.channels[thread_id] = thread
        return thread

    def _post(
        self,
        channel_id: int,
        guild: FakeGuild,
        author: JSON,
        sent: JSON,
        files: list[Any],
        **extra: Any,
    ) -> JSON:
        msg = payloads.message(
            extra.pop("message_id", None) or self.s.new_id(),
            channel_id,
            author,
            guild_id=guild.id,
            sent=sent,
            attachments=self.attachments(channel_id, files),
            **extra,
        )
        self.s.message_store[int(msg["id"])] = msg
        self.s.messages.append(RecordedMessage(sent, files, msg))
        return msg

    async def create_thread(self, request: web.Request) -> web.Response:
        """A thread in a text channel, or a post in a forum (a thread with a starter message)."""
        channel_id = int(request.match_info["channel_id"])
        found = self.s.find_channel(channel_id)
        if found is None:
            return error(404, "Unknown Channel", 10003)
        guild, channel = found
        sent, files = self.body(request)
        if channel["type"] == FORUM and not sent.get("message"):
            return error(400, "A forum post needs a message", 50006)
        thread = self._start_thread(guild, channel_id, sent["name"], int(self.s.bot_user["id"]))
        if channel["type"] != FORUM:
            return reply(thread)
        starter = self._post(
            int(thread["id"]),
            guild,
            self.s.bot_user,
            sent["message"],
            files,
            message_id=int(thread["id"]),
        )
        thread["message_count"] = 1
        return reply({**thread, "message": starter})

    def _webhook(self, request: web.Request) -> JSON | web.Response:
        hook = self.s.webhooks.get(int(request.match_info["application_id"]))
        if hook is None or hook["token"] != request.match_info["interaction_token"]:
            return error(401, "Invalid Webhook Token", 50027)
        return hook

    async def execute_webhook(self, request: web.Request) -> web.Response:
        """A webhook message with the sender's username/avatar; in a forum, a new post."""
        hook = self._webhook(request)
        if isinstance(hook, web.Response):
            return hook
        sent, files = self.body(request)
        channel_id = int(hook["channel_id"])
        found = self.s.find_channel(channel_id)
        if found is None:
            return error(404, "Unknown Channel", 10003)
        guild, channel = found
        author = payloads.user(int(hook["id"]), sent.get("username") or hook["name"], bot=True)
        author["avatar_url"] = sent.get("avatar_url")
        target, message_id = channel_id, None
        if "thread_id" in request.query:
            thread = guild.channels.get(int(request.query["thread_id"]))
            if thread is None or thread.get("parent_id") != str(channel_id):
                return error(400, "Unknown thread for this webhook", 10003)
            target = int(thread["id"])
        elif channel["type"] == FORUM:
            if not sent.get("thread_name"):
                return error(
                    400,
                    "Webhooks posted to forum channels must have a thread_name or thread_id",
                    220001,
                )
            thread = self._start_thread(guild, channel_id, sent["thread_name"], int(hook["id"]))
            target = message_id = int(thread["id"])
        msg = self._post(
            target, guild, author, sent, files, webhook_id=int(hook["id"]), message_id=message_id
        )
        return reply(msg) if request.query.get("wait") in ("true", "True", "1") else no_content()

    async def edit_message_of_webhook(self, request: web.Request) -> web.Response:
        hook = self._webhook(request)
        if isinstance(hook, web.Response):
            return hook
        msg = self.s.message_store.get(int(request.match_info["message_id"]))
        if msg is None or msg.get("webhook_id") != hook["id"]:
            return error(404, "Unknown Message", 10008)
        sent, files = self.body(request)
        updated = payloads.apply_edit(msg, sent, self.attachments(int(msg["channel_id"]), files))
        self.s.message_store[int(updated["id"])] = updated
        return reply(updated)

    # -- guild scheduled events ---------------------------------------------------------------

    def _guild(self, request: web.Request) -> FakeGuild | web.Response:
        guild = self.s.guilds.get(int(request.match_info["guild_id"]))
        return guild if guild is not None else error(404, "Unknown Guild", 10004)

    def _may_manage_events(self, guild: FakeGuild) -> bool:
        return bool(guild.base_permissions(int(self.s.bot_user["id"])) & MANAGE_EVENTS)

    async def list_scheduled_events(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        return (
            guild
            if isinstance(guild, web.Response)
            else reply(list(guild.scheduled_events.values()))
        )

    async def create_scheduled_event(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        if isinstance(guild, web.Response):
            return guild
        if not self._may_manage_events(guild):
            return error(403, "Missing Permissions", 50013)
        sent, _ = self.body(request)
        event = payloads.scheduled_event(self.s.new_id(), guild.id, self.s.bot_user, sent)
        guild.scheduled_events[int(event["id"])] = event
        return reply(event)

    def _scheduled(self, request: web.Request) -> tuple[FakeGuild, JSON] | web.Response:
        guild = self._guild(request)
        if isinstance(guild, web.Response):
            return guild
        event = guild.scheduled_events.get(int(request.match_info["guild_scheduled_event_id"]))
        if event is None:
            return error(404, "Unknown Guild Scheduled Event", 10070)
        return guild, event

    async def get_scheduled_event(self, request: web.Request) -> web.Response:
        found = self._scheduled(request)
        return found if isinstance(found, web.Response) else reply(found[1])

    async def modify_scheduled_event(self, request: web.Request) -> web.Response:
        found = self._scheduled(request)
        if isinstance(found, web.Response):
            return found
        guild, event = found
        if not self._may_manage_events(guild):
            return error(403, "Missing Permissions", 50013)
        sent, _ = self.body(request)
        event.update({k: v for k, v in sent.items() if k in event})
        return reply(event)

    async def delete_scheduled_event(self, request: web.Request) -> web.Response:
        found = self._scheduled(request)
        if isinstance(found, web.Response):
            return found
        guild, event = found
        if not self._may_manage_events(guild):
            return error(403, "Missing Permissions", 50013)
        del guild.scheduled_events[int(event["id"])]
        return no_content()

    async def unknown(self, request: web.Request) -> web.Response:
        log.error(
            "fake discord: no route for %s %s; add one to tests/fake_discord/rest.py",
            request.method,
            request.path,
        )
        self.s.unknown_routes.append(f"{request.method} {request.path}")
        return error(404, f"fake discord has no route for {request.method} {request.path}")
