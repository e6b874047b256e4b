"""The one way in for data: poll a source, store its articles, record their events.

fetch (HTTP or file) → parse (worker thread) → for each new or changed entry: full text if the
feed only has a summary → extract events (worker thread) → store article + events in one
transaction → queue alerts in the outbox. A broken source only records its own error.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import gc
import hashlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import random
import secrets
import socket
import threading
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlsplit

import aiohttp
from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.sql.elements import ColumnElement

from bot.clock import Clock
from bot.db.models import Article, Source
from bot.db.queries import insert_with_ids
from bot.errors import one_line
from bot.extract import ExtractedEvent, extract_events
from bot.ingest.discover import discover_feed_urls
from bot.ingest.fetch import FetchError, FetchPolicy, FetchResult, fetch
from bot.ingest.fulltext import extract_main_text
from bot.ingest.parse import (
    FeedEntry,
    FeedParseError,
    ParsedFeed,
    clean_text,
    parse_feed,
)
from bot.outbox.alerts import enqueue_poll_alerts
from bot.outbox.health import after_failure, before_success
from bot.outbox.reminders import forget_reminders
from bot.timeline_store import (
    ArticleEvents,
    TimelineChange,
    lock_timeline,
    record_batch,
    record_events,
)

log = logging.getLogger(__name__)
_R = TypeVar("_R")

# Below this many characters a feed entry is a teaser, so the article page is fetched instead.
SUMMARY_ONLY_CHARS = 600


@dataclass(frozen=True, slots=True)
class PollReport:
    """What one poll of one source did, for the CLI summary, the console and the logs."""

    source_id: int
    source_name: str
    outcome: str  # "ok", "not_modified", "error", "gone"
    entries: int = 0
    new_articles: int = 0
    updated_articles: int = 0
    changes: list[TimelineChange] = field(default_factory=list)
    alerts_enabled: bool = True
    error: str | None = None

    @property
    def new_event_ids(self) -> list[int]:
        return [c.event_id for c in self.changes if c.kind == "new_event"]

    @property
    def moved_event_ids(self) -> list[int]:
        """Known events whose date changed (same id; `Event.previous_date` holds the old one)."""
        return [c.event_id for c in self.changes if c.kind == "moved"]

    @property
    def cancelled_event_ids(self) -> list[int]:
        return [c.event_id for c in self.changes if c.kind == "cancelled"]


@dataclass(frozen=True, slots=True)
class IngestOptions:
    date_order: str = "MDY"
    max_backoff_hours: float = 24.0
    concurrency: int = 8
    per_host_concurrency: int = 2
    failure_notice_after: int = 5
    # How long a claimed source stays this poller's; a killed poller's sources wait this long.
    lease_seconds: float = 300.0
    # Extraction processes: None = one per core; 0 = a thread of this process (small setups).
    extract_workers: int | None = None
    # Who this poller is in `sources.lease_owner` (host, process, a random part).
    owner: str = field(
        default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
    )
    # Servers without their own zone decide "upcoming" (for `only = upcoming`) in this one.
    default_timezone: str = "UTC"


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A feed entry with its text, ready to compare with what is stored and to extract."""

    guid: str
    entry: FeedEntry
    text: str
    digest: str
    published: dt.date


def _article_fields(prepared: _Prepared) -> dict[str, object]:
    entry = prepared.entry
    return {
        "guid": prepared.guid,
        "url": entry.link,
        "title": entry.title[:1000],
        "published_at": entry.published,
        "text": prepared.text,
        "content_hash": prepared.digest,
    }


def extract_jobs(
    jobs: list[tuple[str, dt.date, str, str]],
) -> list[list[ExtractedEvent] | str]:
    """Runs in an extraction process: each article's events, or why extraction failed."""
    outcomes: list[list[ExtractedEvent] | str] = []
    for text, published, date_order, headline in jobs:
        try:
            outcomes.append(
                extract_events(text, published, date_order=date_order, headline=headline)
            )
        except Exception as exc:  # one article's bad luck must not cost the others
            outcomes.append(one_line(exc, with_type=True))
    return outcomes


_POOLS: dict[int, ProcessPoolExecutor] = {}
# How much lower than the bot the extraction processes run (a nice value, 0-19): on a busy
# machine the event loop, which answers Discord, must not wait behind a batch of articles.
EXTRACTION_NICENESS = 10


