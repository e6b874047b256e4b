"""The delivery worker end to end: outbox rows → real discord.py → the fake Discord's records."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import update

from bot.app import App, open_app
from bot.db.models import Delivery
from bot.discord.bot import DatelineBot
from bot.discord.delivery import delivery_nonce
from bot.discord.render import EMBED_TOTAL_LIMIT, embed_size
from bot.outbox.kinds import DeliveryKind
from tests.discord.helpers import (
    FEEDS,
    add_event,
    add_file_source,
    add_subscription,
    deliveries,
    queue_alert,
    started,
    subscription,
)
from tests.fake_discord import FakeDiscord
from tests.support import FakeClock, wait_for

POST = "POST /channels/{channel_id}/messages"
MENTION_FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Loud Wire</title><link>https://loud.example/</link>
<item><title>@everyone Acme vote</title><link>https://loud.example/vote</link>
<guid>loud-1</guid><pubDate>Mon, 10 Mar 2025 09:00:00 GMT</pubDate>
<description>The board of Acme Corp will vote on the merger on March 20, 2025, @everyone
&lt;@&amp;{role}&gt; said the chairman.</description></item></channel></rss>
"""


async def test_new_events_are_posted_once_to_the_subscribed_channel(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id)
    source_id = await add_file_source(app, FEEDS / "seed_cnre.xml", alert_backlog=True)

    await app.ingestor.poll(source_id)  # wakes the worker: the periodic check is 300 s away

    messages = await fake_discord.wait_for_messages(1)  # one article: one message
    assert {m.channel_id for m in messages} == {fake_discord.channel_id}
    first = messages[0].sent["embeds"][0]
    lines = first["description"].split("\n")
    assert [line.split(" · ")[0] for line in lines] == [
        "🔜 **Tuesday 11 March 2025**",
        "🔜 **Friday 14 March 2025**",
    ]  # both upcoming on START (2025-03-10), so both marked
    assert first["url"] == "https://rareearthexchanges.com/news/cnre-industrial-strategy"
    assert first["author"]["name"] == "Rare Earth Exchanges"
    assert first["footer"]["text"].startswith("2 new events in this article")
    assert all(m.sent["allowed_mentions"] == {"parse": []} for m in messages)

    assert await bot.delivery.deliver_due() == 0
    await app.ingestor.poll(source_id)
    rows = await deliveries(app)
    assert [(r.sent_at is not None, r.message_id) for r in rows] == [(True, m.id) for m in messages]
    assert len(fake_discord.messages) == 1


async def test_a_crash_between_discords_2xx_and_marking_sent_posts_nothing_twice(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    sub = await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id)
    event = await add_event(app, "Nickel auction", dt.date(2025, 4, 2))
    await queue_alert(app, sub, event, fake_discord.channel_id)
    [message] = await fake_discord.wait_for_messages(1)
    await wait_for(lambda: _sent(app), what="the row to be marked sent")
    async with app.sessions.begin() as session:  # as if the process died before marking it
        await session.execute(update(Delivery).values(sent_at=None, message_id=None))

    assert await bot.delivery.deliver_due() == 1
    [row] = await deliveries(app)
    assert row.sent_at is not None and row.message_id == message.id
    assert len(fake_discord.messages) == 1 and fake_discord.nonce_repeats == 1
    assert (
        message.sent["nonce"] == delivery_nonce(row.id, row.dedupe_key)
        and message.sent["enforce_nonce"]
    )


async def test_429_and_502_still_end_in_exactly_one_message(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    sub = await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id)
    event = await add_event(app, "Nickel auction", dt.date(2025, 4, 2))
    fake_discord.fail_next(POST, 429, retry_after=0.01)
    fake_discord.fail_next(POST, 502)

    await queue_alert(app, sub, event, fake_discord.channel_id)

    await fake_discord.wait_for_messages(1)
    assert [r.status for r in fake_discord.requests_to(POST)] == [429, 502, 200]
    await wait_for(lambda: _sent(app), what="the row to be marked sent")
    [row] = await deliveries(app)
    assert row.sent_at is not None and row.message_id == fake_discord.messages[0].id


