"""Timeline exports: iCalendar (.ics), CSV and JSON, from one loader shared by /export and the CLI.

The renderers are pure (details in, bytes out). In the .ics every event is an all-day VEVENT
whose UID is stable (`event-{id}@dateline`), so re-importing an export updates a calendar
instead of duplicating it; a month event spans its whole month.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Sequence
from typing import Literal

from icalendar import Calendar
from icalendar import Event as VEvent
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dates import month_bounds
from bot.db.models import Article, EventMention, Source
from bot.render import detail_json
from bot.timeline import EventDetail, SourceArticle, TimelineQuery, TimelineService
from bot.visibility import Viewer, mention_visible

ExportFormat = Literal["ics", "csv", "json"]
FORMATS: tuple[ExportFormat, ...] = ("ics", "csv", "json")
MEDIA_TYPES: dict[ExportFormat, str] = {
    "ics": "text/calendar",
    "csv": "text/csv",
    "json": "application/json",
}
MAX_EXPORT_EVENTS = 5000
_BATCH = 500


async def articles_by_event(
    session: AsyncSession, event_ids: Sequence[int], viewer: Viewer
) -> dict[int, list[SourceArticle]]:
    """The reporting articles the viewer may see, of many events in a few queries."""
    articles: defaultdict[int, list[SourceArticle]] = defaultdict(list)
    for start in range(0, len(event_ids), _BATCH):
        result = await session.execute(
            select(EventMention, Article, Source)
            .join(Article, EventMention.article_id == Article.id)
            .join(Source, Article.source_id == Source.id)
            .where(EventMention.event_id.in_(event_ids[start : start + _BATCH]))
            .where(mention_visible(viewer))
            .order_by(EventMention.id)
        )
        for mention, article, source in result.all():
            articles[mention.event_id].append(
                SourceArticle(
                    title=article.title,
                    url=article.url,
                    source_name=source.display_name,
                    published_at=article.published_at,
                    evidence=mention.evidence,
                )
            )
    return articles


async def load_details(
    sessions: async_sessionmaker[AsyncSession],
    query: TimelineQuery,
    *,
    viewer: Viewer,
    limit: int = MAX_EXPORT_EVENTS,
) -> list[EventDetail]:
    """Matching events in date order, each with the articles (the viewer sees) that report it."""
    rows = await TimelineService(sessions).all_matching(query, viewer=viewer, limit=limit)
    async with sessions() as session:
        articles = await articles_by_event(session, [row.id for row in rows], viewer)
    return [EventDetail(event=row, articles=articles.get(row.id, [])) for row in rows]


def event_uid(event_id: int) -> str:
    return f"event-{event_id}@dateline"


def event_span(detail: EventDetail) -> tuple[dt.date, dt.date]:
    """First day and the exclusive end day (iCalendar DTEND) of an all-day event."""
    row = detail.event
    if row.granularity == "month":
        first, last = month_bounds(row.date)
        return first, last + dt.timedelta(days=1)
    return row.date, row.date + dt.timedelta(days=1)


def _description(detail: EventDetail) -> str:
    lines = [detail.event.summary] if detail.event.summary else []
    if detail.articles:
        lines.append("")
        lines.append("Sources:")
        for article in detail.articles:
            link = f" {article.url}" if article.url else ""
            lines.append(f"- {article.source_name}: {article.title}{link}")
    return "\n".join(lines)


def to_ics(details: Sequence[EventDetail], *, name: str = "Dateline timeline") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Dateline//Dateline timeline//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for detail in details:
        start, end = event_span(detail)
        vevent = VEvent()
        vevent.add("uid", event_uid(detail.event.id))
        # The moment Dateline learned of the event: stable, so identical exports are identical.
        vevent.add("dtstamp", detail.event.first_seen_at)
        vevent.add("dtstart", start)
        vevent.add("dtend", end)
        vevent.add("summary", detail.event.title)
        vevent.add("description", _description(detail))
        vevent.add("transp", "TRANSPARENT")
        url = next((a.url for a in detail.articles if a.url), None)
        if url:
            vevent.add("url", url)
        calendar.add_component(vevent)
    ical: bytes = calendar.to_ical()  # icalendar is untyped
    return ical


def _cell(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; news text must stay text."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(details: Sequence[EventDetail]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["id", "date", "granularity", "title", "summary", "source_count", "sources", "links"]
    )
    for detail in details:
        row = detail.event
        sources = sorted({a.source_name for a in detail.articles})
        links = [a.url for a in detail.articles if a.url]
        writer.writerow(
            [
                row.id,
                row.date_key,
                row.granularity,
                _cell(row.title),
                _cell(row.summary),
                row.source_count,
                _cell("; ".join(sources)),
                " ".join(links),
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def to_json(details: Sequence[EventDetail]) -> bytes:
    return json.dumps([detail_json(d) for d in details], ensure_ascii=False, indent=2).encode()


def render_export(details: Sequence[EventDetail], fmt: ExportFormat) -> bytes:
    if fmt == "ics":
        return to_ics(details)
    if fmt == "csv":
        return to_csv(details)
    return to_json(details)
