"""Writes extracted events into the timeline, merging reports of the same event across articles.

This is the only writer of `events` and `event_mentions`; the ingest pipeline calls it inside the
transaction that stores the article, so an article and its events land together or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import and_, delete, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.dates import month_bounds
from bot.db.models import Article, Event, EventMention
from bot.db.queries import source_count
from bot.extract import ExtractedEvent
from bot.extract.merge import is_same_event, preferred_title

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
                is_same_event(c.date_key, title, item.date, item.title)
                for title in (c.title, *titles[c.id])
            )
        ),
        None,
    )


def _at_date(item: ExtractedEvent, date: str) -> ExtractedEvent:
    granularity: Literal["day", "month"] = "month" if len(date) == 7 else "day"
    return ExtractedEvent(
        date=date,
        granularity=granularity,
        title=item.title,
        evidence=item.evidence,
        start=item.start,
        end=item.end,
        confidence=item.confidence,
    )


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
            changes.append(TimelineChange(mention.event_id, "moved", source_id))
        await session.flush()
        await _refresh_event(session, mention.event_id)
    for mention in earlier.values():  # no longer reported by this article
        await _drop_mention(session, mention)
    for item in remaining:
        changes += await _record_report(session, article, item, now)
    for item in extracted:
        if item.cancelled:
            changes += await _record_cancellation(session, item, source_id, now)
    return changes


async def _record_cancellation(
    session: AsyncSession, item: ExtractedEvent, source_id: int, now: dt.datetime
) -> list[TimelineChange]:
    event = await _match(session, item)
    if event is None or event.cancelled_at is not None:
        return []
    event.cancelled_at = event.updated_at = now
    event.revision += 1
    await session.flush()
    return [TimelineChange(event.id, "cancelled", source_id)]


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
            changes.append(TimelineChange(match.id, "moved", source_id))
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
        return [TimelineChange(event.id, "new_event", source_id)]
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
        changes.append(TimelineChange(match.id, "new_source", source_id))
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
