"""Where alerts go, end to end on the fake Discord: a channel webhook with its own name and
avatar, a thread, a forum (one post per article), and the one-line refusal without the right."""

from __future__ import annotations

import discord

from bot.app import App
from bot.discord.bot import DatelineBot
from tests.discord.helpers import FEEDS, MANAGE_SERVER, add_file_source, started
from tests.fake_discord import FakeDiscord

MANAGE_WEBHOOKS = discord.Permissions(manage_webhooks=True).value
TITLES = [
    "Acme sets dates for meeting, vote and plant",
    "Central banks and statisticians set the spring calendar",
    "Metals: smelter start, cobalt contract and an investor day",
]


async def _ingest_three_articles(app: App) -> None:
    source_id = await add_file_source(
        app, FEEDS / "three_articles.xml", alert_backlog=True, full_text=False
    )
    report = await app.ingestor.poll(source_id)
    assert len(report.new_event_ids) == 13, report


async def test_a_webhook_needs_manage_webhooks_and_is_refused_in_one_line(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    refused = await (
        await fake_discord.invoke(
            "subscribe",
            {"channel": fake_discord.channel_id, "webhook_name": "Metals Desk"},
            permissions=MANAGE_SERVER,
        )
    ).response()
    assert refused.ephemeral and refused.content == (
        f"Dateline needs the Manage Webhooks permission in <#{fake_discord.channel_id}> to post "
        "under its own name; grant it, or subscribe without webhook_name."
    )
    assert fake_discord.webhooks == {} and await app.subscriptions.list() == []


async def test_alerts_go_through_a_webhook_with_its_name_and_avatar(
    fake_discord: FakeDiscord, app: App
) -> None:
    fake_discord.guild.grant(int(fake_discord.bot_user["id"]), MANAGE_WEBHOOKS)
    async with started(app):
        options = {
            "channel": fake_discord.channel_id,
            "webhook_name": "Metals Desk",
            "webhook_avatar": "https://cdn.example/desk.png",
        }
        saved = await (
            await fake_discord.invoke("subscribe", options, permissions=MANAGE_SERVER)
        ).response()
        assert saved.content.endswith("posted as “Metals Desk”"), saved.content
        again = await (
            await fake_discord.invoke("subscribe", options, permissions=MANAGE_SERVER)
        ).response()
        assert again.content.startswith("Updated:")
        [hook] = fake_discord.webhooks.values()  # made once, kept on update
        assert hook["channel_id"] == str(fake_discord.channel_id)

        await _ingest_three_articles(app)
        messages = await fake_discord.wait_for_messages(3)

    assert [m.sent["embeds"][0]["title"] for m in messages] == TITLES
    for message in messages:
        assert message.message["webhook_id"] == hook["id"]
        assert message.message["author"]["username"] == "Metals Desk"
        assert message.sent["avatar_url"] == "https://cdn.example/desk.png"
        assert message.channel_id == fake_discord.channel_id
        assert message.sent["allowed_mentions"] == {"parse": []}
    posts = [r for r in fake_discord.requests if r.route.startswith("/webhooks/")]
    assert len(posts) == 3 and all(r.query.get("wait") in ("true", "1") for r in posts), posts[
        0
    ].query


async def test_a_forum_gets_one_post_per_article_and_a_thread_its_messages(
    fake_discord: FakeDiscord, app: App
) -> None:
    forum = fake_discord.guild.add_forum_channel("news")
    thread = fake_discord.guild.add_thread(fake_discord.channel_id, "alerts", fake_discord.owner_id)
    async with started(app):
        for channel in (forum, thread):
            saved = await (
                await fake_discord.invoke(
                    "subscribe", {"channel": channel}, permissions=MANAGE_SERVER
                )
            ).response()
            assert saved.content.startswith("Subscribed:"), saved.content
        await _ingest_three_articles(app)
        messages = await fake_discord.wait_for_messages(6)

    in_forum = [m for m in messages if m.channel_id != thread]
    in_thread = [m for m in messages if m.channel_id == thread]
    assert [m.sent["embeds"][0]["title"] for m in in_thread] == TITLES
    posts = fake_discord.requests_to(f"POST /channels/{forum}/threads")
    assert [p.json["name"] for p in posts] == TITLES
    assert [m.sent["embeds"][0]["title"] for m in in_forum] == TITLES
    for message in in_forum:
        post = fake_discord.guild.channels[message.channel_id]
        assert post["type"] == 11 and post["parent_id"] == str(forum)
        assert message.id == message.channel_id  # the starter message of its post
