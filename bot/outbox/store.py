"""Every read and write of the `deliveries` table: queue, find what is due, record the outcome.

Rows are written in the same transaction as the change that causes them (`enqueue` takes the
caller's session), and the delivery worker marks them sent only after Discord accepted them, so
nothing is lost on a crash and nothing is sent twice (`dedupe_key` is unique). Rows of a paused
subscription wait; a failed row retries later with a growing delay.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.models import AlertEvent, Delivery, Subscription, table_of
from bot.db.queries import repoint_event_rows
from bot.outbox.kinds import DeliveryKind

BATCH_SIZE = 50
RETRY_BASE_SECONDS = 5.0
RETRY_CAP_SECONDS = 3600.0


def retry_delay(attempts: int) -> dt.timedelta:
    """5 s, 10 s, 20 s … capped at an hour: Discord outages are usually short, never forever."""
    return dt.timedelta(
        seconds=min(RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), RETRY_CAP_SECONDS)
    )


async def enqueue(
    session: AsyncSession,
    *,
    kind: DeliveryKind,
    dedupe_key: str,
    channel_id: int,
    now: dt.datetime,
    due_at: dt.datetime | None = None,
    subscription_id: int | None = None,
    event_id: int | None = None,
    payload: dict[str, Any] | None = None,
) -> bool:
    """Queue one message unless a row with the same key exists; returns whether it was queued."""
    if await is_queued(session, dedupe_key):
        return False
    session.add(
        Delivery(
            kind=kind,
            dedupe_key=dedupe_key,
            channel_id=channel_id,
            subscription_id=subscription_id,
            event_id=event_id,
            payload=payload or {},
            created_at=now,
            due_at=due_at or now,
        )
    )
    await session.flush()
    return True


async def is_queued(session: AsyncSession, dedupe_key: str) -> bool:
    """Whether a row with this key exists (sent or not)."""
    found = await session.scalar(select(Delivery.id).where(Delivery.dedupe_key == dedupe_key))
    return found is not None


async def drop_unsent(session: AsyncSession, kind: DeliveryKind, event_ids: Iterable[int]) -> int:
    """Delete the unsent `kind` rows of these events; returns how many."""
    wanted = list(event_ids)
    if not wanted:
        return 0
    result = await session.execute(
        delete(Delivery).where(
            Delivery.kind == kind, Delivery.sent_at.is_(None), Delivery.event_id.in_(wanted)
        )
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


async def queued_rows(
    session: AsyncSession, kind: DeliveryKind, event_ids: Iterable[int]
) -> list[tuple[int | None, int | None, str]]:
    """(subscription id, event id, dedupe key) of the `kind` rows already queued (sent or not)
    for these events. The event id is the row's: it follows an event folded into another."""
    rows = await session.execute(
        select(Delivery.subscription_id, Delivery.event_id, Delivery.dedupe_key).where(
            Delivery.kind == kind, Delivery.event_id.in_(list(event_ids))
        )
    )
    return [(subscription_id, event_id, key) for subscription_id, event_id, key in rows]


async def enqueue_alert(
    session: AsyncSession,
    *,
    kind: DeliveryKind,
    dedupe_key: str,
    subscription: Subscription,
    event_ids: list[int],
    now: dt.datetime,
    due_at: dt.datetime | None = None,
    payload: dict[str, Any] | None = None,
) -> bool:
    """An alert row and which events it announces (`alert_events`), in the caller's session."""
    queued = await enqueue(
        session,
        kind=kind,
        dedupe_key=dedupe_key,
        channel_id=subscription.channel_id,
        subscription_id=subscription.id,
        event_id=event_ids[0],
        now=now,
        due_at=due_at,
        payload={**(payload or {}), "event_ids": event_ids},
    )
    if queued:
        await _record_alert_events(session, dedupe_key, event_ids)
    return queued


async def _record_alert_events(session: AsyncSession, key: str, event_ids: Iterable[int]) -> None:
    delivery_id = await session.scalar(select(Delivery.id).where(Delivery.dedupe_key == key))
    if delivery_id is None:
        raise LookupError(f"no delivery {key!r} to record events for")
    session.add_all(AlertEvent(delivery_id=delivery_id, event_id=e) for e in event_ids)
    await session.flush()


async def add_alert_events(session: AsyncSession, dedupe_key: str, event_ids: list[int]) -> bool:
    """Add events to an unsent alert row (a roll-up); False if it is gone or already sent."""
    row = await session.scalar(select(Delivery).where(Delivery.dedupe_key == dedupe_key))
    if row is None or row.sent_at is not None:
        return False
    known = list(row.payload.get("event_ids", []))
    added = [e for e in event_ids if e not in known]
    row.payload = {**row.payload, "event_ids": known + added}
    await session.flush()
    await _record_alert_events(session, dedupe_key, added)
    return True


