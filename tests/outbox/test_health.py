"""Feed health: back-off that grows and caps, Retry-After, 410 gone, one notice per streak."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App
from bot.db.models import Source, SourceGuild, Subscription
from tests.httpserver import CannedServer
from tests.support import FakeClock
from tests.timeline_support import add_source, app_at, deliveries

FEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
START = dt.datetime(2025, 4, 3, 12, tzinfo=dt.UTC)


@pytest.fixture
async def server() -> AsyncIterator[CannedServer]:
    async with CannedServer() as server:
        yield server


@pytest.fixture
async def app(database_url: str) -> AsyncIterator[App]:
    async with app_at(database_url, FakeClock(START), failure_notice_after=3) as app:
        app.ingestor._rng = random.Random(5)  # the ±10% jitter, made repeatable
        async with app.sessions.begin() as session:
            for guild, channel in ((1, 10), (1, 11), (2, 20)):
                session.add(Subscription(guild_id=guild, channel_id=channel, created_at=START))
        yield app


async def _source(app: App, url: str, **fields: object) -> int:
    return await add_source(app, url, at=START, **fields)


async def _poll(app: App, source_id: int) -> Source:
    """Poll once at the source's next poll time, as the scheduler would."""
    async with app.sessions() as session:
        source = await session.get(Source, source_id)
        assert source is not None
    app.clock.current = max(app.clock.current, source.next_poll_at)  # type: ignore[attr-defined]
    await app.ingestor.poll(source_id)
    async with app.sessions() as session:
        source = await session.get(Source, source_id)
        assert source is not None
        return source


async def test_failing_source_backs_off_exponentially_up_to_the_cap(
    app: App, server: CannedServer
) -> None:
    server.add("/down.xml", status=500)
    source_id = await _source(app, server.url("/down.xml"), interval_minutes=30)
    waits = []
    for _ in range(10):
        source = await _poll(app, source_id)
        waits.append((source.next_poll_at - app.clock.now()).total_seconds() / 3600)
    print("back-off waits (hours):", [round(w, 2) for w in waits])
    assert all(later > earlier for earlier, later in itertools.pairwise(waits[:6]))
    assert 0.9 <= waits[0] <= 1.1  # 30 min × 2¹ ± 10%
    assert all(21.6 <= w <= 24 for w in waits[5:])  # capped at max_backoff_hours (24)
    assert source.consecutive_errors == 10 and not source.gone


async def test_retry_after_is_honoured_and_410_means_gone(app: App, server: CannedServer) -> None:
    server.add("/busy.xml", status=429, headers={"Retry-After": "36000"})
    server.add("/gone.xml", status=410)
    busy = await _poll(app, await _source(app, server.url("/busy.xml"), interval_minutes=5))
    assert busy.next_poll_at - START >= dt.timedelta(hours=10)
    gone = await _poll(app, await _source(app, server.url("/gone.xml"), guild_id=2))
    assert gone.gone and gone.id not in await app.ingestor.due_source_ids()
    (notice,) = await deliveries(app, "source_health")  # gone is told at once
    assert notice.channel_id == 20 and "gone (HTTP 410)" in notice.payload["message"]["content"]


async def test_one_notice_per_failure_streak_and_one_on_recovery(
    app: App, server: CannedServer
) -> None:
    server.add("/feed.xml", status=503)
    source_id = await _source(app, server.url("/feed.xml"), guild_id=1, name="Metals Wire")

    async def notices() -> list[tuple[int, str]]:
        return [
            (d.channel_id, d.payload["message"]["content"].split(" after")[0].split(" in a row")[0])
            for d in await deliveries(app, "source_health")
        ]

    for _ in range(2):
        await _poll(app, source_id)
    assert await notices() == []
    for _ in range(4):
        await _poll(app, source_id)
    down = "⚠️ Source **Metals Wire** has failed 3 times"
    assert await notices() == [(10, down), (11, down)]  # guild 1's channels only, once

    server.add("/feed.xml", body=(FEEDS / "metals_wire.xml").read_bytes())
    recovered = await _poll(app, source_id)
    assert not recovered.failure_notice_sent and recovered.consecutive_errors == 0
    up = "✅ Source **Metals Wire** works again"
    await _poll(app, source_id)
    assert await notices() == [(10, down), (11, down), (10, up), (11, up)]

    server.add("/feed.xml", status=500)
    for _ in range(3):
        await _poll(app, source_id)
    assert len(await notices()) == 6  # a new streak gets its own notice


async def test_config_sources_tell_every_alert_channel(app: App, server: CannedServer) -> None:
    server.add("/feed.xml", status=500)
    source_id = await _source(app, server.url("/feed.xml"), from_config=True)
    for _ in range(3):
        await _poll(app, source_id)
    assert sorted(d.channel_id for d in await deliveries(app, "source_health")) == [10, 11, 20]


async def test_a_failing_source_is_reported_only_to_the_servers_that_see_it(
    app: App, server: CannedServer
) -> None:
    server.add("/down.xml", status=500)
    limited = await _source(app, server.url("/down.xml"), from_config=True)
    own = await _source(app, server.url("/down.xml?own"), guild_id=2)
    async with app.sessions.begin() as session:
        session.add(SourceGuild(source_id=limited, guild_id=1))
    for _ in range(3):
        await _poll(app, limited)
        await _poll(app, own)
    notices = await deliveries(app, "source_health")
    by_source = {
        source_id: sorted(d.channel_id for d in notices if f"health:{source_id}:" in d.dedupe_key)
        for source_id in (limited, own)
    }
    assert by_source == {limited: [10, 11], own: [20]}
