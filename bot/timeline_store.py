"""Writes extracted events into the timeline, merging reports of the same event across articles.

This is the only writer of `events` and `event_mentions`; the ingest pipeline calls it inside the
transaction that stores the article, so an article and its events land together or not at all.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from sqlalchemy import (
    Date,
    Float,
    Integer,
    String,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.selectable import TextualSelect
from sqlalchemy.types import TypeEngine

from bot.dates import month_bounds
from bot.db.models import Article, Event, EventMention
from bot.db.queries import fold_events, insert_with_ids, source_count
from bot.db.search import search_grams
from bot.extract import ExtractedEvent
from bot.extract.merge import (
    dates_compatible,
    is_same_event,
    is_same_event_across_articles,
    preferred_title,
)
from bot.outbox.store import hand_over_deliveries
from bot.title_words import index_keys, probe_keys

# new_event: alert it; new_source: another source reports a known event (alert update);
# moved / cancelled: a known event changed date or was called off (same id, `revision` bumped) —
# the hook the alert side uses to tell people; never a new alert by themselves.
ChangeKind = Literal["new_event", "new_source", "moved", "cancelled"]


@dataclass(frozen=True, slots=True)
class TimelineChange:
    """What one article did to the timeline; alerts are derived from these.

    `source_id` is the reporting article's source: who may hear of the change
    (`bot.visibility`).
    """

    event_id: int
    kind: ChangeKind
    source_id: int
    # The article that caused it: an article's changes are alerted together, as one message.
    article_id: int


# Any fixed number: the PostgreSQL advisory lock that serializes timeline writers across processes.
_TIMELINE_LOCK_KEY = 7_262_025


async def lock_timeline(session: AsyncSession) -> None:
    """Merging reads then writes, so concurrent writers (bot + a shell `scan`) must take turns.

    PostgreSQL: a transaction-scoped advisory lock. SQLite allows one writer at a time anyway,
    and the ingestor serializes its own writers in-process.
    """
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(
            text("SELECT pg_advisory_xact_lock(:key)"), {"key": _TIMELINE_LOCK_KEY}
        )


async def _candidates(session: AsyncSession, extracted: ExtractedEvent) -> list[Event]:
    """Events that could be the same happening: same day, or a month containing the day."""
    first, last = month_bounds(extracted.first_day)
    if extracted.granularity == "day":
        condition = or_(
            and_(Event.granularity == "day", Event.date == extracted.first_day),
            and_(Event.granularity == "month", Event.date == first),
        )
    else:
        condition = and_(Event.date >= first, Event.date <= last)
    rows = await session.scalars(select(Event).where(condition).order_by(Event.id))
    return list(rows)


async def _titles_by_event(session: AsyncSession, event_ids: list[int]) -> dict[int, list[str]]:
    """Every reported title of the candidate events, in one round trip."""
    titles: dict[int, list[str]] = {event_id: [] for event_id in event_ids}
    if event_ids:
        rows = await session.execute(
            select(EventMention.event_id, EventMention.title).where(
                EventMention.event_id.in_(event_ids)
            )
        )
        for event_id, title in rows:
            titles[event_id].append(title)
    return titles


async def _source_count(session: AsyncSession, event_id: int) -> int:
    return int(await session.scalar(select(source_count(event_id))) or 0)


async def _drop_mention(session: AsyncSession, mention: EventMention) -> None:
    """An article no longer reports an event; an event nobody reports any more goes too."""
    event_id = mention.event_id
    await session.delete(mention)
    await session.flush()
    remaining = await session.scalar(
        select(func.count()).select_from(EventMention).where(EventMention.event_id == event_id)
    )
    if not remaining:
        await session.execute(delete(Event).where(Event.id == event_id))
    else:
        await _refresh_event(session, event_id)


async def _refresh_event(session: AsyncSession, event_id: int) -> None:
    event = await session.get(Event, event_id)
    assert event is not None
    mentions = list(
        await session.scalars(select(EventMention).where(EventMention.event_id == event_id))
    )
    event.title = preferred_title(m.title for m in mentions)
    best = max(mentions, key=lambda m: (m.confidence, -m.id))
    event.summary = best.evidence
    event.confidence = max(m.confidence for m in mentions)


def _same_title(a: str, b: str) -> bool:
    """Titles of one event whatever its date (`is_same_event` at one shared date)."""
    return is_same_event("0000-01-01", a, "0000-01-01", b)


def _update_mention(mention: EventMention, item: ExtractedEvent) -> None:
    mention.title = item.title
    mention.evidence = item.evidence
    mention.span_start, mention.span_end = item.start, item.end
    mention.confidence = item.confidence


def _sharpen(event: Event, item: ExtractedEvent) -> None:
    """A report with the exact day sharpens a month-only event (not a move: same month)."""
    if event.granularity == "month" and item.granularity == "day":
        event.date, event.granularity = item.first_day, "day"


def _move(event: Event, item: ExtractedEvent, now: dt.datetime) -> bool:
    """Give the event the item's date, remembering the old one; False if it already has it."""
    if event.date_key == item.date and event.granularity == item.granularity:
        return False
    event.previous_date, event.previous_granularity = event.date, event.granularity
    event.date, event.granularity = item.first_day, item.granularity
    event.moved_at = event.updated_at = now
    event.revision += 1
    return True