def pool_size(workers: int | None) -> int:
    return workers or os.cpu_count() or 1


def _start_worker() -> None:
    """Runs in each extraction process as it starts. Extraction is batch work: the scheduler
    should run the event loop's process first. And a worker never outlives the bot: a SIGKILL
    (or the OOM killer) runs no clean-up, and an orphaned worker kept ~80 MB until reboot."""
    os.nice(EXTRACTION_NICENESS)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with_parent, args=(parent.sentinel,), daemon=True).start()


def _exit_with_parent(sentinel: int) -> None:
    """Wait on the parent's sentinel (ready once the bot's process has ended), then end."""
    multiprocessing.connection.wait([sentinel])
    os._exit(0)


def _ready() -> bool:
    """A job that only makes a worker import the extractor."""
    return True


async def start_extraction(workers: int | None) -> None:
    """Start the extraction processes now (each imports the extractor, about a second), so the
    first poll does not wait for them."""
    if workers == 0:
        return
    pool = extraction_pool(workers)
    loop = asyncio.get_running_loop()
    await asyncio.gather(*(loop.run_in_executor(pool, _ready) for _ in range(pool_size(workers))))


def extraction_pool(workers: int | None) -> ProcessPoolExecutor:
    """One pool per process (shared by every Ingestor), started on first use. Workers are
    spawned, not forked: the parent has threads (database drivers) a fork would copy mid-use."""
    size = pool_size(workers)
    if size not in _POOLS:
        _POOLS[size] = ProcessPoolExecutor(
            size, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker
        )
    return _POOLS[size]


@dataclass(frozen=True, slots=True)
class PollTarget:
    """What a poll needs of a source, read with the due-sources query (no read per poll)."""

    source_id: int
    url: str
    etag: str | None
    last_modified: str | None
    may_discover: bool
    interval_minutes: int
    failure_notice_sent: bool
    name: str


_TARGET_COLUMNS = (
    Source.id,
    func.coalesce(Source.feed_url, Source.url),
    Source.etag,
    Source.last_modified,
    Source.feed_url.is_(None),
    Source.interval_minutes,
    Source.failure_notice_sent,
    func.coalesce(Source.name, Source.title, Source.url),
)


def _target(row: Sequence[Any]) -> PollTarget:
    """A `PollTarget` from a row of `_TARGET_COLUMNS`."""
    return PollTarget(*row)


# Unchanged polls are written in batches of this many (and at the end of every pass).
UNCHANGED_BATCH = 200


class UnchangedPolls:
    """Outcomes of 304s (and unchanged files), written many at a time: one UPDATE per batch.

    Only sources without a pending failure notice come here; a recovering source takes the
    full path, which queues its recovery notice. Lost on a crash, a batch costs one more 304.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._pending: list[dict[str, object]] = []
        self._lock = asyncio.Lock()

    async def add(self, target: PollTarget, result: FetchResult, now: dt.datetime) -> PollReport:
        self._pending.append(
            {
                "id": target.source_id,
                "etag": result.etag,
                "last_modified": result.last_modified,
                "last_status": result.status,
                "last_error": None,
                "consecutive_errors": 0,
                "last_polled_at": now,
                "next_poll_at": now + dt.timedelta(minutes=target.interval_minutes),
                "initial_poll_done": True,
                "lease_owner": None,
                "lease_until": None,
            }
        )
        if len(self._pending) >= UNCHANGED_BATCH:
            await self.flush()
        return PollReport(target.source_id, target.name, "not_modified")

    async def flush(self) -> None:
        async with self._lock:
            rows, self._pending = self._pending, []
            if rows:
                async with self._sessions.begin() as session:
                    await session.execute(update(Source), rows)


def _by_article(changes: list[TimelineChange]) -> dict[int, list[TimelineChange]]:
    """A poll's changes grouped by the article that caused them (one alert message each)."""
    grouped: dict[int, list[TimelineChange]] = {}
    for change in changes:
        grouped.setdefault(change.article_id, []).append(change)
    return grouped


def _first_of_each_identity(entries: Sequence[FeedEntry]) -> list[FeedEntry]:
    """A feed that repeats a guid has one entry under it (the first, as readers show it);
    storing each in turn would rewrite the article on every poll."""
    seen: set[str] = set()
    unique = []
    for entry in entries:
        if entry.identity() not in seen:
            seen.add(entry.identity())
            unique.append(entry)
    return unique


