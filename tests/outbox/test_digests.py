"""Weekly digests: local-time due instants across DST, exactly once per week, content and limits."""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from sqlalchemy import update

from bot.db.models import Delivery, DigestSchedule, Subscription
from bot.discord.render import embed_size
from bot.outbox.digests import (
    DigestContent,
    DigestError,
    DigestItem,
    chart_points,
    due_in_week,
    due_now,
    next_due,
    parse_local_time,
    parse_weekday,
    period_key,
    render_digest,
)
from bot.visibility import Viewer
from tests.support import FakeClock
from tests.timeline_support import add_event, app_at, deliveries

UTC = dt.UTC
BERLIN = ZoneInfo("Europe/Berlin")


def test_due_instants_keep_local_time_on_both_sides_of_dst() -> None:
    # DST ends Sunday 2025-10-26: Monday 09:00 is 07:00 UTC before, 08:00 UTC after.
    assert due_in_week(2025, 43, 0, dt.time(9), BERLIN) == dt.datetime(2025, 10, 20, 7, tzinfo=UTC)
    assert due_in_week(2025, 44, 0, dt.time(9), BERLIN) == dt.datetime(2025, 10, 27, 8, tzinfo=UTC)
    # A time skipped by spring-forward (02:30 on 2025-03-30) happens at 03:30 local.
    assert due_in_week(2025, 13, 6, dt.time(2, 30), BERLIN) == dt.datetime(
        2025, 3, 30, 1, 30, tzinfo=UTC
    )


def test_due_now_and_next_due() -> None:
    before = dt.datetime(2025, 10, 27, 7, 59, tzinfo=UTC)
    at = dt.datetime(2025, 10, 27, 8, tzinfo=UTC)
    assert due_now(0, "09:00", "Europe/Berlin", "2025-W43", before) is None
    due = due_now(0, "09:00", "Europe/Berlin", "2025-W43", at)
    assert due is not None and (due.period, due.at) == ("2025-W44", at)
    assert due_now(0, "09:00", "Europe/Berlin", "2025-W44", at) is None
    assert next_due(0, "09:00", "Europe/Berlin", "2025-W43", before) == at
    assert next_due(0, "09:00", "Europe/Berlin", "2025-W44", at) == dt.datetime(
        2025, 11, 3, 8, tzinfo=UTC
    )
    # The ISO week is taken in local time: Sunday 23:30 UTC is already Monday in Berlin.
    assert period_key(dt.datetime(2025, 10, 26, 23, 30, tzinfo=UTC).astimezone(BERLIN)) == (
        "2025-W44"
    )


def test_parsing_user_input() -> None:
    assert parse_local_time("9:05") == dt.time(9, 5)
    assert parse_weekday("mon") == 0 and parse_weekday("Sunday") == 6 and parse_weekday(3) == 3
    for bad in ("25:00", "nine", "9"):
        with pytest.raises(DigestError):
            parse_local_time(bad)
    with pytest.raises(DigestError):
        parse_weekday("m")


async def test_monday_digest_fires_once_in_the_week_dst_ends_and_once_the_next(
    database_url: str,
) -> None:
    clock = FakeClock(dt.datetime(2025, 10, 15, 12, tzinfo=UTC))  # a Wednesday
    async with app_at(database_url, clock) as app:
        schedule = await app.digests.set(
            channel_id=10,
            guild_id=1,
            weekday=0,
            local_time="09:00",
            timezone="Europe/Berlin",
            include_empty=True,
        )
        assert schedule.last_period == "2025-W42"  # this week's Monday is past: start next week
        assert app.digests.next_run(schedule) == dt.datetime(2025, 10, 20, 7, tzinfo=UTC)
        clock.current = dt.datetime(2025, 10, 19, tzinfo=UTC)
        while clock.current < dt.datetime(2025, 11, 2, tzinfo=UTC):
            await app.digests.plan()
            clock.advance(minutes=15)
        sent = await deliveries(app, "digest")
    assert [(d.dedupe_key, d.created_at, d.due_at) for d in sent] == [
        ("digest:10:2025-W43", dt.datetime(2025, 10, 20, 7, tzinfo=UTC), sent[0].created_at),
        ("digest:10:2025-W44", dt.datetime(2025, 10, 27, 8, tzinfo=UTC), sent[1].created_at),
    ]


async def test_a_restart_between_due_and_sent_neither_loses_nor_repeats(
    database_url: str,
) -> None:
    clock = FakeClock(dt.datetime(2025, 10, 22, tzinfo=UTC))
    async with app_at(database_url, clock) as app:
        await app.digests.set(
            channel_id=10, guild_id=1, weekday=0, local_time="09:00", timezone="Europe/Berlin"
        )
        await add_event(
            app, dt.date(2025, 11, 1), "Plenary", first_seen=dt.datetime(2025, 10, 24, tzinfo=UTC)
        )
        clock.current = dt.datetime(2025, 10, 27, 8, 0, 30, tzinfo=UTC)
        assert await app.digests.plan() == 1  # queued; the process dies before delivery

    clock.advance(minutes=5)
    async with app_at(database_url, clock) as restarted:
        assert await restarted.digests.plan() == 0
        (digest,) = await deliveries(restarted, "digest")
        assert digest.sent_at is None  # still waiting for the delivery worker: not lost
        # Even if the week marker were lost, the outbox key keeps it to one message.
        async with restarted.sessions.begin() as session:
            await session.execute(update(DigestSchedule).values(last_period=None))
        assert await restarted.digests.plan() == 0
        async with restarted.sessions.begin() as session:
            await session.execute(update(Delivery).values(sent_at=clock.now()))
        clock.advance(days=1)
        assert await restarted.digests.plan() == 0
        assert len(await deliveries(restarted, "digest")) == 1


