"""/source add|remove|list|status, with feeds served over real HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import App
from bot.db.models import Source
from bot.discord.bot import DatelineBot
from tests.discord.helpers import FEEDS, MANAGE_SERVER, ingest_seed
from tests.fake_discord import FakeDiscord
from tests.httpserver import CannedServer
from tests.timeline_support import count


@pytest.fixture
async def feed_server() -> AsyncIterator[CannedServer]:
    async with CannedServer() as server:
        server.add(
            "/seed.xml",
            body=(FEEDS / "seed_cnre.xml").read_bytes(),
            content_type="application/rss+xml",
        )
        yield server


async def test_add_polls_once_and_answers_with_what_it_found(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, feed_server: CannedServer
) -> None:
    url = feed_server.url("/seed.xml")
    interaction = await fake_discord.invoke(
        "source add", {"url": url, "interval_minutes": 15}, permissions=MANAGE_SERVER
    )
    deferred = await interaction.response()
    assert deferred.type == 5 and deferred.ephemeral
    [answer] = await interaction.wait_followups(1)
    assert "**Rare Earth Exchanges**" in answer.content
    assert "polled every 15 min" in answer.content
    assert "1 entries, 1 articles, 2 new events" in answer.content

    [source] = await app.sources.list()
    assert (source.url, source.guild_id) == (url, fake_discord.guild.id)
    assert source.last_status == 200


async def test_a_member_without_manage_server_cannot_add(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, feed_server: CannedServer
) -> None:
    interaction = await fake_discord.invoke("source add", {"url": feed_server.url("/seed.xml")})
    callback = await interaction.response()
    assert callback.ephemeral
    assert callback.content == "You need the Manage Server permission to use this command."
    assert await count(app, Source) == 0 and feed_server.requests == []
    synced = {c["name"]: c for c in fake_discord.commands_for(fake_discord.guild.id)}
    assert int(synced["source"]["default_member_permissions"]) == MANAGE_SERVER


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "only the CLI may add them"),
        ("\x01file:///etc/passwd", "only the CLI may add them"),
        (" FILE:///etc/passwd", "only the CLI may add them"),
        ("ftp://example.com/feed", "ftp"),
    ],
)
async def test_unsafe_urls_are_refused_in_one_line(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot, url: str, reason: str
) -> None:
    interaction = await fake_discord.invoke("source add", {"url": url}, permissions=MANAGE_SERVER)
    [answer] = await interaction.wait_followups(1)
    assert answer.content.startswith(f"Could not add {url}: ") and reason in answer.content
    assert "\n" not in answer.content and await count(app, Source) == 0


async def test_private_addresses_are_refused_unless_allowed(
    fake_discord: FakeDiscord, app: App, feed_server: CannedServer
) -> None:
    from bot.app import open_app
    from tests.discord.helpers import started

    strict = app.settings.model_copy(
        update={"fetch": app.settings.fetch.model_copy(update={"allow_private_addresses": False})}
    )
    async with open_app(strict, clock=app.clock) as strict_app, started(strict_app):
        url = feed_server.url("/seed.xml")
        interaction = await fake_discord.invoke(
            "source add", {"url": url}, permissions=MANAGE_SERVER
        )
        [answer] = await interaction.wait_followups(1)
    assert answer.content.startswith(f"Could not add {url}")
    assert feed_server.requests == [] and await count(app, Source) == 0


async def test_list_status_autocomplete_and_remove(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    source_id = await ingest_seed(app, name="Seed", guild_id=fake_discord.guild.id)

    listed = await (await fake_discord.invoke("source list", permissions=MANAGE_SERVER)).response()
    assert listed.ephemeral
    assert f"#{source_id} **Seed** · every 30 min · ok" in listed.data["embeds"][0]["description"]

    typed = await fake_discord.autocomplete(
        "source status", {"source": "se"}, focused="source", user_id=fake_discord.owner_id
    )
    choices = (await typed.response()).data["choices"]
    assert choices == [{"name": f"#{source_id} Seed", "value": str(source_id)}]
    plain = await fake_discord.autocomplete("source status", {"source": "se"}, focused="source")
    assert (await plain.response()).data["choices"] == []  # members do not see the sources

    status = await (
        await fake_discord.invoke(
            "source status", {"source": str(source_id)}, permissions=MANAGE_SERVER
        )
    ).response()
    fields = {f["name"]: f["value"] for f in status.data["embeds"][0]["fields"]}
    assert fields["HTTP status"] == "200"
    assert fields["Consecutive errors"] == "0" and fields["Last error"] == "none"
    assert fields["Last poll"].startswith("<t:") and fields["Next poll"].startswith("<t:")

    removed = await (
        await fake_discord.invoke(
            "source remove", {"source": str(source_id)}, permissions=MANAGE_SERVER
        )
    ).response()
    assert removed.content == (
        f"Removed source #{source_id} Seed and deleted "
        "1 article(s) and 2 event(s) no other source reports."
    )
    assert await app.sources.list() == []

    again = await (
        await fake_discord.invoke(
            "source remove", {"source": str(source_id)}, permissions=MANAGE_SERVER
        )
    ).response()
    assert (
        again.ephemeral
        and again.content == f"No source '{source_id}' in this server; see /source list."
    )


async def test_another_servers_source_is_invisible(
    fake_discord: FakeDiscord, app: App, bot: DatelineBot
) -> None:
    source_id = await ingest_seed(app, name="Theirs", guild_id=1234)
    status = await (
        await fake_discord.invoke(
            "source status", {"source": str(source_id)}, permissions=MANAGE_SERVER
        )
    ).response()
    assert status.ephemeral and status.content.startswith("No source")