async def _match(session: AsyncSession, item: ExtractedEvent) -> Event | None:
    """The known event this report describes: same day or containing month, similar title."""
    candidates = await _candidates(session, item)
    titles = await _titles_by_event(session, [c.id for c in candidates])
    return next(
        (
            c
            for c in candidates
            if any(
                is_same_event_across_articles(c.date_key, title, item.date, item.title)
                for title in (c.title, *titles[c.id])
            )
        ),
        None,
    )


def _at_date(item: ExtractedEvent, date: str) -> ExtractedEvent:
    granularity: Literal["day", "month"] = "month" if len(date) == 7 else "day"
    return replace(item, date=date, granularity=granularity, replaces=None, cancelled=False)


async def record_events(
    session: AsyncSession,
    article: Article,
    extracted: list[ExtractedEvent],
    now: dt.datetime,
) -> list[TimelineChange]:
    """Store what an article reports, keeping the identity of every event it reported before.

    An updated article is matched against its earlier mentions: same date and title → the
    mention is updated in place; same title, other date → the event is moved (same id, old
    date remembered) when this article alone reports it. A report with `replaces` moves the
    known event at the old date; a `cancelled` report marks the known event and never adds one.
    Everything else attaches to a matching event or creates one.
    """
    source_id = article.source_id
    changes: list[TimelineChange] = []
    earlier = {
        m.id: m
        for m in await session.scalars(
            select(EventMention)
            .where(EventMention.article_id == article.id)
            .options(selectinload(EventMention.event))
            .order_by(EventMention.id)
        )
    }
    reports = [item for item in extracted if not item.cancelled]
    unmatched: list[ExtractedEvent] = []
    for item in reports:  # unchanged dates: update in place
        mention = next(
            (
                m
                for m in earlier.values()
                if is_same_event(m.event.date_key, m.title, item.date, item.title)
            ),
            None,
        )
        if mention is None:
            unmatched.append(item)
            continue
        del earlier[mention.id]
        _update_mention(mention, item)
        _sharpen(mention.event, item)
        await session.flush()
        await _refresh_event(session, mention.event_id)
    remaining: list[ExtractedEvent] = []
    for item in unmatched:  # the article now gives another date for an event it reported
        mention = next((m for m in earlier.values() if _same_title(m.title, item.title)), None)
        reported_elsewhere = mention is not None and await session.scalar(
            select(func.count())
            .select_from(EventMention)
            .where(EventMention.event_id == mention.event_id, EventMention.article_id != article.id)
        )
        if mention is None or reported_elsewhere:
            remaining.append(item)
            continue
        del earlier[mention.id]
        _update_mention(mention, item)
        if _move(mention.event, item, now):
            changes.append(TimelineChange(mention.event_id, "moved", source_id, article.id))
        await session.flush()
        await _refresh_event(session, mention.event_id)
    for mention in earlier.values():  # no longer reported by this article
        await _drop_mention(session, mention)
    for item in remaining:
        changes += await _record_report(session, article, item, now)
    for item in extracted:
        if item.cancelled:
            changes += await _record_cancellation(session, item, article, now)
    reported = await session.execute(
        select(EventMention.event_id, EventMention.title).where(
            EventMention.article_id == article.id
        )
    )
    await index_title_keys(session, [(event_id, title) for event_id, title in reported])
    return changes


async def _record_cancellation(
    session: AsyncSession, item: ExtractedEvent, article: Article, now: dt.datetime
) -> list[TimelineChange]:
    event = await _match(session, item)
    if event is None or event.cancelled_at is not None:
        return []
    event.cancelled_at = event.updated_at = now
    event.revision += 1
    await session.flush()
    return [TimelineChange(event.id, "cancelled", article.source_id, article.id)]


