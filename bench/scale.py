"""Dateline at scale: every row of issue 11's table, each with its reference from the same run.

Usage: python bench/scale.py [--quick] [--postgres-url postgresql://postgres@127.0.0.1/postgres]
       [--only ingest,repoll,queries,rss] [--cache-dir /tmp/dateline-bench] [--db-tag TAG]

Everything runs on this machine: a feed server on 127.0.0.1–127.0.0.16 (bench/scale_data.py)
with generated ~4 KB articles, and timelines of 1M generated events written in bulk (cached in
--cache-dir for SQLite and as database `dateline_bench_<N>` on PostgreSQL, rebuilt when the
schema changes). --quick uses 100k events, 300 feeds and 200 articles, to iterate.

Rows (each printed as soon as it is measured):
  ingest         new articles/s of a scan of N × 4 KB articles (the real pipeline), against
                 `dateline extract --jsonl`'s work on the same texts (extraction alone)
  ingest@1M      seconds per article into the big timeline against an empty database (each
                 scan run twice, interleaved, the lower time and CPU of each kept)
  loop stall     longest event-loop stall during the scan
  CPU/article    the scan's CPU per article in the bot's process and in the extraction
                 processes, against extraction and feed parsing alone; the rate the cores allow
  repoll         a pass over 2,000 unchanged feeds (all 304) against bare aiohttp doing the same
                 conditional GETs with the same concurrency
  query p95      /timeline query, /timeline since/until, /upcoming 7 through TimelineService at
                 1M events, against a raw count in the text index (FTS5 / PostgreSQL full-text)
                 on the same words
  rss            peak RSS of `dateline run` (console mode) during a pass over 2,000 sources
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import hashlib
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import asyncpg
from sqlalchemy import select
from sqlalchemy.engine import make_url

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from bench.scale_data import (  # noqa: E402
    PUBLISHED,
    FeedServer,
    article_text,
    fill_postgres,
    fill_sqlite,
)
from bot.app import open_app  # noqa: E402
from bot.config import DatabaseSettings, FetchSettings, Settings  # noqa: E402
from bot.db.engine import create_engine, session_factory  # noqa: E402
from bot.db.migrate import schema_state, upgrade  # noqa: E402
from bot.db.models import Source  # noqa: E402
from bot.extract import extract_events  # noqa: E402
from bot.ingest.parse import parse_feed  # noqa: E402
from bot.timeline import TimelineQuery, TimelineService, _Words  # noqa: E402
from bot.visibility import Viewer  # noqa: E402
from tests.burst import LoopProbe  # noqa: E402

TODAY = dt.date(2025, 6, 2)
# Queries are timed as a Discord server asks them: visibility filter included (the generated
# sources are shared with every server).
VIEWER = Viewer.server(1)
# Words an index serves (common, rarer, two frequent words, a Chinese run, a source's name)...
QUERY_WORDS = ("Kalgoorlie", "Quenwind", "dividend shareholder", "华金矿业", "Wire 0042")
# ...and a two-character Chinese word (one indexed character pair, migration 0008).
SHORT_CHINESE = "稀土"
REPOLL_SOURCES = 2000


class SteppedClock:
    """Wall time plus an offset the bench moves forward, so a second pass finds sources due."""

    def __init__(self) -> None:
        self.offset = dt.timedelta()

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC) + self.offset


def row(what: str, value: str, reference: str, goal: str) -> None:
    print(f"| {what:<38} | {value:<30} | {reference:<38} | {goal:<18} |", flush=True)


def p95_ms(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18] * 1000 if len(samples) > 1 else samples[0] * 1000


# -- databases ---------------------------------------------------------------------------------


@asynccontextmanager
async def fresh_database(kind: str, args: argparse.Namespace, tag: str) -> AsyncIterator[str]:
    """An empty, migrated database; dropped afterwards."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / f'{tag}.db'}"
            await _migrate(url)
            yield url
        return
    name = f"dateline_bench_{tag}_{os.getpid()}"
    await _admin(args.postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await _admin(args.postgres_url, f'CREATE DATABASE "{name}"')
    url = make_url(args.postgres_url).set(database=name).render_as_string(hide_password=False)
    try:
        await _migrate(url)
        yield url
    finally:
        await _admin(args.postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


async def _admin(server_url: str, statement: str) -> None:
    connection = await asyncpg.connect(server_url)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def _head_revision(url: str) -> str:
    engine = create_engine(url)
    try:
        state = await schema_state(engine)
        return state.current or ""
    finally:
        await engine.dispose()


async def big_timeline(kind: str, args: argparse.Namespace) -> str:
    """The cached database of `args.events` generated events (built by bulk insert if needed)."""
    if kind == "sqlite":
        path = Path(args.cache_dir) / f"timeline-{args.events}.db"
        url = f"sqlite:///{path}"
        marker = path.with_suffix(".ready")
        if marker.exists() and marker.read_text() == await _expected_revision():
            return url
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"{path.name}*"):
            stale.unlink()
        started = time.perf_counter()
        await _migrate(url)
        await asyncio.to_thread(fill_sqlite, str(path), args.events)
        marker.write_text(await _expected_revision())
        print(f"  built {path} in {time.perf_counter() - started:.0f} s", flush=True)
        return url
    name = f"dateline_bench_{args.db_tag}{args.events}"
    url = make_url(args.postgres_url).set(database=name).render_as_string(hide_password=False)
    try:
        if await _bench_marker(url) == await _expected_revision():
            return url
    except Exception:
        pass
    await _admin(args.postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await _admin(args.postgres_url, f'CREATE DATABASE "{name}"')
    started = time.perf_counter()
    await _migrate(url)
    await fill_postgres(_plain(url), args.events)
    await _set_bench_marker(url, await _expected_revision())
    print(f"  built {name} in {time.perf_counter() - started:.0f} s", flush=True)
    return url


async def _expected_revision() -> str:
    """The head revision and a digest of the migrations (a revision may still be changing) and
    of the generator of the timeline (`bench/scale_data.py`)."""
    digest = hashlib.sha256()
    for path in sorted((REPO_ROOT / "migrations" / "versions").glob("*.py")):
        digest.update(path.read_bytes())
    digest.update((REPO_ROOT / "bench" / "scale_data.py").read_bytes())
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'probe.db'}"
        await _migrate(url)
        return f"{await _head_revision(url)}:{digest.hexdigest()[:12]}"


def _plain(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _bench_marker(url: str) -> str:
    connection = await asyncpg.connect(_plain(url))
    try:
        return str(
            await connection.fetchval(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                "WHERE datname = current_database()"
            )
        )
    finally:
        await connection.close()


async def _set_bench_marker(url: str, marker: str) -> None:
    """The database's comment says which migrations built it, once the data is in."""
    connection = await asyncpg.connect(_plain(url))
    try:
        await connection.execute(f"COMMENT ON DATABASE \"{make_url(url).database}\" IS '{marker}'")
    finally:
        await connection.close()


@asynccontextmanager
async def copy_of(kind: str, url: str, args: argparse.Namespace) -> AsyncIterator[str]:
    """A throw-away copy of the big timeline to ingest into."""
    if kind == "sqlite":
        source = Path(make_url(url).database or "")
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / "copy.db"
            shutil.copyfile(source, target)
            yield f"sqlite:///{target}"
        return
    name = f"dateline_bench_copy_{os.getpid()}"
    await _admin(args.postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await _admin(args.postgres_url, f'CREATE DATABASE "{name}" TEMPLATE "{make_url(url).database}"')
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        await _admin(args.postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def settings_for(url: str) -> Settings:
    return Settings(
        database=DatabaseSettings(url=url),
        fetch=FetchSettings(allow_private_addresses=True, timeout_seconds=30),
    )


async def add_sources(url: str, urls: list[str], clock: SteppedClock) -> list[int]:
    engine = create_engine(url)
    try:
        async with session_factory(engine).begin() as session:
            now = clock.now()
            rows = [
                Source(url=u, full_text=False, next_poll_at=now, created_at=now, alert_backlog=True)
                for u in urls
            ]
            session.add_all(rows)
            await session.flush()
            return [r.id for r in rows]
    finally:
        await engine.dispose()


# -- rows --------------------------------------------------------------------------------------


async def ingest_rows(kinds: list[str], args: argparse.Namespace, big: dict[str, str]) -> None:
    feeds = max(1, args.articles // 20)
    async with FeedServer(news_feeds=feeds, articles_per_feed=20) as server:
        urls = [server.url("news", n) for n in range(feeds)]
        texts = [article_text(n) for n in range(feeds * 20)]
        started = time.perf_counter()
        for _title, text in texts:
            extract_events(text, PUBLISHED.date())
        reference = len(texts) / (time.perf_counter() - started)
        started = time.perf_counter()
        for n in range(feeds):
            parse_feed(server.body("news", n), url=urls[n])
        parse_ms = (time.perf_counter() - started) * 1000 / len(texts)
        for kind in kinds:
            async with fresh_database(kind, args, "ingest") as url:
                empty = await _scan(url, urls)
            full: dict[str, float] | None = None
            if kind in big:
                async with copy_of(kind, big[kind], args) as url:
                    full = await _scan(url, urls)
                # The full and empty scans once more, interleaved: one scan's CPU time varies
                # by ±10% on a shared 2-core machine, and the ratio of two single scans twice that.
                async with fresh_database(kind, args, "ingest") as url:
                    empty = _better(empty, await _scan(url, urls))
                async with copy_of(kind, big[kind], args) as url:
                    full = _better(full, await _scan(url, urls))
            rate = empty["articles"] / empty["seconds"]
            row(
                f"ingest {len(texts)} × 4 KB articles ({kind})",
                f"{rate:.0f} articles/s",
                f"extraction alone, 1 core: {reference:.0f}/s",
                "≥ 500 articles/s",
            )
            row(
                f"loop stall during that scan ({kind})",
                f"{empty['stall_ms']:.0f} ms max",
                f"p99 {empty['p99_ms']:.0f} ms",
                "≤ 100 ms",
            )
            _cpu_row(kind, empty, reference, parse_ms)
            if full is not None:
                per_empty = empty["seconds"] / empty["articles"]
                per_full = full["seconds"] / full["articles"]
                row(
                    f"ingest into {args.events:,} events ({kind})",
                    f"{per_full * 1000:.1f} ms/article ({per_full / per_empty:.2f}×)",
                    f"empty database: {per_empty * 1000:.1f} ms/article",
                    "≤ 1.5×",
                )
                # CPU time is steadier than wall time on a shared machine.
                cpu_empty = empty["bot_cpu"] / empty["articles"]
                cpu_full = full["bot_cpu"] / full["articles"]
                row(
                    f"  bot CPU per article at {args.events:,} ({kind})",
                    f"{cpu_full * 1000:.1f} ms ({cpu_full / cpu_empty:.2f}×)",
                    f"empty database: {cpu_empty * 1000:.1f} ms",
                    "≤ 1.5×",
                )


def _cpu_row(kind: str, scan: dict[str, float], extraction_rate: float, parse_ms: float) -> None:
    """Where the CPU of the scan went, per article, and the rate all cores could sustain:
    the bot's process (event loop, database driver, merging) and the extraction processes
    (feed parsing and extraction), against extraction and parsing measured alone."""
    cores = os.cpu_count() or 1
    bot_ms = scan["bot_cpu"] * 1000 / scan["articles"]
    workers_ms = scan["workers_cpu"] * 1000 / scan["articles"]
    row(
        f"CPU per article during that scan ({kind})",
        f"bot {bot_ms:.1f} + pool {workers_ms:.1f} ms",
        f"alone: extract {1000 / extraction_rate:.1f}, parse {parse_ms:.1f} ms",
        f"{cores} cores: ≤ {cores * 1000 / (bot_ms + workers_ms):.0f}/s",
    )


def _children_cpu_seconds() -> float:
    """User + system CPU of this process's live children (the extraction processes)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for task in Path("/proc/self/task").iterdir():
        for pid in (task / "children").read_text().split():
            with contextlib.suppress(FileNotFoundError):
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
    return total / ticks


def _better(first: dict[str, float], second: dict[str, float]) -> dict[str, float]:
    """Two scans of the same articles: the lower time and CPU of each, the worse stall."""
    worst = {"stall_ms", "p99_ms"}
    return {
        key: max(value, second[key]) if key in worst else min(value, second[key])
        for key, value in first.items()
    }


async def _scan(url: str, feed_urls: list[str]) -> dict[str, float]:
    clock = SteppedClock()
    ids = await add_sources(url, feed_urls, clock)
    async with open_app(settings_for(url), clock=clock, migrate=False) as app:
        await app.ingestor.warm_up()  # as `dateline run` does at its start
        started = time.perf_counter()
        bot_cpu, workers_cpu = time.process_time(), _children_cpu_seconds()
        async with LoopProbe() as probe:
            reports = await app.ingestor.poll_many(ids)
        seconds = time.perf_counter() - started
        # The bot's process includes the bench's feed server (a few static bodies).
        bot_cpu, workers_cpu = (
            time.process_time() - bot_cpu,
            _children_cpu_seconds() - workers_cpu,
        )
    errors = [r.error for r in reports if r.error]
    if errors:
        raise SystemExit(f"scan failed: {errors[0]}")
    return {
        "articles": sum(r.new_articles for r in reports),
        "seconds": seconds,
        "stall_ms": probe.max_ms,
        "p99_ms": probe.p99_ms,
        "bot_cpu": bot_cpu,
        "workers_cpu": workers_cpu,
    }


async def repoll_rows(kinds: list[str], args: argparse.Namespace) -> None:
    count = args.feeds
    async with FeedServer(news_feeds=0, articles_per_feed=0) as server:
        urls = [server.url("quiet", n) for n in range(count)]
        for kind in kinds:
            async with fresh_database(kind, args, "repoll") as url:
                clock = SteppedClock()
                await add_sources(url, urls, clock)
                async with open_app(settings_for(url), clock=clock, migrate=False) as app:
                    first = await app.ingestor.poll_due()
                    clock.offset += dt.timedelta(minutes=31)
                    started = time.perf_counter()
                    second = await app.ingestor.poll_due()
                    seconds = time.perf_counter() - started
                    concurrency = app.settings.fetch.concurrency
                    etags = [s.etag for s in await _sources(app)]
            unchanged = sum(r.outcome == "not_modified" for r in second)
            if len(first) != count or unchanged != count:
                raise SystemExit(f"repoll: {len(first)} first polls, {unchanged} 304s of {count}")
            reference = await _bare_conditional_gets(urls, etags, concurrency)
            row(
                f"re-poll {count:,} unchanged feeds ({kind})",
                f"{seconds:.2f} s",
                f"bare aiohttp, same GETs: {reference:.2f} s",
                "≤ 2 s",
            )


async def _sources(app: object) -> list[Source]:
    async with app.sessions() as session:  # type: ignore[attr-defined]
        return list(await session.scalars(select(Source).order_by(Source.id)))


async def _bare_conditional_gets(urls: list[str], etags: list[str | None], limit: int) -> float:
    gate = asyncio.Semaphore(limit)
    async with aiohttp.ClientSession() as http:

        async def one(url: str, etag: str | None) -> int:
            async with gate, http.get(url, headers={"If-None-Match": etag or ""}) as response:
                await response.read()
                return response.status

        started = time.perf_counter()
        statuses = await asyncio.gather(*(one(u, e) for u, e in zip(urls, etags, strict=True)))
        seconds = time.perf_counter() - started
    assert set(statuses) == {304}, set(statuses)
    return seconds


async def query_rows(kinds: list[str], args: argparse.Namespace, big: dict[str, str]) -> None:
    for kind in kinds:
        engine = create_engine(big[kind])
        try:
            await _query_rows(kind, args, big[kind], TimelineService(session_factory(engine)))
        finally:
            await engine.dispose()


async def _query_rows(
    kind: str, args: argparse.Namespace, url: str, timeline: TimelineService
) -> None:
    rng = random.Random(7)
    await timeline.search(TimelineQuery(text="warm"), viewer=VIEWER, per_page=10)

    async def timed(call: Callable[[], Awaitable[object]], runs: int) -> list[float]:
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            await call()
            samples.append(time.perf_counter() - started)
        return samples

    text_samples: list[float] = []
    for words in QUERY_WORDS:
        text_samples += (
            await timed(
                lambda w=words: timeline.search(TimelineQuery(text=w), viewer=VIEWER, per_page=10),
                6,
            )
        )[1:]  # the first run reads the pages into the cache
    short = (
        await timed(lambda: timeline.search(TimelineQuery(text=SHORT_CHINESE), viewer=VIEWER), 6)
    )[1:]  # as above: the first run reads the pages into the cache
    reference = await _raw_text_search(kind, url)
    index = "FTS5" if kind == "sqlite" else "full-text"
    row(
        f"/timeline query, {args.events:,} events ({kind})",
        f"p95 {p95_ms(text_samples):.1f} ms",
        f"raw {index} count, same words: p95 {reference:.1f} ms",
        "p95 ≤ 20 ms",
    )
    row(
        f"/timeline query “{SHORT_CHINESE}” (2 characters) ({kind})",
        f"p95 {p95_ms(short):.1f} ms",
        "—",
        "p95 ≤ 20 ms",
    )
    range_samples: list[float] = []
    for _ in range(30):
        since = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randrange(7000))
        until = since + dt.timedelta(days=rng.choice((7, 31, 90, 365)))
        range_samples += await timed(
            lambda s=since, u=until: timeline.search(
                TimelineQuery(since=s, until=u), viewer=VIEWER
            ),
            1,
        )
    row(
        f"/timeline since/until ({kind})",
        f"p95 {p95_ms(range_samples):.1f} ms",
        "—",
        "p95 ≤ 20 ms",
    )
    upcoming: list[float] = []
    for offset in range(30):
        day = TODAY + dt.timedelta(days=offset * 11)
        upcoming += await timed(lambda d=day: timeline.upcoming(d, 7, viewer=VIEWER), 1)
    row(f"/upcoming 7 ({kind})", f"p95 {p95_ms(upcoming):.1f} ms", "—", "p95 ≤ 20 ms")


async def _raw_text_search(kind: str, url: str) -> float:
    """The index alone: how many events contain each query's words (no ORM, no paging)."""
    samples = []
    if kind == "sqlite":
        import sqlite3

        connection = sqlite3.connect(make_url(url).database or "")
        for words in QUERY_WORDS:
            for _ in range(5):
                started = time.perf_counter()
                connection.execute(
                    "SELECT count(*) FROM events_text WHERE events_text MATCH ?",
                    (_Words.of(words).fts5(),),
                ).fetchone()
                samples.append(time.perf_counter() - started)
        connection.close()
        return p95_ms(samples)
    connection = await asyncpg.connect(_plain(url))
    try:
        for words in QUERY_WORDS:
            for _ in range(5):
                started = time.perf_counter()
                await connection.fetchval(
                    "SELECT count(*) FROM events WHERE search_vector @@ to_tsquery('simple', $1)",
                    _Words.of(words).tsquery(),
                )
                samples.append(time.perf_counter() - started)
    finally:
        await connection.close()
    return p95_ms(samples)


async def rss_row(args: argparse.Namespace) -> None:
    """Peak RSS of a real `dateline run` process polling 2,000 sources once."""
    async with FeedServer(news_feeds=0, articles_per_feed=0) as server:
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'run.db'}"
            await _migrate(url)
            clock = SteppedClock()
            await add_sources(url, [server.url("quiet", n) for n in range(args.feeds)], clock)
            config = Path(tmp) / "dateline.toml"
            config.write_text(
                f'[database]\nurl = "{url}"\n[fetch]\nallow_private_addresses = true\n'
                "[scheduler]\ncheck_seconds = 5\n"
            )
            process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run", "--config", str(config)],
                cwd=REPO_ROOT,
                stdout=subprocess.DEVNULL,
                env={k: v for k, v in os.environ.items() if not k.startswith("DATELINE_")},
            )
            try:
                started = time.perf_counter()
                engine = create_engine(url)
                polled = 0
                while polled < args.feeds and time.perf_counter() - started < 120:
                    await asyncio.sleep(0.5)
                    async with session_factory(engine)() as session:
                        polled = len(
                            list(
                                await session.scalars(
                                    select(Source.id).where(Source.last_polled_at.is_not(None))
                                )
                            )
                        )
                await engine.dispose()
                peak_kb = _peak_rss_kb(process.pid)
            finally:
                process.terminate()
                process.wait(timeout=30)
    row(
        f"peak RSS, dateline run, {args.feeds:,} sources",
        f"{peak_kb / 1024:.0f} MB ({polled} polled)",
        "—",
        "≤ 200 MB",
    )


def _peak_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc status")


async def main(args: argparse.Namespace) -> None:
    kinds = ["sqlite"] + (["postgresql"] if args.postgres_url else [])
    only = set(args.only.split(",")) if args.only else {"ingest", "repoll", "queries", "rss"}
    print(
        f"scale bench: {args.events:,} events, {args.feeds:,} feeds, {args.articles} articles, "
        f"{os.cpu_count()} cores, databases: {', '.join(kinds)}",
        flush=True,
    )
    big: dict[str, str] = {}
    if only & {"ingest", "queries"}:
        for kind in kinds:
            big[kind] = await big_timeline(kind, args)
    row("what", "measured", "reference, same run", "goal")
    if "queries" in only:
        await query_rows(kinds, args, big)
    if "repoll" in only:
        await repoll_rows(kinds, args)
    if "ingest" in only:
        await ingest_rows(kinds, args, big)
    if "rss" in only:
        await rss_row(args)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100k events, 300 feeds, 200 articles")
    parser.add_argument("--postgres-url", help="a server to create bench databases on")
    parser.add_argument("--only", help="comma-separated: ingest, repoll, queries, rss")
    parser.add_argument("--cache-dir", default=str(Path(tempfile.gettempdir()) / "dateline-bench"))
    parser.add_argument(
        "--db-tag",
        default="",
        help="prefix of the cached PostgreSQL timeline's name (parallel runs)",
    )
    parser.add_argument("--events", type=int)
    parser.add_argument("--feeds", type=int)
    parser.add_argument("--articles", type=int)
    args = parser.parse_args()
    args.events = args.events or (100_000 if args.quick else 1_000_000)
    args.feeds = args.feeds or (300 if args.quick else REPOLL_SOURCES)
    args.articles = args.articles or (200 if args.quick else 1000)
    return args


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