async def test_empty_weeks_are_skipped_unless_asked_for(database_url: str) -> None:
    clock = FakeClock(dt.datetime(2025, 10, 22, tzinfo=UTC))
    async with app_at(database_url, clock) as app:
        await app.digests.set(
            channel_id=10, guild_id=1, weekday=0, local_time="09:00", timezone="Europe/Berlin"
        )
        clock.current = dt.datetime(2025, 10, 27, 9, tzinfo=UTC)
        assert await app.digests.plan() == 0
        schedule = await app.digests.get(10)
        assert schedule is not None and schedule.last_period == "2025-W44"
        assert await deliveries(app) == []


async def test_digest_content_groups_by_day_counts_sources_and_attaches_a_chart(
    database_url: str,
) -> None:
    now = dt.datetime(2025, 10, 27, 8, tzinfo=UTC)
    async with app_at(database_url, FakeClock(now)) as app:
        async with app.sessions.begin() as session:
            session.add(Subscription(channel_id=10, keywords=["CNRE", "nickel"], created_at=now))
        tuesday = dt.datetime(2025, 10, 21, 10, tzinfo=UTC)
        await add_event(
            app,
            dt.date(2025, 3, 11),
            "CNRE outlines quotas",
            first_seen=tuesday,
            sources=("Metals Wire", "Other Wire"),
        )
        await add_event(app, dt.date(2025, 5, 15), "Nickel auction", first_seen=tuesday)
        await add_event(
            app, dt.date(2025, 10, 1), "CNRE report", first_seen=tuesday + dt.timedelta(days=2)
        )
        await add_event(app, dt.date(2025, 10, 29), "CNRE plenary session")  # upcoming
        await add_event(app, dt.date(2025, 10, 23), "Fed meeting", first_seen=tuesday)  # filtered
        await add_event(
            app, dt.date(2025, 1, 1), "CNRE old", first_seen=now - dt.timedelta(days=8)
        )  # before the week
        message = await app.digests.preview(10, "Europe/Berlin", Viewer.everything())
        assert await deliveries(app) == []  # a preview queues nothing

    (embed,) = message["embeds"]
    fields = [(f["name"], f["value"]) for f in embed["fields"]]
    link = "https://1.example/a/{}".format  # the first report of each event (Metals Wire's)
    assert fields[0] == (
        "New this week (3)",
        f"• **Tue 11 Mar 2025** [CNRE outlines quotas]({link(1)}) · 2 sources · #1\n"
        f"• **Thu 15 May 2025** [Nickel auction]({link(2)}) · 1 source · #2\n"
        f"• **Wed 1 Oct 2025** [CNRE report]({link(3)}) · 1 source · #3",
    )
    assert fields[1] == (
        "Coming up in the next 7 days (1)",
        f"• **Wed 29 Oct 2025** [CNRE plenary session]({link(4)}) · 1 source · #4",
    )
    assert embed["description"].startswith(
        "3 new events from 2 sources this week; 1 coming up in the next 7 days."
    )
    assert embed["title"] == "Weekly digest for Monday 27 October 2025"
    assert embed["image"] == {"url": "attachment://timeline.png"}
    (chart,) = message["files"]
    image = Image.open(io.BytesIO(base64.b64decode(chart["data_b64"])))
    assert image.format == "PNG" and image.size == (1000, 400)


def test_the_chart_covers_the_digest_window_and_counts_what_the_text_says() -> None:
    monday = dt.date(2025, 10, 27)
    learned = [dt.date(2025, 10, 21)] * 3 + [dt.date(2025, 10, 23)]
    new = [
        DigestItem(i, dt.date(2023 + i, 1, 1), "day", f"Old {i}", ("A",), day)
        for i, day in enumerate(learned)
    ]
    upcoming = [
        DigestItem(10, dt.date(2025, 10, 29), "day", "Same day one", ("A",), monday),
        DigestItem(11, dt.date(2025, 10, 29), "day", "Same day two", ("B",), monday),
        DigestItem(12, dt.date(2025, 10, 1), "month", "October", ("B",), monday),
    ]
    content = DigestContent(ends_on=monday, timezone="UTC", new=new, upcoming=upcoming)

    assert content.chart_window == (dt.date(2025, 10, 20), dt.date(2025, 11, 2))
    points = chart_points(content)
    first, last = content.chart_window
    assert all(first <= p.day <= last for p in points)  # not 2023…2027
    assert len(points) == len(new) + len(upcoming)
    per_day = Counter(p.day for p in points)
    assert per_day[dt.date(2025, 10, 21)] == 3 and per_day[dt.date(2025, 10, 29)] == 2
    assert per_day[monday] == 1  # the month event that is under way shows on today


def test_a_huge_week_stays_within_embed_limits_and_points_to_timeline() -> None:
    items = [
        DigestItem(
            i,
            dt.date(2025, 3, 1),
            "day",
            f"Event number {i} " + "x" * 90,
            ("A",),
            dt.date(2025, 10, 20) + dt.timedelta(days=i % 7),
        )
        for i in range(400)
    ]
    content = DigestContent(
        ends_on=dt.date(2025, 10, 27), timezone="UTC", new=items, upcoming=items[:50]
    )
    (embed,) = render_digest(content)["embeds"]
    assert embed_size(embed) <= 6000 and len(embed["fields"]) <= 25
    assert all(len(f["value"]) <= 1024 for f in embed["fields"])
    assert embed["fields"][-1]["name"] == "More"
    assert "/timeline" in embed["fields"][-1]["value"]
    shown = sum(f["value"].count("•") for f in embed["fields"][:-1])
    assert f"and {450 - shown} more" in embed["fields"][-1]["value"]
