"""A burst of N new articles ingested while a probe measures how late the event loop wakes up.

Shared by tests/test_loop_stall.py (checks the ingestion) and bench/loop_stall.py (reports the
stall against its bound; timings are machine-dependent, so only the bench judges them).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import statistics
import time
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

from bot.app import open_app
from bot.config import DatabaseSettings, Settings
from bot.db.models import Source

TICK_SECONDS = 0.005
PUBLISHED = dt.datetime(2025, 4, 3, 9, tzinfo=dt.UTC)
COMPANIES = ("CNRE", "Lynas", "MP Materials", "Iluka", "Neo Performance", "Arafura")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "September")


def make_feed(entries: int) -> bytes:
    """An RSS feed of `entries` distinct articles, each with a few dated sentences."""
    items = []
    for i in range(entries):
        company = COMPANIES[i % len(COMPANIES)]
        month = MONTHS[i % len(MONTHS)]
        day = i % 27 + 1
        text = (
            f"{company} said on {month} {day}, 2025 that output at plant {i} rose. "
            f"The board will meet on {MONTHS[(i + 3) % len(MONTHS)]} {(i * 7) % 27 + 1}, 2025 "
            f"to vote on dividend {i}. Analysts at bank {i % 13} expect shipments to resume in "
            f"{MONTHS[(i + 5) % len(MONTHS)]} 2025, after the strike that ended on "
            f"{month} {(day + 2) % 27 + 1}."
        )
        items.append(
            f"<item><title>{escape(company)} update {i}</title>"
            f"<link>https://wire.example/{i}</link><guid>wire-{i}</guid>"
            f"<pubDate>{format_datetime(PUBLISHED)}</pubDate>"
            f"<description>{escape(text)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        "<title>Burst Wire</title><link>https://wire.example/</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


class LoopProbe:
    """Sleeps `TICK_SECONDS` in a loop and records how late each wake-up is (measuring only)."""

    def __init__(self) -> None:
        self.lateness: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            start = loop.time()
            await asyncio.sleep(TICK_SECONDS)
            self.lateness.append(loop.time() - start - TICK_SECONDS)

    async def __aenter__(self) -> LoopProbe:
        self._task = asyncio.create_task(self._run())
        await asyncio.sleep(0)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    @property
    def max_ms(self) -> float:
        return max(self.lateness, default=0.0) * 1000

    @property
    def p99_ms(self) -> float:
        if len(self.lateness) < 2:
            return self.max_ms
        return statistics.quantiles(self.lateness, n=100)[98] * 1000


@dataclass(frozen=True)
class BurstResult:
    entries: int
    new_articles: int
    new_events: int
    seconds: float
    max_stall_ms: float
    p99_stall_ms: float
    ticks: int

    def describe(self) -> str:
        return (
            f"{self.new_articles}/{self.entries} articles, {self.new_events} new events in "
            f"{self.seconds:.1f} s ({self.new_articles / self.seconds:.0f} articles/s); "
            f"event loop: longest stall {self.max_stall_ms:.1f} ms, p99 {self.p99_stall_ms:.1f} ms "
            f"over {self.ticks} ticks of {TICK_SECONDS * 1000:.0f} ms"
        )


async def ingest_burst(database_url: str, feed_dir: Path, entries: int) -> BurstResult:
    """Poll a fresh source whose feed holds `entries` new articles, probing the loop meanwhile."""
    feed = feed_dir / "burst.xml"
    feed.write_bytes(make_feed(entries))
    settings = Settings(database=DatabaseSettings(url=database_url))
    async with open_app(settings) as app:
        async with app.sessions.begin() as session:
            source = Source(
                url=feed.as_uri(),
                full_text=False,
                next_poll_at=PUBLISHED,
                created_at=PUBLISHED,
            )
            session.add(source)
            await session.flush()
            source_id = source.id
        started = time.perf_counter()
        async with LoopProbe() as probe:
            report = await app.ingestor.poll(source_id)
        seconds = time.perf_counter() - started
    return BurstResult(
        entries=entries,
        new_articles=report.new_articles,
        new_events=len(report.new_event_ids),
        seconds=seconds,
        max_stall_ms=probe.max_ms,
        p99_stall_ms=probe.p99_ms,
        ticks=len(probe.lateness),
    )
