"""Read side of the timeline: range, text and source queries, pages, one event in full.

Cogs, the CLI and exports all read through this service; none of them writes SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal

from sqlalchemy import (
    ScalarSelect,
    Select,
    and_,
    column,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import InstrumentedAttribute, selectinload
from sqlalchemy.sql.elements import ColumnElement

from bot.db.models import Article, Event, EventMention, Source
from bot.db.queries import source_count
from bot.db.search import KEY_ID_MASK, is_unspaced, timeline_key, unspaced_runs
from bot.db.search import pairs as search_pairs
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
    # True when there are more than `total` (= COUNT_CAP) matches: shown as "1,000+".
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


# Counting stops here: "1,000+" is a hundred pages of ten, as useful as an exact count, and a
# capped count costs what it counts. PostgreSQL's GIN index cannot count without visiting each
# match's row: counting 10,001 matches of a frequent word took 18–25 ms at 1M events, 1,001 a
# tenth of that (search engines cap likewise: GitHub's search shows at most 1,000 results).
# PostgreSQL text matches are counted first; above the cap a page is found by walking the date
# index and testing each row's stored vector (about per_page × events / matches rows), below it
# by reading the matches through the text index and sorting them. The planner's own estimate is
# not trusted: for several frequent words that rarely meet it walks the whole table.
COUNT_CAP = 1_000
# PostgreSQL's stored words and pairs (migration 0008; generated, so not in the model).
_POSTGRES_WORDS: ColumnElement[str] = literal_column("events.search_vector")
_TEXT: ColumnElement[str] = literal_column("(events.title || ' ' || events.summary)")
_SIMPLE: ColumnElement[str] = literal_column("'simple'::regconfig")
# A typed piece is matched through the stored words it starts (`search_words`, migration 0010)
# when there are at most this many; more, and the index's own prefix match serves it.
MAX_STORED_WORDS = 32
# SQLite: the stored words from `low` up to (not including) `high`; FTS5 lower-cases ASCII.
_STORED_WORDS_SQLITE = text(
    "SELECT word FROM search_words WHERE word >= :low AND word < :high ORDER BY word LIMIT :most"
)
_LAST_CHARACTER = chr(0x10FFFF)
# PostgreSQL: the stored words each typed piece starts, with the number of words its parser
# makes of the piece (anything but one: the piece is left to GIN's prefix match).
_STORED_WORDS_POSTGRES = text(
    "SELECT typed.position, cardinality(typed.lexemes) AS lexemes, stored.word "
    "FROM (SELECT pieces.position, ARRAY(SELECT lexeme FROM unnest(to_tsvector('simple', "
    "pieces.piece))) AS lexemes FROM unnest(CAST(:pieces AS text[])) WITH ORDINALITY "
    "AS pieces(piece, position)) AS typed "
    "LEFT JOIN LATERAL (SELECT DISTINCT word FROM search_words "
    'WHERE cardinality(typed.lexemes) = 1 AND word >= typed.lexemes[1] COLLATE "C" '
    'AND word < (typed.lexemes[1] || chr(1114111)) COLLATE "C" '
    "ORDER BY word LIMIT :most) AS stored ON true"
)
# SQLite's text index (migration 0008): rowids are timeline keys (`bot.db.search`).
_EVENTS_TEXT = table("events_text", column("rowid"))
_WORD_PIECE = re.compile(r"[^\W_]+")


def _escape_like(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _contains(word: str) -> ColumnElement[bool]:
    return _TEXT.ilike(f"%{_escape_like(word)}%", escape="\\")


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
    pieces: tuple[str, ...] = ()
    # Character pairs of Chinese-like words (`bot.db.search`): indexed tokens of their own.
    pairs: tuple[str, ...] = ()
    # Chinese-like words the pairs only narrow down (3+ characters, or mixed with other
    # characters): checked against the text of the rows the index found.
    checked: tuple[str, ...] = ()
    # One Chinese-like character, or no letters at all: no index, a scan filter.
    unindexed: tuple[str, ...] = ()
    # Per piece, the stored words it starts (`search_words`, migration 0010), or None where the
    # index's own prefix match serves it; empty until looked up (`_with_stored_words`).
    stored: tuple[tuple[str, ...] | None, ...] = ()

    @classmethod
    def of(cls, text: str | None) -> _Words:
        pieces: list[str] = []
        pairs: dict[str, None] = {}
        checked: list[str] = []
        unindexed: list[str] = []
        for word in (text or "").split():
            if any(is_unspaced(character) for character in word):
                runs = [run for run in unspaced_runs(word) if len(run) > 1]
                if not runs:
                    unindexed.append(word)
                    continue
                for run in runs:
                    pairs.update(dict.fromkeys(search_pairs(run)))
                if runs != [word] or len(word) > 2:
                    checked.append(word)
            elif found := _WORD_PIECE.findall(word):
                pieces += found
            else:
                unindexed.append(word)
        return cls(tuple(pieces), tuple(pairs), tuple(checked), tuple(unindexed))

    @property
    def indexed(self) -> bool:
        return bool(self.pieces or self.pairs)

    @property
    def exact(self) -> bool:
        """The index alone decides: nothing left to check row by row."""
        return not (self.checked or self.unindexed)

    @property
    def absent(self) -> bool:
        """A typed piece starts no stored word: no text matches."""
        return () in self.stored

    def _pieces_and_stored(self) -> list[tuple[str, tuple[str, ...] | None]]:
        return list(zip(self.pieces, self.stored or (None,) * len(self.pieces), strict=True))

    def fts5(self) -> str:
        """The FTS5 query: every piece as its stored words or a word start, every pair as a
        token (FTS5 words are letters and digits: nothing to escape)."""
        terms = [
            f'"{piece}"*' if found is None else "(" + " OR ".join(f'"{w}"' for w in found) + ")"
            for piece, found in self._pieces_and_stored()
        ]
        return " AND ".join(terms + [f'"{pair}"' for pair in self.pairs])

    def tsquery(self) -> str:
        """The PostgreSQL query: the same, one index lookup for all words."""
        terms = [
            f"{piece}:*" if found is None else "(" + " | ".join(map(_tsquery_word, found)) + ")"
            for piece, found in self._pieces_and_stored()
        ]
        return " & ".join(terms + list(self.pairs))

    def row_checks(self) -> list[ColumnElement[bool]]:
        return [_contains(word) for word in (*self.checked, *self.unindexed)]


def _text_condition(plan: _Plan) -> ColumnElement[bool]:
    """Title or summary contains every word, through the text index where one serves.

    Words of spaced scripts match from a word's start ("Kalgo" finds "Kalgoorlie"); Chinese-like
    words match anywhere (through their character pairs). What no index serves (one Chinese
    character) filters what the index found, or alone scans the events in timeline order,
    which stops at the first page.
    """
    words = plan.words
    conditions = words.row_checks()
    if words.indexed and words.absent:
        conditions.append(false())
    elif words.indexed and plan.dialect == "sqlite":
        found = select(_EVENTS_TEXT.c.rowid.op("&")(KEY_ID_MASK)).where(
            literal_column("events_text").match(words.fts5())
        )
        conditions.append(Event.id.in_(found))
    elif words.indexed:
        conditions.append(_POSTGRES_WORDS.op("@@")(func.to_tsquery(_SIMPLE, words.tsquery())))
    return and_(*conditions)


async def _with_stored_words(session: AsyncSession, dialect: str, words: _Words) -> _Words:
    """The words with each typed piece's stored words ("kalgo" → kalgoorlie): an index asked
    for exact words skips through their lists, asked for a prefix it merges every list the
    prefix covers (two frequent words that never meet: 13 → 5 ms in FTS5, 90 → 11 ms in GIN,
    at 1M events). A piece starting more than MAX_STORED_WORDS words keeps the prefix match."""
    if dialect == "postgresql":
        rows = await session.execute(
            _STORED_WORDS_POSTGRES, {"pieces": list(words.pieces), "most": MAX_STORED_WORDS + 1}
        )
        lexemes: dict[int, int] = {}
        found: dict[int, list[str]] = defaultdict(list)
        for position, lexeme_count, word in rows.all():
            lexemes[position] = lexeme_count
            if word is not None:
                found[position].append(word)
        stored = [found[p] if lexemes[p] == 1 else None for p in range(1, len(words.pieces) + 1)]
    else:
        stored = []
        for piece in words.pieces:
            if not (piece.isascii() and piece.isalnum()):  # FTS5's folding of other letters
                stored.append(None)
                continue
            word = piece.lower()
            stored.append(
                list(
                    await session.scalars(
                        _STORED_WORDS_SQLITE,
                        {"low": word, "high": word + _LAST_CHARACTER, "most": MAX_STORED_WORDS + 1},
                    )
                )
            )
    return replace(
        words,
        stored=tuple(
            None if found is None or len(found) > MAX_STORED_WORDS else tuple(found)
            for found in stored
        ),
    )


def _tsquery_word(word: str) -> str:
    """A stored word quoted for `to_tsquery` (quotes doubled, backslashes escaped)."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


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
    words: _Words = _Words()
    # PostgreSQL, many text matches (counted): walk the date index (else: find, then sort).
    frequent: bool = False

    @property
    def text_led(self) -> bool:
        """SQLite: the text index leads, in timeline order (its rowids are timeline keys)."""
        return (
            self.dialect == "sqlite"
            and self.words.indexed
            and not self.words.absent
            and not self.named_sources
        )


