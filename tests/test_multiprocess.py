"""Several `dateline run` processes on one PostgreSQL database: three pollers and a bot.

Real processes (`python -m bot run --role ...`), a real feed server and the fake Discord on
127.0.0.1. One poller is killed (SIGKILL) while it holds a feed whose answer is held back: its
lease runs out, a surviving poller polls that feed, and in the end every feed was polled once
in the interval (the killed poller's unfinished fetch aside), every article stored once and every
alert posted once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from aiohttp import web
from sqlalchemy import func, select

from bot.app import open_app
from bot.db.models import AlertEvent, Article, Delivery, Event, Source
from tests.fake_discord import FakeDiscord
from tests.httpserver import CannedServer
from tests.support import wait_for
from tests.timeline_support import add_source, settings_for

REPO_ROOT = Path(__file__).resolve().parent.parent
FEEDS = 12
SLOW = 5  # the feed held back until its poller is killed
POLLERS = 3


def _feed(n: int) -> bytes:
    text = (
        f"Quarry{n} Metals will hold its annual shareholder meeting on May {n + 1}, 2031, "
        "the company said on Thursday. Output rose in the quarter."
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
        f"<link>http://127.0.0.1/</link><item><title>Quarry{n} meeting</title>"
        f"<guid>quarry-{n}</guid><pubDate>Thu, 03 Apr 2031 09:00:00 GMT</pubDate>"
        f"<description>{text}</description></item></channel></rss>"
    ).encode()


def _start(role: str, config: Path, fake_discord: FakeDiscord) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")}
    env.update(
        DATELINE_DISCORD_TOKEN="fake-token",
        DATELINE_DISCORD_API_BASE=fake_discord.api_base,
        DATELINE_DISCORD_GATEWAY_URL=fake_discord.gateway_url,
    )
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "--role", role, "--config", str(config)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )


async def test_three_pollers_and_a_bot_share_postgresql(
    database_url: str, fake_discord: FakeDiscord, tmp_path: Path
) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("several processes share a PostgreSQL database; SQLite runs --role all")
    release = asyncio.Event()

    async def feed(request: web.Request) -> web.Response:
        n = int(request.path.removeprefix("/feed/").removesuffix(".xml"))
        if n == SLOW and not release.is_set():
            await release.wait()
        return web.Response(body=_feed(n), content_type="application/rss+xml")

    async with CannedServer() as server:
        for n in range(FEEDS):
            server.add_handler(f"/feed/{n}.xml", feed)
        async with open_app(settings_for(database_url), migrate=True) as app:
            now = app.clock.now()
            ids = [
                await add_source(
                    app, server.url(f"/feed/{n}.xml"), at=now, alert_backlog=True, full_text=False
                )
                for n in range(FEEDS)
            ]
            await app.subscriptions.subscribe(
                guild_id=fake_discord.guild.id, channel_id=fake_discord.channel_id
            )
        config = tmp_path / "dateline.toml"
        config.write_text(
            f'[database]\nurl = "{database_url}"\n'
            f"[discord]\nguild_ids = [{fake_discord.guild.id}]\n"
            "[fetch]\nallow_private_addresses = true\nconcurrency = 2\n"
            # Leases outlast a poll even on a busy CI machine; extraction stays in-process
            # (no pool to start), so the test is quick.
            "[scheduler]\ncheck_seconds = 1\ndelivery_check_seconds = 1\nlease_seconds = 8\n"
            "[extract]\nworkers = 0\n"
        )
        processes = [_start("bot", config, fake_discord)]
        processes += [_start("poller", config, fake_discord) for _ in range(POLLERS)]
        try:
            async with open_app(settings_for(database_url), migrate=False) as app:

                async def slow_owner() -> str | None:
                    async with app.sessions() as session:
                        return await session.scalar(
                            select(Source.lease_owner).where(Source.id == ids[SLOW])
                        )

                async def only_slow_left() -> bool:
                    async with app.sessions() as session:
                        polled = await session.scalar(
                            select(func.count())
                            .select_from(Source)
                            .where(Source.last_polled_at.is_not(None))
                        )
                    return polled == FEEDS - 1 and bool(server.requests_for(f"/feed/{SLOW}.xml"))

                await wait_for(only_slow_left, timeout=60, what="all but the held-back feed polled")
                owner = await slow_owner()
                assert owner is not None
                pid = int(owner.split(":")[-2])
                [victim] = [p for p in processes if p.pid == pid]
                victim.send_signal(signal.SIGKILL)
                victim.wait(timeout=10)
                release.set()

                async def all_done() -> bool:
                    async with app.sessions() as session:
                        unpolled = await session.scalar(
                            select(func.count())
                            .select_from(Source)
                            .where(
                                Source.last_polled_at.is_(None) | Source.lease_owner.is_not(None)
                            )
                        )
                        unsent = await session.scalar(
                            select(func.count())
                            .select_from(Delivery)
                            .where(Delivery.sent_at.is_(None))
                        )
                        return unpolled == 0 and unsent == 0

                await wait_for(all_done, timeout=60, what="every feed polled, every alert sent")
                async with app.sessions() as session:
                    articles = int(
                        await session.scalar(select(func.count()).select_from(Article)) or 0
                    )
                    events = int(await session.scalar(select(func.count()).select_from(Event)) or 0)
                    alerts = list(await session.scalars(select(Delivery)))
                    announced = int(
                        await session.scalar(select(func.count(func.distinct(AlertEvent.event_id))))
                        or 0
                    )
        finally:
            for process in processes:
                if process.poll() is None:
                    process.terminate()
            for process in processes:
                process.wait(timeout=30)

    fetches = Counter(r.path for r in server.requests)
    assert fetches == {
        f"/feed/{n}.xml": 2 if n == SLOW else 1 for n in range(FEEDS)
    }  # the killed poller's fetch of the held-back feed never completed its poll
    assert articles == FEEDS and events >= FEEDS
    new_event_alerts = [a for a in alerts if a.kind == "alert"]
    # One message per article, announcing every event it brought; every row sent.
    assert len(new_event_alerts) == articles and announced == events
    assert all(a.message_id for a in alerts)
    posted = Counter(m.id for m in fake_discord.messages)
    assert set(posted.values()) == {1}  # nothing posted twice
    assert sorted(posted) == sorted(int(a.message_id or 0) for a in new_event_alerts)
