"""Reminders: due-time math in the server's zone, wording, and exactly-once planning in SQL."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.db.models import GuildSettings, Subscription
from bot.outbox.reminders import event_start, reminder_due_at, send_at, when_phrase
from tests.support import FakeClock
from tests.timeline_support import add_event, app_at, deliveries

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC


def test_due_instant_is_hours_before_local_midnight_across_dst() -> None:
    # 14 March (CET, UTC+1): the day starts 13 March 23:00 UTC.
    assert event_start(dt.date(2025, 3, 14), BERLIN) == dt.datetime(2025, 3, 13, 23, tzinfo=UTC)
    assert reminder_due_at(dt.date(2025, 3, 14), 24, BERLIN) == dt.datetime(
        2025, 3, 12, 23, tzinfo=UTC
    )
    # A month event counts from the 1st; 1 April is already summer time (UTC+2).
    assert reminder_due_at(dt.date(2025, 4, 1), 24, BERLIN) == dt.datetime(
        2025, 3, 30, 22, tzinfo=UTC
    )


def test_send_at_reminds_late_events_at_once_and_past_events_never() -> None:
    day = dt.date(2025, 3, 14)
    early = dt.datetime(2025, 3, 10, tzinfo=UTC)
    late = dt.datetime(2025, 3, 13, 12, tzinfo=UTC)  # after the reminder time, before the day
    over = dt.datetime(2025, 3, 13, 23, tzinfo=UTC)  # the day has begun in Berlin
    assert send_at(day, 24, BERLIN, early) == dt.datetime(2025, 3, 12, 23, tzinfo=UTC)
    assert send_at(day, 24, BERLIN, late) == late
    assert send_at(day, 24, BERLIN, over) is None


def test_when_phrases() -> None:
    monday = dt.date(2025, 3, 10)
    assert when_phrase(dt.date(2025, 3, 10), "day", monday) == "Today"
    assert when_phrase(dt.date(2025, 3, 11), "day", monday) == "Tomorrow"
    assert when_phrase(dt.date(2025, 3, 14), "day", monday) == "On Friday 14 March"
    assert when_phrase(dt.date(2025, 3, 24), "day", monday) == "In 14 days (Monday 24 March 2025)"
    assert when_phrase(dt.date(2025, 4, 1), "month", monday) == "Next month (April 2025)"
    assert when_phrase(dt.date(2025, 3, 1), "month", monday) == "This month (March 2025)"
    assert when_phrase(dt.date(2025, 12, 1), "month", monday) == "In December 2025"


async def test_a_reminder_fires_once_across_runs_and_restarts(database_url: str) -> None:
    clock = FakeClock(dt.datetime(2025, 3, 12, 12, tzinfo=UTC))
    async with app_at(database_url, clock) as app:
        async with app.sessions.begin() as session:
            session.add(GuildSettings(guild_id=1, timezone="Europe/Berlin"))
            session.add(
                Subscription(
                    guild_id=1,
                    channel_id=10,
                    keywords=["CNRE"],
                    remind_hours=24,
                    role_id=77,
                    created_at=clock.now(),
                )
            )
        event = await add_event(app, dt.date(2025, 3, 14), "CNRE holds its plenary session")
        await add_event(app, dt.date(2025, 3, 14), "Fed raises rates")  # filtered out
        await add_event(app, dt.date(2025, 3, 1), "CNRE met")  # past: never

        assert await app.reminders.plan() == 0  # due at 23:00 UTC, beyond the look-ahead
        clock.current = dt.datetime(2025, 3, 12, 22, 59, tzinfo=UTC)
        assert await app.reminders.plan() == 1
        assert await app.reminders.plan() == 0
        clock.advance(hours=2)
        assert await app.reminders.plan() == 0

    async with app_at(database_url, clock) as restarted:
        assert await restarted.reminders.plan() == 0
        (reminder,) = await deliveries(restarted)
    assert reminder.kind == "reminder" and reminder.dedupe_key == f"reminder:1:{event}:2025-03-14"
    assert reminder.channel_id == 10 and reminder.event_id == event
    assert reminder.due_at == dt.datetime(2025, 3, 12, 23, tzinfo=UTC)
    assert reminder.payload["message"]["content"] == (
        f"<@&77> ⏰ Tomorrow: CNRE holds its plenary session · #{event} · "
        f"<https://1.example/a/{event}>"
    )


async def test_an_event_learned_late_is_reminded_at_once(database_url: str) -> None:
    now = dt.datetime(2025, 3, 13, 20, tzinfo=UTC)  # 21:00 in Berlin, event tomorrow
    clock = FakeClock(now)
    async with app_at(database_url, clock) as app:
        async with app.sessions.begin() as session:
            session.add(Subscription(channel_id=10, keywords=[], remind_hours=48, created_at=now))
        event = await add_event(
            app, dt.date(2025, 3, 14), "Plenary session", first_seen=now, article_url=None
        )
        await add_event(app, dt.date(2025, 3, 13), "Already today in UTC")  # day has begun

        assert await app.reminders.plan() == 1
        (reminder,) = await deliveries(app)
    assert reminder.due_at == now
    # No guild settings: the config's default zone (UTC) decides the day.
    assert reminder.payload["message"]["content"] == f"⏰ Tomorrow: Plenary session · #{event}"


async def test_paused_subscriptions_and_ones_without_remind_hours_get_none(
    database_url: str,
) -> None:
    now = dt.datetime(2025, 3, 13, 20, tzinfo=UTC)
    async with app_at(database_url, FakeClock(now)) as app:
        async with app.sessions.begin() as session:
            session.add(Subscription(channel_id=10, keywords=[], created_at=now))
            session.add(
                Subscription(
                    channel_id=11, keywords=[], remind_hours=24, paused=True, created_at=now
                )
            )
        await add_event(app, dt.date(2025, 3, 14), "Plenary session")
        assert await app.reminders.plan() == 0
