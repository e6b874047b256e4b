"""What does serving a calendar feed cost, next to the /export that renders the same .ics?

Usage: python bench/web_feed.py [--events 5000] [--rounds 5] [--database-url URL]

Fills a database (SQLite by default) with N events, each reported by one article, starts the
real web server on 127.0.0.1, and times in the same process: the /export path (load + to_ics,
the baseline), a full GET of the calendar feed, a conditional GET answered 304, a page of the
timeline and a page of the API. Prints medians and each one's ratio to the baseline, and the
longest event-loop stall while a full feed is served.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from bot.app import open_app  # noqa: E402
from bot.config import DatabaseSettings, Settings, WebSettings  # noqa: E402
from bot.db.models import Article, Event, EventMention, Source  # noqa: E402
from bot.exports import load_details, to_ics  # noqa: E402
from bot.timeline import TimelineQuery  # noqa: E402
from bot.visibility import Viewer  # noqa: E402
from bot.web.metrics import Metrics  # noqa: E402
from bot.web.server import Liveness, WebServer  # noqa: E402

SEEN = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


async def fill(app, events: int) -> None:  # type: ignore[no-untyped-def]
    async with app.sessions.begin() as session:
        source = Source(
            url="https://wire.example/feed", name="Wire", next_poll_at=SEEN, created_at=SEEN
        )
        session.add(source)
        await session.flush()
        for i in range(events):
            event = Event(
                date=dt.date(2024, 1, 1) + dt.timedelta(days=i % 900),
                granularity="day",
                title=f"Board meeting number {i}",
                summary=f"The board meets ({i}).",
                confidence=0.9,
                first_seen_at=SEEN,
            )
            article = Article(
                source=source,
                guid=f"g{i}",
                url=f"https://wire.example/{i}",
                title=f"Article {i}",
                fetched_at=SEEN,
                text="x",
                content_hash="x",
            )
            session.add_all([event, article])
            await session.flush()
            session.add(
                EventMention(
                    event_id=event.id,
                    article_id=article.id,
                    title=event.title,
                    evidence="x",
                    span_start=0,
                    span_end=1,
                    confidence=0.9,
                    created_at=SEEN,
                )
            )


async def median_ms(rounds: int, work: Callable[[], Awaitable[object]]) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        await work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


async def longest_stall_ms(work: Callable[[], Awaitable[object]]) -> float:
    """The longest a 5 ms sleeper waited beyond its time while `work` ran on the same loop."""
    loop = asyncio.get_running_loop()
    worst = 0.0
    done = asyncio.Event()

    async def probe() -> None:
        nonlocal worst
        while not done.is_set():
            started = loop.time()
            await asyncio.sleep(0.005)
            worst = max(worst, loop.time() - started - 0.005)

    task = asyncio.create_task(probe())
    await work()
    done.set()
    await task
    return worst * 1000


async def main(events: int, rounds: int, database_url: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        url = database_url or f"sqlite:///{folder}/bench.db"
        settings = Settings(
            database=DatabaseSettings(url=url),
            web=WebSettings(enabled=True, listen="127.0.0.1:0", requests_per_minute=100_000),
        )
        async with open_app(settings) as app:
            await fill(app, events)
            server = WebServer(app, Liveness(lambda: True, lambda: "console"), Metrics())
            await server.start()
            try:
                secret = await server.links.create(None)
                base = f"{server.base_url}/c/{secret}"
                query = TimelineQuery()

                async def export() -> bytes:
                    return to_ics(await load_details(app.sessions, query, viewer=Viewer.shared()))

                async with aiohttp.ClientSession() as client:

                    async def get(path: str, headers: dict[str, str] | None = None) -> int:
                        async with client.get(base + path, headers=headers) as response:
                            await response.read()
                            return response.status

                    async with client.get(base + "/calendar.ics") as first:
                        etag = first.headers["ETag"]
                    results = {
                        "export (baseline)": await median_ms(rounds, export),
                        "GET calendar.ics": await median_ms(rounds, lambda: get("/calendar.ics")),
                        "GET calendar.ics 304": await median_ms(
                            rounds, lambda: get("/calendar.ics", {"If-None-Match": etag})
                        ),
                        "GET page": await median_ms(rounds, lambda: get("/?page=3")),
                        "GET api limit=100": await median_ms(
                            rounds, lambda: get("/api/events?limit=100")
                        ),
                    }
                    stall = await longest_stall_ms(lambda: get("/calendar.ics"))
            finally:
                await server.stop()
    baseline = results["export (baseline)"]
    print(f"{events} events, median of {rounds} rounds, {url.split(':')[0]}")
    for name, ms in results.items():
        print(f"{name:24} {ms:9.1f} ms  x{ms / baseline:5.2f}")
    print(f"longest event-loop stall during GET calendar.ics: {stall:.1f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    asyncio.run(main(args.events, args.rounds, args.database_url))
