"""/calendar link (everyone) and /calendar rotate (Manage Server) on the fake Discord."""

from __future__ import annotations

import re

from bot.app import App
from bot.discord.bot import DatelineBot
from bot.visibility import Viewer
from bot.web.links import CalendarLinks
from tests.discord.helpers import MANAGE_SERVER
from tests.fake_discord import FakeDiscord

SECRET_IN_URL = re.compile(r"<webcal://[^>]+/c/([A-Za-z0-9_-]{22})/calendar\.ics>")


async def _secret(fake_discord: FakeDiscord, command: str, **kwargs: object) -> str:
    answer = await (await fake_discord.invoke(command, **kwargs)).response()  # type: ignore[arg-type]
    assert answer.ephemeral
    match = SECRET_IN_URL.search(answer.content)
    assert match, answer.content
    return match.group(1)


async def test_link_gives_each_member_a_private_url_and_rotate_revokes_them(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    links = CalendarLinks(app.sessions, app.clock)
    guild = fake_discord.guild.id
    everything = await _secret(fake_discord, "calendar link")  # no permission needed
    narrowed = await _secret(fake_discord, "calendar link", options={"keywords": " rare  earth "})
    assert everything != narrowed
    opened = await links.resolve(narrowed)
    assert opened is not None and opened.viewer == Viewer.server(guild)
    assert opened.query == "rare earth"

    refused = await (await fake_discord.invoke("calendar rotate")).response()
    assert refused.ephemeral and "Manage Server" in refused.content
    assert await links.resolve(everything) is not None

    rotated = await _secret(fake_discord, "calendar rotate", permissions=MANAGE_SERVER)
    assert await links.resolve(everything) is None and await links.resolve(narrowed) is None
    assert (await links.resolve(rotated)) is not None

    too_long = await (
        await fake_discord.invoke("calendar link", options={"keywords": "x" * 201})
    ).response()
    assert too_long.ephemeral and too_long.content == "keywords are limited to 200 characters"