async def test_503_is_retried_by_the_worker_with_backoff(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, clock: FakeClock
) -> None:
    sub = await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id)
    event = await add_event(app, "Nickel auction", dt.date(2025, 4, 2))
    fake_discord.fail_next(POST, 503)

    await queue_alert(app, sub, event, fake_discord.channel_id)

    async def failed_once() -> bool:
        [row] = await deliveries(app)
        return row.attempts == 1

    await wait_for(failed_once, what="the 503 to be recorded")
    [row] = await deliveries(app)
    assert row.sent_at is None and "503" in (row.last_error or "")
    assert row.due_at == clock.now() + dt.timedelta(seconds=5)
    assert await bot.delivery.deliver_due() == 0  # not due yet: nothing is sent early

    clock.advance(seconds=5)
    app.outbox_wakeup.set()
    await fake_discord.wait_for_messages(1)
    assert [r.status for r in fake_discord.requests_to(POST)] == [503, 200]
    await wait_for(lambda: _sent(app), what="the row to be marked sent")
    [row] = await deliveries(app)
    assert row.attempts == 2 and row.last_error is None


async def _sent(app: App) -> bool:
    return all(r.sent_at is not None for r in await deliveries(app))


@pytest.mark.parametrize("with_role", [False, True], ids=["no-role", "role"])
async def test_feed_text_never_pings(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, tmp_path: Path, with_role: bool
) -> None:
    role = fake_discord.admin_role_id
    await add_subscription(
        app,
        fake_discord.channel_id,
        fake_discord.guild.id,
        role_id=role if with_role else None,
    )
    feed = tmp_path / "loud.xml"
    feed.write_text(MENTION_FEED.replace("{role}", str(role)))
    await app.ingestor.poll(await add_file_source(app, feed, alert_backlog=True))

    [message] = await fake_discord.wait_for_messages(1)
    if with_role:
        assert message.sent["allowed_mentions"] == {"parse": [], "roles": [role]}
        assert message.sent["content"] == f"<@&{role}>"
    else:
        assert message.sent["allowed_mentions"] == {"parse": []}
        assert not message.sent.get("content")
    embed = message.sent["embeds"][0]
    text = f"{embed['title']} {embed['description']}"
    assert "@\u200beveryone" in text
    assert "@everyone" not in text and f"<@&{role}>" not in text


async def test_an_over_long_summary_is_cut_to_the_limits(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    sub = await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id)
    event = await add_event(
        app,
        "T" * 200,
        dt.date(2025, 4, 2),
        summary="word " * 3000,
        article_title="A" * 1000,
    )
    await queue_alert(app, sub, event, fake_discord.channel_id)

    [message] = await fake_discord.wait_for_messages(1)
    embed = message.sent["embeds"][0]
    assert len(embed["description"]) <= 4096
    assert embed["description"].endswith("… [more](https://news.example/story)")
    assert all(len(f["value"]) <= 1024 for f in embed["fields"])
    assert embed_size(embed) <= EMBED_TOTAL_LIMIT


async def test_a_restart_sends_unsent_rows_and_never_resends_sent_ones(
    fake_discord: FakeDiscord, app: App, clock: FakeClock
) -> None:
    sub = await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id)
    sent_event = await add_event(app, "Already announced", dt.date(2025, 4, 1))
    waiting_event = await add_event(app, "Still waiting", dt.date(2025, 4, 2))
    await queue_alert(app, sub, sent_event, fake_discord.channel_id)
    await queue_alert(app, sub, waiting_event, fake_discord.channel_id)
    async with app.sessions.begin() as session:
        first = (await deliveries(app))[0]
        first = await session.merge(first)
        first.sent_at, first.message_id = clock.now(), 1

    async with started(app):
        [message] = await fake_discord.wait_for_messages(1)
        assert message.sent["embeds"][0]["title"] == "Still waiting"
        await wait_for(lambda: _sent(app), what="the row to be marked sent")

    async with open_app(app.settings, clock=clock) as restarted, started(restarted) as bot:
        assert await bot.delivery.deliver_due() == 0
    assert len(fake_discord.messages) == 1


