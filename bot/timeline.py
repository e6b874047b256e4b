"""Read side of the timeline: range, text and source queries, pages, one event in full.

Cogs, the CLI and exports all read through this service; none of them writes SQL.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

from sqlalchemy import (
    Select,
    Subquery,
    and_,
    column,
    exists,
    func,
    literal_column,
    or_,
    select,
    table,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import ColumnElement

from bot.db.models import Article, Event, EventMention, Source
from bot.db.queries import source_count
from bot.query_dates import DateInputError, parse_date_bound
from bot.visibility import Viewer, mention_visible, source_visible

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
    # Lifecycle, for calendars: SEQUENCE, LAST-MODIFIED and STATUS:CANCELLED.
    revision: int = 0
    updated_at: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None


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
    # True when there are more than `total` (= COUNT_CAP) matches: shown as "10,000+".
    total_capped: bool = False

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


# Counting stops here: "10,000+" is as useful as an exact count and stays cheap at any size.
COUNT_CAP = 10_000
# Above this many text matches, a page is found by walking the date index and keeping matches
# (about per_page × events / matches rows) rather than by sorting every match.
FREQUENT_MATCHES = 1_000
# The trigram indexes only serve Chinese-like words of at least this many characters.
TRIGRAM = 3
# The PostgreSQL search expressions, written exactly as the indexes of migration 0004.
_POSTGRES_WORDS: ColumnElement[str] = literal_column(
    "to_tsvector('simple'::regconfig, events.title || ' ' || events.summary)"
)
_POSTGRES_TEXT: ColumnElement[str] = literal_column("(events.title || ' ' || events.summary)")
_SIMPLE: ColumnElement[str] = literal_column("'simple'::regconfig")
_WORD_PIECE = re.compile(r"[^\W_]+")


def _unspaced_script(word: str) -> bool:
    """Chinese, Japanese and similar scripts write words without spaces between them."""
    return any(unicodedata.east_asian_width(c) in "WF" for c in word)


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _events_of_sources(source_ids: tuple[int, ...]) -> Select:  # type: ignore[type-arg]
    """Ids of events reported by those sources: articles(source_id) → mentions(article_id)."""
    return (
        select(EventMention.event_id)
        .join(Article, Article.id == EventMention.article_id)
        .where(Article.source_id.in_(source_ids))
    )


def _visible_event(visible: tuple[int, ...]) -> ColumnElement[bool]:
    """One of the event's mentions comes from a visible source (`bot.visibility`'s rule)."""
    return exists(
        select(EventMention.id)
        .join(Article, Article.id == EventMention.article_id)
        .where(EventMention.event_id == Event.id, Article.source_id.in_(visible))
    )


@dataclass(frozen=True, slots=True)
class _Words:
    """Typed words sorted by the index that serves them."""

    # Letters/digits of spaced scripts: the word index, matching from a word's start.
    pieces: tuple[str, ...]
    # Chinese-like words of 3+ characters: the trigram index, matching anywhere.
    runs: tuple[str, ...]
    # One or two Chinese-like characters, or no letters at all: no index, a scan filter.
    unindexed: tuple[str, ...]

    @classmethod
    def of(cls, words: list[str]) -> _Words:
        pieces: list[str] = []
        runs: list[str] = []
        unindexed: list[str] = []
        for word in words:
            if _unspaced_script(word):
                (runs if len(word) >= TRIGRAM else unindexed).append(word)
            elif found := _WORD_PIECE.findall(word):
                pieces += found
            else:
                unindexed.append(word)
        return cls(tuple(pieces), tuple(runs), tuple(unindexed))


def _fts_phrases(words: tuple[str, ...], *, prefix: bool) -> str:
    star = "*" if prefix else ""
    return " AND ".join('"' + w.replace('"', '""') + '"' + star for w in words)


def _sqlite_matches(words: _Words) -> list[Select]:  # type: ignore[type-arg]
    """Row ids from each FTS5 table the words need (words table, trigram table)."""
    found = []
    for table_name, terms, prefix in (
        ("events_words", words.pieces, True),
        ("events_search", words.runs, False),
    ):
        if terms:
            fts = table(table_name, column("rowid"))
            found.append(
                select(fts.c.rowid).where(
                    literal_column(table_name).match(_fts_phrases(terms, prefix=prefix))
                )
            )
    return found


def _text_condition(
    dialect: str, words: list[str], *, date_order: bool = False
) -> ColumnElement[bool]:
    """Title or summary contains every word, through text indexes.

    Words of spaced scripts match from a word's start ("Kalgo" finds "Kalgoorlie"): SQLite's
    FTS5 unicode61 table, PostgreSQL's full-text index. Chinese-like words (runs of characters
    without spaces) match anywhere through trigrams: SQLite's FTS5 trigram table, pg_trgm. What
    no index serves (one or two Chinese characters) filters what the others found, or alone
    scans the events in timeline order, which stops at the first page. `date_order` (SQLite,
    frequent words) keeps the index off the event ids (`id + 0`): rows are read in timeline
    order and only tested against the matches.
    """
    typed = _Words.of(words)
    conditions = [
        or_(
            Event.title.ilike(f"%{_escape_like(w)}%", escape="\\"),
            Event.summary.ilike(f"%{_escape_like(w)}%", escape="\\"),
        )
        for w in typed.unindexed
    ]
    if dialect == "sqlite":
        event_id = Event.id + 0 if date_order else Event.id
        conditions += [event_id.in_(found) for found in _sqlite_matches(typed)]
        return and_(*conditions)
    conditions += [_POSTGRES_TEXT.ilike(f"%{_escape_like(w)}%", escape="\\") for w in typed.runs]
    if typed.pieces:  # one full-text condition for all words: one index lookup
        prefixes = " & ".join(f"{piece}:*" for piece in typed.pieces)
        conditions.append(_POSTGRES_WORDS.op("@@")(func.to_tsquery(_SIMPLE, prefixes)))
    return and_(*conditions)


@dataclass(frozen=True, slots=True)
class _Plan:
    """How `_filtered` writes a query: what was looked up first, and which index leads."""

    dialect: str
    # The sources the viewer sees, looked up first (None: every source, no condition needed).
    # An event is visible through one EXISTS on the indexed mentions(event_id) → articles(id)
    # path with these ids, which stays cheap at a million events.
    visible: tuple[int, ...] | None
    # Sources whose name or title contains the query text (looked up first: a small table).
    named_sources: tuple[int, ...] = ()
    # Many text matches: walk the date index and test them (else: find them, then sort).
    frequent: bool = False


# Which part of a `since` bound a statement covers: all of it; events dated from `since` on; the
# month events of `since`'s month (dated its 1st). The two parts are counted apart, so each
# count reads the date index alone.
SincePart = Literal["all", "from_since", "its_month"]


def _since_condition(since: dt.date, part: SincePart) -> list[ColumnElement[bool]]:
    month_start = since.replace(day=1)
    if part == "from_since":
        return [Event.date >= since]
    if part == "its_month":
        return [Event.date == month_start, Event.granularity == "month"]
    return [Event.date >= month_start, or_(Event.date >= since, Event.granularity == "month")]


def _filtered(query: TimelineQuery, plan: _Plan, *, since_part: SincePart = "all") -> Select:  # type: ignore[type-arg]
    """Events matching `query`; every condition is one an index serves at a million events.

    `since` reads "from the month that contains `since`": the range starts at that month's 1st
    (the `(date, id)` index), and day events of that month before `since` are filtered out.
    Text matches either the words (`_text_condition`) or a source's name: a separate branch
    through articles(source_id) → mentions(article_id).
    """
    statement = select(
        Event,
        source_count(
            Event.id, None if plan.visible is None else Article.source_id.in_(plan.visible)
        ).label("source_count"),
    )
    if plan.visible is not None:
        statement = statement.where(_visible_event(plan.visible))
    if query.since is not None:
        statement = statement.where(*_since_condition(query.since, since_part))
    if query.until is not None:
        statement = statement.where(Event.date <= query.until)
    if query.source_id is not None:
        statement = statement.where(Event.id.in_(_events_of_sources((query.source_id,))))
    if query.text and query.text.strip():
        in_text = _text_condition(plan.dialect, query.text.split(), date_order=plan.frequent)
        if plan.named_sources:  # two indexed branches, joined by id
            in_text = Event.id.in_(
                select(Event.id).where(in_text).union(_events_of_sources(plan.named_sources))
            )
        statement = statement.where(in_text)
    return statement


def _counted(query: TimelineQuery, plan: _Plan) -> Subquery:
    """Up to COUNT_CAP + 1 matches. A text-only SQLite query whose words one FTS table serves
    is counted in that table alone (when the viewer sees every source); a `since` bound is
    counted in its two parts."""
    only_text = query.since is None and query.until is None and query.source_id is None
    simple = only_text and plan.visible is None and not plan.named_sources
    if plan.dialect == "sqlite" and simple and query.text:
        typed = _Words.of(query.text.split())
        matches = _sqlite_matches(typed)
        if len(matches) == 1 and not typed.unindexed:
            return matches[0].limit(COUNT_CAP + 1).subquery()
    if query.since is None or query.since.day == 1:
        return _ids(_filtered(query, plan)).subquery()
    return union_all(
        _ids(_filtered(query, plan, since_part="from_since")).subquery().select(),
        _ids(_filtered(query, plan, since_part="its_month")).subquery().select(),
    ).subquery()


def _ids(statement: Select) -> Select:  # type: ignore[type-arg]
    return statement.with_only_columns(Event.id).limit(COUNT_CAP + 1)


def _ordered(statement: Select, plan: _Plan, text: str | None) -> Select:  # type: ignore[type-arg]
    """Timeline order. With few text matches on PostgreSQL, `date + 0` keeps the planner from
    walking the date index past rows it must test one by one; it sorts the matches instead."""
    if text and plan.dialect == "postgresql" and not plan.frequent:
        return statement.order_by(Event.date + 0, Event.id)
    return statement.order_by(Event.date, Event.id)


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
        revision=event.revision,
        updated_at=event.updated_at,
        cancelled_at=event.cancelled_at,
    )


class TimelineService:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def search(
        self, query: TimelineQuery, *, viewer: Viewer, page: int = 1, per_page: int = 10
    ) -> Page:
        """Chronological (then by id, so pages are stable), `page` counted from 1."""
        per_page = max(1, min(per_page, MAX_PER_PAGE))
        page = max(1, page)
        async with self._sessions() as session:
            plan = await self._plan(session, query, viewer)
            counted = _counted(query, plan)
            total = int(await session.scalar(select(func.count()).select_from(counted)) or 0)
            if total > FREQUENT_MATCHES:
                plan = replace(plan, frequent=True)
            rows = await session.execute(
                _ordered(_filtered(query, plan), plan, query.text)
                .limit(per_page)
                .offset((page - 1) * per_page)
            )
            items = [_row(event, count) for event, count in rows.all()]
        return Page(
            items=items,
            page=page,
            per_page=per_page,
            total=min(total, COUNT_CAP),
            total_capped=total > COUNT_CAP,
        )

    async def after(
        self,
        query: TimelineQuery,
        position: tuple[dt.date, int] | None,
        *,
        viewer: Viewer,
        limit: int,
    ) -> list[EventRow]:
        """Up to `limit` events after `position` (date, id) in timeline order: cursor paging
        that neither skips nor repeats when events are added to earlier pages meanwhile."""
        async with self._sessions() as session:
            statement = _filtered(query, await self._plan(session, query, viewer))
            if position is not None:
                day, event_id = position
                statement = statement.where(
                    or_(Event.date > day, and_(Event.date == day, Event.id > event_id))
                )
            rows = await session.execute(
                statement.order_by(Event.date, Event.id).limit(max(1, limit))
            )
            return [_row(event, count) for event, count in rows.all()]

    async def fingerprint(self, query: TimelineQuery, *, viewer: Viewer) -> str:
        """Changes whenever the matching events change in a way people should see: one added,
        removed, moved or revised (`revision`), or a report added or removed. Cheap next to
        loading them: an HTTP validator (ETag) for feeds."""
        async with self._sessions() as session:
            plan = await self._plan(session, query, viewer)
            matching = (
                _filtered(query, plan)
                .with_only_columns(Event.id, Event.revision, Event.updated_at)
                .subquery()
            )
            events = (
                await session.execute(
                    select(
                        func.count(),
                        func.max(matching.c.id),
                        func.sum(matching.c.revision),
                        func.max(matching.c.updated_at),
                    )
                )
            ).one()
            # The viewer's reports of every event the query's words and dates match: a superset
            # of the feed's events, so no change is missed, without a second visibility pass.
            candidates = _filtered(query, replace(plan, visible=None)).with_only_columns(Event.id)
            reports_query = (
                select(func.count(EventMention.id), func.max(EventMention.id))
                .join(Article, Article.id == EventMention.article_id)
                .where(EventMention.event_id.in_(candidates))
            )
            if plan.visible is not None:
                reports_query = reports_query.where(Article.source_id.in_(plan.visible))
            reports = (await session.execute(reports_query)).one()
        return "|".join(str(value) for value in (*events, *reports))

    async def all_matching(
        self, query: TimelineQuery, *, viewer: Viewer, limit: int = 10_000
    ) -> list[EventRow]:
        async with self._sessions() as session:
            plan = await self._plan(session, query, viewer)
            rows = await session.execute(
                _ordered(_filtered(query, plan), plan, query.text).limit(limit)
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

    @staticmethod
    async def _plan(session: AsyncSession, query: TimelineQuery, viewer: Viewer) -> _Plan:
        dialect = session.get_bind().dialect.name
        visible = await _visible_sources(session, viewer)
        if query.source_id is not None and visible is not None and query.source_id not in visible:
            visible = ()  # someone else's source: nothing to show
        if not (query.text and query.text.strip()):
            return _Plan(dialect, visible)
        pattern = f"%{_escape_like(query.text.strip())}%"
        named = await session.scalars(
            select(Source.id).where(
                or_(
                    Source.name.ilike(pattern, escape="\\"),
                    Source.title.ilike(pattern, escape="\\"),
                ),
                source_visible(viewer),
            )
        )
        return _Plan(dialect, visible, named_sources=tuple(named))

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
        """For autocomplete: newest first, titles or summaries containing the typed words."""
        async with self._sessions() as session:
            plan = await self._plan(session, TimelineQuery(), viewer)
            statement = _filtered(TimelineQuery(), plan)
            if text.strip():
                statement = statement.where(
                    _text_condition(session.get_bind().dialect.name, text.split())
                )
            rows = await session.execute(
                statement.order_by(Event.date.desc(), Event.id.desc()).limit(limit)
            )
            return [_row(event, count) for event, count in rows.all()]


async def _visible_sources(session: AsyncSession, viewer: Viewer) -> tuple[int, ...] | None:
    """The ids of the sources the viewer sees, or None when it sees them all."""
    if viewer.operator:
        return None
    visible = tuple(await session.scalars(select(Source.id).where(source_visible(viewer))))
    every = await session.scalar(select(func.count()).select_from(Source))
    return None if len(visible) == every else visible