async def count_since(
    session: AsyncSession, subscription_id: int, kinds: Iterable[DeliveryKind], since: dt.datetime
) -> int:
    """How many rows of `kinds` a subscription got queued after `since` (the hourly cap)."""
    count = await session.scalar(
        select(func.count())
        .select_from(Delivery)
        .where(
            Delivery.subscription_id == subscription_id,
            Delivery.kind.in_(list(kinds)),
            Delivery.created_at > since,
        )
    )
    return int(count or 0)


async def first_alert_id(session: AsyncSession, subscription_id: int, event_id: int) -> int | None:
    """The first alert row of this subscription that announced the event, if any."""
    return await session.scalar(
        select(AlertEvent.delivery_id)
        .join(Delivery, Delivery.id == AlertEvent.delivery_id)
        .where(Delivery.subscription_id == subscription_id, AlertEvent.event_id == event_id)
        .order_by(AlertEvent.delivery_id)
        .limit(1)
    )


@dataclass(frozen=True, slots=True)
class SentAlert:
    """An alert that was posted: what it announced, and its message."""

    payload: dict[str, Any]
    event_id: int | None
    message_id: int


@dataclass(frozen=True, slots=True)
class DueDelivery:
    """A row to post, detached from its session."""

    id: int
    dedupe_key: str
    kind: DeliveryKind
    channel_id: int
    subscription_id: int | None
    event_id: int | None
    payload: dict[str, Any]


class DeliveryStore:
    """The worker's side of the table: what is due, and what happened when it was posted."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def claim_due(
        self, now: dt.datetime, claimant: str, lease: dt.timedelta, limit: int = BATCH_SIZE
    ) -> list[DueDelivery]:
        """Unsent rows whose time has come, oldest first, claimed for `claimant` until
        `now + lease`; a paused or retired subscription's rows wait. Rows another sender holds
        (locked now, or claimed until later) are skipped, so two senders never post one row, and
        a dead sender's claims run out."""
        due = (
            select(Delivery.id)
            .outerjoin(Subscription, Delivery.subscription_id == Subscription.id)
            .where(
                Delivery.sent_at.is_(None),
                Delivery.due_at <= now,
                or_(
                    Delivery.subscription_id.is_(None),
                    and_(Subscription.paused.is_(False), Subscription.retired_at.is_(None)),
                ),
                or_(Delivery.claimed_until.is_(None), Delivery.claimed_until < now),
            )
            .order_by(Delivery.due_at, Delivery.id)
            .limit(limit)
            .with_for_update(of=Delivery, skip_locked=True)
        )
        async with self._sessions.begin() as session:
            claimed = list(
                await session.scalars(
                    update(Delivery)
                    .where(Delivery.id.in_(due.scalar_subquery()))
                    .values(claimed_by=claimant, claimed_until=now + lease)
                    .returning(Delivery.id)
                    .execution_options(synchronize_session=False)
                )
            )
            rows = await session.scalars(
                select(Delivery)
                .where(Delivery.id.in_(claimed))
                .order_by(Delivery.due_at, Delivery.id)
            )
            return [
                DueDelivery(
                    id=row.id,
                    dedupe_key=row.dedupe_key,
                    kind=DeliveryKind(row.kind),
                    channel_id=row.channel_id,
                    subscription_id=row.subscription_id,
                    event_id=row.event_id,
                    payload=row.payload,
                )
                for row in rows
            ]

    async def release(self, delivery_id: int) -> None:
        """Give a claimed row back (it waits for its subscription), claimable at once."""
        async with self._sessions.begin() as session:
            await session.execute(
                update(Delivery)
                .where(Delivery.id == delivery_id)
                .values(claimed_by=None, claimed_until=None)
            )

    async def queue_notice(
        self, *, dedupe_key: str, channel_id: int, message: dict[str, Any], now: dt.datetime
    ) -> bool:
        """A notice to a server's admins, queued in a transaction of its own."""
        async with self._sessions.begin() as session:
            return await enqueue(
                session,
                kind=DeliveryKind.NOTICE,
                dedupe_key=dedupe_key,
                channel_id=channel_id,
                now=now,
                payload={"message": message},
            )

    async def first_sent_alert(
        self, subscription_id: int | None, event_id: int | None, *, sent_since: dt.datetime | None
    ) -> SentAlert | None:
        """The earliest posted alert of this subscription that announced the event."""
        statement = (
            select(Delivery)
            .join(AlertEvent, AlertEvent.delivery_id == Delivery.id)
            .where(
                Delivery.subscription_id == subscription_id,
                AlertEvent.event_id == event_id,
                Delivery.kind == DeliveryKind.ALERT,
                Delivery.message_id.is_not(None),
            )
            .order_by(Delivery.id)
            .limit(1)
        )
        if sent_since is not None:
            statement = statement.where(Delivery.sent_at >= sent_since)
        async with self._sessions() as session:
            found = await session.scalar(statement)
        if found is None or found.message_id is None:
            return None
        return SentAlert(found.payload, found.event_id, found.message_id)

    async def mark_sent(self, delivery_id: int, message_id: int | None, now: dt.datetime) -> None:
        """`message_id` None: nothing needed posting (an update to an alert no longer recent)."""
        async with self._sessions.begin() as session:
            row = await session.get(Delivery, delivery_id)
            if row is not None:
                row.sent_at = now
                row.message_id = message_id
                row.attempts += 1
                row.last_error = None
                row.claimed_by = row.claimed_until = None

    async def retry_later(
        self, delivery_id: int, error: str, now: dt.datetime
    ) -> tuple[int, dt.datetime] | None:
        """Count a failed attempt and push the row back; returns (attempts, next try)."""
        async with self._sessions.begin() as session:
            row = await session.get(Delivery, delivery_id)
            if row is None:
                return None
            row.attempts += 1
            row.last_error = error
            row.due_at = now + retry_delay(row.attempts)
            row.claimed_by = row.claimed_until = None
            return row.attempts, row.due_at

    async def record_refusal(self, delivery_id: int, error: str) -> None:
        """Count an attempt the channel refused; the row waits for its subscription to resume."""
        async with self._sessions.begin() as session:
            row = await session.get(Delivery, delivery_id)
            if row is not None:
                row.attempts += 1
                row.last_error = error
                row.claimed_by = row.claimed_until = None

    async def drop(self, delivery_id: int) -> None:
        """Forget a row nobody can receive (a notice or digest to a channel that refuses us)."""
        async with self._sessions.begin() as session:
            row = await session.get(Delivery, delivery_id)
            if row is not None:
                await session.delete(row)