async def _record_report(
    session: AsyncSession, article: Article, item: ExtractedEvent, now: dt.datetime
) -> list[TimelineChange]:
    """Attach one report to a known event (moving it if the report `replaces` its date)."""
    source_id = article.source_id
    changes: list[TimelineChange] = []
    match = None
    if item.replaces:
        match = await _match(session, _at_date(item, item.replaces))
        if match is not None and _move(match, item, now):
            changes.append(TimelineChange(match.id, "moved", source_id, article.id))
    if match is None:
        match = await _match(session, item)
    if match is None:
        event = Event(
            date=item.first_day,
            granularity=item.granularity,
            title=item.title,
            summary=item.evidence,
            confidence=item.confidence,
            first_seen_at=now,
        )
        session.add(event)
        await session.flush()
        session.add(_mention(event.id, article.id, item, now))
        await session.flush()
        return [TimelineChange(event.id, "new_event", source_id, article.id)]
    already = await session.scalar(
        select(EventMention.id).where(
            EventMention.event_id == match.id, EventMention.article_id == article.id
        )
    )
    if already is not None:  # a second report of the event in the same article
        return changes
    before = await _source_count(session, match.id)
    _sharpen(match, item)
    session.add(_mention(match.id, article.id, item, now))
    await session.flush()
    await _refresh_event(session, match.id)
    if await _source_count(session, match.id) > before:
        changes.append(TimelineChange(match.id, "new_source", source_id, article.id))
    return changes


def _mention(
    event_id: int, article_id: int, item: ExtractedEvent, now: dt.datetime
) -> EventMention:
    return EventMention(
        event_id=event_id,
        article_id=article_id,
        title=item.title,
        evidence=item.evidence,
        span_start=item.start,
        span_end=item.end,
        confidence=item.confidence,
        created_at=now,
    )


@dataclass(frozen=True, slots=True)
class ArticleEvents:
    """One stored article and the events extracted from it, for `record_batch`."""

    article_id: int
    source_id: int
    # Orders the batch canonically (with the events' dates and titles): the feed's order and
    # the order the extractions finished in never change the outcome.
    guid: str
    events: list[ExtractedEvent]


@dataclass(slots=True)
class _Candidate:
    """A timeline event as the batch sees it: stored (id set) or created by this batch."""

    id: int | None
    date: dt.date
    granularity: str
    title: str
    # (title, evidence, confidence, order) of each report; `order` ranks ties like mention ids.
    # A stored report's evidence is read only if it becomes the event's summary (None till then).
    reports: list[tuple[str, str | None, float, int]]
    # `index_keys` of all its titles: what a new report's `probe_keys` must meet.
    keys: set[str]
    # Sources of the reports this batch adds (a stored event told by a new one: `new_source`).
    new_report_sources: set[int] = field(default_factory=set)
    # The article of each stored report, by mention id: one mention per article and event.
    report_articles: dict[int, int] = field(default_factory=dict)
    # Stored events a report of this batch showed to be this one (`_merge`): folded into it.
    absorbed: list[_Candidate] = field(default_factory=list)
    folded: bool = False  # folded into another candidate: nothing of its own is written
    # A stored event's columns as read (date, granularity, title, confidence; its summary only
    # once it gains reports, `_read_summaries`): only those its new reports change are written.
    stored: dict[str, object] = field(default_factory=dict)
    changed: bool = False

    @property
    def date_key(self) -> str:
        return self.date.isoformat() if self.granularity == "day" else self.date.strftime("%Y-%m")


async def _batch_candidates(session: AsyncSession, items: list[ExtractedEvent]) -> list[_Candidate]:
    """The stored events any item could merge with: those whose titles share a name with it
    (`bot.title_words`) at a compatible date (its day or the month event containing it; any
    day of a month item's month), found through `event_title_keys`, with their reports' titles.

    A candidate's `keys` are the rows that found it: its index keys among those probed at its
    date. Every item that `_DatedCandidates.compatible` pairs with it probed its date, so that
    is all of its keys the item's probe can meet (and no stored title is re-keyed in Python)."""
    probes: set[tuple[dt.date, str, str]] = set()
    for item in items:
        keys = probe_keys(item.title)
        probes.update((day, kind, key) for day, kind in _compatible_dates(item) for key in keys)
    keys_of: dict[int, set[str]] = {}
    found = await _events_keyed(session, sorted(probes))
    for event_id, key in found:
        keys_of.setdefault(event_id, set()).add(key)
    candidates: dict[int, _Candidate] = {}
    if not keys_of:
        return []
    rows = await session.execute(
        _CANDIDATES[session.get_bind().dialect.name], _ids(session, _IDS, keys_of)
    )
    for event_id, date, granularity, title, best, report, confidence, mention_id, article in rows:
        candidate = candidates.get(event_id)
        if candidate is None:
            candidate = candidates[event_id] = _Candidate(
                event_id, date, granularity, title, [], keys_of[event_id]
            )
            candidate.stored = {
                "date": date,
                "granularity": granularity,
                "title": title,
                "confidence": best,
            }
        candidate.reports.append((report, None, confidence, mention_id))
        candidate.report_articles[mention_id] = article
    return sorted(candidates.values(), key=lambda c: c.id or 0)