@pytest.mark.parametrize("failure", ["403", "404"])
async def test_a_refusing_channel_pauses_its_subscription_and_tells_admins_once(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, failure: str
) -> None:
    if failure == "403":
        alerts_channel = fake_discord.guild.add_text_channel("alerts")
        fake_discord.fail_next(f"POST /channels/{alerts_channel}/messages", 403)
    else:
        alerts_channel = fake_discord.new_id()  # deleted: Discord answers 404 Unknown Channel
    await app.guilds.set_notice_channel(fake_discord.guild.id, fake_discord.channel_id)
    sub = await add_subscription(app, alerts_channel, fake_discord.guild.id)
    for title in ("First", "Second"):
        event = await add_event(app, title, dt.date(2025, 4, 2))
        await queue_alert(app, sub, event, alerts_channel)

    [notice] = await fake_discord.wait_for_messages(1)
    assert notice.channel_id == fake_discord.channel_id
    assert notice.content.startswith(f"Dateline paused alerts for <#{alerts_channel}>")
    paused = await subscription(app, sub)
    assert paused.paused and failure in (paused.paused_reason or "")
    assert len(fake_discord.requests_to(f"POST /channels/{alerts_channel}/messages")) == 1
    assert await bot.delivery.deliver_due() == 0
    assert len(fake_discord.messages) == 1
    rows = await deliveries(app)
    assert [r.kind for r in rows if r.sent_at is None] == ["alert", "alert"]  # kept, waiting

    if failure == "403":  # fixed by an admin, who subscribes again: the waiting alerts go out
        await app.subscriptions.subscribe(guild_id=fake_discord.guild.id, channel_id=alerts_channel)
        app.outbox_wakeup.set()
        await fake_discord.wait_for_messages(3)
        assert [m.channel_id for m in fake_discord.messages[1:]] == [alerts_channel] * 2


async def test_an_alert_update_edits_the_earlier_alert(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, clock: FakeClock
) -> None:
    sub = await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id)
    event = await add_event(app, "Nickel auction", dt.date(2025, 4, 2))
    await queue_alert(app, sub, event, fake_discord.channel_id)
    [original] = await fake_discord.wait_for_messages(1)
    await wait_for(lambda: _sent(app), what="the alert to be marked sent")

    clock.advance(minutes=1)
    await queue_alert(app, sub, event, fake_discord.channel_id, kind=DeliveryKind.ALERT_UPDATE)

    edit = f"PATCH /channels/{fake_discord.channel_id}/messages/{original.id}"
    await wait_for(lambda: bool(fake_discord.requests_to(edit)), what="the edit")
    assert fake_discord.requests_to(edit)[0].json["embeds"][0]["footer"]["text"].endswith("updated")
    await wait_for(lambda: _sent(app), what="the update to be marked sent")
    assert [r.message_id for r in await deliveries(app)] == [original.id, original.id]
    assert len(fake_discord.messages) == 1


