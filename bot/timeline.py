"""Read side of the timeline: range, text and source queries, pages, one event in full.

Cogs, the CLI and exports all read through this service; none of them writes SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload

from bot.db.models import Article, Event, EventMention, Source
from bot.db.queries import source_count
from bot.query_dates import DateInputError, parse_date_bound
from bot.visibility import Viewer, event_visible, mention_visible

MAX_PER_PAGE = 100


@dataclass(frozen=True, slots=True)
class EventRow:
    id: int
    date: dt.date
    date_key: str
    granularity: str
    title: str
    summary: str
    confidence: float
    first_seen_at: dt.datetime
    source_count: int


@dataclass(frozen=True, slots=True)
class SourceArticle:
    title: str
    url: str | None
    source_name: str
    published_at: dt.datetime | None
    evidence: str


@dataclass(frozen=True, slots=True)
class EventDetail:
    event: EventRow
    articles: list[SourceArticle]


@dataclass(frozen=True, slots=True)
class Page:
    items: list[EventRow]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True, slots=True)
class TimelineQuery:
    """`text` matches every word in title/summary, or a source's name/title."""

    text: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    source_id: int | None = None

    @classmethod
    def typed(
        cls, text: str | None, since: str | None, until: str | None, today: dt.date
    ) -> TimelineQuery:
        """A query from what a person typed ("March 2025", "last month"), `today` in their zone.

        Raises `DateInputError` with a one-line message for an unreadable or inverted range.
        """
        query = cls(
            text=text,
            since=parse_date_bound(since, today, "start") if since else None,
            until=parse_date_bound(until, today, "end") if until else None,
        )
        if query.since and query.until and query.since > query.until:
            raise DateInputError(f"since ({query.since}) is after until ({query.until})")
        return query


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(query: TimelineQuery, viewer: Viewer) -> Select:  # type: ignore[type-arg]
    statement = select(
        Event, source_count(Event.id, mention_visible(viewer)).label("source_count")
    ).where(event_visible(viewer))
    if query.since is not None:
        month_start = query.since.replace(day=1)
        statement = statement.where(
            or_(
                Event.date >= query.since,
                and_(Event.granularity == "month", Event.date >= month_start),
            )
        )
    if query.until is not None:
        statement = statement.where(Event.date <= query.until)
    if query.source_id is not None:
        statement = statement.where(
            exists()
            .where(EventMention.event_id == Event.id)
            .where(EventMention.article_id == Article.id)
            .where(Article.source_id == query.source_id)
            .where(mention_visible(viewer))
        )
    if query.text and query.text.strip():
        words = query.text.split()
        in_text = and_(
            *(
                or_(
                    Event.title.ilike(f"%{_escape_like(w)}%", escape="\\"),
                    Event.summary.ilike(f"%{_escape_like(w)}%", escape="\\"),
                )
                for w in words
            )
        )
        pattern = f"%{_escape_like(query.text.strip())}%"
        from_source = (
            exists()
            .where(EventMention.event_id == Event.id)
            .where(EventMention.article_id == Article.id)
            .where(Article.source_id == Source.id)
            .where(mention_visible(viewer))
            .where(
                or_(
                    Source.name.ilike(pattern, escape="\\"),
                    Source.title.ilike(pattern, escape="\\"),
                )
            )
        )
        statement = statement.where(or_(in_text, from_source))
    return statement


def _row(event: Event, source_count: int) -> EventRow:
    return EventRow(
        id=event.id,
        date=event.date,
        date_key=event.date_key,
        granularity=event.granularity,
        title=event.title,
        summary=event.summary,
        confidence=event.confidence,
        first_seen_at=event.first_seen_at,
        source_count=int(source_count or 0),
    )


class TimelineService:
    """Every method takes the `Viewer` it answers for (see `bot.visibility`)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def search(
        self, query: TimelineQuery, *, viewer: Viewer, page: int = 1, per_page: int = 10
    ) -> Page:
        """Chronological (then by id, so pages are stable), `page` counted from 1."""
        per_page = max(1, min(per_page, MAX_PER_PAGE))
        page = max(1, page)
        statement = _filtered(query, viewer)
        async with self._sessions() as session:
            total = await session.scalar(select(func.count()).select_from(statement.subquery()))
            rows = await session.execute(
                statement.order_by(Event.date, Event.id)
                .limit(per_page)
                .offset((page - 1) * per_page)
            )
            items = [_row(event, count) for event, count in rows.all()]
        return Page(items=items, page=page, per_page=per_page, total=int(total or 0))

    async def all_matching(
        self, query: TimelineQuery, *, viewer: Viewer, limit: int = 10_000
    ) -> list[EventRow]:
        async with self._sessions() as session:
            rows = await session.execute(
                _filtered(query, viewer).order_by(Event.date, Event.id).limit(limit)
            )
            return [_row(event, count) for event, count in rows.all()]

    async def upcoming(
        self, today: dt.date, days: int, *, viewer: Viewer, limit: int = 50
    ) -> list[EventRow]:
        """Events from today on; a month event counts while its month is not over."""
        until = today + dt.timedelta(days=days)
        return await self.all_matching(
            TimelineQuery(since=today, until=until), viewer=viewer, limit=limit
        )

    async def get(self, event_id: int, *, viewer: Viewer) -> EventDetail | None:
        """The event with the articles the viewer may see; None if it sees none of them."""
        async with self._sessions() as session:
            event = await session.get(Event, event_id)
            if event is None:
                return None
            mentions = list(
                await session.scalars(
                    select(EventMention)
                    .where(EventMention.event_id == event_id, mention_visible(viewer))
                    .order_by(EventMention.id)
                    .options(selectinload(EventMention.article).selectinload(Article.source))
                )
            )
            if not mentions:
                return None
            articles = [
                SourceArticle(
                    title=m.article.title,
                    url=m.article.url,
                    source_name=m.article.source.display_name,
                    published_at=m.article.published_at,
                    evidence=m.evidence,
                )
                for m in mentions
            ]
            count = len({m.article.source_id for m in mentions})
            return EventDetail(event=_row(event, count), articles=articles)

    async def title_suggestions(
        self, text: str, *, viewer: Viewer, limit: int = 25
    ) -> list[EventRow]:
        """For autocomplete: newest first, titles containing the typed text."""
        statement = _filtered(TimelineQuery(), viewer)
        if text.strip():
            statement = statement.where(
                Event.title.ilike(f"%{_escape_like(text.strip())}%", escape="\\")
            )
        async with self._sessions() as session:
            rows = await session.execute(
                statement.order_by(Event.date.desc(), Event.id.desc()).limit(limit)
            )
            return [_row(event, count) for event, count in rows.all()]
