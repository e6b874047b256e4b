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

from bot.dates import month_bounds
from bot.db.models import Article, Event, EventMention
from bot.db.queries import source_count
from bot.extract import ExtractedEvent
from bot.extract.merge import is_same_event, preferred_title

ChangeKind = Literal["new_event", "new_source", "moved", "cancelled"]


@dataclass(frozen=True, slots=True)
class TimelineChange:
    """What one article did to the timeline; alerts are derived from these."""

    event_id: int
    kind: ChangeKind


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


async def clear_article_mentions(session: AsyncSession, article_id: int) -> None:
    """Forget what an article said before it changed; events nobody reports any more go too."""
    event_ids = list(
        await session.scalars(
            select(EventMention.event_id).where(EventMention.article_id == article_id)
        )
    )
    await session.execute(delete(EventMention).where(EventMention.article_id == article_id))
    for event_id in event_ids:
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


async def record_events(
    session: AsyncSession,
    article: Article,
    extracted: list[ExtractedEvent],
    now: dt.datetime,
) -> list[TimelineChange]:
    """Attach each extracted event to an existing timeline event or create a new one."""
    changes: list[TimelineChange] = []
    for item in extracted:
        candidates = await _candidates(session, item)
        titles = await _titles_by_event(session, [c.id for c in candidates])
        match = next(
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
            changes.append(TimelineChange(event.id, "new_event"))
            continue
        already = await session.scalar(
            select(EventMention.id).where(
                EventMention.event_id == match.id, EventMention.article_id == article.id
            )
        )
        if already is not None:
            continue
        before = await _source_count(session, match.id)
        if match.granularity == "month" and item.granularity == "day":
            # A report with the exact day sharpens a month-only event.
            match.date, match.granularity = item.first_day, "day"
        session.add(_mention(match.id, article.id, item, now))
        await session.flush()
        await _refresh_event(session, match.id)
        if await _source_count(session, match.id) > before:
            changes.append(TimelineChange(match.id, "new_source"))
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


async def move_event(
    session: AsyncSession,
    event_id: int,
    day: dt.date,
    granularity: str,
    now: dt.datetime,
) -> TimelineChange | None:
    """The event keeps its id and remembers the date it had; None when nothing changed."""
    event = await session.get(Event, event_id)
    if event is None or (event.date, event.granularity) == (day, granularity):
        return None
    event.previous_date, event.previous_granularity = event.date, event.granularity
    event.date, event.granularity = day, granularity
    event.moved_at = event.updated_at = now
    event.revision += 1
    await session.flush()
    return TimelineChange(event.id, "moved")


async def cancel_event(
    session: AsyncSession, event_id: int, now: dt.datetime
) -> TimelineChange | None:
    """A cancelled event stays on the timeline (calendars must be told) but is not reminded."""
    event = await session.get(Event, event_id)
    if event is None or event.cancelled_at is not None:
        return None
    event.cancelled_at = event.updated_at = now
    event.revision += 1
    await session.flush()
    return TimelineChange(event.id, "cancelled")
