"""The delivery worker: posts due `deliveries` rows to Discord and marks them sent after a 2xx.

Alerts (`alert`, `alert_update`) are rendered from the event's state at sending time, so a late
delivery shows what is known now; every other kind carries its finished message in
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

import aiohttp
import discord

from bot.app import App
from bot.db.models import Subscription
from bot.discord.render import alert_message, message_kwargs, paused_notice
from bot.errors import one_line
from bot.outbox.kinds import ALERT_KINDS, ROLE_PING_KINDS, DeliveryKind
from bot.outbox.store import DeliveryStore, DueDelivery
from bot.visibility import Viewer, subscription_viewer

log = logging.getLogger(__name__)


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

    async def _post(self, row: DueDelivery, subscription: Subscription | None) -> int:
        """Send (or, for an alert update, edit) the row's message; returns the message id."""
        channel = self._client.get_partial_messageable(row.channel_id)
        role_id = subscription.role_id if subscription is not None else None
        mentions = (
            discord.AllowedMentions(roles=[discord.Object(role_id)])
            if role_id is not None and row.kind in ROLE_PING_KINDS
            else discord.AllowedMentions.none()
        )
        nonce = delivery_nonce(row.id, row.dedupe_key)
        if row.kind not in ALERT_KINDS:
            sent = await channel.send(
                **message_kwargs(row.payload["message"]), allowed_mentions=mentions, nonce=nonce
            )
            return sent.id
        if row.event_id is None:
            raise LookupError("alert without an event")
        viewer = subscription_viewer(subscription) if subscription else Viewer.shared()
        detail = await self._app.timeline.get(row.event_id, viewer=viewer)
        if detail is None:
            raise LookupError(f"event {row.event_id} no longer exists")
        if row.kind is DeliveryKind.ALERT_UPDATE:
            update = alert_message(detail, role_id=None, updated=True)
            earlier = await self._store.earlier_alert_message(row)
            if earlier is not None:
                with contextlib.suppress(discord.NotFound):  # deleted by someone: post anew
                    await channel.get_partial_message(earlier).edit(**message_kwargs(update))
                    return earlier
            sent = await channel.send(**message_kwargs(update), nonce=nonce)
            return sent.id
        message = alert_message(detail, role_id=role_id)
        sent = await channel.send(**message_kwargs(message), allowed_mentions=mentions, nonce=nonce)
        return sent.id

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
