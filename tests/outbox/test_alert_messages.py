"""Alert messages without Discord: which events a subscription wants, how an article's events
read (upcoming first and marked, the rest summarised), and the one-line move/cancel texts."""

from __future__ import annotations

import datetime as dt

from bot.db.models import Event, Subscription
from bot.outbox.alert_messages import ArticleHeading, Reader, article_alert, change_line
from bot.outbox.alerts import wants
from bot.timeline import EventDetail, EventRow

TODAY = dt.date(2025, 6, 1)


def row(event_id: int, day: dt.date, granularity: str = "day") -> EventRow:
    return EventRow(
        id=event_id,
        date=day,
        date_key=day.isoformat(),
        granularity=granularity,
        title=f"Event {event_id}",
        summary="",
        confidence=0.8,
        first_seen_at=dt.datetime(2025, 6, 1, tzinfo=dt.UTC),
        source_count=1,
    )


def test_upcoming_events_come_first_marked_then_past_ones_and_the_rest_is_counted() -> None:
    days = [TODAY - dt.timedelta(days=3), TODAY + dt.timedelta(days=5), TODAY]
    days += [TODAY + dt.timedelta(days=10 + i) for i in range(10)]
    details = [EventDetail(row(i, day), []) for i, day in enumerate(days)]
    heading = ArticleHeading("Headline @everyone", "https://news.example/a", "Wire")

    message = article_alert(heading, details, Reader(today=TODAY))

    [embed] = message["embeds"]
    lines = embed["description"].splitlines()
    assert lines[0] == "🔜 **Sunday 1 June 2025** · Event 2 · #2 · 1 source"
    assert lines[1].startswith("🔜 **Friday 6 June 2025** · Event 1")
    assert len(lines) == 11 and lines[-1] == "… and 3 more: use /timeline to see them all"
    assert "Event 0" not in embed["description"]  # the past one is among those left over
    assert embed["title"] == "Headline @\u200beveryone" and embed["url"] == "https://news.example/a"
    assert embed["footer"]["text"].startswith("13 new events in this article · 12 upcoming")
    assert message["content"] is None


def test_a_month_event_is_upcoming_until_its_month_is_over() -> None:
    details = [EventDetail(row(1, dt.date(2025, 6, 1), "month"), [])]
    [embed] = article_alert(ArticleHeading("A", None, "W"), details, Reader(today=TODAY))["embeds"]
    assert embed["description"].startswith("🔜 **June 2025** · Event 1")


def test_subscription_filters_confidence_and_upcoming_only() -> None:
    subscription = Subscription(keywords=["nickel", "-rumour"], min_confidence=0.7, only="upcoming")
    event = Event(title="Nickel auction", summary="", confidence=0.8, date=TODAY, granularity="day")
    assert wants(subscription, event, TODAY)
    assert not wants(subscription, event, TODAY + dt.timedelta(days=1))  # past by then
    event.confidence = 0.6
    assert not wants(subscription, event, TODAY)
    event.confidence, event.title = 0.9, "Nickel auction rumour"
    assert not wants(subscription, event, TODAY)
    event.title, event.cancelled_at = "Nickel auction", dt.datetime(2025, 5, 1, tzinfo=dt.UTC)
    assert not wants(subscription, event, TODAY)


def test_move_lines_name_both_dates_and_years_only_when_they_differ() -> None:
    moved = row(7, dt.date(2026, 1, 8))
    text = change_line(
        moved,
        Reader(),
        previous=(dt.date(2025, 12, 24), "day"),
        cancelled=False,
        first_alert_url=None,
    )["content"]
    assert text == (
        "🔁 Event 7 (#7) moved from Wednesday 24 December 2025 to Thursday 8 January 2026"
    )
    german = change_line(
        row(7, dt.date(2025, 10, 8)),
        Reader(language="de"),
        previous=(dt.date(2025, 9, 24), "day"),
        cancelled=False,
        first_alert_url="https://discord.com/channels/1/2/3",
    )["content"]
    assert german == (
        "🔁 [Event 7](https://discord.com/channels/1/2/3) (#7) moved from 24. September "
        "to 8. Oktober"
    )