@dataclass(frozen=True, slots=True)
class _Rows:
    """Rows sent as one parameter and read in SQL as the relation `{name}` with `columns`: a
    JSON array in SQLite's `json_each`, one array per column in PostgreSQL's `unnest`. One plain
    statement whatever their number, instead of an IN list or an OR with a branch per row, which
    was built and compiled on the event loop for every poll (~2 ms of CPU per article)."""

    name: str
    # (column, PostgreSQL type)
    columns: tuple[tuple[str, str], ...]

    def relation(self, dialect: str) -> str:
        names = [column for column, _ in self.columns]
        if dialect == "sqlite":
            picked = ", ".join(f"value ->> {n} AS {column}" for n, column in enumerate(names))
            return f"(SELECT {picked} FROM json_each(:{self.name})) AS {self.name}"
        arrays = ", ".join(f"CAST(:{self.name}_{c} AS {kind}[])" for c, kind in self.columns)
        return f"unnest({arrays}) AS {self.name}({', '.join(names)})"

    def parameters(
        self, session: AsyncSession, rows: Iterable[tuple[object, ...]]
    ) -> dict[str, object]:
        values = list(rows)
        if session.get_bind().dialect.name == "sqlite":
            return {self.name: json.dumps(values, default=_json_date)}
        return {
            f"{self.name}_{column}": [row[n] for row in values]
            for n, (column, _) in enumerate(self.columns)
        }


