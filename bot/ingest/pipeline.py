"""The one way in for data: poll a source, store its articles, record their events.

fetch (HTTP or file) → parse (worker thread) → for each new or changed entry: full text if the
feed only has a summary → extract events (worker thread) → store article + events in one
transaction → queue alerts in the outbox. A broken source only records its own error.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
import random
from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import aiohttp
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db.models import Article, Source
from bot.errors import one_line
from bot.extract import extract_events
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
from bot.outbox.alerts import enqueue_alerts
from bot.outbox.health import after_failure, before_success
from bot.outbox.reminders import forget_reminders
from bot.timeline_store import TimelineChange, lock_timeline, record_events

log = logging.getLogger(__name__)

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
    # Servers without their own zone decide "upcoming" (for `only = upcoming`) in this one.
    default_timezone: str = "UTC"


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
        self._all = asyncio.Semaphore(options.concurrency)
        self._per_host: defaultdict[str, asyncio.Semaphore] = defaultdict(
            lambda: asyncio.Semaphore(options.per_host_concurrency)
        )

    async def due_source_ids(self) -> list[int]:
        async with self._sessions() as session:
            rows = await session.scalars(
                select(Source.id)
                .where(
                    Source.next_poll_at <= self._clock.now(),
                    Source.gone.is_(False),
                    Source.retired_at.is_(None),
                )
                .order_by(Source.next_poll_at)
            )
            return list(rows)

    async def poll_due(self) -> list[PollReport]:
        return await self.poll_many(await self.due_source_ids())

    async def poll_many(self, source_ids: Sequence[int]) -> list[PollReport]:
        """Poll concurrently; a source whose failure could not even be recorded still reports."""
        results = await asyncio.gather(
            *(self.poll(sid) for sid in source_ids), return_exceptions=True
        )
        reports = []
        for source_id, result in zip(source_ids, results, strict=True):
            if isinstance(result, BaseException):
                if not isinstance(result, Exception):
                    raise result
                log.error("source #%s: %s", source_id, one_line(result, with_type=True))
                result = PollReport(
                    source_id, f"#{source_id}", "error", error=one_line(result, with_type=True)
                )
            reports.append(result)
        return reports

    async def poll(self, source_id: int) -> PollReport:
        """Poll one source now. Never raises for the source's own failures: they are recorded."""
        async with self._sessions() as session:
            source = await session.get(Source, source_id)
            if source is None:
                raise LookupError(f"no source with id {source_id}")
            url, etag, last_modified = (
                source.feed_url or source.url,
                source.etag,
                source.last_modified,
            )
            may_discover = source.feed_url is None
        host = urlsplit(url).hostname or "file"
        async with self._all, self._per_host[host]:
            try:
                result = await fetch(
                    self._http, url, self._policy, etag=etag, last_modified=last_modified
                )
                parsed = None
                if not result.not_modified:
                    try:
                        parsed = await self._parse(result)
                    except FeedParseError:
                        found = await self._feed_linked_from(result) if may_discover else None
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
            report = await self._store(source_id, result, parsed)
        if report.changes and report.alerts_enabled and self._on_changes is not None:
            await self._on_changes(report)
        return report

    async def _parse(self, result: FetchResult) -> ParsedFeed:
        return await asyncio.to_thread(
            parse_feed,
            result.body,
            url=result.final_url,
            content_type=result.headers.get("Content-Type"),
        )

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
        now = self._clock.now()
        async with self._sessions() as session:
            source = await session.get(Source, source_id)
            assert source is not None
            alerts_enabled = source.initial_poll_done or source.alert_backlog
            full_text = source.full_text
        report_counts = {"new": 0, "updated": 0}
        changes: list[TimelineChange] = []
        failed_entries = 0
        for entry in _first_of_each_identity(parsed.entries if parsed else []):
            try:
                changes += await self._store_entry(
                    source_id, entry, full_text, alerts_enabled, report_counts
                )
            except Exception:  # one bad entry must not cost the others
                failed_entries += 1
                log.exception("entry %r of source #%s was not stored", entry.identity(), source_id)
        async with self._sessions.begin() as session:
            source = await session.get(Source, source_id)
            assert source is not None
            if parsed is not None:
                source.title = parsed.title or source.title
                source.site_url = parsed.link or source.site_url
            if not failed_entries:  # else fetch in full next time, to retry the failed entries
                source.etag, source.last_modified = result.etag, result.last_modified
            source.last_status = result.status
            await before_success(session, source, now)
            source.last_error = None
            source.consecutive_errors = 0
            source.last_polled_at = now
            source.next_poll_at = now + dt.timedelta(minutes=source.interval_minutes)
            source.initial_poll_done = True
            name = source.display_name
        return PollReport(
            source_id,
            name,
            "not_modified" if result.not_modified else "ok",
            entries=len(parsed.entries) if parsed else 0,
            new_articles=report_counts["new"],
            updated_articles=report_counts["updated"],
            changes=changes,
            alerts_enabled=alerts_enabled,
        )

    async def _store_entry(
        self,
        source_id: int,
        entry: FeedEntry,
        full_text: bool,
        alerts_enabled: bool,
        counts: dict[str, int],
    ) -> list[TimelineChange]:
        """Store one entry and its events, and queue its alerts, in a single transaction."""
        guid = entry.identity()
        text = await self._article_text(entry, full_text)
        digest = hashlib.sha256(f"{entry.title}\x00{text}".encode()).hexdigest()
        now = self._clock.now()
        published = entry.published or now
        async with self._sessions() as session:
            existing = await session.scalar(
                select(Article).where(Article.source_id == source_id, Article.guid == guid)
            )
            if existing is not None and existing.content_hash == digest:
                return []
        events = await asyncio.to_thread(
            extract_events, text, published.date(), date_order=self._options.date_order
        )
        async with self._store_lock, self._sessions.begin() as session:
            await lock_timeline(session)
            article = await session.scalar(
                select(Article).where(Article.source_id == source_id, Article.guid == guid)
            )
            if article is None:
                article = Article(source_id=source_id, guid=guid, fetched_at=now)
                session.add(article)
                counts["new"] += 1
            else:
                counts["updated"] += 1
            article.url = entry.link
            article.title = entry.title[:1000]
            article.published_at = entry.published
            article.text = text
            article.content_hash = digest
            await session.flush()
            changes = await record_events(session, article, events, now)
            await forget_reminders(
                session, [c.event_id for c in changes if c.kind in ("moved", "cancelled")]
            )
            if alerts_enabled and changes:
                await enqueue_alerts(
                    session,
                    changes,
                    now,
                    article_id=article.id,
                    default_timezone=self._options.default_timezone,
                )
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