@dataclass(frozen=True, slots=True)
class OutboxStats:
    """For /metrics: how many rows wait (`failing`: of those, retried after an error), how many
    were sent, and since when the oldest due row waits."""

    queued: int
    failing: int
    sent: int
    oldest_due_at: dt.datetime | None


async def outbox_stats(sessions: async_sessionmaker[AsyncSession], now: dt.datetime) -> OutboxStats:
    unsent = Delivery.sent_at.is_(None)
    async with sessions() as session:
        queued = await session.scalar(select(func.count(Delivery.id)).where(unsent))
        failing = await session.scalar(
            select(func.count(Delivery.id)).where(unsent, Delivery.attempts > 0)
        )
        sent = await session.scalar(
            select(func.count(Delivery.id)).where(Delivery.sent_at.is_not(None))
        )
        oldest: dt.datetime | None = await session.scalar(
            select(func.min(Delivery.due_at)).where(unsent, Delivery.due_at <= now)
        )
    return OutboxStats(int(queued or 0), int(failing or 0), int(sent or 0), oldest)


# Deliveries planned from an event's current state (a reminder, its Discord scheduled event):
# unsent ones of a folded event are dropped, the planners queue them for the event it joined.
_REPLANNED_KINDS = (DeliveryKind.REMINDER, DeliveryKind.SCHEDULED_EVENT)


async def hand_over_deliveries(session: AsyncSession, folds: Sequence[tuple[int, int]]) -> None:
    """For each (absorbed, survivor) of `folds` (events folded into others by the timeline
    store): the alerts that announced the absorbed event name the survivor (to edit or link
    them later), its sent rows point at the survivor (a reminder sent for it counts for the
    survivor, `queued_rows`); unsent reminders and scheduled-event actions of both go, for the
    planners to queue anew for the survivor."""
    if not folds:
        return
    pairs = [{"absorbed": absorbed, "survivor": survivor} for absorbed, survivor in folds]
    await repoint_event_rows(session, table_of(AlertEvent), "delivery_id", folds)
    involved = [event for pair in folds for event in pair]
    await session.execute(
        delete(Delivery).where(
            and_(
                Delivery.event_id.in_(involved),
                Delivery.sent_at.is_(None),
                Delivery.kind.in_(_REPLANNED_KINDS),
            )
        )
    )
    deliveries = table_of(Delivery).c
    await session.execute(
        update(table_of(Delivery))
        .where(deliveries.event_id == bindparam("absorbed"))
        .values(event_id=bindparam("survivor")),
        pairs,
    )
