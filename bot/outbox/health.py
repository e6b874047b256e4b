"""Source-health notices: one message when a source keeps failing, one when it recovers.

Called by the ingest pipeline inside the transaction that records the poll's outcome, so the
`failure_notice_sent` flag and the queued notices are written together: one notice per failure
streak, even across restarts. Who is told: the server that added the source (the channels of
its subscriptions); for sources declared in the config file, every alert channel.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Source, Subscription
from bot.outbox.kinds import DeliveryKind
from bot.outbox.store import enqueue
from bot.visibility import Viewer, source_visible, subscription_viewer


async def notice_channels(session: AsyncSession, source: Source) -> list[int]:
    """The subscribed channels of the servers that see the source (`bot.visibility`); a source
    the operator added at the command line tells nobody (the operator reads the CLI)."""
    if not source.from_config and source.guild_id is None:
        return []
    subscriptions = await session.scalars(
        select(Subscription)
        .where(Subscription.retired_at.is_(None))
        .order_by(Subscription.channel_id)
    )
    sees: dict[Viewer, bool] = {}
    channels: list[int] = []
    for subscription in subscriptions:
        viewer = subscription_viewer(subscription)
        if viewer not in sees:
            visible = select(Source.id).where(Source.id == source.id, source_visible(viewer))
            sees[viewer] = await session.scalar(visible) is not None
        if sees[viewer] and subscription.channel_id not in channels:
            channels.append(subscription.channel_id)
    return channels


def failure_text(source: Source) -> str:
    if source.gone:
        return (
            f"⚠️ Source **{source.display_name}** is gone (HTTP 410): it will not be polled "
            f"again. Remove it, or add its new address. <{source.url}>"
        )
    return (
        f"⚠️ Source **{source.display_name}** has failed {source.consecutive_errors} times in "
        f"a row (last error: {(source.last_error or 'unknown')[:300]}). Dateline keeps retrying, "
        f"less often; next try <t:{int(source.next_poll_at.timestamp())}:R>. <{source.url}>"
    )


def recovery_text(source: Source) -> str:
    return (
        f"✅ Source **{source.display_name}** works again after "
        f"{source.consecutive_errors} failed polls."
    )


async def _notify(
    session: AsyncSession, source: Source, text: str, tag: str, now: dt.datetime
) -> int:
    queued = 0
    for channel_id in await notice_channels(session, source):
        queued += await enqueue(
            session,
            kind=DeliveryKind.SOURCE_HEALTH,
            dedupe_key=f"health:{source.id}:{channel_id}:{tag}:{now.isoformat()}",
            channel_id=channel_id,
            now=now,
            payload={"message": {"content": text, "embeds": [], "files": []}},
        )
    return queued


async def after_failure(
    session: AsyncSession, source: Source, now: dt.datetime, *, notice_after: int
) -> int:
    """Call once the failure is recorded on `source`; a gone feed is reported at once."""
    if source.failure_notice_sent:
        return 0
    if not source.gone and source.consecutive_errors < notice_after:
        return 0
    source.failure_notice_sent = True
    return await _notify(session, source, failure_text(source), "down", now)


async def before_success(session: AsyncSession, source: Source, now: dt.datetime) -> int:
    """Call before the error count is reset, so the notice can say how long it was down."""
    if not source.failure_notice_sent:
        return 0
    source.failure_notice_sent = False
    return await _notify(session, source, recovery_text(source), "up", now)
