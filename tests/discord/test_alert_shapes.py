"""Alerts as readers get them, end to end on the fake Discord: one message per article, moves
shown once, reminders that follow the move, the same date everywhere, templates as previewed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from bot.app import App
from bot.db.models import Delivery, Event, GuildSettings
from bot.discord.bot import DatelineBot
from bot.subscriptions import AlertShape
from tests.discord.helpers import (
    FEEDS,
    MANAGE_SERVER,
    add_file_source,
    add_subscription,
    report_change,
    started,
)
from tests.fake_discord import FakeDiscord
from tests.support import FakeClock, wait_for

THREE_ARTICLES = FEEDS / "three_articles.xml"


async def _ingest_three_articles(app: App, feed: Path = THREE_ARTICLES) -> int:
    source_id = await add_file_source(app, feed, alert_backlog=True, full_text=False)
    report = await app.ingestor.poll(source_id)
    assert report.new_articles == 3 and len(report.new_event_ids) == 13, report
    return source_id


async def _event_id(app: App, title_part: str) -> int:
    async with app.sessions() as session:
        found = await session.scalar(select(Event.id).where(Event.title.contains(title_part)))
    assert found is not None
    return found


async def _all_sent(app: App) -> bool:
    async with app.sessions() as session:
        return not list(
            await session.scalars(select(Delivery.id).where(Delivery.sent_at.is_(None)))
        )


async def test_three_articles_with_13_events_give_three_messages(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id)

    await _ingest_three_articles(app)

    messages = await fake_discord.wait_for_messages(3)
    await wait_for(lambda: _all_sent(app), what="every alert marked sent")
    assert len(fake_discord.messages) == 3
    embeds = [m.sent["embeds"][0] for m in messages]
    assert [e["title"] for e in embeds] == [
        "Acme sets dates for meeting, vote and plant",
        "Central banks and statisticians set the spring calendar",
        "Metals: smelter start, cobalt contract and an investor day",
    ]
    assert [len(e["description"].splitlines()) for e in embeds] == [4, 4, 5]
    metals = embeds[2]
    assert metals["url"] == "https://wire.example/metals"
    assert metals["author"]["name"] == "Test Wire"
    assert metals["description"].splitlines()[0].startswith("🔜 **Monday 2 June 2025** · ")
    assert metals["footer"]["text"].startswith("5 new events in this article · 5 upcoming")


async def test_per_event_upcoming_only_and_an_hourly_cap_with_a_summary(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, clock: FakeClock
) -> None:
    await app.subscriptions.subscribe(
        guild_id=fake_discord.guild.id,
        channel_id=fake_discord.channel_id,
        keywords=["-Acme"],
        shape=AlertShape(per="event", only="upcoming", hourly_cap=5),
    )

    await _ingest_three_articles(app)  # 9 events without Acme: 5 alone, 4 in the summary

    await fake_discord.wait_for_messages(5)
    assert await bot.delivery.deliver_due() == 0  # the summary waits for the hour's end
    clock.advance(hours=1)
    app.outbox_wakeup.set()
    messages = await fake_discord.wait_for_messages(6)
    summary = messages[5].sent["embeds"][0]
    assert summary["title"] == "4 more new events this hour"
    assert len(summary["description"].splitlines()) == 4
    titles = [m.sent["embeds"][0]["title"] for m in messages[:5]]
    assert not any("Acme" in t for t in [*titles, summary["description"]])


async def test_a_moved_event_gets_one_update_and_its_reminder_follows(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, clock: FakeClock, tmp_path: Path
) -> None:
    await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id, remind_hours=24)
    feed = tmp_path / "three.xml"
    feed.write_text(THREE_ARTICLES.read_text())
    source_id = await _ingest_three_articles(app, feed)
    alerts = await fake_discord.wait_for_messages(3)
    await wait_for(lambda: _all_sent(app), what="the alerts marked sent")
    investor_day = await _event_id(app, "investor day")

    clock.current = dt.datetime(2025, 9, 22, 23, 59, tzinfo=dt.UTC)  # reminder due 23 Sep 00:00
    assert await app.reminders.plan() == 1  # queued for the old date, not sent yet

    # The metals article is edited: the investor day is now on 8 October (same guid, re-polled).
    feed.write_text(THREE_ARTICLES.read_text().replace("September 24, 2025", "October 8, 2025"))
    report = await app.ingestor.poll(source_id)
    assert list(report.moved_event_ids) == [investor_day], report

    [update] = (await fake_discord.wait_for_messages(4))[3:]
    first_alert = f"https://discord.com/channels/{fake_discord.guild.id}/"
    first_alert += f"{fake_discord.channel_id}/{alerts[2].id}"
    assert update.content == (
        f"🔁 [Cobalt Mining will hold investor day]({first_alert}) (#{investor_day}) "
        "moved from 24 September to 8 October"
    )
    assert update.sent["allowed_mentions"] == {"parse": []}

    clock.current = dt.datetime(2025, 9, 23, 0, 5, tzinfo=dt.UTC)  # the old reminder's time
    assert await app.reminders.plan() == 0
    assert await bot.delivery.deliver_due() == 0
    clock.current = dt.datetime(2025, 10, 6, 23, 59, tzinfo=dt.UTC)
    assert await app.reminders.plan() == 1
    clock.advance(minutes=5)
    app.outbox_wakeup.set()
    [reminder] = (await fake_discord.wait_for_messages(5))[4:]
    assert reminder.content == (
        f"⏰ Tomorrow: Cobalt Mining will hold investor day · #{investor_day} · "
        "<https://wire.example/metals>"
    )
    await wait_for(lambda: _all_sent(app), what="the reminder marked sent")
    assert len(fake_discord.messages) == 5  # 3 alerts, 1 update, 1 reminder at the new date


async def test_a_cancelled_event_is_told_once_and_not_reminded(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, clock: FakeClock
) -> None:
    await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id, remind_hours=24)
    await _ingest_three_articles(app)
    await fake_discord.wait_for_messages(3)
    await wait_for(lambda: _all_sent(app), what="the alerts marked sent")
    investor_day = await _event_id(app, "investor day")
    clock.current = dt.datetime(2025, 9, 22, 23, 59, tzinfo=dt.UTC)
    assert await app.reminders.plan() == 1

    changes = await report_change(app, investor_day, cancelled=True)  # "called off"
    assert [c.kind for c in changes] == ["cancelled"]

    [notice] = (await fake_discord.wait_for_messages(4))[3:]
    assert notice.content.startswith("❌ [Cobalt Mining will hold investor day](")
    assert notice.content.endswith(f"(#{investor_day}) is cancelled; it was on 24 September")
    clock.advance(minutes=10)
    assert await app.reminders.plan() == 0
    assert await bot.delivery.deliver_due() == 0
    assert len(fake_discord.messages) == 4


async def test_a_day_reads_the_same_at_utc_minus_10_and_utc_plus_13(
    fake_discord: FakeDiscord, app: App
) -> None:
    honolulu = fake_discord.guild
    tonga = fake_discord.add_guild("Tonga")
    tonga_channel = tonga.add_text_channel("alerts")
    async with app.sessions.begin() as session:
        session.add(GuildSettings(guild_id=honolulu.id, timezone="Pacific/Honolulu"))
        session.add(GuildSettings(guild_id=tonga.id, timezone="Pacific/Tongatapu"))
    await add_subscription(app, fake_discord.channel_id, honolulu.id, shape=AlertShape(per="event"))
    await add_subscription(app, tonga_channel, tonga.id, shape=AlertShape(per="event"))

    async with started(app):
        await _ingest_three_articles(app)
        messages = await fake_discord.wait_for_messages(26)

    by_channel: dict[int, dict[str, str]] = {}
    for message in messages:
        embed = message.sent["embeds"][0]
        by_channel.setdefault(message.channel_id, {})[embed["title"]] = embed["description"]
    assert by_channel[fake_discord.channel_id] == by_channel[tonga_channel]
    investor = by_channel[tonga_channel]["Cobalt Mining will hold investor day"]
    assert investor.startswith("**Wednesday 24 September 2025**\n")
    assert all("<t:" not in text for text in by_channel[tonga_channel].values())


async def test_a_template_renders_as_previewed(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    options = {
        "channel": fake_discord.channel_id,
        "keywords": "cobalt, -Acme",
        "template": "📰 {title} — {count} dates, first {date} ({source}) {link}",
    }
    saved = await (
        await fake_discord.invoke("subscribe", options, permissions=MANAGE_SERVER)
    ).response()
    assert saved.content.startswith("Subscribed:")
    await _ingest_three_articles(app)
    [posted] = await fake_discord.wait_for_messages(1)

    preview = await (
        await fake_discord.invoke(
            "subscribe", {**options, "preview": True}, permissions=MANAGE_SERVER
        )
    ).response()

    assert preview.ephemeral
    assert posted.content == (
        "📰 Metals: smelter start, cobalt contract and an investor day — 2 dates, first "
        "Monday 2 June 2025 (Test Wire) https://wire.example/metals"
    )
    assert (preview.data["content"], preview.data["embeds"]) == (
        posted.sent["content"],
        posted.sent["embeds"],
    )


async def test_an_unknown_placeholder_is_refused_with_the_known_ones(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    refused = await (
        await fake_discord.invoke(
            "subscribe",
            {"channel": fake_discord.channel_id, "template": "{headline}"},
            permissions=MANAGE_SERVER,
        )
    ).response()
    assert refused.ephemeral and refused.content == (
        "unknown placeholder {headline}; known ones: {title}, {date}, {source}, {link}, "
        "{summary}, {count}"
    )
    assert await app.subscriptions.list() == []


async def test_a_later_source_edits_the_recent_alert_instead_of_alerting_again(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, clock: FakeClock, tmp_path: Path
) -> None:
    await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id)
    await _ingest_three_articles(app)
    alerts = await fake_discord.wait_for_messages(3)
    await wait_for(lambda: _all_sent(app), what="the alerts marked sent")
    other = tmp_path / "other.xml"
    other.write_text(
        THREE_ARTICLES.read_text()
        .replace("<title>Test Wire</title>", "<title>Other Wire</title>")
        .replace("<guid>metals</guid>", "<guid>other-metals</guid>")
    )

    clock.advance(hours=2)
    source_id = await add_file_source(app, other, alert_backlog=True, full_text=False)
    report = await app.ingestor.poll(source_id)
    assert report.new_event_ids == [] and len(report.changes) == 13  # all known: new sources

    edits = "PATCH /channels/{channel_id}/messages/{message_id}"
    await wait_for(lambda: len(fake_discord.requests_to(edits)) == 3, what="one edit per alert")
    await wait_for(lambda: _all_sent(app), what="the updates marked sent")
    assert len(fake_discord.messages) == 3  # no new message
    edited = {int(r.path.rsplit("/", 1)[1]) for r in fake_discord.requests_to(edits)}
    assert edited == {m.id for m in alerts}
    metals = fake_discord.message_store[alerts[2].id]["embeds"][0]["description"]
    assert all(line.endswith("2 sources") for line in metals.splitlines())


async def test_a_server_is_alerted_only_about_its_own_and_shared_sources(
    fake_discord: FakeDiscord, app: App
) -> None:
    other = fake_discord.add_guild("Other")
    other_channel = other.add_text_channel("alerts")
    await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id)
    await add_subscription(app, other_channel, other.id)
    own = await add_file_source(
        app, THREE_ARTICLES, alert_backlog=True, full_text=False, guild_id=other.id
    )
    async with started(app):
        await app.ingestor.poll(own)
        await fake_discord.wait_for_messages(3)
        shared = await add_file_source(app, FEEDS / "seed_cnre.xml", alert_backlog=True)
        await app.ingestor.poll(shared)
        messages = await fake_discord.wait_for_messages(5)
        await wait_for(lambda: _all_sent(app), what="every alert marked sent")

    by_channel = [m.channel_id for m in messages]
    assert by_channel.count(other_channel) == 4  # its three articles and the shared one
    assert by_channel.count(fake_discord.channel_id) == 1  # only the shared one