# Which part of a `since` bound a statement covers: all of it; events dated from `since` on; the
# month events of `since`'s month (dated its 1st). Each part is one range of the date index
# (or of the text index's keys); pages read the month part first, then the rest.
SincePart = Literal["all", "from_since", "its_month"]


def _parts(query: TimelineQuery) -> tuple[SincePart, ...]:
    """`since` reads "from the month that contains it": a `since` after the 1st is two ranges."""
    if query.since is None or query.since.day == 1:
        return ("all",)
    return ("its_month", "from_since")


def _date_range(query: TimelineQuery, part: SincePart) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of the part, either open."""
    since, until = query.since, query.until
    if since is None or part == "from_since":
        return since, until
    month_start = since.replace(day=1)
    if part == "its_month":
        return month_start, month_start if until is None else min(month_start, until)
    return month_start, until


def _filtered(query: TimelineQuery, plan: _Plan, part: SincePart = "all") -> Select:  # type: ignore[type-arg]
    """Events matching `query` (the `part` of its `since` range); every condition is one an
    index serves at a million events.

    Text matches either the words (`_text_condition`) or a source's name: a separate branch
    through articles(source_id) → mentions(article_id). On SQLite the text index leads when it
    can (`_Plan.text_led`): matches come out in timeline order, dates are key ranges.
    """
    statement = select(
        Event,
        source_count(
            Event.id, None if plan.visible is None else Article.source_id.in_(plan.visible)
        ).label("source_count"),
    )
    if plan.visible is not None:
        statement = statement.where(_visible_event(plan.visible))
    if query.since is not None and part == "all" and query.since.day != 1:
        statement = statement.where(or_(Event.date >= query.since, Event.granularity == "month"))
    if part == "its_month":
        statement = statement.where(Event.granularity == "month")
    first, last = _date_range(query, part)
    if plan.text_led:
        statement = statement.select_from(_EVENTS_TEXT).join(
            Event, Event.id == _EVENTS_TEXT.c.rowid.op("&")(KEY_ID_MASK)
        )
        statement = statement.where(literal_column("events_text").match(plan.words.fts5()))
        statement = statement.where(*plan.words.row_checks())
        if first is not None:
            statement = statement.where(_EVENTS_TEXT.c.rowid >= timeline_key(first))
        if last is not None:
            statement = statement.where(_EVENTS_TEXT.c.rowid < timeline_key(_next_day(last)))
    else:
        if first is not None:
            statement = statement.where(Event.date >= first)
        if last is not None:
            statement = statement.where(Event.date <= last)
    if query.source_id is not None:
        statement = statement.where(Event.id.in_(_events_of_sources((query.source_id,))))
    if plan.words.indexed or plan.words.unindexed:
        if plan.named_sources:  # two indexed branches, joined by id
            in_text = _text_condition(plan)
            statement = statement.where(
                Event.id.in_(
                    select(Event.id).where(in_text).union(_events_of_sources(plan.named_sources))
                )
            )
        elif not plan.text_led:
            statement = statement.where(_text_condition(plan))
    return statement


_Ordering = ColumnElement[Any] | InstrumentedAttribute[Any]


def _next_day(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=1)


def _order(plan: _Plan, *, descending: bool = False) -> list[_Ordering]:
    """Timeline order. With text on PostgreSQL and few (or uncounted) matches, `date + 0` keeps
    the planner from walking the date index past rows it must test one by one; it sorts the
    matches instead."""
    columns: list[_Ordering] = [Event.date, Event.id]
    if plan.text_led:
        columns = [_EVENTS_TEXT.c.rowid]
    elif plan.dialect == "postgresql" and plan.words.indexed and not plan.frequent:
        columns = [Event.date + 0, Event.id]
    return [column.desc() for column in columns] if descending else columns


def _counted(query: TimelineQuery, plan: _Plan, part: SincePart) -> ScalarSelect[int]:
    """How many events the part has, up to COUNT_CAP + 1. Text the SQLite index alone decides
    (every source visible, no other filter) is counted in the index, keys only."""
    only_index = (
        plan.text_led
        and plan.visible is None
        and query.source_id is None
        and plan.words.exact
        and part != "its_month"
    )
    if only_index:
        first, last = _date_range(query, part)
        matches = select(_EVENTS_TEXT.c.rowid).where(
            literal_column("events_text").match(plan.words.fts5())
        )
        if first is not None:
            matches = matches.where(_EVENTS_TEXT.c.rowid >= timeline_key(first))
        if last is not None:
            matches = matches.where(_EVENTS_TEXT.c.rowid < timeline_key(_next_day(last)))
    else:
        matches = _filtered(query, plan, part).with_only_columns(Event.id)
    capped = matches.limit(COUNT_CAP + 1).subquery()
    return select(func.count()).select_from(capped).scalar_subquery()


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
        offset = (page - 1) * per_page
        async with self._sessions() as session:
            plan = await self._plan(session, query, viewer)
            parts = _parts(query)
            counted_first = plan.dialect == "postgresql" and plan.words.indexed
            if len(parts) == 1 and not counted_first:  # the page first: a short one is the count
                items = await _read_parts(
                    session, query, plan, [(parts[0], None)], offset, per_page
                )
                if len(items) < per_page and (items or offset == 0):
                    total = offset + len(items)
                else:
                    total = int(await session.scalar(select(_counted(query, plan, parts[0]))) or 0)
            else:  # the counts first (all parts in one round trip)
                counted = await session.execute(select(*(_counted(query, plan, p) for p in parts)))
                counts = [int(count or 0) for count in counted.one()]
                total = sum(counts)
                plan = replace(plan, frequent=total > COUNT_CAP)
                items = await _read_parts(
                    session, query, plan, zip(parts, counts, strict=True), offset, per_page
                )
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
            plan = await self._plan(session, query, viewer)
            rows: list[EventRow] = []
            for part in _parts(query):
                statement = _filtered(query, plan, part)
                if position is not None:
                    statement = statement.where(_after(plan, position))
                result = await session.execute(
                    statement.order_by(*_order(plan)).limit(max(1, limit) - len(rows))
                )
                rows += [_row(event, count) for event, count in result.all()]
                if len(rows) >= max(1, limit):
                    break
            return rows

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
            unknown = [(part, None) for part in _parts(query)]
            return await _read_parts(session, query, plan, unknown, 0, limit)

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
        return await _with_words(
            session, _Plan(dialect, visible, named_sources=tuple(named)), query.text
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
        """For autocomplete: newest first, titles or summaries containing the typed words."""
        async with self._sessions() as session:
            plan = await _with_words(
                session, await self._plan(session, TimelineQuery(), viewer), text
            )
            rows = await session.execute(
                _filtered(TimelineQuery(), plan)
                .order_by(*_order(plan, descending=True))
                .limit(limit)
            )
            return [_row(event, count) for event, count in rows.all()]


async def _with_words(session: AsyncSession, plan: _Plan, typed: str) -> _Plan:
    """The plan with the typed words and their stored words."""
    words = _Words.of(typed)
    if words.pieces:
        words = await _with_stored_words(session, plan.dialect, words)
    return replace(plan, words=words)


def _after(plan: _Plan, position: tuple[dt.date, int]) -> ColumnElement[bool]:
    day, event_id = position
    if plan.text_led:
        return _EVENTS_TEXT.c.rowid > timeline_key(day, event_id)
    return or_(Event.date > day, and_(Event.date == day, Event.id > event_id))


async def _read_parts(
    session: AsyncSession,
    query: TimelineQuery,
    plan: _Plan,
    parts: Iterable[tuple[SincePart, int | None]],
    offset: int,
    limit: int,
) -> list[EventRow]:
    """`limit` rows from `offset` of the parts read one after the other (a part's count, when
    known, skips it whole; a capped count of the last part does not)."""
    rows: list[EventRow] = []
    pending = list(parts)
    for index, (part, count) in enumerate(pending):
        exact = index < len(pending) - 1 or (count is not None and count <= COUNT_CAP)
        if count is not None and offset >= count and exact:
            offset -= count
            continue
        result = await session.execute(
            _filtered(query, plan, part)
            .order_by(*_order(plan))
            .limit(limit - len(rows))
            .offset(offset)
        )
        rows += [_row(event, source_count) for event, source_count in result.all()]
        offset = 0
        if len(rows) >= limit:
            break
    return rows


async def _visible_sources(session: AsyncSession, viewer: Viewer) -> tuple[int, ...] | None:
    """The ids of the sources the viewer sees, or None when it sees them all (one count when
    it does, the usual case)."""
    if viewer.operator:
        return None
    every, seen = (
        await session.execute(
            select(func.count(), func.count().filter(source_visible(viewer))).select_from(Source)
        )
    ).one()
    if every == seen:
        return None
    return tuple(await session.scalars(select(Source.id).where(source_visible(viewer))))
