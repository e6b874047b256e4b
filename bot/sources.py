"""Source management: add (with feed discovery and URL safety), remove, list, sync from config."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.config import SourceSettings
from bot.db.models import Article, Event, EventMention, Source, SourceGuild
from bot.ingest.fetch import FetchError
from bot.ingest.netguard import WEB_SCHEMES, check_url_syntax, normalise_url
from bot.ingest.parse import FeedParseError
from bot.ingest.pipeline import Ingestor, PollReport
from bot.visibility import Viewer, source_visible, visible_source_ids


class SourceError(Exception):
    """A source operation failed; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class RemovalCost:
    articles: int
    events: int

    def __str__(self) -> str:
        return f"{self.articles} article(s) and {self.events} event(s) no other source reports"


@dataclass(frozen=True, slots=True)
class SyncResult:
    """The config's active sources after a sync, and the names retired or revived by it."""

    active: list[Source]
    retired: list[str]
    revived: list[str]


async def _events_only_from(session: AsyncSession, source_id: int) -> list[int]:
    """Events every mention of which comes from `source_id`'s articles."""
    elsewhere = (
        select(EventMention.event_id)
        .join(Article, Article.id == EventMention.article_id)
        .where(Article.source_id != source_id)
    )
    rows = await session.scalars(
        select(EventMention.event_id)
        .join(Article, Article.id == EventMention.article_id)
        .where(Article.source_id == source_id, EventMention.event_id.not_in(elsewhere))
        .distinct()
    )
    return list(rows)


@dataclass(frozen=True, slots=True)
class AddedSource:
    source: Source
    report: PollReport


