"""/subscribe, /unsubscribe and /subscriptions: stored through the service, checked by the bot."""

from __future__ import annotations

from bot.app import App
from bot.db.models import Subscription
from bot.discord.bot import DatelineBot
from tests.discord.helpers import MANAGE_SERVER
from tests.fake_discord import FakeDiscord
from tests.timeline_support import count


async def test_subscribe_list_and_unsubscribe(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    channel = fake_discord.channel_id
    role = fake_discord.admin_role_id
    subscribed = await (
        await fake_discord.invoke(
            "subscribe",
            {
                "channel": channel,
                "keywords": "nickel, /rare\\s+earth/",
                "role": role,
                "remind_hours": 24,
            },
            permissions=MANAGE_SERVER,
        )
    ).response()
    assert subscribed.ephemeral and subscribed.content.startswith(f"Subscribed: <#{channel}>")
    [stored] = await app.subscriptions.list()
    assert stored.keywords == ["nickel", "/rare\\s+earth/"]
    assert (stored.role_id, stored.remind_hours, stored.guild_id) == (
        role,
        24,
        fake_discord.guild.id,
    )

    updated = await (
        await fake_discord.invoke("subscribe", {"channel": channel}, permissions=MANAGE_SERVER)
    ).response()
    assert updated.content == f"Updated: <#{channel}> · every new event"

    listed = await (
        await fake_discord.invoke("subscriptions", permissions=MANAGE_SERVER)
    ).response()
    assert listed.data["embeds"][0]["description"] == f"<#{channel}> · every new event"

    gone = await (
        await fake_discord.invoke("unsubscribe", {"channel": channel}, permissions=MANAGE_SERVER)
    ).response()
    assert gone.content == f"No more alerts in <#{channel}>."
    assert await count(app, Subscription) == 0


async def test_invalid_or_unpermitted_subscriptions_are_refused(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    channel = fake_discord.channel_id
    bad_regex = await (
        await fake_discord.invoke(
            "subscribe", {"channel": channel, "keywords": "/([unclosed/"}, permissions=MANAGE_SERVER
        )
    ).response()
    assert bad_regex.ephemeral and "not a valid regular expression" in bad_regex.content
    assert "\n" not in bad_regex.content

    everyone = await (
        await fake_discord.invoke(
            "subscribe",
            {"channel": channel, "role": fake_discord.guild.everyone_role_id},
            permissions=MANAGE_SERVER,
        )
    ).response()
    assert everyone.ephemeral and "@everyone is never pinged" in everyone.content

    member = await (await fake_discord.invoke("subscribe", {"channel": channel})).response()
    assert member.ephemeral and "Manage Server" in member.content

    missing = await (
        await fake_discord.invoke("unsubscribe", {"channel": channel}, permissions=MANAGE_SERVER)
    ).response()
    assert missing.content == f"<#{channel}> has no alert subscription"
    assert await count(app, Subscription) == 0