class Ingestor:
    """Polls sources; owns the concurrency limits and the back-off policy."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        http: aiohttp.ClientSession,
        policy: FetchPolicy,
        clock: Clock,
        options: IngestOptions = IngestOptions(),
        *,
        on_changes: Callable[[PollReport], Awaitable[None]] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._sessions = sessions
        self._http = http
        self._policy = policy
        self._clock = clock
        self._options = options
        self._on_changes = on_changes
        self._rng = rng or random.Random()
        self._store_lock = asyncio.Lock()
        self._unchanged = UnchangedPolls(sessions)
        self._all = asyncio.Semaphore(options.concurrency)
        self._per_host: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(options.per_host_concurrency)
        )

    @property
    def owner(self) -> str:
        """This poller's name in `sources.lease_owner`."""
        return self._options.owner

    async def warm_up(self) -> None:
        """Start the extraction processes before the first poll needs them, and take what
        start-up loaded (modules, ORM classes, parsers) out of the garbage collector's sight:
        each full collection would walk all of it on the event loop, a pause of 100+ ms."""
        await start_extraction(self._options.extract_workers)
        gc.freeze()

    async def due_sources(self) -> list[PollTarget]:
        """Everything a poll needs of each due source, in one query."""
        return await self._targets(
            (
                Source.next_poll_at <= self._clock.now(),
                Source.gone.is_(False),
                Source.retired_at.is_(None),
            )
        )

    async def due_source_ids(self) -> list[int]:
        return [target.source_id for target in await self.due_sources()]

    async def _targets(self, conditions: Sequence[ColumnElement[bool]]) -> list[PollTarget]:
        async with self._sessions() as session:
            rows = await session.execute(
                select(*_TARGET_COLUMNS).where(*conditions).order_by(Source.next_poll_at)
            )
            return [_target(row) for row in rows]

    async def poll_due(self) -> list[PollReport]:
        """One pass over the due sources, claimed a few at a time, so several pollers (processes
        sharing PostgreSQL) split the work and none waits for the slowest feed of a batch."""
        window = 2 * self._options.concurrency
        running: set[asyncio.Task[PollReport]] = set()
        reports: list[PollReport] = []
        try:
            while True:
                if len(running) < window:
                    for target in await self.claim_due(4 * window - len(running)):
                        running.add(asyncio.create_task(self._poll_reporting(target)))
                if not running:
                    return reports
                done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                reports += [task.result() for task in done]
        finally:
            if running:
                await asyncio.wait(running)
            await self._unchanged.flush()

    async def claim_due(self, limit: int) -> list[PollTarget]:
        """Lease up to `limit` due sources to this poller: rows another poller holds (locked
        now, or leased until later) are skipped, so no source is polled by two at once."""
        now = self._clock.now()
        due = (
            select(Source.id)
            .where(
                Source.next_poll_at <= now,
                Source.gone.is_(False),
                Source.retired_at.is_(None),
                or_(Source.lease_until.is_(None), Source.lease_until < now),
            )
            .order_by(Source.next_poll_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        async with self._sessions.begin() as session:
            rows = await session.execute(
                update(Source)
                .where(Source.id.in_(due.scalar_subquery()))
                .values(
                    lease_owner=self._options.owner,
                    lease_until=now + dt.timedelta(seconds=self._options.lease_seconds),
                )
                .returning(*_TARGET_COLUMNS)
                .execution_options(synchronize_session=False)
            )
            return [_target(row) for row in rows]

    async def poll_many(self, source_ids: Sequence[int]) -> list[PollReport]:
        """Poll concurrently; a source whose failure could not even be recorded still reports."""
        found = {t.source_id: t for t in await self._targets((Source.id.in_(source_ids),))}
        missing = [sid for sid in source_ids if sid not in found]
        if missing:
            raise LookupError(f"no source with id {missing[0]}")
        return await self._poll_targets([found[sid] for sid in source_ids])

    async def poll(self, source_id: int) -> PollReport:
        """Poll one source now. Never raises for the source's own failures: they are recorded."""
        return (await self.poll_many([source_id]))[0]

    async def _poll_targets(self, targets: Sequence[PollTarget]) -> list[PollReport]:
        try:
            return list(await asyncio.gather(*(self._poll_reporting(t) for t in targets)))
        finally:
            await self._unchanged.flush()

    async def _poll_reporting(self, target: PollTarget) -> PollReport:
        """A source whose failure could not even be recorded still reports."""
        try:
            return await self._poll_target(target)
        except Exception as exc:
            log.error("source #%s: %s", target.source_id, one_line(exc, with_type=True))
            return PollReport(
                target.source_id, target.name, "error", error=one_line(exc, with_type=True)
            )

    async def _poll_target(self, target: PollTarget) -> PollReport:
        """Fetch (the per-host limit covers only this), then parse and store."""
        source_id = target.source_id
        host = urlsplit(target.url).hostname or "file"
        async with self._all:
            try:
                async with self._per_host[host]:
                    result = await fetch(
                        self._http,
                        target.url,
                        self._policy,
                        etag=target.etag,
                        last_modified=target.last_modified,
                    )
                parsed = None
                if not result.not_modified:
                    try:
                        parsed = await self._parse(result)
                    except FeedParseError:
                        found = (
                            await self._feed_linked_from(result) if target.may_discover else None
                        )
                        if found is None:
                            raise
                        result, parsed = found
                        await self._remember_feed_url(source_id, result.final_url)
            except (FetchError, FeedParseError) as exc:
                return await self._record_failure(source_id, exc)
            except Exception as exc:  # a bug or a broken dependency: recorded, never fatal
                log.exception("polling source #%s failed unexpectedly", source_id)
                return await self._record_failure(
                    source_id, RuntimeError(one_line(exc, with_type=True))
                )
            if result.not_modified and not target.failure_notice_sent:
                return await self._unchanged.add(target, result, self._clock.now())
            report = await self._store(source_id, result, parsed)
        if report.changes and report.alerts_enabled and self._on_changes is not None:
            await self._on_changes(report)
        return report

    async def _parse(self, result: FetchResult) -> ParsedFeed:
        """In the extraction processes too: parsing a big feed is CPU work that, in a thread,
        would hold the event loop's GIL."""
        parse = functools.partial(
            parse_feed,
            result.body,
            url=result.final_url,
            content_type=result.headers.get("Content-Type"),
        )
        if self._options.extract_workers == 0:
            return await asyncio.to_thread(parse)
        return (await self._in_pool([parse]))[0]

    async def _in_pool(self, calls: list[Callable[[], _R]]) -> list[_R]:
        """Run module-level calls in the extraction processes; a broken pool (a worker killed,
        out of memory) is replaced next time."""
        pool = extraction_pool(self._options.extract_workers)
        loop = asyncio.get_running_loop()
        try:
            return list(await asyncio.gather(*(loop.run_in_executor(pool, call) for call in calls)))
        except BrokenProcessPool:
            _POOLS.pop(pool_size(self._options.extract_workers), None)
            raise

    async def _record_failure(self, source_id: int, exc: Exception) -> PollReport:
        now = self._clock.now()
        async with self._sessions.begin() as session:
            source = await session.get(Source, source_id)
            assert source is not None
            source.consecutive_errors += 1
            source.last_error = str(exc)
            source.last_polled_at = now
            status = exc.status if isinstance(exc, FetchError) else source.last_status
            source.last_status = status
            gone = isinstance(exc, FetchError) and exc.gone
            source.gone = gone
            source.lease_owner = source.lease_until = None
            retry_after = exc.retry_after_seconds if isinstance(exc, FetchError) else None
            source.next_poll_at = now + self.backoff(
                source.interval_minutes, source.consecutive_errors, retry_after
            )
            name = source.display_name
            retry_at = source.next_poll_at
            await after_failure(
                session, source, now, notice_after=self._options.failure_notice_after
            )
        log.warning(
            "source %s failed: %s (%s)",
            name,
            exc,
            "gone: no more polls" if gone else f"next try {retry_at:%Y-%m-%d %H:%M} UTC",
        )
        return PollReport(source_id, name, "gone" if gone else "error", error=str(exc))

    def backoff(
        self, interval_minutes: int, consecutive_errors: int, retry_after: float | None
    ) -> dt.timedelta:
        """interval × 2^errors, capped, with ±10% jitter; a server's Retry-After wins if longer."""
        cap = self._options.max_backoff_hours * 3600
        seconds = min(interval_minutes * 60 * 2 ** min(consecutive_errors, 20), cap)
        seconds *= self._rng.uniform(0.9, 1.1)
        seconds = min(seconds, cap)
        if retry_after is not None:
            seconds = max(seconds, min(retry_after, cap))
        return dt.timedelta(seconds=seconds)

    async def _store(
        self, source_id: int, result: FetchResult, parsed: ParsedFeed | None
    ) -> PollReport:
        """The poll as one unit: texts gathered, the source's known articles read in one query,
        the changed ones extracted together (a process pool), then articles, events, mentions,
        alerts and the poll's outcome written in one transaction."""
        now = self._clock.now()
        async with self._sessions() as session:
            source = await session.get(Source, source_id)
            assert source is not None
            alerts_enabled = source.initial_poll_done or source.alert_backlog
            full_text = source.full_text
            date_order = source.date_order or self._options.date_order
        prepared = await asyncio.gather(
            *(
                self._prepare(entry, full_text, now)
                for entry in _first_of_each_identity(parsed.entries if parsed else [])
            ),
            return_exceptions=True,
        )
        ready = [p for p in prepared if isinstance(p, _Prepared)]
        for error in prepared:
            if isinstance(error, BaseException):
                log.error("an entry of source #%s was not stored: %s", source_id, one_line(error))
        known = await self._known_articles(source_id, [p.guid for p in ready])
        changed = [p for p in ready if known.get(p.guid, (0, ""))[1] != p.digest]
        extracted = await self._extract(changed, date_order)
        stored = [(p, ev) for p, ev in zip(changed, extracted, strict=True) if ev is not None]
        failed = len(prepared) - len(ready) + extracted.count(None)
        async with self._store_lock, self._sessions.begin() as session:
            await lock_timeline(session)
            changes = await self._write_articles(session, source_id, stored, known, now)
            await forget_reminders(
                session, [c.event_id for c in changes if c.kind in ("moved", "cancelled")]
            )
            if alerts_enabled:
                await enqueue_poll_alerts(
                    session,
                    list(_by_article(changes).items()),
                    now,
                    default_timezone=self._options.default_timezone,
                )
            source = await session.get(Source, source_id)
            assert source is not None
            if parsed is not None:
                source.title = parsed.title or source.title
                source.site_url = parsed.link or source.site_url
            if not failed:  # else fetch in full next time, to retry the failed entries
                source.etag, source.last_modified = result.etag, result.last_modified
            source.last_status = result.status
            await before_success(session, source, now)
            source.last_error = None
            source.consecutive_errors = 0
            source.last_polled_at = now
            source.next_poll_at = now + dt.timedelta(minutes=source.interval_minutes)
            source.initial_poll_done = True
            source.lease_owner = source.lease_until = None
            name = source.display_name
        updated = sum(1 for p, _ in stored if p.guid in known)
        return PollReport(
            source_id,
            name,
            "not_modified" if result.not_modified else "ok",
            entries=len(parsed.entries) if parsed else 0,
            new_articles=len(stored) - updated,
            updated_articles=updated,
            changes=changes,
            alerts_enabled=alerts_enabled,
        )

    async def _prepare(self, entry: FeedEntry, full_text: bool, now: dt.datetime) -> _Prepared:
        text = await self._article_text(entry, full_text)
        return _Prepared(
            guid=entry.identity(),
            entry=entry,
            text=text,
            digest=hashlib.sha256(f"{entry.title}\x00{text}".encode()).hexdigest(),
            published=(entry.published or now).date(),
        )

    async def _known_articles(self, source_id: int, guids: list[str]) -> dict[str, tuple[int, str]]:
        """guid → (article id, content hash) of the entries already stored, in one query."""
        known: dict[str, tuple[int, str]] = {}
        async with self._sessions() as session:
            for start in range(0, len(guids), 1000):
                rows = await session.execute(
                    select(Article.guid, Article.id, Article.content_hash).where(
                        Article.source_id == source_id,
                        Article.guid.in_(guids[start : start + 1000]),
                    )
                )
                known.update({guid: (article_id, digest) for guid, article_id, digest in rows})
        return known

    async def _extract(
        self, prepared: list[_Prepared], date_order: str
    ) -> list[list[ExtractedEvent] | None]:
        """Events of each article (None where extraction failed), in a pool of processes sized
        to the cores: extraction neither holds the event loop's GIL nor caps us at one core."""
        if not prepared:
            return []
        jobs = [(p.text, p.published, date_order, p.entry.title) for p in prepared]
        if self._options.extract_workers == 0:
            outcomes = await asyncio.to_thread(extract_jobs, jobs)
        else:
            chunk = -(-len(jobs) // pool_size(self._options.extract_workers))
            parts = await self._in_pool(
                [
                    functools.partial(extract_jobs, jobs[start : start + chunk])
                    for start in range(0, len(jobs), chunk)
                ]
            )
            outcomes = [outcome for part in parts for outcome in part]
        results: list[list[ExtractedEvent] | None] = []
        for p, outcome in zip(prepared, outcomes, strict=True):
            if isinstance(outcome, str):
                log.error("entry %r was not stored: %s", p.guid, outcome)
                results.append(None)
            else:
                results.append(outcome)
        return results

    async def _write_articles(
        self,
        session: AsyncSession,
        source_id: int,
        stored: list[tuple[_Prepared, list[ExtractedEvent]]],
        known: dict[str, tuple[int, str]],
        now: dt.datetime,
    ) -> list[TimelineChange]:
        """New articles in one bulk INSERT (ids back in order), their plain reports merged as
        one batch; an edited article, or one that moves or cancels events, goes through
        `record_events`, which keeps event identity across edits."""
        fresh = [(p, events) for p, events in stored if p.guid not in known]
        ids = await insert_with_ids(
            session,
            Article,
            [{"source_id": source_id, "fetched_at": now, **_article_fields(p)} for p, _ in fresh],
        )
        batch: list[ArticleEvents] = []
        one_by_one: list[tuple[int, list[ExtractedEvent]]] = []
        for article_id, (p, events) in zip(ids, fresh, strict=True):
            if any(e.replaces or e.cancelled for e in events):
                one_by_one.append((article_id, events))
            else:
                batch.append(ArticleEvents(article_id, source_id, p.guid, events))
        for p, events in stored:
            if p.guid in known:
                article_id = known[p.guid][0]
                await session.execute(
                    update(Article).where(Article.id == article_id).values(**_article_fields(p))
                )
                one_by_one.append((article_id, events))
        changes = await record_batch(session, batch, now)
        for article_id, events in one_by_one:
            article = await session.get(Article, article_id)
            assert article is not None
            changes += await record_events(session, article, events, now)
        return changes

    async def _article_text(self, entry: FeedEntry, full_text: bool) -> str:
        """The entry's own text, or the page's main text when the feed carries only a teaser."""
        body = entry.content_text or entry.summary_text or ""
        link = entry.link or ""
        if (
            full_text
            and len(body) < SUMMARY_ONLY_CHARS
            and link.startswith(("http://", "https://"))
        ):
            try:
                async with self._per_host[urlsplit(link).hostname or "file"]:
                    page = await fetch(self._http, link, self._policy)
                main = await asyncio.to_thread(extract_main_text, page.body, page.final_url)
            except FetchError as exc:
                log.info("full text of %s unavailable (%s); using the feed's summary", link, exc)
            else:
                if main and len(main) > len(body):
                    body = main
        body = clean_text(body)
        title = entry.title.strip()
        if title and not body.lstrip().startswith(title):
            return f"{title}\n\n{body}" if body else title
        return body

    async def _remember_feed_url(self, source_id: int, feed_url: str) -> None:
        async with self._sessions.begin() as session:
            source = await session.get(Source, source_id)
            assert source is not None
            source.feed_url = feed_url
            source.etag = source.last_modified = None

    async def _feed_linked_from(self, page: FetchResult) -> tuple[FetchResult, ParsedFeed] | None:
        """A site's page was given instead of a feed: follow its `<link rel="alternate">` feeds."""
        errors = []
        for candidate in discover_feed_urls(page.body, page.final_url):
            try:
                found = await fetch(self._http, candidate, self._policy)
                return found, await self._parse(found)
            except (FetchError, FeedParseError) as exc:
                errors.append(f"{candidate}: {exc}")
        if errors:
            log.info("feeds linked from %s fail: %s", page.final_url, "; ".join(errors))
        return None

    async def discover(self, url: str) -> tuple[str, ParsedFeed]:
        """The feed behind `url`: the URL itself if it is a feed, else one its page links to."""
        result = await fetch(self._http, url, self._policy)
        try:
            return result.final_url, await self._parse(result)
        except FeedParseError as not_a_feed:
            found = await self._feed_linked_from(result)
            if found is None:
                raise FeedParseError(
                    f"{url} is neither a feed nor a page that links to a working one ({not_a_feed})"
                ) from None
            return found[0].final_url, found[1]