class SourceService:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], ingestor: Ingestor, clock: Clock
    ) -> None:
        self._sessions = sessions
        self._ingestor = ingestor
        self._clock = clock

    async def add(
        self,
        url: str,
        *,
        name: str | None = None,
        interval_minutes: int = 30,
        guild_id: int | None = None,
        full_text: bool = True,
        alert_backlog: bool = False,
        allow_local_files: bool = False,
    ) -> AddedSource:
        """Find the feed behind `url`, store it and poll it once (its backlog does not alert).

        `allow_local_files` is for the machine's operator (the CLI), never for chat commands:
        others may add http and https only. Every check judges the URL as it will be fetched.
        """
        if not 1 <= interval_minutes <= 10080:
            raise SourceError("interval_minutes must be between 1 and 10080 (a week)")
        try:
            url = normalise_url(url)
            check_url_syntax(url)
            scheme = urlsplit(url).scheme
            if scheme == "file" and not allow_local_files:
                raise SourceError("file: URLs read this machine's files; only the CLI may add them")
            if scheme not in WEB_SCHEMES and not allow_local_files:
                raise SourceError(f"only http and https feeds can be added, not {scheme}:")
            feed_url, parsed = await self._ingestor.discover(url)
        except (ValueError, FetchError, FeedParseError) as exc:
            raise SourceError(str(exc)) from None
        now = self._clock.now()
        async with self._sessions() as session:
            existing = await session.scalar(
                select(Source).where(or_(Source.url == feed_url, Source.url == url))
            )
            if existing is not None:
                raise SourceError(f"{feed_url} is already a source (#{existing.id})")
            source = Source(
                url=feed_url,
                name=name,
                title=parsed.title,
                site_url=parsed.link,
                interval_minutes=interval_minutes,
                full_text=full_text,
                alert_backlog=alert_backlog,
                guild_id=guild_id,
                next_poll_at=now,
                created_at=now,
            )
            session.add(source)
            try:
                await session.commit()
            except IntegrityError:
                raise SourceError(f"{feed_url} is already a source") from None
        report = await self._ingestor.poll(source.id)
        return AddedSource(source=source, report=report)

    async def find(self, ref: str | int) -> Source | None:
        """By id, exact URL or name."""
        async with self._sessions() as session:
            if isinstance(ref, int) or str(ref).isdigit():
                return await session.get(Source, int(ref))
            return await session.scalar(
                select(Source).where(or_(Source.url == ref, Source.name == ref)).limit(1)
            )

    async def find_for_guild(self, ref: str | int, guild_id: int) -> Source | None:
        """`find`, limited to the sources the server sees (`bot.visibility`)."""
        source = await self.find(ref)
        if source is None:
            return None
        async with self._sessions() as session:
            visible = await session.scalar(
                select(Source.id).where(
                    Source.id == source.id, source_visible(Viewer.server(guild_id))
                )
            )
        return source if visible is not None else None

    async def removal_cost(self, source_id: int) -> RemovalCost:
        """What `remove` would delete: the source's articles and the events only it reports."""
        async with self._sessions() as session:
            articles = await session.scalar(
                select(func.count()).select_from(Article).where(Article.source_id == source_id)
            )
            events = len(await _events_only_from(session, source_id))
        return RemovalCost(articles=int(articles or 0), events=events)

    async def remove(self, ref: str | int) -> tuple[Source, RemovalCost]:
        """Delete a source, its articles and the events nobody else reports (the only delete).

        A source still declared in the config file is refused: it would come back at once.
        """
        source = await self.find(ref)
        if source is None:
            raise SourceError(f"no source {ref!r}")
        if source.from_config and source.retired_at is None:
            raise SourceError(
                f"{source.display_name} is declared in the config file; remove it there first"
            )
        cost = await self.removal_cost(source.id)
        async with self._sessions.begin() as session:
            orphans = await _events_only_from(session, source.id)
            await session.execute(delete(Source).where(Source.id == source.id))
            if orphans:
                await session.execute(delete(Event).where(Event.id.in_(orphans)))
        return source, cost

    async def list(self, *, guild_id: int | None = None) -> list[Source]:
        """Every source (retired ones too), or those a server sees."""
        async with self._sessions() as session:
            statement = select(Source).order_by(Source.id)
            if guild_id is not None:
                statement = statement.where(Source.id.in_(visible_source_ids(guild_id)))
            return list(await session.scalars(statement))

    async def article_counts(self) -> dict[int, int]:
        """Articles stored per source id."""
        async with self._sessions() as session:
            rows = await session.execute(
                select(Article.source_id, func.count()).group_by(Article.source_id)
            )
            return {source_id: int(count) for source_id, count in rows.all()}

    async def active_ids(self) -> builtins.list[int]:
        """The sources that are polled: everything not retired and not gone."""
        async with self._sessions() as session:
            return list(
                await session.scalars(
                    select(Source.id)
                    .where(Source.retired_at.is_(None), Source.gone.is_(False))
                    .order_by(Source.id)
                )
            )

    async def sync_config(self, declared: Sequence[SourceSettings]) -> SyncResult:
        """Mirror the config's `[[sources]]`: add, update, revive; retire what the file dropped.

        Retiring never deletes: the source, its articles and events stay (listed as retired)
        and come back to life, with their history, when the file names the URL again.
        """
        now = self._clock.now()
        wanted = {s.url: s for s in declared}
        retired: builtins.list[str] = []
        revived: builtins.list[str] = []
        async with self._sessions.begin() as session:
            rows = {s.url: s for s in await session.scalars(select(Source))}
            for url, row in rows.items():
                if row.from_config and url not in wanted and row.retired_at is None:
                    row.retired_at = now
                    retired.append(row.display_name)
            for url, settings in wanted.items():
                row = rows.get(url) or Source(url=url, next_poll_at=now, created_at=now)
                session.add(row)
                if row.retired_at is not None:
                    row.retired_at = None
                    row.next_poll_at = now
                    revived.append(settings.name or row.display_name)
                row.from_config = True
                row.guild_id = None
                row.name = settings.name
                row.interval_minutes = settings.interval_minutes
                row.full_text = settings.full_text
                row.alert_backlog = settings.alert_backlog
                limited = set(settings.guild_ids)
                row.guilds = [g for g in row.guilds if g.guild_id in limited] + [
                    SourceGuild(guild_id=g)
                    for g in sorted(limited - {g.guild_id for g in row.guilds})
                ]
        async with self._sessions() as session:
            active = list(
                await session.scalars(
                    select(Source)
                    .where(Source.from_config.is_(True), Source.retired_at.is_(None))
                    .order_by(Source.id)
                )
            )
        return SyncResult(active=active, retired=retired, revived=revived)

    def next_poll_in(self, source: Source) -> dt.timedelta:
        return source.next_poll_at - self._clock.now()
