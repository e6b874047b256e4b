"""The deliveries table through its one door: queue once per key, what is due, outcomes."""

from __future__ import annotations

import datetime as dt

from bot.outbox.kinds import DeliveryKind
from bot.outbox.store import DeliveryStore, enqueue, queued_rows, retry_delay
from tests.support import FakeClock
from tests.timeline_support import app_at, deliveries

LEASE = dt.timedelta(minutes=5)
START = dt.datetime(2025, 3, 10, 9, tzinfo=dt.UTC)


def test_kinds_are_the_strings_stored_in_the_table() -> None:
    assert [str(kind) for kind in DeliveryKind] == [
        "alert",
        "alert_update",
        "alert_rollup",
        "event_moved",
        "event_cancelled",
        "scheduled_event",
        "reminder",
        "digest",
        "notice",
        "source_health",
    ]


def test_retry_delay_doubles_from_five_seconds_up_to_an_hour() -> None:
    assert [retry_delay(n).total_seconds() for n in (0, 1, 2, 3)] == [5, 5, 10, 20]
    assert retry_delay(30) == dt.timedelta(hours=1)


async def test_a_key_is_queued_once_and_rows_come_due_in_order(database_url: str) -> None:
    clock = FakeClock(START)
    async with app_at(database_url, clock) as app:
        async with app.sessions.begin() as session:
            for key, due_at in (
                ("b", START),
                ("a", START - dt.timedelta(minutes=1)),
                ("c", START + dt.timedelta(hours=1)),
            ):
                assert await enqueue(
                    session,
                    kind=DeliveryKind.NOTICE,
                    dedupe_key=key,
                    channel_id=7,
                    now=START,
                    due_at=due_at,
                )
            assert not await enqueue(
                session, kind=DeliveryKind.NOTICE, dedupe_key="a", channel_id=7, now=START
            )
            assert await queued_rows(session, DeliveryKind.NOTICE, []) == []
        store = DeliveryStore(app.sessions)
        due = await store.claim_due(START, "sender-1", LEASE)
        assert await store.claim_due(START, "sender-2", LEASE) == []  # claimed by sender-1
        assert [row.kind for row in due] == [DeliveryKind.NOTICE, DeliveryKind.NOTICE]
        failed, posted = due  # oldest first: "a", then "b"

        assert await store.retry_later(failed.id, "HTTPException: 503", START) == (
            1,
            START + dt.timedelta(seconds=5),
        )
        await store.mark_sent(posted.id, 99, START)
        assert await store.claim_due(START, "sender-2", LEASE) == []  # "a" waits, "b" is sent
        await store.drop(failed.id)
        assert await store.retry_later(failed.id, "gone", START) is None

        rows = {row.dedupe_key: row for row in await deliveries(app)}
        assert set(rows) == {"b", "c"}
        assert rows["b"].message_id == 99 and rows["b"].sent_at is not None
        later = await store.claim_due(START + dt.timedelta(hours=1), "sender-2", LEASE)
        assert [row.id for row in later] == [rows["c"].id]
        # A sender that died leaves its claim; it runs out after the lease.
        after_lease = START + dt.timedelta(hours=1) + LEASE + dt.timedelta(seconds=1)
        assert [row.id for row in await store.claim_due(after_lease, "sender-3", LEASE)] == [
            rows["c"].id
        ]