def _json_date(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()  # as SQLite stores dates
    raise TypeError(f"not a JSON value: {value!r}")


_IDS = _Rows("ids", (("id", "integer"),))
_SOURCES = _Rows("sources", (("id", "integer"),))
# What `event_title_keys` is searched by, in the table's order (one index search each).
_PROBES = _Rows("probes", (("date", "date"), ("granularity", "text"), ("title_key", "text")))
_REPORTED_KEYS = _Rows("reported", (("event_id", "integer"), ("title_key", "text")))


def _statements(sql: str, **types: TypeEngine[Any]) -> dict[str, TextClause | TextualSelect]:
    """`sql` for each dialect, `{ids}`, `{sources}`, `{probes}` and `{reported}` standing for
    those `_Rows` relations, its result typed as `types` say."""
    statements: dict[str, TextClause | TextualSelect] = {}
    for dialect in ("sqlite", "postgresql"):
        relations = {
            rows.name: rows.relation(dialect) for rows in (_IDS, _SOURCES, _PROBES, _REPORTED_KEYS)
        }
        statement = text(sql.format(**relations))
        statements[dialect] = statement.columns(**types) if types else statement
    return statements


def _ids(session: AsyncSession, rows: _Rows, ids: Iterable[int]) -> dict[str, object]:
    return rows.parameters(session, [(event_id,) for event_id in sorted(ids)])


# The candidates with their reports (an ORM select was also loaded row by row through the ORM).
_CANDIDATE_COLUMNS = (
    "SELECT events.id, events.date, events.granularity, events.title, events.confidence, "
    "event_mentions.title AS report_title, event_mentions.confidence AS report_confidence, "
    "event_mentions.id AS mention_id, event_mentions.article_id FROM {ids} "
    "JOIN events ON events.id = ids.id "
    "JOIN event_mentions ON event_mentions.event_id = events.id"
)
_CANDIDATES = _statements(
    _CANDIDATE_COLUMNS,
    id=Integer(),
    date=Date(),
    granularity=String(),
    title=String(),
    confidence=Float(),
    report_title=String(),
    report_confidence=Float(),
    mention_id=Integer(),
    article_id=Integer(),
)


def _compatible_dates(item: ExtractedEvent) -> list[tuple[dt.date, str]]:
    """Where `event_title_keys` files the events `merge.dates_compatible` with the item: its day
    and its month's month event; for a month item, every day of the month too."""
    first, last = month_bounds(item.first_day)
    if item.granularity == "day":
        return [(item.first_day, "day"), (first, "month")]
    days = (first + dt.timedelta(days=n) for n in range((last - first).days + 1))
    return [(first, "month"), *((day, "day") for day in days)]


# The (event, key) rows filed under each probe.
_EVENTS_KEYED = _statements(
    "SELECT event_title_keys.event_id, event_title_keys.title_key FROM {probes} "
    "JOIN event_title_keys ON event_title_keys.date = probes.date "
    "AND event_title_keys.granularity = probes.granularity "
    "AND event_title_keys.title_key = probes.title_key"
)


async def _events_keyed(
    session: AsyncSession, probes: list[tuple[dt.date, str, str]]
) -> list[tuple[int, str]]:
    """The (event id, key) rows `event_title_keys` files under the (date, granularity, key)s."""
    if not probes:
        return []
    found = await session.execute(
        _EVENTS_KEYED[session.get_bind().dialect.name], _PROBES.parameters(session, probes)
    )
    return [(event_id, key) for event_id, key in found]


def _matches(candidate: _Candidate, item: ExtractedEvent) -> bool:
    """Whether the item reports the candidate (`_DatedCandidates.compatible` found it)."""
    date_key = candidate.date_key
    # The event's title is usually one of its reports' titles, and sources often share one:
    # each distinct title is compared once.
    titles = dict.fromkeys((candidate.title, *(r[0] for r in candidate.reports)))
    return any(
        is_same_event_across_articles(date_key, title, item.date, item.title) for title in titles
    )


async def record_batch(
    session: AsyncSession, articles: list[ArticleEvents], now: dt.datetime
) -> list[TimelineChange]:
    """`record_events` for a poll's new articles with plain reports (no `replaces`, not
    `cancelled`): candidates fetched once, matched in memory in a canonical order, then events
    and mentions written in bulk. Edited articles and moves/cancellations go through
    `record_events`, which keeps event identity across edits.

    Call after the articles are stored, inside the poll's transaction under `lock_timeline`.
    """
    work: list[_Work] = sorted(
        (
            (item.first_day, item.granularity, item.title, a.guid, item.start, a, item)
            for a in articles
            for item in a.events
        ),
        key=lambda w: w[:5],
    )
    if not work:
        return []
    candidates = await _batch_candidates(session, [w[6] for w in work])
    # Comparisons are CPU work: off the event loop (a poll may compare thousands of pairs).
    created, mentions = await asyncio.to_thread(_merge, candidates, work)
    return await _write_batch(session, candidates, created, mentions, now)


# The `order` of a batch's first new report: above any mention id.
_NEW_REPORT_ORDER = 1 << 62
_Work = tuple[dt.date, str, str, str, int, ArticleEvents, ExtractedEvent]


class _DatedCandidates:
    """Candidates by date key, tried in the order they were first filed. Only the item's day
    and its month event (or, for a month item, its month's days) can have a compatible date:
    at 1M events a poll reads ~60k candidates, and a month of them holds thousands."""

    def __init__(self, candidates: list[_Candidate]) -> None:
        self._by_key: dict[str, list[_Candidate]] = {}
        self._keys_of_month: dict[str, set[str]] = {}
        self._rank: dict[int, int] = {}  # id(candidate) → when it was filed
        for candidate in candidates:
            self.add(candidate)

    def add(self, candidate: _Candidate) -> None:
        self._rank.setdefault(id(candidate), len(self._rank))
        self._file(candidate)

    def moved(self, candidate: _Candidate, old_key: str) -> None:
        """`candidate`'s date changed from `old_key` (a month sharpened to one of its days)."""
        self._by_key[old_key].remove(candidate)
        self._file(candidate)

    def remove(self, candidate: _Candidate) -> None:
        """`candidate` was folded into another event."""
        self._by_key[candidate.date_key].remove(candidate)

    def compatible(self, date_key: str, probe: frozenset[str]) -> list[_Candidate]:
        """Those `merge.dates_compatible` with `date_key` whose keys meet `probe` (names they
        share, `bot.title_words`), in filing order."""
        if len(date_key) == 10:
            keys: Iterable[str] = (date_key, date_key[:7])
        else:
            keys = self._keys_of_month.get(date_key, ())
        found = [
            candidate
            for key in keys
            for candidate in self._by_key.get(key, ())
            if not candidate.keys.isdisjoint(probe)
        ]
        return sorted(found, key=lambda candidate: self._rank[id(candidate)])

    def _file(self, candidate: _Candidate) -> None:
        key = candidate.date_key
        self._by_key.setdefault(key, []).append(candidate)
        self._keys_of_month.setdefault(key[:7], set()).add(key)


_Mention = tuple[_Candidate, ArticleEvents, ExtractedEvent, int]  # with its report's `order`


def _merge(
    candidates: list[_Candidate], work: list[_Work]
) -> tuple[list[_Candidate], list[_Mention]]:
    """Each item joins the event it matches (stored ones by id, then those this batch
    created), else starts a new one. An item that matches several events shows them to be one:
    the others are folded into the first (`_fold`). So an event is every report a chain of
    matching reports joins (single linkage), whatever order the reports arrive in."""
    dated = _DatedCandidates(candidates)
    created: list[_Candidate] = []
    mentions: list[_Mention] = []
    seen: set[tuple[int, int]] = set()  # (candidate, article id): one mention per pair
    order = _NEW_REPORT_ORDER  # new reports rank after stored ones, in batch order
    for *_, article, item in work:
        probe = probe_keys(item.title)
        matched = [c for c in dated.compatible(item.date, probe) if _matches(c, item)]
        if not matched:
            match = _Candidate(
                None, item.first_day, item.granularity, item.title, [], set(index_keys(item.title))
            )
            created.append(match)
            dated.add(match)
        else:
            match = matched[0]
            for other in matched[1:]:
                if dates_compatible(match.date_key, other.date_key):
                    mentions = _fold(match, other, dated, created, mentions, seen)
            if (id(match), article.article_id) in seen:
                continue
        seen.add((id(match), article.article_id))
        _sharpen_candidate(match, item.first_day, item.granularity, dated)
        match.reports.append((item.title, item.evidence, item.confidence, order))
        match.new_report_sources.add(article.source_id)
        match.keys |= index_keys(item.title)
        match.changed = True
        mentions.append((match, article, item, order))
        order += 1
    return created, mentions


def _sharpen_candidate(
    candidate: _Candidate, day: dt.date, granularity: str, dated: _DatedCandidates
) -> None:
    """A month event given an exact day by a report (or a folded event) takes that day."""
    if candidate.granularity == "month" and granularity == "day":
        month_key = candidate.date_key
        candidate.date, candidate.granularity = day, "day"
        dated.moved(candidate, month_key)


def _fold(
    into: _Candidate,
    other: _Candidate,
    dated: _DatedCandidates,
    created: list[_Candidate],
    mentions: list[_Mention],
    seen: set[tuple[int, int]],
) -> list[_Mention]:
    """Make `other` part of `into`: its reports, keys and sources; its mentions of this batch
    re-pointed (an article's second mention of the event dropped with its report). A stored
    `other` is remembered in `into.absorbed`, for `_write_batch` to fold in the database; its
    stored reports from articles `into` already has are dropped. Returns the mentions."""
    dated.remove(other)
    other.folded = True
    if other.id is None:
        created.remove(other)
    else:
        into.absorbed.append(other)
    into.absorbed += other.absorbed
    articles = set(into.report_articles.values())
    dropped: set[int] = set()  # orders of the reports that go
    for mention_id, article_id in other.report_articles.items():
        if article_id in articles:
            dropped.add(mention_id)
        else:
            into.report_articles[mention_id] = article_id
            articles.add(article_id)
    kept: list[_Mention] = []
    for mention in mentions:
        candidate, article, item, order = mention
        if candidate is other:
            if (id(into), article.article_id) in seen:
                dropped.add(order)
                continue
            seen.add((id(into), article.article_id))
            mention = (into, article, item, order)
        kept.append(mention)
    into.reports += [report for report in other.reports if report[3] not in dropped]
    into.keys |= other.keys
    into.new_report_sources |= other.new_report_sources
    into.changed = True
    _sharpen_candidate(into, other.date, other.granularity, dated)
    return kept


async def _write_batch(
    session: AsyncSession,
    candidates: list[_Candidate],
    created: list[_Candidate],
    mentions: list[_Mention],
    now: dt.datetime,
) -> list[TimelineChange]:
    """Bulk INSERT the new events (ids back in order) and all mentions; bulk UPDATE the
    stored events that gained reports (title, summary, confidence, a sharper date); fold the
    stored events the batch showed to be one (`bot.outbox.store.hand_over_deliveries`,
    `bot.db.queries.fold_events`)."""
    # In timeline order: SQLite's text index is keyed by it, and FTS5 starts a new index
    # segment whenever a transaction writes a key lower than the one before. Written out of
    # order, a poll made about one segment (and its merges) per event.
    created.sort(key=lambda c: c.date)
    ids = await insert_with_ids(
        session,
        Event,
        [{**_with_search_grams(_summary(c), {}), "first_seen_at": now} for c in created],
    )
    for candidate, new_id in zip(created, ids, strict=True):
        candidate.id = new_id
    updated = [c for c in candidates if c.changed and not c.folded]
    absorbed = [a for c in updated for a in c.absorbed]
    await _read_summaries(session, updated + absorbed)
    for candidate in updated:
        for other in candidate.absorbed:
            _lend_summary(candidate, other)
    told_before = await _sources_told(session, updated + absorbed)
    # One UPDATE per set of changed columns: an UPDATE naming title or summary also rewrites
    # the event's full-text rows (SQLite triggers), the costliest write at 1M events.
    # Each UPDATE in timeline order of the stored keys (see above).
    by_columns: dict[tuple[str, ...], list[dict[str, object]]] = {}
    for candidate in sorted(updated, key=_stored_timeline_order):
        changed = _changed_columns(candidate)
        if changed:
            by_columns.setdefault(tuple(sorted(changed)), []).append(
                {"id": candidate.id, **changed}
            )
    for rows in by_columns.values():
        await session.execute(update(Event), rows, execution_options={"synchronize_session": False})
    await session.execute(
        insert(EventMention),
        [
            {
                "event_id": candidate.id,
                "article_id": article.article_id,
                "title": item.title,
                "evidence": item.evidence,
                "span_start": item.start,
                "span_end": item.end,
                "confidence": item.confidence,
                "created_at": now,
            }
            for candidate, article, item, _ in mentions
        ],
    )
    await _insert_title_keys(
        session,
        {
            (candidate.id, key)
            for candidate, _, item, _ in mentions
            if candidate.id
            for key in index_keys(item.title) - _keys_stored(candidate)
        }
        | {
            (candidate.id, key)
            for candidate in updated
            if candidate.id and candidate.absorbed
            for title in _absorbed_titles(candidate)
            for key in index_keys(title) - _keys_stored(candidate)
        },
    )
    folds = [(other.id or 0, c.id or 0) for c in updated for other in c.absorbed]
    await hand_over_deliveries(session, folds)
    await fold_events(
        session,
        folds,
        [
            (report[3], c.id or 0)
            for c in updated
            if c.absorbed
            for report in c.reports
            if any(report[3] in other.report_articles for other in c.absorbed)
        ],
    )
    source_id = mentions[0][1].source_id if mentions else 0  # one poll: one source
    # Each change belongs to the first article of the batch that reported the event.
    first_article: dict[int, int] = {}
    for candidate, article, _, _ in mentions:
        first_article.setdefault(id(candidate), article.article_id)
    changes = [
        TimelineChange(new_id, "new_event", source_id, first_article[id(candidate)])
        for candidate, new_id in zip(created, ids, strict=True)
    ]
    changes += [
        TimelineChange(c.id, "new_source", source_id, first_article[id(c)])
        for c in updated
        if c.id and c.new_report_sources - _told(c, told_before)
    ]
    return changes


def _told(candidate: _Candidate, told_before: dict[int, set[int]]) -> set[int]:
    """The sources that had reported the event, or an event folded into it, before the batch."""
    events = [candidate, *candidate.absorbed]
    return set().union(*(told_before.get(e.id or 0, set()) for e in events))


def _absorbed_titles(candidate: _Candidate) -> set[str]:
    """The titles of the stored reports `candidate` takes over from the events folded into it."""
    theirs = set().union(*(other.report_articles for other in candidate.absorbed))
    return {title for title, _, _, order in candidate.reports if order in theirs}


def _lend_summary(candidate: _Candidate, other: _Candidate) -> None:
    """Give the best of `other`'s stored reports kept by `candidate` `other`'s summary (its
    evidence, read by `_read_summaries`): the event's summary if that report is its best."""
    summary = other.stored.get("summary")
    theirs = [r for r in candidate.reports if r[3] in other.report_articles]
    if not theirs or not isinstance(summary, str):
        return
    best = max(theirs, key=lambda r: (r[2], -r[3]))
    candidate.reports[candidate.reports.index(best)] = (best[0], summary, best[2], best[3])


def _stored_timeline_order(candidate: _Candidate) -> tuple[dt.date, int]:
    """A stored event's key in the text index as stored (an UPDATE first deletes that key)."""
    stored = candidate.stored.get("date")
    return (stored if isinstance(stored, dt.date) else candidate.date), candidate.id or 0


_SUMMARIES = _statements(
    "SELECT events.id, events.summary FROM {ids} JOIN events ON events.id = ids.id"
)


async def _read_summaries(session: AsyncSession, updated: list[_Candidate]) -> None:
    """The stored summaries of the events the batch adds reports to: compared with the new best
    report's evidence, and the text their search pairs are made of when only the title changes.
    Read for these few, not with every candidate (at 1M events a poll reads ~40k candidates)."""
    by_id = {c.id: c for c in updated if c.id is not None}
    if by_id:
        rows = await session.execute(
            _SUMMARIES[session.get_bind().dialect.name], _ids(session, _IDS, by_id)
        )
        for event_id, summary in rows:
            by_id[event_id].stored["summary"] = summary


_TOLD = _statements(
    "SELECT event_mentions.event_id, articles.source_id FROM {ids} "
    "JOIN event_mentions ON event_mentions.event_id = ids.id "
    "JOIN articles ON articles.id = event_mentions.article_id "
    "WHERE articles.source_id IN (SELECT id FROM {sources})"
)


async def _sources_told(session: AsyncSession, updated: list[_Candidate]) -> dict[int, set[int]]:
    """Which of the batch's sources had already reported each stored event it adds to."""
    ids = [c.id for c in updated if c.id is not None]
    told: dict[int, set[int]] = {}
    if ids:
        sources = set().union(*(c.new_report_sources for c in updated))
        rows = await session.execute(
            _TOLD[session.get_bind().dialect.name],
            {**_ids(session, _IDS, ids), **_ids(session, _SOURCES, sources)},
        )
        for event_id, source_id in rows:
            told.setdefault(event_id, set()).add(source_id)
    return told


# A report's keys at its event's date, written in the table's order (a poll's rows then share
# pages), rows already there kept (SQLite needs the WHERE before an upsert's ON CONFLICT).
_INDEX_TITLE_KEYS = _statements(
    "INSERT INTO event_title_keys (date, granularity, title_key, event_id) "
    "SELECT events.date, events.granularity, reported.title_key, events.id "
    "FROM {reported} JOIN events ON events.id = reported.event_id "
    "WHERE true ORDER BY 1, 2, 3, 4 ON CONFLICT DO NOTHING"
)


async def index_title_keys(session: AsyncSession, reports: list[tuple[int, str]]) -> None:
    """Record the `index_keys` of (event id, report title) pairs in `event_title_keys`, at the
    event's current date and granularity (rows already there are kept)."""
    await _insert_title_keys(
        session, {(event_id, key) for event_id, title in reports for key in index_keys(title)}
    )


async def _insert_title_keys(session: AsyncSession, rows: set[tuple[int, str]]) -> None:
    if rows:
        await session.execute(
            _INDEX_TITLE_KEYS[session.get_bind().dialect.name],
            _REPORTED_KEYS.parameters(session, sorted(rows)),
        )


def _keys_stored(candidate: _Candidate) -> frozenset[str]:
    """The keys `event_title_keys` already holds for a candidate: those of its own stored
    reports' titles (not of those it takes over from folded events). A report repeating them
    writes nothing (at 1M events each key written is a b-tree search, and most reports merging
    into a stored event repeat its names)."""
    theirs = set().union(*(other.report_articles for other in candidate.absorbed))
    return frozenset().union(
        *(
            index_keys(title)
            for title, _, _, order in candidate.reports
            if order < _NEW_REPORT_ORDER and order not in theirs
        )
    )


def _best_report(candidate: _Candidate) -> tuple[str, str | None, float, int]:
    """The report whose evidence is the event's summary: most confident, then earliest."""
    return max(candidate.reports, key=lambda r: (r[2], -r[3]))


def _summary(candidate: _Candidate) -> dict[str, object]:
    """What `_refresh_event` derives from an event's reports; the summary is None when the best
    report is a stored one (its evidence is already the event's summary)."""
    best = _best_report(candidate)
    title = preferred_title(r[0] for r in candidate.reports)
    return {
        "date": candidate.date,
        "granularity": candidate.granularity,
        "title": title,
        "summary": best[1],
        "confidence": max(r[2] for r in candidate.reports),
    }


def _with_search_grams(columns: dict[str, object], stored: dict[str, object]) -> dict[str, object]:
    """Columns plus the character pairs the text indexes need when the title or summary is
    among them (bulk statements skip the model's hook); the other text is the stored one."""
    if "title" not in columns and "summary" not in columns:
        return columns
    title = columns.get("title", stored.get("title"))
    summary = columns.get("summary", stored.get("summary"))
    return {**columns, "search_grams": search_grams((str(title or ""), str(summary or "")))}


def _changed_columns(candidate: _Candidate) -> dict[str, object]:
    """The columns of a stored event that its new reports change."""
    changed = {
        column: value
        for column, value in _summary(candidate).items()
        if value is not None and value != candidate.stored.get(column)
    }
    return _with_search_grams(changed, candidate.stored)