async def test_other_kinds_are_posted_from_their_payload(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    from bot.outbox.store import enqueue

    message = {
        "content": "Weekly digest @everyone",
        "embeds": [{"title": "This week", "description": "x" * 5000}],
        "files": [{"filename": "chart.png", "data_b64": base64.b64encode(b"PNG").decode()}],
    }
    async with app.sessions.begin() as session:
        await enqueue(
            session,
            kind=DeliveryKind.DIGEST,
            dedupe_key="digest:test",
            channel_id=fake_discord.channel_id,
            now=app.clock.now(),
            payload={"message": message},
        )
    app.outbox_wakeup.set()

    [posted] = await fake_discord.wait_for_messages(1)
    assert posted.sent["content"] == "Weekly digest @everyone"
    assert posted.sent["allowed_mentions"] == {"parse": []}
    assert len(posted.sent["embeds"][0]["description"]) == 4096
    assert [(f.filename, f.data) for f in posted.files] == [("chart.png", b"PNG")]


async def test_a_gateway_drop_resumes_and_everything_still_works(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    sub = await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id)
    event = await add_event(app, "Cobalt tender", dt.date(2025, 4, 2))

    await fake_discord.drop_gateway(4000)
    interaction = await fake_discord.invoke("timeline", {"query": "cobalt"})  # while away

    callback = await interaction.response()
    assert "Cobalt tender" in callback.data["embeds"][0]["description"]
    assert interaction.seq in fake_discord.gateway.replayed
    assert len(fake_discord.gateway.ops(6)) == 1 and len(fake_discord.gateway.ops(2)) == 1
    await queue_alert(app, sub, event, fake_discord.channel_id)
    await fake_discord.wait_for_messages(1)


async def test_a_scan_from_another_process_is_posted_by_the_periodic_check(
    fake_discord: FakeDiscord, app: App, clock: FakeClock
) -> None:
    quick = app.settings.model_copy(
        update={
            "scheduler": app.settings.scheduler.model_copy(update={"delivery_check_seconds": 0.2})
        }
    )
    await add_subscription(app, fake_discord.channel_id, fake_discord.guild.id)
    source_id = await add_file_source(app, FEEDS / "seed_cnre.xml", alert_backlog=True)
    async with open_app(quick, clock=clock) as running, started(running):
        async with open_app(quick, clock=clock) as shell:  # `dateline scan`: its own engine
            await shell.ingestor.poll(source_id)
        await fake_discord.wait_for_messages(1)


async def test_a_notice_that_fails_is_dropped_and_a_bad_payload_blocks_nothing(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    from bot.outbox.store import enqueue

    alerts_channel = fake_discord.guild.add_text_channel("alerts")
    notice_channel = fake_discord.new_id()  # deleted: the notice itself gets a 404
    await app.guilds.set_notice_channel(fake_discord.guild.id, notice_channel)
    sub = await add_subscription(app, alerts_channel, fake_discord.guild.id)
    fake_discord.fail_next(f"POST /channels/{alerts_channel}/messages", 403)
    async with app.sessions.begin() as session:
        await enqueue(
            session,
            kind=DeliveryKind.DIGEST,
            dedupe_key="digest:broken",
            channel_id=fake_discord.channel_id,
            now=app.clock.now(),
            payload={"no message": True},
        )
    await queue_alert(app, sub, await add_event(app, "First", dt.date(2025, 4, 2)), alerts_channel)

    notice_posts = f"POST /channels/{notice_channel}/messages"

    async def settled() -> bool:
        rows = await deliveries(app)
        tried = [r.status for r in fake_discord.requests_to(notice_posts)] == [404]
        return tried and [r.kind for r in rows] == ["digest", "alert"]

    await wait_for(settled, what="the notice to be tried once and dropped")
    assert (await subscription(app, sub)).paused
    [digest, alert] = await deliveries(app)
    assert digest.sent_at is None and "KeyError" in (digest.last_error or "")
    assert alert.sent_at is None and fake_discord.messages == []


@pytest.mark.parametrize(
    ("kind", "pings"), [(DeliveryKind.REMINDER, True), (DeliveryKind.DIGEST, False)]
)
async def test_only_reminders_and_alerts_ping_the_subscription_role(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, kind: DeliveryKind, pings: bool
) -> None:
    from bot.outbox.store import enqueue

    role = fake_discord.admin_role_id
    subscription_id = await add_subscription(
        app, fake_discord.channel_id, fake_discord.guild.id, role_id=role
    )
    async with app.sessions.begin() as session:
        await enqueue(
            session,
            kind=kind,
            dedupe_key=f"{kind}:test",
            channel_id=fake_discord.channel_id,
            subscription_id=subscription_id,
            now=app.clock.now(),
            payload={"message": {"content": f"<@&{role}> Tomorrow: Acme vote", "embeds": []}},
        )
    app.outbox_wakeup.set()

    [posted] = await fake_discord.wait_for_messages(1)
    expected = {"parse": [], "roles": [role]} if pings else {"parse": []}
    assert posted.sent["allowed_mentions"] == expected
