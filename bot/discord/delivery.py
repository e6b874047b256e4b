"""The delivery worker: posts due `deliveries` rows to Discord and marks them sent after a 2xx.

The alert kinds are composed by `bot.outbox.alert_messages` from the events' state at sending
time, so a late delivery shows what is known now, and posted by `AlertTarget` to a channel, a
thread or a forum (one post per alert), directly or through the subscription's webhook;
`scheduled_event` rows create, modify or delete a server's Guild Scheduled Event; every other
kind carries its finished message in
`payload["message"]` = `{"content", "embeds": [...], "files": [{"filename", "data_b64"}]}`.

Exactly once: a row is marked sent only after Discord's 2xx, and every message create carries
a nonce derived from the row with `enforce_nonce`, so a repeat after a crash in between returns
the message Discord already made (see `delivery_nonce`).

Failures never lose a row: 429 is waited out by discord.py; 5xx and network errors retry with a
growing delay (`attempts`, `last_error`, `due_at`); a channel that refuses us (403/404) pauses its
subscription — whose rows then wait — and the server's admins get one notice; a refused
message with no subscription behind it (a notice, a digest) is dropped with a log line.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import hashlib
import logging
from typing import Any

import aiohttp
import discord

from bot.app import App
from bot.db.models import Subscription
from bot.discord.messages import message_kwargs
from bot.discord.render import Message, cut, paused_notice
from bot.errors import one_line
from bot.outbox.kinds import ALERT_KINDS, ROLE_PING_KINDS, DeliveryKind
from bot.outbox.store import DeliveryStore, DueDelivery

log = logging.getLogger(__name__)

THREAD_NAME_LIMIT = 100


def post_title(message: Message) -> str:
    """A forum post's name: the alert's embed title, else its text (Discord allows 100)."""
    embeds = message.get("embeds") or []
    title = (embeds[0].get("title") if embeds else None) or message.get("content") or "Dateline"
    return cut(str(title), THREAD_NAME_LIMIT)


class AlertTarget:
    """Where a subscription's alerts go: its channel or thread, a forum (one post per alert),
    directly or through the channel's webhook with the subscription's name and avatar."""

    def __init__(self, client: discord.Client, subscription: Subscription, channel_id: int) -> None:
        self._client = client
        self._subscription = subscription
        self._channel_id = channel_id
        self._webhook = (
            discord.Webhook.partial(
                subscription.webhook_id, subscription.webhook_token, client=client
            )
            if subscription.webhook_id is not None and subscription.webhook_token
            else None
        )

    def _thread_of(self, message_id: int | None) -> int | None:
        """The thread a message lives in: a thread subscription's own, a forum post's (whose
        starter message has the thread's id), else none."""
        if self._subscription.target == "thread":
            return self._channel_id
        if self._subscription.target == "forum":
            return message_id
        return None

    async def send(
        self,
        message: Message,
        mentions: discord.AllowedMentions,
        *,
        in_post: int | None,
        nonce: str,
    ) -> int:
        """Post once; a plain channel post carries the row's nonce (Discord drops a repeat)."""
        kwargs = message_kwargs(message)
        forum = self._subscription.target == "forum"
        thread = self._thread_of(in_post) if forum else self._thread_of(None)
        if self._webhook is not None:
            extra: dict[str, Any] = {}
            if self._subscription.webhook_name:
                extra["username"] = self._subscription.webhook_name
            if self._subscription.webhook_avatar_url:
                extra["avatar_url"] = self._subscription.webhook_avatar_url
            if thread is not None:
                extra["thread"] = discord.Object(thread)
            elif forum:
                extra["thread_name"] = post_title(message)
            sent = await self._webhook.send(**kwargs, **extra, wait=True, allowed_mentions=mentions)
            return sent.id
        if forum and thread is None:
            channel = self._client.get_channel(self._channel_id)
            if not isinstance(channel, discord.ForumChannel):
                fetched = await self._client.fetch_channel(self._channel_id)
                if not isinstance(fetched, discord.ForumChannel):
                    raise LookupError(f"channel {self._channel_id} is not a forum")
                channel = fetched
            created = await channel.create_thread(
                name=post_title(message), **kwargs, allowed_mentions=mentions
            )
            return created.message.id
        channel_id = thread if forum and thread is not None else self._channel_id
        posted = await self._client.get_partial_messageable(channel_id).send(
            **kwargs, allowed_mentions=mentions, nonce=nonce
        )
        return posted.id

    async def edit(self, message_id: int, message: Message) -> None:
        kwargs = message_kwargs(message)
        kwargs.pop("files", None)
        thread = self._thread_of(message_id)
        if self._webhook is not None:
            extra: dict[str, Any] = {"thread": discord.Object(thread)} if thread else {}
            await self._webhook.edit_message(message_id, **kwargs, **extra)
            return
        channel = self._client.get_partial_messageable(thread or self._channel_id)
        await channel.get_partial_message(message_id).edit(**kwargs)


def delivery_nonce(row_id: int, dedupe_key: str) -> str:
    """The message nonce of a row: the same on every attempt, different for every row.

    Sent with `enforce_nonce`, so if the process died after Discord created the message but
    before the row was marked sent, the repeat returns the first message instead of a second.
    Discord allows 25 characters.
    """
    digest = hashlib.sha256(f"{row_id}:{dedupe_key}".encode()).hexdigest()
    return f"d{digest[:24]}"


class DeliveryWorker:
    """Runs inside the bot; one loop, so rows are never posted twice by this process."""

    def __init__(self, app: App, client: discord.Client) -> None:
        self._app = app
        self._client = client
        self._store = DeliveryStore(app.sessions)
        self._lock = asyncio.Lock()

    async def run(self) -> None:
        """Deliver what is due, then wait for the next check or for ingestion's wake-up."""
        await self._client.wait_until_ready()
        wakeup = self._app.outbox_wakeup
        interval = self._app.settings.scheduler.delivery_check_seconds
        while True:
            wakeup.clear()
            try:
                await self.deliver_due()
            except Exception:
                # The database or the network is down; the rows are safe, try again later.
                log.exception("delivery check failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wakeup.wait(), interval)

    async def deliver_due(self) -> int:
        """Post every due row (oldest first) once; returns how many were sent."""
        async with self._lock:
            rows = await self._store.claim_due(
                self._app.clock.now(),
                claimant=self._app.ingestor.owner,
                lease=dt.timedelta(
                    seconds=self._app.settings.scheduler.lease_seconds
                    if self._app.shared_database
                    else 0
                ),
            )
            sent = 0
            for row in rows:
                sent += await self._deliver(row)
            return sent

    async def _deliver(self, row: DueDelivery) -> bool:
        subscription = (
            await self._app.subscriptions.get(row.subscription_id) if row.subscription_id else None
        )
        if subscription is not None and (subscription.paused or subscription.retired_at):
            await self._store.release(row.id)  # it waits for its subscription
            return False
        try:
            message_id = await self._post(row, subscription)
        except (discord.Forbidden, discord.NotFound) as exc:
            await self._refused(row, subscription, exc)
            return False
        except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as exc:
            await self._retry_later(row, exc)
            return False
        except Exception as exc:  # a bad payload must not block the rows queued behind it
            log.exception("delivery #%s (%s) failed unexpectedly", row.id, row.kind)
            await self._retry_later(row, exc)
            return False
        await self._store.mark_sent(row.id, message_id, self._app.clock.now())
        return True

    async def _post(self, row: DueDelivery, subscription: Subscription | None) -> int | None:
        """Send (or, for an alert update, edit) the row's message; returns the message id."""
        channel = self._client.get_partial_messageable(row.channel_id)
        role_id = subscription.role_id if subscription is not None else None
        mentions = (
            discord.AllowedMentions(roles=[discord.Object(role_id)])
            if role_id is not None and row.kind in ROLE_PING_KINDS
            else discord.AllowedMentions.none()
        )
        if row.kind is DeliveryKind.SCHEDULED_EVENT:
            return await self._sync_scheduled_event(row)
        nonce = delivery_nonce(row.id, row.dedupe_key)
        if row.kind not in ALERT_KINDS:
            sent = await channel.send(
                **message_kwargs(row.payload["message"]), allowed_mentions=mentions, nonce=nonce
            )
            return sent.id
        if subscription is None:
            raise LookupError(f"{row.kind} without a subscription")
        composed = await self._app.alerts.compose(row, subscription, self._app.clock.now())
        if composed.message is None:
            return None  # nothing left to say (events gone, or an update to an old message)
        target = AlertTarget(self._client, subscription, row.channel_id)
        if composed.edit_message_id is not None:
            with contextlib.suppress(discord.NotFound):  # deleted by someone: post anew
                await target.edit(composed.edit_message_id, composed.message)
                return composed.edit_message_id
        return await target.send(
            composed.message, mentions, in_post=composed.first_alert_id, nonce=nonce
        )

    async def _sync_scheduled_event(self, row: DueDelivery) -> int | None:
        """Create, modify or delete a server's Guild Scheduled Event; returns its Discord id."""
        guild_id, event_id = int(row.payload["guild_id"]), int(row.payload["event_id"])
        tab, http = self._app.events_tab, self._client.http
        known = await tab.discord_id(guild_id, event_id)
        if row.payload["action"] == "delete":
            if known is not None:
                with contextlib.suppress(discord.NotFound):  # already removed by someone
                    await http.delete_scheduled_event(guild_id, known)
                await tab.forget(guild_id, event_id)
            return known
        body = await tab.body(guild_id, event_id)
        if body is None:
            return None
        if known is not None:
            try:
                await http.edit_scheduled_event(guild_id, known, **body)
                await tab.record(guild_id, event_id, known, int(row.payload["revision"]))
                return known
            except discord.NotFound:
                pass  # removed by someone in Discord: show it again
        created = await http.create_guild_scheduled_event(guild_id, **body)
        discord_id = int(created["id"])
        await tab.record(guild_id, event_id, discord_id, int(row.payload["revision"]))
        return discord_id

    async def _retry_later(self, row: DueDelivery, exc: BaseException) -> None:
        error = one_line(exc, with_type=True)
        retry = await self._store.retry_later(row.id, error, self._app.clock.now())
        if retry is None:
            return
        attempts, due = retry
        log.warning(
            "delivery #%s to channel %s failed (%s); attempt %s, next try %s",
            row.id,
            row.channel_id,
            error,
            attempts,
            due.isoformat(timespec="seconds"),
        )

    async def _refused(
        self, row: DueDelivery, subscription: Subscription | None, exc: discord.HTTPException
    ) -> None:
        """403/404: retrying cannot help until a person fixes the channel.

        A subscription's channel is paused (its rows wait for /subscribe to resume it); a message
        with no subscription behind it (a notice, a digest) is dropped with a log line.
        """
        if subscription is None:
            await self._store.drop(row.id)
            log.warning(
                "%s for channel %s dropped: %s",
                row.kind,
                row.channel_id,
                one_line(exc, with_type=True),
            )
            return
        reason = (
            "the channel no longer exists"
            if isinstance(exc, discord.NotFound)
            else "the bot is not allowed to post there"
        )
        await self._store.record_refusal(row.id, one_line(exc, with_type=True))
        if await self._app.subscriptions.pause(subscription.id, f"{reason} ({exc.status})"):
            log.warning(
                "alerts to channel %s paused: %s", row.channel_id, one_line(exc, with_type=True)
            )
            await self._notify_admins(subscription, reason)

    async def _notify_admins(self, subscription: Subscription, reason: str) -> None:
        """One notice in the server's notice channel, else its system channel."""
        guild_id = subscription.guild_id
        if guild_id is None:
            channel = self._client.get_channel(subscription.channel_id)
            guild_id = getattr(getattr(channel, "guild", None), "id", None)
        if guild_id is None:
            log.warning("no server known for channel %s; nobody to notify", subscription.channel_id)
            return
        target = await self._app.guilds.notice_channel(guild_id)
        if target is None:
            guild = self._client.get_guild(guild_id)
            target = guild.system_channel.id if guild and guild.system_channel else None
        if target is None or target == subscription.channel_id:
            log.warning("server %s has no notice or system channel; notice not sent", guild_id)
            return
        now = self._app.clock.now()
        await self._store.queue_notice(
            dedupe_key=f"notice:paused:{subscription.id}:{now.isoformat()}",
            channel_id=target,
            message=paused_notice(subscription.channel_id, reason),
            now=now,
        )
        self._app.outbox_wakeup.set()
