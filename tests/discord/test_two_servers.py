"""Each server sees its own: one bot in two servers, and nothing of one reaches the other.

Alpha and Bravo each add a feed with /source add semantics (`guild_id`); the instance has a
feed shared with every server and one limited to Alpha (`guild_ids`). The feeds are fake
articles ingested by the real pipeline; alerts, reminders, digests and every slash command that
reads the timeline then run through the real bot against the fake Discord, and the test counts
what crossed from one server to the other: it must be nothing.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import App, open_app
from bot.config import DatabaseSettings, DiscordSettings, FetchSettings, SchedulerSettings, Settings
from bot.db.models import Event, Source, SourceGuild
from bot.discord.bot import DatelineBot
from bot.discord.checks import Refusal, server_viewer
from tests.discord.helpers import MANAGE_SERVER, START, add_file_source, deliveries, started
from tests.fake_discord import FakeDiscord, payloads
from tests.support import FakeClock, wait_for

ITEMS = {
    "shared": ("Global Summit opens", "The Global Summit opens on March 20, 2025 in Geneva."),
    "alpha": ("Alpha rover launch", "Alpha Corp will launch its rover on March 21, 2025."),
    "bravo": ("Bravo merger vote", "Bravo Ltd shareholders vote on the merger on March 23, 2025."),
    "limited": ("Lima council vote", "The Lima council votes on the budget on March 24, 2025."),
}
# Reported by both servers' own feeds: each may see it, with its own link only.
BRIDGE = "The Harbor Bridge reopens to traffic on March 22, 2025."
SECRETS = {"alpha": ("Alpha", "alpha.example"), "bravo": ("Bravo", "bravo.example")}
LIMITED = ("Lima", "limited.example")


def feed(name: str, *texts: str) -> bytes:
    items = "".join(
        f"<item><title>{name} story {n}</title><link>https://{name}.example/{n}</link>"
        f"<guid>{name}-{n}</guid><pubDate>Mon, 10 Mar 2025 09:00:00 GMT</pubDate>"
        f"<description>{text}</description></item>"
        for n, text in enumerate(texts)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{name.title()} Wire</title>'
        f"<link>https://{name}.example/</link>{items}</channel></rss>"
    ).encode()


@pytest.fixture
def bravo(fake_discord: FakeDiscord) -> tuple[int, int, int]:
    """A second server (before the bot connects): its id, a channel and its owner."""
    owner = fake_discord.new_id()
    guild = fake_discord.add_guild("Bravo", owner_user=payloads.user(owner, "bravo-owner"))
    return guild.id, guild.add_text_channel("bravo-news"), owner


@pytest.fixture
async def app(
    database_url: str, fake_discord: FakeDiscord, bravo: tuple[int, int, int]
) -> AsyncIterator[App]:
    settings = Settings(
        database=DatabaseSettings(url=database_url),
        discord=DiscordSettings(
            api_base=fake_discord.api_base,
            gateway_url=fake_discord.gateway_url,
            guild_ids=[fake_discord.guild.id, bravo[0]],
        ),
        fetch=FetchSettings(allow_private_addresses=True, timeout_seconds=5.0),
        scheduler=SchedulerSettings(delivery_check_seconds=300),
    )
    async with open_app(settings, clock=FakeClock(START)) as opened:
        yield opened


@pytest.fixture
async def bot(app: App) -> AsyncIterator[DatelineBot]:
    async with started(app) as running:
        yield running


async def _ingest(app: App, tmp_path: Path, alpha_id: int, bravo_id: int) -> dict[str, int]:
    """The four feeds polled by the real pipeline; returns source ids by name."""
    owners: dict[str, int | None] = {
        "shared": None,
        "alpha": alpha_id,
        "bravo": bravo_id,
        "limited": None,
    }
    ids = {}
    for name, (_, text) in ITEMS.items():
        texts = [text, BRIDGE] if name in SECRETS else [text]
        path = tmp_path / f"{name}.xml"
        path.write_bytes(feed(name, *texts))
        ids[name] = await add_file_source(
            app, path, guild_id=owners[name], full_text=False, alert_backlog=True
        )
    async with app.sessions.begin() as session:
        session.add(SourceGuild(source_id=ids["limited"], guild_id=alpha_id))
    for source_id in ids.values():
        report = await app.ingestor.poll(source_id)
        assert report.outcome == "ok", report
    return ids


def crossed(text: str, foreign: tuple[str, ...]) -> list[str]:
    """The foreign names or hosts that appear in `text`."""
    return [word for word in foreign if word.lower() in text.lower()]


def message_text(sent: dict[str, Any]) -> str:
    parts = [sent.get("content") or ""]
    for embed in sent.get("embeds") or []:
        parts += [str(embed.get(k, "")) for k in ("title", "description", "url")]
        parts += [f"{f['name']} {f['value']}" for f in embed.get("fields") or []]
        parts.append(str((embed.get("footer") or {}).get("text", "")))
    return "\n".join(parts)


async def test_nothing_crosses_between_two_servers(
    fake_discord: FakeDiscord,
    app: App,
    bot: DatelineBot,
    bravo: tuple[int, int, int],
    tmp_path: Path,
) -> None:
    alpha_id, alpha_channel = fake_discord.guild.id, fake_discord.channel_id
    bravo_id, bravo_channel, bravo_owner = bravo
    for guild, channel in ((alpha_id, alpha_channel), (bravo_id, bravo_channel)):
        await app.subscriptions.subscribe(guild_id=guild, channel_id=channel, remind_hours=720)
        await app.digests.set(
            channel_id=channel, guild_id=guild, weekday=0, local_time="13:00", timezone="UTC"
        )
    sources = await _ingest(app, tmp_path, alpha_id, bravo_id)
    assert await app.reminders.plan() > 0
    app.clock.advance(hours=2)  # type: ignore[attr-defined]
    assert await app.digests.plan() == 2
    app.outbox_wakeup.set()
    await wait_for(lambda: _all_sent(app), what="every outbox row to be posted")

    # What each channel was sent: alerts, reminders, digests.
    foreign_of = {
        alpha_channel: ("Bravo", "bravo.example"),
        bravo_channel: ("Alpha", "alpha.example", "Lima", "limited.example"),
    }
    received = {alpha_channel: "", bravo_channel: ""}
    leaks = []
    for message in fake_discord.messages:
        text = message_text(message.sent)
        for attached in message.files:
            text += attached.data.decode(errors="replace")
        received[message.channel_id] += text
        leaks += crossed(text, foreign_of[message.channel_id])
    assert leaks == []
    assert "Alpha will launch its rover" in received[alpha_channel]
    assert "Lima council votes" in received[alpha_channel]
    assert "Bravo shareholders vote" in received[bravo_channel]
    for channel in (alpha_channel, bravo_channel):
        assert "Global Summit" in received[channel] and "Harbor Bridge" in received[channel]

    # Every slash command that reads the timeline, run in each server.
    async with app.sessions() as session:
        event_ids = {e.title: e.id for e in await session.scalars(select(Event).order_by(Event.id))}
    bravo_event = next(i for t, i in event_ids.items() if "Bravo" in t)
    alpha_event = next(i for t, i in event_ids.items() if "Alpha" in t)
    bridge = next(i for t, i in event_ids.items() if "Harbor Bridge" in t)
    runs: list[tuple[int, int, int | None, str, dict[str, Any]]] = []
    for guild, channel, user in (
        (alpha_id, alpha_channel, None),
        (bravo_id, bravo_channel, bravo_owner),
    ):
        for command, options in (
            ("timeline", {}),
            ("timeline", {"query": "vote"}),
            ("upcoming", {"days": 60}),
            ("event", {"id": bridge}),
            ("export", {"format": "csv"}),
            ("source list", {}),
        ):
            runs.append((guild, channel, user, command, options))
    answers: dict[tuple[int, str], str] = {}
    for guild, channel, user, command, options in runs:
        interaction = await fake_discord.invoke(
            command, options, channel_id=channel, user_id=user, permissions=MANAGE_SERVER
        )
        text = await _answer_text(interaction)
        answers[guild, command] = answers.get((guild, command), "") + text
        foreign = foreign_of[channel]
        assert crossed(text, foreign) == [], (command, text)
    assert "Alpha will launch its rover" in answers[alpha_id, "timeline"]
    assert "Bravo shareholders vote" in answers[bravo_id, "timeline"]
    assert "Lima council votes" not in answers[bravo_id, "upcoming"]
    assert "alpha.example" in answers[alpha_id, "event"]
    assert "bravo.example" in answers[bravo_id, "event"]

    # Another server's event by id, and autocomplete.
    for channel, user, other in (
        (alpha_channel, None, bravo_event),
        (bravo_channel, bravo_owner, alpha_event),
    ):
        refused = await (
            await fake_discord.invoke("event", {"id": other}, channel_id=channel, user_id=user)
        ).response()
        assert refused.ephemeral and refused.content == f"There is no event #{other}."
        typed = await fake_discord.autocomplete(
            "event", {"id": ""}, focused="id", channel_id=channel, user_id=user
        )
        names = " ".join(c["name"] for c in (await typed.response()).data["choices"])
        assert crossed(names, foreign_of[channel]) == [] and names

    # Managing another server's source: invisible, and the shared one is not theirs to remove.
    for source, channel, user in (
        (sources["bravo"], alpha_channel, None),
        (sources["limited"], bravo_channel, bravo_owner),
    ):
        status = await (
            await fake_discord.invoke(
                "source status",
                {"source": str(source)},
                channel_id=channel,
                user_id=user,
                permissions=MANAGE_SERVER,
            )
        ).response()
        assert status.content.startswith("No source")
    shared = await (
        await fake_discord.invoke(
            "source remove",
            {"source": str(sources["shared"])},
            channel_id=bravo_channel,
            user_id=bravo_owner,
            permissions=MANAGE_SERVER,
        )
    ).response()
    assert "only they can remove it" in shared.content
    async with app.sessions() as session:
        assert len(list(await session.scalars(select(Source.id)))) == 4


async def _answer_text(interaction: Any) -> str:
    """An interaction's visible answer: the response, or the deferred follow-up, with files."""
    response = await interaction.response()
    if response.type == 5:  # deferred: the answer is a follow-up
        [followup] = await interaction.wait_followups(1)
        text = message_text(followup.sent)
        for attached in followup.files:
            text += attached.data.decode(errors="replace")
        return text
    data = response.data or {}
    text = message_text(data)
    for attachment in data.get("attachments") or []:
        text += base64.b64decode(attachment.get("data_b64", "")).decode(errors="replace")
    return text


async def _all_sent(app: App) -> bool:
    rows = await deliveries(app)
    return bool(rows) and all(r.sent_at is not None for r in rows)


class _DirectMessage:
    guild_id = None


def test_reading_commands_in_a_dm_say_they_work_in_a_server() -> None:
    with pytest.raises(Refusal, match="works in a server"):
        server_viewer(_DirectMessage())  # type: ignore[arg-type]
