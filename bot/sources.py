"""Source management: add (with feed discovery and URL safety), remove, list, sync from config."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.config import SourceSettings
from bot.db.models import Source
from bot.ingest.fetch import FetchError
from bot.ingest.netguard import check_url_syntax
from bot.ingest.parse import FeedParseError
from bot.ingest.pipeline import Ingestor, PollReport


class SourceError(Exception):
    """A source operation failed; the message is one line for the user."""


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

        `allow_local_files` is for the machine's operator (the CLI), never for chat commands.
        """
        url = url.strip()
        if not 1 <= interval_minutes <= 10080:
            raise SourceError("interval_minutes must be between 1 and 10080 (a week)")
        try:
            check_url_syntax(url)
            if url.lower().startswith("file:") and not allow_local_files:
                raise SourceError("file: URLs read this machine's files; only the CLI may add them")
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
        """`find`, limited to what a server may manage: its own sources and shared ones."""
        source = await self.find(ref)
        if source is None or source.guild_id not in (None, guild_id):
            return None
        return source

    async def remove(self, ref: str | int) -> Source:
        source = await self.find(ref)
        if source is None:
            raise SourceError(f"no source {ref!r}")
        if source.from_config:
            raise SourceError(
                f"{source.display_name} is declared in the config file; remove it there"
            )
        async with self._sessions.begin() as session:
            await session.execute(delete(Source).where(Source.id == source.id))
        return source

    async def list(self, *, guild_id: int | None = None) -> list[Source]:
        async with self._sessions() as session:
            statement = select(Source).order_by(Source.id)
            if guild_id is not None:
                statement = statement.where(
                    or_(Source.guild_id == guild_id, Source.guild_id.is_(None))
                )
            return list(await session.scalars(statement))

    async def sync_config(self, declared: Sequence[SourceSettings]) -> builtins.list[Source]:
        """Make the database hold exactly the config's sources (runtime-added ones stay)."""
        now = self._clock.now()
        wanted = {s.url: s for s in declared}
        async with self._sessions.begin() as session:
            rows = {s.url: s for s in await session.scalars(select(Source))}
            for url, row in rows.items():
                if row.from_config and url not in wanted:
                    await session.delete(row)
            for url, settings in wanted.items():
                row = rows.get(url) or Source(url=url, next_poll_at=now, created_at=now)
                session.add(row)
                row.from_config = True
                row.name = settings.name
                row.interval_minutes = settings.interval_minutes
                row.full_text = settings.full_text
                row.alert_backlog = settings.alert_backlog
        async with self._sessions() as session:
            return list(await session.scalars(select(Source).where(Source.from_config.is_(True))))

    def next_poll_in(self, source: Source) -> dt.timedelta:
        return source.next_poll_at - self._clock.now()
