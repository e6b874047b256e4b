"""/settings timezone, /digest set|off|preview, and a due digest posted by the real worker."""

from __future__ import annotations

import datetime as dt

from bot.app import App
from bot.discord.bot import DatelineBot
from tests.discord.helpers import MANAGE_SERVER, add_event
from tests.fake_discord import FakeDiscord
from tests.support import FakeClock


async def test_settings_timezone_then_digest_set_preview_post_and_off(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, clock: FakeClock
) -> None:
    zones = await fake_discord.autocomplete(
        "settings timezone", {"name": "berl"}, focused="name", user_id=fake_discord.owner_id
    )
    assert (await zones.response()).data["choices"][0] == {
        "name": "Europe/Berlin",
        "value": "Europe/Berlin",
    }
    tz = await (
        await fake_discord.invoke(
            "settings timezone", {"name": "Europe/Berlin"}, permissions=MANAGE_SERVER
        )
    ).response()
    assert tz.ephemeral and tz.content.startswith("Time zone set to Europe/Berlin")
    assert await app.guilds.timezone(fake_discord.guild.id) == "Europe/Berlin"

    # START is Monday 2025-03-10 12:00 UTC = 13:00 in Berlin; 13:30 is still to come this week.
    set_ = await (
        await fake_discord.invoke(
            "digest set", {"weekday": 0, "time": "13:30"}, permissions=MANAGE_SERVER
        )
    ).response()
    due = dt.datetime(2025, 3, 10, 12, 30, tzinfo=dt.UTC)
    assert set_.content == (
        f"Weekly digest in <#{fake_discord.channel_id}>: every Monday at 13:30 (Europe/Berlin); "
        f"the next one <t:{int(due.timestamp())}:F>."
    )

    await add_event(app, "CNRE holds its plenary session", dt.date(2025, 3, 14))
    preview = await fake_discord.invoke("digest preview", permissions=MANAGE_SERVER)
    assert (await preview.response()).type == 5  # deferred: the chart takes a moment
    [shown] = await preview.wait_followups(1)
    assert shown.sent["embeds"][0]["title"] == "Weekly digest for Monday 10 March 2025"
    assert [f.filename for f in shown.files] == ["timeline.png"]
    assert fake_discord.messages == []  # a preview posts nothing in the channel

    clock.current = due
    assert await app.digests.plan() == 1
    app.outbox_wakeup.set()
    [posted] = await fake_discord.wait_for_messages(1)
    assert posted.channel_id == fake_discord.channel_id
    assert "CNRE holds its plenary session" in str(posted.sent["embeds"][0]["fields"])
    assert [f.filename for f in posted.files] == ["timeline.png"]
    assert await app.digests.plan() == 0

    off = await (await fake_discord.invoke("digest off", permissions=MANAGE_SERVER)).response()
    assert off.content == f"No more weekly digests in <#{fake_discord.channel_id}>."
    again = await (await fake_discord.invoke("digest off", permissions=MANAGE_SERVER)).response()
    assert again.ephemeral and "has no weekly digest" in again.content


async def test_digest_and_settings_refuse_bad_input_and_members(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    bad_time = await (
        await fake_discord.invoke(
            "digest set", {"weekday": 0, "time": "25:00"}, permissions=MANAGE_SERVER
        )
    ).response()
    assert bad_time.ephemeral and "HH:MM" in bad_time.content
    bad_zone = await (
        await fake_discord.invoke(
            "digest set",
            {"weekday": 0, "time": "09:00", "timezone": "Mars/Olympus"},
            permissions=MANAGE_SERVER,
        )
    ).response()
    assert "unknown time zone 'Mars/Olympus'" in bad_zone.content
    member = await (
        await fake_discord.invoke("digest set", {"weekday": 0, "time": "09:00"})
    ).response()
    assert member.ephemeral and "Manage Server" in member.content
    member_tz = await (
        await fake_discord.invoke("settings timezone", {"name": "Europe/Berlin"})
    ).response()
    assert "Manage Server" in member_tz.content
    assert await app.digests.get(fake_discord.channel_id) is None
